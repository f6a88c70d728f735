package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.UserAccount;
import io.opensop.templates.demo.DemoCounts;
import io.opensop.templates.demo.DemoSettings;
import io.opensop.templates.demo.SalesDemoGenerator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo-data generator on an installed sales-crm with workflow: an org chart, a month of records
 * written through the record service (so roll-ups and scorecards hold), the month-end rush, and the
 * same data from the same seed.
 */
abstract class SalesDemoGeneratorScenarios {

    private SalesCrmFixture f;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void install() {
        f = SalesCrmFixture.withWorkflow(newDatabase());
    }

    @AfterEach
    void close() {
        f.close();
    }

    private SalesDemoGenerator generator() {
        return new SalesDemoGenerator(f.engine, f.transactions, "{noop}demo");
    }

    @Test
    void aMonthOfDemoDataHasAnOrgChartTheMonthEndRushAndRollUpsThatHold() {
        DemoSettings settings = DemoSettings.of(4, 16, YearMonth.of(2026, 2), 42L);
        List<DemoCounts> batches = new ArrayList<>();

        DemoCounts counts = generator().generate(settings, 5, batches::add);

        assertThat(batches).hasSize(4).last().isEqualTo(counts);
        assertThat(counts.customers()).isEqualTo(16);
        assertThat(counts.users()).isEqualTo(4 + 4 + 1);
        assertThat(generator().alreadyGenerated(settings)).isTrue();
        UserAccount rep = f.engine.users().byUsername("gen_rep03").orElseThrow();
        UserAccount manager = f.engine.users().byId(rep.managerId()).orElseThrow();
        assertThat(manager.username()).isEqualTo("gen_mgr_south");
        assertThat(f.engine.users().byId(manager.managerId()).orElseThrow().username()).isEqualTo("gen_director");

        List<FormRecord> contracts = all("contract").stream()
                .filter(c -> ((String) c.values().get("title")).endsWith("项目 合同")).toList();
        assertThat(contracts).hasSize((int) counts.contracts()).isNotEmpty();
        long rush = contracts.stream().map(c -> (LocalDate) c.values().get("signed_on"))
                .filter(d -> !d.isBefore(LocalDate.of(2026, 2, 24))).count();
        assertThat(rush * 3).as("a third or more signed in the last three working days")
                .isGreaterThanOrEqualTo(contracts.size());
        for (FormRecord contract : contracts) {
            BigDecimal paid = all("payment").stream()
                    .filter(p -> contract.id() == ((Number) p.values().get("contract")).longValue()
                            && "paid".equals(p.values().get("status")))
                    .map(p -> (BigDecimal) p.values().get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat((BigDecimal) contract.values().get("paid_amount")).isEqualByComparingTo(paid);
        }
        assertThat(all("weekly_target")).extracting(FormRecord::ownerId)
                .contains(rep.id());
    }

    @Test
    void theSameSeedGivesTheSameData() {
        DemoCounts first = generator().generate(new DemoSettings(3, 9, YearMonth.of(2026, 2), 7L,
                DemoSettings.REGIONS, "a_"), 100, c -> { });
        DemoCounts second = generator().generate(new DemoSettings(3, 9, YearMonth.of(2026, 2), 7L,
                DemoSettings.REGIONS, "b_"), 4, c -> { });

        assertThat(second).isEqualTo(first);
        assertThat(first.leads()).isGreaterThanOrEqualTo(9);
        assertThat(first.stageMoves()).isPositive();
    }

    private List<FormRecord> all(String form) {
        return f.engine.records().list(admin, form, RecordQuery.firstPage(RecordQuery.MAX_LIMIT)).items();
    }
}
