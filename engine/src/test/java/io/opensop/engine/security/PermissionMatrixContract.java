package io.opensop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what to which records: roles, row scopes through the org chart and field access,
 * asserted for what is allowed and for what is refused.
 */
abstract class PermissionMatrixContract {

    private HikariDataSource dataSource;
    private EngineServices engine;
    private Actor director;
    private Actor managerEast;
    private Actor repA;
    private Actor repB;
    private Actor repOtherTeam;
    private Actor finance;
    private Actor readOnly;
    private Actor designer;
    private long recordOfA;
    private long recordOfB;
    private long recordOfOtherTeam;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void organisation() {
        dataSource = newDatabase();
        engine = new EngineHarness(dataSource).engine;
        director = actor(user("director", null, "hq", "sales_director"));
        managerEast = actor(user("m_east", director.userId(), "east", "sales_manager"));
        Actor managerWest = actor(user("m_west", director.userId(), "west", "sales_manager"));
        repA = actor(user("rep_a", managerEast.userId(), "east", "sales_rep"));
        repB = actor(user("rep_b", managerEast.userId(), "east", "sales_rep"));
        repOtherTeam = actor(user("rep_c", managerWest.userId(), "west", "sales_rep"));
        finance = actor(user("fin", null, null, "finance"));
        readOnly = actor(user("viewer", null, null, "read_only"));
        designer = actor(user("ops", null, null, "designer"));

        engine.forms().create(designer, FormJson.read("""
                {"key":"opportunity","label":{"en":"Opportunity","zh-CN":"商机"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"amount","type":"money","label":{"en":"Amount"}},
                   {"key":"cost","type":"money","label":{"en":"Cost"}},
                   {"key":"discount","type":"percent","label":{"en":"Discount"}},
                   {"key":"margin","type":"formula","label":{"en":"Margin"},"resultType":"money",
                    "formula":"amount - cost"},
                   {"key":"margin_band","type":"formula","label":{"en":"Margin band"},"resultType":"text",
                    "formula":"IF(margin > 50, \\"high\\", \\"low\\")"},
                   {"key":"gross","type":"formula","label":{"en":"Gross"},"resultType":"money",
                    "formula":"amount * 2"}],
                 "permissions":{
                   "create":["sales_rep","sales_manager"],
                   "read":["sales_rep","sales_manager","sales_director","finance","read_only"],
                   "update":["sales_rep","sales_manager"],
                   "delete":["sales_manager"]},
                 "access":{
                   "rowScopes":{"sales_manager":"team","sales_director":"team","finance":"all","read_only":"all"},
                   "fields":{"sales_rep":{"cost":"hidden","discount":"read_only"},"read_only":{"cost":"hidden"}}}}
                """));
        engine.forms().publish(designer, "opportunity", false);
        recordOfA = engine.records().create(repA, "opportunity", Map.of("name", "A's deal", "amount", 100)).id();
        recordOfB = engine.records().create(repB, "opportunity", Map.of("name", "B's deal", "amount", 200)).id();
        recordOfOtherTeam = engine.records().create(repOtherTeam, "opportunity", Map.of("name", "C's deal")).id();
        engine.records().update(managerEast, "opportunity", recordOfA, 1, Map.of("cost", 60, "discount", new java.math.BigDecimal("0.05")));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private UserAccount user(String name, Long managerId, String region, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", managerId,
                region, region, Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH,
                java.time.ZoneId.of("Asia/Shanghai"));
    }

    private List<Long> visibleTo(Actor actor) {
        return engine.records().list(actor, "opportunity", RecordQuery.firstPage(100)).items().stream()
                .map(FormRecord::id).toList();
    }

