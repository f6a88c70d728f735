package io.opensop.runtime.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.error.Problem;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gate checklist's dry run against the demo app (same configuration as the browser tests, so the
 * context is shared): it reports what a real move would, and changes nothing — no stage, no version,
 * no revision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:ui;DB_CLOSE_DELAY=-1",
        "opensop.demo.enabled=true"})
class StageMovesTest {

    @Autowired
    StageMoves moves;
    @Autowired
    RecordService records;
    @Autowired
    UserDirectory users;

    @Test
    void theDryRunListsTheUnmetGatesOfTheNextStageAndLeavesTheRecordAsItWas() {
        Actor rep = rep1();
        FormRecord created = records.create(rep, "opportunity", Map.of("name", "试算商机 D4",
                "customer", anyCustomer(), "amount", new BigDecimal("1000.00")));
        FormRecord inDemo = records.moveStage(rep, "opportunity", created.id(), created.version(), "demo");
        int revisions = records.history(rep, "opportunity", inDemo.id()).size();

        List<Problem> unmet = moves.unmet(rep, inDemo, "quote");

        assertThat(unmet).extracting(Problem::field, Problem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("needs_assessment", "gate_unmet"),
                org.assertj.core.groups.Tuple.tuple("signature_page", "gate_unmet"));
        assertThat(moves.unmet(rep, inDemo, "needs")).as("back to an earlier stage has no gate").isEmpty();
        FormRecord after = records.get(rep, "opportunity", inDemo.id());
        assertThat(after.stage()).as("the dry run that would pass did not move it").isEqualTo("demo");
        assertThat(after.version()).isEqualTo(inDemo.version());
        assertThat(records.history(rep, "opportunity", inDemo.id())).hasSize(revisions);
    }

    @Test
    void aRealMoveThatFailsItsGatesReportsThemAndKeepsTheStage() {
        Actor rep = rep1();
        FormRecord created = records.create(rep, "opportunity", Map.of("name", "试算商机 D5",
                "customer", anyCustomer()));
        FormRecord inDemo = records.moveStage(rep, "opportunity", created.id(), created.version(), "demo");

        StageMoves.Outcome outcome = moves.move(rep, inDemo, "quote");

        assertThat(outcome.moved()).isFalse();
        assertThat(outcome.problems()).hasSize(2);
        assertThat(records.get(rep, "opportunity", inDemo.id()).stage()).isEqualTo("demo");
        StageMoves.Outcome back = moves.move(rep, inDemo, "needs");
        assertThat(back.moved()).isTrue();
        assertThat(back.record().stage()).isEqualTo("needs");
    }

    private Actor rep1() {
        UserAccount user = users.byUsername("rep1").orElseThrow();
        return new Actor(user.id(), user.username(), user.roles(), Locale.SIMPLIFIED_CHINESE,
                ZoneId.of("Asia/Shanghai"));
    }

    private long anyCustomer() {
        return records.list(Actor.system(), "customer", RecordQuery.firstPage(1)).items().get(0).id();
    }
}
