package io.opensop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.transfer.ExportFormat;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values read through a reference ({@code account.tier} on a deal) follow the target: hidden when the
 * target field is hidden from the actor in the target form (also when it is derived there from a hidden
 * field), when the actor may not read the target form, and — row by row — when the actor may not read
 * the referenced record; in record reads, lists, history and exports, and not filterable, sortable or
 * measurable by an actor who may not read every target record.
 */
abstract class ReadThroughAccessContract {

    private HikariDataSource dataSource;
    private EngineServices engine;
    private Actor manager;
    private Actor repA;
    private Actor finance;
    private Actor viewer;
    private long dealOnOwnAccount;
    private long dealOnColleaguesAccount;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void accountsAndDeals() {
        dataSource = newDatabase();
        engine = new EngineHarness(dataSource).engine;
        Actor admin = EngineHarness.admin();
        manager = actor(user("rt_manager", null, "sales_manager"));
        repA = actor(user("rt_rep_a", manager.userId(), "sales_rep"));
        Actor repB = actor(user("rt_rep_b", manager.userId(), "sales_rep"));
        finance = actor(user("rt_finance", null, "finance"));
        viewer = actor(user("rt_viewer", null, "read_only"));
        engine.forms().create(admin, FormJson.read("""
                {"key":"rt_account","label":{"en":"Account"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"}},
                   {"key":"tier","type":"text","label":{"en":"Tier"}},
                   {"key":"credit_limit","type":"money","label":{"en":"Credit limit"}},
                   {"key":"internal_rating","type":"number","label":{"en":"Internal rating"}},
                   {"key":"risk","type":"formula","label":{"en":"Risk"},"resultType":"text",
                    "formula":"IF(internal_rating > 5, \\"high\\", \\"low\\")"}],
                 "permissions":{"read":["sales_rep","sales_manager","finance"]},
                 "access":{"rowScopes":{"sales_rep":"own","sales_manager":"team","finance":"all"},
                           "fields":{"sales_rep":{"credit_limit":"hidden","internal_rating":"hidden"}}}}
                """));
        engine.forms().publish(admin, "rt_account", false);
        engine.forms().create(admin, FormJson.read("""
                {"key":"rt_deal","label":{"en":"Deal"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"}},
                   {"key":"account","type":"reference","target":"rt_account","label":{"en":"Account"}},
                   {"key":"account_tier","type":"formula","label":{"en":"Account tier"},"resultType":"text",
                    "formula":"account.tier"},
                   {"key":"tier_note","type":"formula","label":{"en":"Tier note"},"resultType":"text",
                    "formula":"CONCAT(\\"tier \\", account_tier)"},
                   {"key":"account_limit","type":"formula","label":{"en":"Account limit"},"resultType":"money",
                    "formula":"account.credit_limit"},
                   {"key":"limit_band","type":"formula","label":{"en":"Limit band"},"resultType":"text",
                    "formula":"IF(account_limit > 1000, \\"big\\", \\"small\\")"},
                   {"key":"account_risk","type":"formula","label":{"en":"Account risk"},"resultType":"text",
                    "formula":"account.risk"}],
                 "permissions":{"read":["sales_rep","sales_manager","finance","read_only"],
                                "export":["sales_rep","sales_manager","finance","read_only"]},
                 "access":{"rowScopes":{"sales_rep":"own","sales_manager":"team","finance":"all","read_only":"all"}}}
                """));
        engine.forms().publish(admin, "rt_deal", false);
        long ownAccount = account(repA, "A's account", "gold", 5000, 7);
        long colleaguesAccount = account(repB, "B's account", "silver", 500, 2);
        dealOnOwnAccount = engine.records().create(repA, "rt_deal", Map.of("name", "own", "account", ownAccount)).id();
        FormRecord moved = engine.records().create(repA, "rt_deal", Map.of("name", "moved", "account", ownAccount));
        // the manager files it under the colleague's account: the rep still owns the deal, not the account
        dealOnColleaguesAccount = engine.records().update(manager, "rt_deal", moved.id(), moved.version(),
                Map.of("account", colleaguesAccount)).id();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** Owned by the rep; the fields hidden from reps are filled in by their manager. */
    private long account(Actor owner, String name, String tier, int creditLimit, int internalRating) {
        FormRecord created = engine.records().create(owner, "rt_account", Map.of("name", name, "tier", tier));
        return engine.records().update(manager, "rt_account", created.id(), created.version(),
                Map.of("credit_limit", creditLimit, "internal_rating", internalRating)).id();
    }

    private UserAccount user(String name, Long managerId, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", managerId,
                "east", "east", Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH,
                java.time.ZoneId.of("Asia/Shanghai"));
    }

    private Map<String, Object> seen(Actor actor, long deal) {
        return engine.records().get(actor, "rt_deal", deal).values();
    }

