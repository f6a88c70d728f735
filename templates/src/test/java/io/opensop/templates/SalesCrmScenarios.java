package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.IndexCatalog;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sales-crm template's rules as scenarios: install the package, act as the people who use
 * it, and check what the engine accepts, refuses and computes.
 */
abstract class SalesCrmScenarios {

    private SalesCrmFixture f;
    private EngineServices engine;
    private Actor rep;
    private Actor manager;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void install() {
        f = SalesCrmFixture.withoutWorkflow(newDatabase());
        engine = f.engine;
        rep = f.rep;
        manager = f.manager;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Map<String, Object> completeCustomer(String name) {
        return SalesCrmFixture.completeCustomer(name);
    }

    @Test
    void aCustomerWithoutItsSevenKeyFieldsIsRefusedNamingEachMissingField() {
        assertThatThrownBy(() -> engine.records().create(rep, "customer", Map.of("name", "半成品客户")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactlyInAnyOrder("customer_type", "industry", "region", "budget_range",
                                "decision_role", "source", "key_contact_phone"));

        assertThat(engine.records().create(rep, "customer", completeCustomer("完整客户")).id()).isPositive();
    }

    @Test
    void customerHealthWeighsNpsActivityAndRenewal() {
        Map<String, Object> values = completeCustomer("Health Co");
        values.put("nps", 80);
        values.put("active_rate_30d", new BigDecimal("0.7"));
        values.put("renewal_score", 60);

        FormRecord customer = engine.records().create(rep, "customer", values);

        assertThat((BigDecimal) customer.values().get("health_score")).isEqualByComparingTo("71.0");
        assertThat(customer.values().get("healthy")).isEqualTo(false);
        FormRecord better = engine.records().update(rep, "customer", customer.id(), 1, Map.of("renewal_score", 64));
        assertThat((BigDecimal) better.values().get("health_score")).isEqualByComparingTo("72.2");
        assertThat(better.values().get("healthy")).isEqualTo(true);
    }

    @Test
    void theRebateIsExactlyFourHundredEightyForSixtyThousandPaidWithinThirtyDays() {
        FormRecord contract = firstContract("华东精密 MES 一期");

        assertThat((BigDecimal) contract.values().get("paid_amount")).isEqualByComparingTo("60000.00");
        assertThat((BigDecimal) contract.values().get("collection_rate")).isEqualByComparingTo("1");
        assertThat((BigDecimal) contract.values().get("payment_days")).isEqualByComparingTo("25");
        assertThat(contract.values().get("rebate")).isEqualTo(new BigDecimal("480.00"));
    }

    @Test
    void noRebateWhenPaymentTakesLongerThanThirtyDaysOrTheAmountIsBelowFiftyThousand() {
        long customer = engine.records().create(rep, "customer", completeCustomer("慢付款客户")).id();
        long late = engine.records().create(rep, "contract", Map.of("title", "Late", "customer", customer,
                "contract_amount", 60000, "signed_on", "2026-10-01")).id();
        engine.records().create(rep, "payment", Map.of("contract", late, "amount", 60000, "due_date", "2026-10-31",
                "paid_on", "2026-11-05", "status", "paid"));
        long small = engine.records().create(rep, "contract", Map.of("title", "Small", "customer", customer,
                "contract_amount", new BigDecimal("49999.99"), "signed_on", "2026-10-01")).id();
        engine.records().create(rep, "payment", Map.of("contract", small, "amount", new BigDecimal("49999.99"),
                "due_date", "2026-10-10", "paid_on", "2026-10-05", "status", "paid"));

        assertThat(engine.records().get(rep, "contract", late).values().get("rebate")).isEqualTo(new BigDecimal("0.00"));
        assertThat(engine.records().get(rep, "contract", small).values().get("rebate")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void paymentsRollUpIntoTheContractsPaidAmountAndCollectionRate() {
        FormRecord contract = firstContract("金禾医疗 CRM 一期");
        assertThat((BigDecimal) contract.values().get("paid_amount")).isEqualByComparingTo("0");

        FormRecord payment = engine.records().list(admin, "payment",
                new RecordQuery(List.of(new RecordFilter("status", FilterOperator.EQ, List.of("awaiting_acceptance"))),
                        List.of(), 10, null, false, false)).items().get(0);
        Actor finance = f.actor("finance");
        engine.records().update(finance, "payment", payment.id(), payment.version(),
                Map.of("status", "paid", "paid_on", "2026-11-20"));

        FormRecord after = engine.records().get(manager, "contract", contract.id());
        assertThat((BigDecimal) after.values().get("paid_amount")).isEqualByComparingTo("150000.00");
        assertThat((BigDecimal) after.values().get("collection_rate")).isEqualByComparingTo("0.5");
    }

    @Test
    void legalsCheckBlocksAMilestoneMoreThanThreeDaysFromWhatSalesPromised() {
        long customer = engine.records().create(rep, "customer", completeCustomer("节点客户")).id();

        assertThatThrownBy(() -> engine.records().create(rep, "contract", Map.of("title", "Gap", "customer", customer,
                "contract_amount", 10000, "promised_payment_date", "2026-12-01", "milestone_payment_date", "2026-12-05")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .contains(org.assertj.core.groups.Tuple.tuple("milestone_payment_date", "rule_failed")));
        assertThat(engine.records().create(rep, "contract", Map.of("title", "Close", "customer", customer,
                "contract_amount", 10000, "promised_payment_date", "2026-12-01", "milestone_payment_date", "2026-12-04"))
                .values().get("milestone_gap_days")).isEqualTo(new BigDecimal("3"));
    }

    @Test
    void aPaymentTermOverSixtyDaysNeedsTheJointReviewAndFreezesTheBonus() {
        long customer = engine.records().create(rep, "customer", completeCustomer("长账期客户")).id();

        assertThatThrownBy(() -> engine.records().create(rep, "contract", Map.of("title", "Long", "customer", customer,
                "contract_amount", 10000, "payment_term_days", 90)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).contains("bonus_frozen"));
        FormRecord frozen = engine.records().create(rep, "contract", Map.of("title", "Long", "customer", customer,
                "contract_amount", 10000, "payment_term_days", 90, "bonus_frozen", true));
        assertThat(frozen.values().get("joint_review_needed")).isEqualTo(true);
    }

    @Test
    void quotesRatePaymentFeasibilityFromTheCustomersHistory() {
        long good = customerWith("好客户", "0.95", "A");
        long shaky = customerWith("一般客户", "0.75", "B");
        long bad = customerWith("风险客户", "0.5", "D");

        assertThat(quoteFeasibility(good, 30)).isEqualTo("green");
        assertThat(quoteFeasibility(good, 60)).isEqualTo("yellow");
        assertThat(quoteFeasibility(shaky, 45)).isEqualTo("yellow");
        assertThat(quoteFeasibility(bad, 15)).isEqualTo("red");
    }

    private long customerWith(String name, String onTimeRate, String credit) {
        Map<String, Object> values = completeCustomer(name);
        values.put("on_time_payment_rate", new BigDecimal(onTimeRate));
        values.put("credit_rating", credit);
        return engine.records().create(rep, "customer", values).id();
    }

    private Object quoteFeasibility(long customer, int days) {
        return engine.records().create(rep, "quote", Map.of("customer", customer, "amount", 1000,
                "requested_payment_days", days)).values().get("payment_feasibility");
    }

    @Test
    void aFollowUpCountsAsQualityOnlyWithAPainPointSummary() {
        assertThat(engine.records().create(rep, "followup", Map.of("summary", "拜访", "visit_date", "2026-11-20"))
                .values().get("quality")).isEqualTo(false);
        assertThat(engine.records().create(rep, "followup", Map.of("summary", "拜访", "visit_date", "2026-11-20",
                "pain_points", "库存周转慢")).values().get("quality")).isEqualTo(true);
    }

    @Test
    void repsSeeTheirOwnCustomersAndManagersSeeTheTeam() {
        List<String> repCustomers = names(rep);
        List<String> teamCustomers = names(manager);

        assertThat(repCustomers).containsExactlyInAnyOrder("华东精密制造", "Blue Sky Retail");
        assertThat(teamCustomers).containsExactlyInAnyOrder("华东精密制造", "Blue Sky Retail", "云启科技", "金禾医疗");
    }

    @Test
    void paymentsOverdueMoreThanFiveDaysAreRed() {
        f.clock.set(java.time.Instant.parse("2026-11-25T02:00:00Z"));
        long contract = firstContract("金禾医疗 CRM 一期").id();

        FormRecord overdue = engine.records().create(rep, "payment", Map.of("contract", contract, "amount", 1000,
                "due_date", "2026-11-15", "status", "invoiced"));
        FormRecord recent = engine.records().create(rep, "payment", Map.of("contract", contract, "amount", 1000,
                "due_date", "2026-11-22", "status", "invoiced"));

        assertThat(overdue.values().get("overdue_days")).isEqualTo(new BigDecimal("10"));
        assertThat(overdue.values().get("overdue_flag")).isEqualTo("red");
        assertThat(recent.values().get("overdue_flag")).isEqualTo("yellow");
    }

    @Test
    void installingTheTemplateAgainChangesNothing() {
        assertThat(f.templates.install(admin, ClasspathTemplates.load("sales-crm"), true).changes()).isEmpty();
        assertThat(engine.records().list(admin, "customer", RecordQuery.firstPage(50)).items()).hasSize(4);
    }

    private void at(String shanghaiLocal) {
        f.at(shanghaiLocal);
    }

    /** Signs at {@code signAt}, withdraws (clears the date) at {@code withdrawAt}, signs again at {@code resignAt}. */
    private long signWithdrawResign(long customer, String title, String signAt, String withdrawAt, String resignAt) {
        at(signAt);
        FormRecord contract = engine.records().create(rep, "contract", Map.of("title", title, "customer", customer,
                "contract_amount", 80000, "signed_on", signAt.substring(0, 10)));
        at(withdrawAt);
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("signed_on", null);
        contract = engine.records().update(rep, "contract", contract.id(), contract.version(), cleared);
        at(resignAt);
        engine.records().update(rep, "contract", contract.id(), contract.version(),
                Map.of("signed_on", resignAt.substring(0, 10)));
        return contract.id();
    }

    @Test
    void theAuditReportFlagsAContractSignedAt2359WithdrawnAndReSignedAt0001() {
        long customer = engine.records().create(rep, "customer", completeCustomer("月末客户")).id();
        long flagged = signWithdrawResign(customer, "跨夜重签", "2026-11-30T23:59", "2026-12-01T00:00:30",
                "2026-12-01T00:01");
        signWithdrawResign(customer, "白天重签", "2026-11-30T10:00", "2026-11-30T10:05", "2026-11-30T10:20");
        signWithdrawResign(customer, "次日重签", "2026-11-30T23:50", "2026-12-01T08:00", "2026-12-01T09:00");
        io.opensop.engine.audit.MidnightResignReport report = new io.opensop.engine.audit.MidnightResignReport(
                engine.revisions(), engine.records(), engine.forms());

        Actor finance = f.actor("finance");
        List<io.opensop.engine.audit.ResignFinding> findings = report.run(finance, "contract", "signed_on",
                java.time.Duration.ofMinutes(30), EngineHarness.SHANGHAI, java.time.LocalDate.parse("2026-11-01"),
                java.time.LocalDate.parse("2026-11-30"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.recordId()).isEqualTo(flagged);
            assertThat(f.title()).isEqualTo("跨夜重签");
            assertThat(f.signedAt()).hasToString("2026-11-30T23:59+08:00");
            assertThat(f.withdrawnAt()).hasToString("2026-12-01T00:00:30+08:00");
            assertThat(f.resignedAt()).hasToString("2026-12-01T00:01+08:00");
            assertThat(f.signedValue()).hasToString("2026-11-30");
            assertThat(f.resignedValue()).hasToString("2026-12-01");
            assertThat(f.signedBy()).isEqualTo("rep1");
            assertThat(f.minutesApart()).isEqualTo(2);
        });
        // the reps and managers whose signing it audits may not run it
        for (Actor audited : List.of(rep, manager)) {
            assertThatThrownBy(() -> report.run(audited, "contract", "signed_on", java.time.Duration.ofMinutes(30),
                    EngineHarness.SHANGHAI, java.time.LocalDate.parse("2026-11-01"),
                    java.time.LocalDate.parse("2026-11-30")))
                    .isInstanceOf(io.opensop.engine.error.AccessDeniedException.class);
        }
        assertThatThrownBy(() -> report.run(finance, "contract", "signed", java.time.Duration.ofDays(2),
                EngineHarness.SHANGHAI, java.time.LocalDate.parse("2026-11-01"), java.time.LocalDate.parse("2026-11-30")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("field", "window"));
    }

    private FormRecord firstContract(String title) {
        return engine.records().list(admin, "contract", new RecordQuery(
                List.of(new RecordFilter("title", FilterOperator.EQ, List.of(title))), List.of(), 1, null, false, false))
                .items().get(0);
    }

    private List<String> names(Actor actor) {
        return engine.records().list(actor, "customer", RecordQuery.firstPage(50)).items().stream()
                .map(r -> (String) r.values().get("name")).toList();
    }

    @Test
    void theFieldsItsListsAndDashboardsSortAndFilterByHaveSortIndexesInBothDirections() {
        Map<String, String> indexed = Map.of("rec_opportunity", "c_amount,c_expected_close",
                "rec_payment", "c_due_date", "rec_contract", "c_signed_on");
        indexed.forEach((table, columns) -> {
            for (String column : columns.split(",")) {
                assertThat(IndexCatalog.indexesOn(f.dataSource, table, column).values()).as(table + "." + column)
                        .containsExactlyInAnyOrder(List.of(column + " A", "id A"), List.of(column + " D", "id A"));
            }
        });
    }
}
