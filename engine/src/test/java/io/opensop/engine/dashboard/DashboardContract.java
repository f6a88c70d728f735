package io.opensop.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.template.ProcessModels;
import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateResult;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dashboards as versioned metadata delivered by a template package: saved only by designers,
 * optimistic versions, every problem reported, data computed per viewer, and install, three-way
 * upgrade, export and uninstall like forms.
 */
abstract class DashboardContract extends EngineContract {

    private static final String FORM = """
            {"key":"visit","app":"field","label":{"en":"Visit","zh-CN":"拜访"},
             "fields":[{"key":"customer","type":"text","label":{"en":"Customer"},"required":true},
                       {"key":"amount","type":"money","label":{"en":"Amount"}},
                       {"key":"cost","type":"money","label":{"en":"Cost"}},
                       {"key":"visited_on","type":"date","label":{"en":"Visited on"}}],
             "access":{"rowScopes":{"sales_rep":"own","sales_manager":"team"},
                       "fields":{"sales_rep":{"cost":"hidden"}}}}
            """;
    private static final String BOARD = """
            {"key":"visits","app":"field","title":{"en":"Visits","zh-CN":"拜访"},"filters":["period","team"],
             "widgets":[
               {"key":"amount","type":"number","title":{"en":"Amount","zh-CN":"金额"},
                "query":{"form":"visit","measures":[{"function":"sum","field":"amount"}]},"dateField":"visited_on"},
               {"key":"cost","type":"number","title":{"en":"Cost","zh-CN":"成本"},
                "query":{"form":"visit","measures":[{"function":"sum","field":"cost"}]}},
               {"key":"per_month","type":"line","title":{"en":"%s","zh-CN":"每月"},
                "query":{"form":"visit","measures":[{"function":"count"}],
                         "period":{"field":"visited_on","unit":"month"}}}]}
            """;

    private DashboardService dashboards;
    private TemplateService templates;
    private Actor designer;
    private Actor manager;
    private Actor repA;
    private Actor repB;

    @BeforeEach
    void installTemplate() {
        dashboards = engine.dashboards();
        templates = engine.templates(ProcessModels.NONE);
        designer = actor(user("ops", null, null, "designer"));
        manager = actor(user("mgr", null, "t1", "sales_manager"));
        repA = actor(user("rep_a", manager.userId(), "t1", "sales_rep"));
        repB = actor(user("rep_b", manager.userId(), "t1", "sales_rep"));
        templates.install(admin, template("1.0.0", "Visits per month"), false);
        visit(repA, "2026-03-01", "100.00", "40.00");
        visit(repA, "2026-01-15", "50.50", "10.00");
        visit(repB, "2026-03-02", "7.25", "1.00");
    }

    @Test
    void aRepSeesOnlyTheirOwnNumbersAndAHiddenFieldsWidgetShowsAProblemInsteadOfData() {
        DashboardData forRep = dashboards.data(repA, "visits", DashboardFilters.none());
        DashboardData forManager = dashboards.data(manager, "visits", DashboardFilters.none());

        assertThat(widget(forRep, "amount").result().single()).isEqualTo(new BigDecimal("150.50"));
        assertThat(widget(forManager, "amount").result().single()).isEqualTo(new BigDecimal("157.75"));
        assertThat(widget(forRep, "cost").result()).isNull();
        assertThat(widget(forRep, "cost").problems()).containsExactly(
                Problem.of("measures[0].field", "unknown_field", "cost"));
        assertThat(widget(forManager, "cost").result().single()).isEqualTo(new BigDecimal("51.00"));
        assertThat(widget(forRep, "per_month").result().rows()).extracting(r -> r.keys().get(0) + "=" + r.value(0))
                .containsExactly("2026-01=1", "2026-03=1");
    }