    @Test
    void aRepSeesOnlyTheirOwnRecords() {
        assertThat(visibleTo(repA)).containsExactly(recordOfA);
        assertThatThrownBy(() -> engine.records().get(repA, "opportunity", recordOfB))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.records().update(repA, "opportunity", recordOfB, 1, Map.of("name", "mine")))
                .as("out of scope looks like not found, so existence does not leak")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aManagerSeesTheTeamAndNotAnotherTeam() {
        assertThat(visibleTo(managerEast)).containsExactlyInAnyOrder(recordOfA, recordOfB);
        assertThatThrownBy(() -> engine.records().get(managerEast, "opportunity", recordOfOtherTeam))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDirectorTwoLevelsUpSeesEveryTeam() {
        assertThat(visibleTo(director)).containsExactlyInAnyOrder(recordOfA, recordOfB, recordOfOtherTeam);
        assertThatThrownBy(() -> engine.records().update(director, "opportunity", recordOfA, 2, Map.of("name", "x")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void financeReadsEverythingButChangesNothing() {
        assertThat(visibleTo(finance)).containsExactlyInAnyOrder(recordOfA, recordOfB, recordOfOtherTeam);
        assertThatThrownBy(() -> engine.records().create(finance, "opportunity", Map.of("name", "x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> engine.records().delete(finance, "opportunity", recordOfA, 2))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void onlyManagersDelete() {
        assertThatThrownBy(() -> engine.records().delete(repA, "opportunity", recordOfA, 2))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(engine.records().delete(managerEast, "opportunity", recordOfA, 2).deleted()).isTrue();
    }

    @Test
    void aHiddenFieldIsNeitherShownNorFilterableNorWritable() {
        FormRecord seenByRep = engine.records().get(repA, "opportunity", recordOfA);
        assertThat(seenByRep.values()).doesNotContainKey("cost").containsKey("discount");
        assertThat(engine.records().get(managerEast, "opportunity", recordOfA).values()).containsKey("cost");
        assertThat(engine.records().get(readOnly, "opportunity", recordOfA).values()).doesNotContainKey("cost");

        RecordQuery probe = new RecordQuery(List.of(new RecordFilter("cost", FilterOperator.GT, List.of("50"))),
                List.of(), 10, null, false, false);
        assertThatThrownBy(() -> engine.records().list(repA, "opportunity", probe))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("unknown_field"));
        assertThatThrownBy(() -> engine.records().update(repA, "opportunity", recordOfA, 2, Map.of("cost", 1)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("unknown_field"));
        assertThat(engine.records().history(repA, "opportunity", recordOfA))
                .flatExtracting(r -> r.changes()).extracting(c -> c.field()).doesNotContain("cost");
    }

    @Test
    void aFormulaComputedFromAHiddenFieldIsHiddenTooEvenThroughAnotherFormula() {
        FormRecord seenByManager = engine.records().get(managerEast, "opportunity", recordOfA);
        assertThat(seenByManager.values()).containsEntry("margin", new java.math.BigDecimal("40.00"))
                .containsEntry("margin_band", "low");
        FormRecord seenByRep = engine.records().get(repA, "opportunity", recordOfA);
        assertThat(seenByRep.values()).doesNotContainKeys("cost", "margin", "margin_band")
                .containsEntry("gross", new java.math.BigDecimal("200.00"));
        assertThat(engine.records().visibleFields(repA, "opportunity")).contains("gross")
                .doesNotContain("cost", "margin", "margin_band");

        RecordQuery byMargin = new RecordQuery(List.of(new RecordFilter("margin", FilterOperator.LT, List.of("100"))),
                List.of(), 10, null, false, false);
        assertThat(engine.records().list(managerEast, "opportunity", byMargin).items()).hasSize(1);
        assertThatThrownBy(() -> engine.records().list(repA, "opportunity", byMargin))
                .as("a derived value cannot be probed by filtering either")
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("unknown_field"));
        assertThat(engine.records().history(repA, "opportunity", recordOfA))
                .flatExtracting(r -> r.changes()).extracting(c -> c.field()).doesNotContain("margin", "margin_band");
    }

    @Test
    void aReadOnlyFieldCannotBeChangedByTheRoleThatOnlyReadsIt() {
        assertThatThrownBy(() -> engine.records().update(repA, "opportunity", recordOfA, 2, Map.of("discount", new java.math.BigDecimal("0.5"))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("read_only"));
        assertThat(engine.records().update(managerEast, "opportunity", recordOfA, 2, Map.of("discount", new java.math.BigDecimal("0.1")))
                .values().get("discount")).isEqualTo(new java.math.BigDecimal("0.1000"));
    }

    @Test
    void theReadOnlyRoleAndTheDesignerCannotCreateAndTheDesignerCannotReadRecords() {
        assertThatThrownBy(() -> engine.records().create(readOnly, "opportunity", Map.of("name", "x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> visibleTo(designer)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> engine.forms().publish(repA, "opportunity", false))
                .isInstanceOf(AccessDeniedException.class);
    }
}