    @Test
    void aValueReadThroughAReferenceIsHiddenWhenTheTargetFieldIsHiddenInTheTargetForm() {
        assertThat(seen(manager, dealOnOwnAccount)).containsEntry("account_limit", new BigDecimal("5000.00"))
                .containsEntry("limit_band", "big").containsEntry("account_risk", "high");

        assertThat(seen(repA, dealOnOwnAccount)).containsEntry("account_tier", "gold")
                .doesNotContainKeys("account_limit", "limit_band", "account_risk");
        assertThat(engine.records().visibleFields(repA, "rt_deal")).contains("account_tier", "tier_note")
                .doesNotContain("account_limit", "limit_band", "account_risk");
        RecordQuery byLimit = new RecordQuery(List.of(new RecordFilter("account_limit", FilterOperator.GT,
                List.of("1000"))), List.of(), 10, null, false, false);
        assertThat(engine.records().list(finance, "rt_deal", byLimit).items()).extracting(FormRecord::id)
                .containsExactly(dealOnOwnAccount);
        assertUnknownField(() -> engine.records().list(repA, "rt_deal", byLimit));
    }

    @Test
    void aValueReadThroughAReferenceIsHiddenFromWhoMayNotReadTheTargetFormAtAll() {
        assertThat(seen(viewer, dealOnOwnAccount)).containsEntry("name", "own")
                .doesNotContainKeys("account_tier", "tier_note", "account_limit", "account_risk");
        assertThat(engine.records().visibleFields(viewer, "rt_deal"))
                .doesNotContain("account_tier", "tier_note", "account_limit", "limit_band", "account_risk");
    }

    @Test
    void aValueReadThroughAReferenceToARecordTheActorMayNotReadIsHiddenInThatRow() {
        assertThat(seen(manager, dealOnColleaguesAccount)).containsEntry("account_tier", "silver")
                .containsEntry("tier_note", "tier silver");

        assertThat(seen(repA, dealOnColleaguesAccount)).containsEntry("name", "moved")
                .containsKey("account").doesNotContainKeys("account_tier", "tier_note");
        assertThat(engine.records().list(repA, "rt_deal", RecordQuery.firstPage(10)).items())
                .extracting(r -> r.values().get("name"), r -> r.values().get("account_tier"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("own", "gold"),
                        org.assertj.core.groups.Tuple.tuple("moved", null));
        assertThat(engine.records().list(repA, "rt_deal", RecordQuery.firstPage(10)).items())
                .filteredOn(r -> r.id() == dealOnColleaguesAccount).singleElement()
                .satisfies(r -> assertThat(r.values()).doesNotContainKey("account_tier"));
        assertThat(engine.records().history(repA, "rt_deal", dealOnColleaguesAccount))
                .flatExtracting(r -> r.changes()).extracting(c -> c.field())
                .contains("account").doesNotContain("account_tier", "tier_note");
        assertThat(engine.records().history(manager, "rt_deal", dealOnColleaguesAccount))
                .flatExtracting(r -> r.changes()).extracting(c -> c.field()).contains("account_tier");
    }

    @Test
    void anExportLeavesTheCellEmptyWhereTheReferencedRecordIsNotReadable() throws Exception {
        String forRep = export(repA);
        String forManager = export(manager);

        assertThat(forRep).contains("gold").doesNotContain("silver");
        assertThat(forManager).contains("gold").contains("silver");
    }

    @Test
    void onlyWhoMayReadEveryTargetRecordFiltersSortsAndMeasuresAValueReadThroughAReference() {
        RecordQuery bySilver = new RecordQuery(List.of(new RecordFilter("account_tier", FilterOperator.EQ,
                List.of("silver"))), List.of(), 10, null, false, false);
        assertUnknownField(() -> engine.records().list(repA, "rt_deal", bySilver));
        assertUnknownField(() -> engine.records().list(manager, "rt_deal", bySilver));
        assertUnknownField(() -> engine.records().list(repA, "rt_deal", new RecordQuery(List.of(),
                List.of(new RecordSort("tier_note", false)), 10, null, false, false)));
        assertUnknownField(() -> engine.aggregates().run(repA, new AggregateQuery("rt_deal", null,
                List.of("account_tier"), null, null, null)));

        assertThat(engine.records().list(finance, "rt_deal", bySilver).items()).extracting(FormRecord::id)
                .containsExactly(dealOnColleaguesAccount);
        assertThat(engine.aggregates().run(finance, new AggregateQuery("rt_deal", null, List.of("account_tier"),
                null, null, null)).rows()).hasSize(2);
    }

    private String export(Actor actor) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.exports().prepare(actor, "rt_deal", List.of(), List.of(), ExportFormat.CSV).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertUnknownField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).extracting(Problem::code).contains("unknown_field"));
    }
}