    @Test
    void thePeriodFilterKeepsTheCurrentPeriodOfEachWidgetsDateField() {
        // The harness clock stands at 2026-03-02 in Shanghai.
        DashboardData march = dashboards.data(manager, "visits", new DashboardFilters("month", null, null));
        assertThat(widget(march, "amount").result().single()).isEqualTo(new BigDecimal("107.25"));
        assertThat(widget(march, "cost").result().single()).as("no date field: the period does not apply")
                .isEqualTo(new BigDecimal("51.00"));
        DashboardData otherTeam = dashboards.data(manager, "visits", new DashboardFilters(null, null, "t2"));
        assertThat(widget(otherTeam, "amount").result().single()).isEqualTo(new BigDecimal("0.00"));
        assertThatThrownBy(() -> dashboards.data(manager, "visits", new DashboardFilters("decade", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .containsExactly(Problem.of("period", "invalid_value", "decade")));
    }

    @Test
    void onlyDesignersSaveEachSaveIsANewVersionAndAStaleVersionIsAConflict() {
        Dashboard installed = dashboards.get(repA, "visits");
        DashboardDefinition renamed = new DashboardDefinition("visits", "field",
                io.opensop.engine.i18n.LocalizedText.of("Field visits", "外勤拜访"), installed.definition().filters(),
                installed.definition().widgets());

        assertThatThrownBy(() -> dashboards.save(repA, renamed, installed.version()))
                .isInstanceOf(AccessDeniedException.class);
        Dashboard saved = dashboards.save(designer, renamed, installed.version());
        assertThat(saved.version()).isEqualTo(installed.version() + 1);
        assertThatThrownBy(() -> dashboards.save(designer, renamed, installed.version()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("version_conflict"));
        assertThat(dashboards.version(designer, "visits", installed.version()).title().in(Locale.ENGLISH))
                .as("earlier versions are kept").isEqualTo("Visits");
        assertThat(dashboards.get(repA, "visits").definition().title().in(Locale.ENGLISH)).isEqualTo("Field visits");
    }

    @Test
    void anInvalidDashboardIsRefusedWithEveryProblemAndNothingIsSaved() {
        DashboardDefinition bad = Json.read("""
                {"key":"Bad Key","title":{"en":"x"},"filters":["weather"],
                 "widgets":[
                   {"key":"a","type":"pie","title":{"en":"a"},"query":{"form":"visit"}},
                   {"key":"a","type":"number","title":{"en":"b"},
                    "query":{"form":"visit","measures":[{"function":"sum","field":"customer"}],"groupBy":["cost"]}},
                   {"key":"c","type":"table","title":{"en":"c"},"query":{"form":"nowhere"}}]}
                """, DashboardDefinition.class);

        assertThatThrownBy(() -> dashboards.save(designer, bad, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        Problem.of("$.key", "invalid_value", "Bad Key"),
                        Problem.of("$.filters[0]", "invalid_value", "weather"),
                        Problem.of("$.widgets[0].type", "invalid_value", "pie"),
                        Problem.of("$.widgets[1].key", "duplicate_key", "a"),
                        Problem.of("$.widgets[1].query.groupBy", "dashboard_number_grouped"),
                        Problem.of("$.widgets[1].query.measures[0].field", "aggregate_not_numeric", "customer", "sum"),
                        Problem.of("$.widgets[2].query.form", "dashboard_form_unavailable", "nowhere")));
        assertThat(dashboards.list(admin)).extracting(Dashboard::key).containsExactly("visits");
    }

    @Test
    void anUpgradeMergesTheTemplatesDashboardChangesWithLocalOnesAndExportAndUninstallCarryThem() {
        Dashboard installed = dashboards.get(admin, "visits");
        DashboardDefinition local = new DashboardDefinition("visits", "field",
                io.opensop.engine.i18n.LocalizedText.of("Our visits", "我们的拜访"), installed.definition().filters(),
                installed.definition().widgets());
        dashboards.save(designer, local, installed.version());

        TemplateResult dryRun = templates.upgrade(admin, template("1.1.0", "Visits each month"), true);
        assertThat(dryRun.changes()).containsExactly(
                new io.opensop.engine.template.TemplateChange("dashboard:visits", "$.title", "customer_kept"),
                new io.opensop.engine.template.TemplateChange("dashboard:visits", "$.widgets", "upstream"));
        assertThat(dashboards.get(admin, "visits").definition().widget("per_month").orElseThrow().title()
                .in(Locale.ENGLISH)).as("a dry run writes nothing").isEqualTo("Visits per month");
        templates.upgrade(admin, template("1.1.0", "Visits each month"), false);
        DashboardDefinition merged = dashboards.get(admin, "visits").definition();
        assertThat(merged.title().in(Locale.ENGLISH)).as("the local title stays").isEqualTo("Our visits");
        assertThat(merged.widget("per_month").orElseThrow().title().in(Locale.ENGLISH)).isEqualTo("Visits each month");

        TemplatePackage exported = templates.export(admin, "field");
        assertThat(exported.manifest().dashboardFiles()).containsExactly("dashboards/visits.json");
        assertThat(Json.read(exported.text("dashboards/visits.json"), DashboardDefinition.class)).isEqualTo(merged);

        templates.uninstall(admin, "field-visits");
        assertThat(dashboards.list(admin)).isEmpty();
        assertThatThrownBy(() -> dashboards.get(admin, "visits")).isInstanceOf(NotFoundException.class);
    }

    private static WidgetData widget(DashboardData data, String key) {
        return data.widgets().stream().filter(w -> w.key().equals(key)).findFirst().orElseThrow();
    }

    private static TemplatePackage template(String version, String monthlyTitle) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", ("""
                {"id":"field-visits","version":"%s","name":{"en":"Field visits"},"app":"field",
                 "forms":["forms/visit.json"],"dashboards":["dashboards/visits.json"]}
                """.formatted(version)).getBytes(StandardCharsets.UTF_8));
        files.put("forms/visit.json", FORM.getBytes(StandardCharsets.UTF_8));
        files.put("dashboards/visits.json", BOARD.formatted(monthlyTitle).getBytes(StandardCharsets.UTF_8));
        return TemplateArchives.of(files);
    }

    private void visit(Actor owner, String day, String amount, String cost) {
        var record = engine.records().create(owner, "visit", Map.of("customer", "c-" + day, "visited_on", day,
                "amount", new BigDecimal(amount)));
        engine.records().update(admin, "visit", record.id(), record.version(), Map.of("cost", new BigDecimal(cost)));
    }

    private UserAccount user(String name, Long managerId, String team, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", managerId,
                team, "east", Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH,
                ZoneId.of("Asia/Shanghai"));
    }
}
