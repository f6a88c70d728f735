package io.opensop.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.Forms;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.HttpApiTest;
import io.opensop.runtime.api.TestUsers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Approve, reject and return carry the fields changed on the task's form ({@code values} with
 * {@code version} or If-Match) and save them with the decision in one transaction, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:task_decisions;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class TaskDecisionApiTest extends HttpApiTest {

    @Autowired
    ProcessModelService models;
    @Autowired
    WorkflowService workflow;

    @Test
    void aDecisionSavesTheReviewSectionWithItOrNothingWhenItIsRefused() {
        TestUsers.create(users, passwords, "td_rep", "secret-rep", "sales");
        TestUsers.create(users, passwords, "td_boss", "secret-boss", "manager");
        ApiClient rep = ApiClient.as(port, "td_rep", "secret-rep");
        ApiClient boss = ApiClient.as(port, "td_boss", "secret-boss");
        forms.create(Actor.system(), Forms.offerUnderReview("td_offer"));
        forms.publish(Actor.system(), "td_offer", false);
        String xml = Forms.offerReview("td_review", "td_offer", "td_boss").toBpmn();
        models.importModel(Actor.system(), null, xml.getBytes(StandardCharsets.UTF_8));
        models.publish(Actor.system(), "td_review");
        FormRecord offer = records.create(Actor.system(), "td_offer",
                Map.of("name", "TD offer", "amount", new BigDecimal("5000")));
        assertThat(rep.post("/api/processes/td_review/start", Map.of("formKey", "td_offer", "recordId", offer.id()))
                .status()).isEqualTo(201);
        assertThat(rep.post("/api/tasks/" + onlyTask(rep) + "/complete", Map.of("version", offer.version(),
                "values", Map.of())).status()).isEqualTo(200);
        String review = onlyTask(boss);
        long seen = version(offer);

        ApiClient.Response stale = boss.post("/api/tasks/" + review + "/approve", Map.of("comment", "ok",
                "version", seen - 1, "values", Map.of("review_note", "margin is fine, go ahead")));
        assertThat(stale.status()).as(stale.text()).isEqualTo(409);
        ApiClient.Response noVersion = boss.post("/api/tasks/" + review + "/approve",
                Map.of("values", Map.of("review_note", "margin is fine, go ahead")));
        assertThat(noVersion.status()).isEqualTo(422);
        assertThat(noVersion.json().get("errors").get(0).get("field").asText()).isEqualTo("version");
        ApiClient.Response ruleFails = boss.post("/api/tasks/" + review + "/approve",
                Map.of("version", seen, "values", Map.of("review_note", "fine")));
        assertThat(ruleFails.status()).isEqualTo(422);
        assertThat(ruleFails.json().get("errors").get(0).get("field").asText()).isEqualTo("review_note");
        ApiClient.Response outside = boss.post("/api/tasks/" + review + "/reject", Map.of("comment", "no",
                "version", seen, "values", Map.of("amount", 1)));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("errors").get(0).get("field").asText()).isEqualTo("amount");
        assertThat(version(offer)).isEqualTo(seen);
        assertThat(records.get(Actor.system(), "td_offer", offer.id()).values().get("review_note")).isNull();
        assertThat(onlyTask(boss)).isEqualTo(review);

        ApiClient.Response returned = boss.header("If-Match", "\"" + seen + "\"").post("/api/tasks/" + review
                + "/return", Map.of("target", "submitter", "reason", "price?", "values",
                Map.of("review_note", "ask for a better price")));
        assertThat(returned.status()).as(returned.text()).isEqualTo(200);
        assertThat(records.get(Actor.system(), "td_offer", offer.id()).values())
                .containsEntry("review_note", "ask for a better price");
        rep.post("/api/tasks/" + onlyTask(rep) + "/complete", Map.of("version", version(offer), "values", Map.of()));
        long resubmitted = version(offer);

        ApiClient.Response approved = boss.post("/api/tasks/" + onlyTask(boss) + "/approve", Map.of("comment", "ok",
                "version", resubmitted, "values", Map.of("review_note", "better price, approved")));

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("kind").asText()).isEqualTo("approve");
        assertThat(version(offer)).isEqualTo(resubmitted + 1);
        assertThat(records.get(Actor.system(), "td_offer", offer.id()).values())
                .containsEntry("review_note", "better price, approved");
        assertThat(workflow.running("td_offer", offer.id())).isFalse();
    }

    private long version(FormRecord offer) {
        return records.get(Actor.system(), "td_offer", offer.id()).version();
    }

    private String onlyTask(ApiClient who) {
        ApiClient.Response tasks = who.get("/api/tasks");
        assertThat(tasks.json()).as(tasks.text()).hasSize(1);
        return tasks.json().get(0).get("id").asText();
    }
}
