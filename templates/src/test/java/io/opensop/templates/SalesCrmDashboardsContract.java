package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateFunction;
import io.opensop.engine.aggregate.Measure;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardData;
import io.opensop.engine.dashboard.DashboardFilters;
import io.opensop.engine.dashboard.WidgetData;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sales-crm dashboards on the template's sample data, as a rep and as their manager see them. */
abstract class SalesCrmDashboardsContract extends EngineContract {

    private Actor rep1;
    private Actor manager;

    @BeforeEach
    void install() {
        UserAccount managerAccount = engine.users().create(new NewUser("manager", "{noop}x", "Wang", null, "zh-CN",
                "Asia/Shanghai", null, "east-1", "east", Set.of("sales_manager")));
        UserAccount rep = engine.users().create(new NewUser("rep1", "{noop}x", "Li", null, "zh-CN", "Asia/Shanghai",
                managerAccount.id(), "east-1", "east", Set.of("sales_rep")));
        engine.users().create(new NewUser("rep2", "{noop}x", "Chen", null, "zh-CN", "Asia/Shanghai",
                managerAccount.id(), "east-1", "east", Set.of("sales_rep")));
        rep1 = actor(rep);
        manager = actor(managerAccount);
        engine.templates(new StoredProcessModels()).install(EngineHarness.admin(), ClasspathTemplates.load("sales-crm"),
                true);
    }

    @Test
    void theTemplateInstallsItsFiveDashboards() {
        assertThat(engine.dashboards().list(rep1)).extracting(Dashboard::key)
                .containsExactly("payment_countdown", "rebate_progress", "sales_funnel", "stage_dwell", "weekly_targets");
        for (Dashboard dashboard : engine.dashboards().list(manager)) {
            assertThat(engine.dashboards().data(manager, dashboard.key(), DashboardFilters.none()).widgets())
                    .as(dashboard.key() + ": every widget's query runs")
                    .allSatisfy(w -> assertThat(w.problems()).isNull());
        }
    }

    @Test
    void theRebateBoardShowsARepOnlyTheirOwnContracts() {
        DashboardData forRep = engine.dashboards().data(rep1, "rebate_progress", DashboardFilters.none());
        DashboardData forManager = engine.dashboards().data(manager, "rebate_progress", DashboardFilters.none());

        assertThat(widget(forRep, "rebate_total").result().single()).isEqualTo(new BigDecimal("480.00"));
        assertThat(widget(forRep, "rebate_by_rep").result().rows()).extracting(r -> r.labels().get(0))
                .containsExactly("Li");
        assertThat(widget(forManager, "rebate_by_rep").result().rows()).extracting(r -> r.labels().get(0))
                .containsExactlyInAnyOrder("Li", "Chen");
        assertThat(widget(forManager, "rebate_total").result().single()).isEqualTo(engine.aggregates()
                .run(manager, AggregateQuery.of("contract", Measure.of(AggregateFunction.SUM, "rebate"))).single());
    }

    @Test
    void thePaymentCountdownCountsFromTodayInTheBusinessDay() {
        harness.clock.set(Instant.parse("2026-11-25T02:00:00Z"));
        DashboardData forManager = engine.dashboards().data(manager, "payment_countdown", DashboardFilters.none());
        DashboardData forRep = engine.dashboards().data(rep1, "payment_countdown", DashboardFilters.none());

        // rep2's 150,000 was due on 2026-11-15 and awaits acceptance; the next 150,000 is due on 2026-12-20.
        assertThat(widget(forManager, "overdue_amount").result().single()).isEqualTo(new BigDecimal("150000.00"));
        assertThat(widget(forManager, "due_14_days").result().single()).isEqualTo(new BigDecimal("0.00"));
        assertThat(widget(forManager, "due_soon").result().rows()).singleElement()
                .satisfies(r -> assertThat(r.values().get(0)).isEqualTo(new BigDecimal("150000.00")));
        assertThat(widget(forRep, "overdue_amount").result().single()).isEqualTo(new BigDecimal("0.00"));
    }

    private static WidgetData widget(DashboardData data, String key) {
        return data.widgets().stream().filter(w -> w.key().equals(key)).findFirst().orElseThrow();
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.SIMPLIFIED_CHINESE,
                ZoneId.of("Asia/Shanghai"));
    }
}
