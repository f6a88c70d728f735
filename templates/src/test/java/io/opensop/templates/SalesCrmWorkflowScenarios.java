package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sales-crm template on the embedded Camunda engine with the SLA feature and notifications:
 * stage gates, SLA clocks and approval flows. Time moves only when a test says so (the harness's
 * MutableClock and Camunda's ClockUtil together); due jobs run only when a test runs them. The
 * harness starts on Monday 2026-03-02 09:00 in Shanghai.
 */
abstract class SalesCrmWorkflowScenarios {

    private SalesCrmFixture f;
    private EngineServices engine;
    private Actor rep;
    private Actor manager;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void install() {
        f = SalesCrmFixture.withWorkflow(newDatabase());
        engine = f.engine;
        rep = f.rep;
        manager = f.manager;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private int at(String localDateTime) {
        return f.at(localDateTime);
    }

    private List<NotificationView> inbox(Actor actor, String kind, String about) {
        return f.inbox(actor, kind, about);
    }

    private long customer(String name) {
        return f.customer(name);
    }

    private FormRecord move(long opportunity, String stage) {
        long version = engine.records().get(admin, "opportunity", opportunity).version();
        return engine.records().moveStage(rep, "opportunity", opportunity, version, stage);
    }

    private AttachmentRef upload(String name) {
        return engine.attachments().store("rep1", name, "application/pdf",
                new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    @Test
    void theQuoteStageNeedsTheNeedsAssessmentAndTheSignaturePage() {
        FormRecord deal = engine.records().create(rep, "opportunity",
                Map.of("name", "闸门商机", "customer", customer("闸门客户")));
        assertThat(deal.stage()).isEqualTo("needs");
        assertThat(move(deal.id(), "demo").stage()).isEqualTo("demo");

        assertThatThrownBy(() -> move(deal.id(), "quote"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactlyInAnyOrder(tuple("needs_assessment", "gate_unmet"),
                                tuple("signature_page", "gate_unmet")));
        long version = engine.records().get(admin, "opportunity", deal.id()).version();
        engine.records().update(rep, "opportunity", deal.id(), version,
                Map.of("needs_assessment", List.of(upload("needs.pdf").id())));
        assertThatThrownBy(() -> move(deal.id(), "quote"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("signature_page"));
        version = engine.records().get(admin, "opportunity", deal.id()).version();
        engine.records().update(rep, "opportunity", deal.id(), version,
                Map.of("signature_page", List.of(upload("signature.pdf").id())));

        assertThat(move(deal.id(), "quote").stage()).isEqualTo("quote");
        assertThat(engine.records().get(admin, "opportunity", deal.id()).stage()).isEqualTo("quote");
    }

    @Test
    void anUncontactedLeadEscalatesToTheManagerOnceAfterFourHours() {
        at("2026-03-02T10:00");
        engine.records().create(rep, "lead", Map.of("name", "未联系线索", "company", "慢响应公司"));
        engine.records().create(rep, "lead", Map.of("name", "已联系线索", "assignee", rep.userId(),
                "received_at", "2026-03-02T10:00:00+08:00", "first_contact_at", "2026-03-02T11:00:00+08:00"));

        at("2026-03-02T13:59");
        assertThat(inbox(manager, "sla.escalation", "未联系线索")).isEmpty();
        at("2026-03-02T14:00");
        assertThat(inbox(manager, "sla.escalation", "未联系线索")).hasSize(1);
        at("2026-03-03T14:00");
        at("2026-03-09T14:00");
        assertThat(inbox(manager, "sla.escalation", "未联系线索")).hasSize(1);
        assertThat(inbox(manager, "sla.escalation", "已联系线索")).isEmpty();
    }

    @Test
    void anOpportunityWithoutAnUpdateForThreeWorkingDaysRemindsTheOwnerAndCopiesTheManager() {
        // Thursday 10:00 + 3WD over the weekend: Tuesday 10:00
        at("2026-03-05T10:00");
        engine.records().create(rep, "opportunity", Map.of("name", "沉睡商机", "customer", customer("沉睡客户")));

        at("2026-03-10T09:59");
        assertThat(inbox(rep, "sla.reminder", "沉睡商机")).isEmpty();
        assertThat(inbox(manager, "sla.reminder", "沉睡商机")).isEmpty();
        at("2026-03-10T10:00");
        assertThat(inbox(rep, "sla.reminder", "沉睡商机")).hasSize(1);
        assertThat(inbox(manager, "sla.reminder", "沉睡商机")).hasSize(1);
        at("2026-03-20T10:00");
        assertThat(inbox(rep, "sla.reminder", "沉睡商机")).hasSize(1);
    }

    @Test
    void seventyTwoHoursInTheSolutionDemoStageAlertsTheManagerOnceNamingTheStage() {
        at("2026-03-02T10:00");
        FormRecord deal = engine.records().create(rep, "opportunity",
                Map.of("name", "演示商机", "customer", customer("演示客户")));
        move(deal.id(), "demo");

        at("2026-03-05T09:59");
        assertThat(inbox(manager, "sla.escalation", "演示商机")).isEmpty();
        at("2026-03-05T10:00");
        assertThat(inbox(manager, "sla.escalation", "演示商机")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("方案演示阶段超过 72 小时").contains("阶段：方案演示"));
        at("2026-03-12T10:00");
        assertThat(inbox(manager, "sla.escalation", "演示商机")).hasSize(1);
    }

    @Test
    void leavingTheSolutionDemoStageBeforeSeventyTwoHoursStopsItsClock() {
        at("2026-03-02T10:00");
        FormRecord deal = engine.records().create(rep, "opportunity",
                Map.of("name", "回退商机", "customer", customer("回退客户")));
        move(deal.id(), "demo");
        at("2026-03-03T10:00");
        move(deal.id(), "needs");

        at("2026-03-06T10:00");
        assertThat(inbox(manager, "sla.escalation", "回退商机")).isEmpty();
        assertThat(f.dsl.fetchCount(f.dsl.selectFrom("sla_clock")
                .where("policy_key = 'demo_72h' and status = 'running'"))).isZero();
    }

    @Test
    void aStageMoveCountsAsAnUpdateAndTheThreeDayReminderNamesTheStage() {
        at("2026-03-05T10:00");
        FormRecord deal = engine.records().create(rep, "opportunity",
                Map.of("name", "推进商机", "customer", customer("推进客户")));
        // Monday 09:00: into the demo stage; 3WD later is Thursday 09:00, not Tuesday 10:00
        at("2026-03-09T09:00");
        move(deal.id(), "demo");

        at("2026-03-10T10:00");
        assertThat(inbox(rep, "sla.reminder", "推进商机")).isEmpty();
        at("2026-03-12T08:59");
        assertThat(inbox(rep, "sla.reminder", "推进商机")).isEmpty();
        at("2026-03-12T09:00");
        assertThat(inbox(rep, "sla.reminder", "推进商机")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("阶段：方案演示"));
        assertThat(inbox(manager, "sla.reminder", "推进商机")).hasSize(1);
    }

    private void leads(int count, boolean complete) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", "周线索" + i);
            values.put("valid", true);
            values.put("source", "website");
            values.put("company", "周公司" + i);
            values.put("first_contact_at", f.clock.instant().plusSeconds(3600).toString());
            if (complete) {
                values.put("phone", "138" + i);
            }
            engine.records().create(rep, "lead", values);
        }
    }

    private void opportunitiesToQuote(int count) {
        long customer = customer("报价客户" + count);
        for (int i = 0; i < count; i++) {
            FormRecord deal = engine.records().create(rep, "opportunity", Map.of("name", "报价商机" + i,
                    "customer", customer, "amount", 10000, "expected_close", "2026-04-30", "probability", "0.5",
                    "needs_assessment", List.of(upload("n.pdf").id()), "signature_page", List.of(upload("s.pdf").id())));
            move(deal.id(), "demo");
            move(deal.id(), "quote");
        }
    }

    private FormRecord scorecard(Actor actor, String weekStart) {
        return engine.records().list(actor, "weekly_target", new RecordQuery(List.of(
                new RecordFilter("week_start", FilterOperator.EQ, List.of(weekStart))), List.of(), 10, null, false,
                false)).items().stream().filter(r -> r.ownerId().equals(rep.userId())).findFirst().orElseThrow();
    }

    @Test
    void aRepWhoMeetsBothWeeklyTargetsWithCompleteRecordsIsGreenAndAMissingPhoneTurnsItYellow() {
        // the week after the install, so the sample data's leads do not count
        at("2026-03-11T10:00");
        leads(15, true);
        opportunitiesToQuote(8);

        FormRecord week = scorecard(rep, "2026-03-09");
        assertThat(week.values()).containsEntry("rep", rep.userId())
                .containsEntry("status", "green").containsEntry("volume_met", true);
        assertThat((java.math.BigDecimal) week.values().get("valid_leads")).isEqualByComparingTo("15");
        assertThat((java.math.BigDecimal) week.values().get("quotes")).isEqualByComparingTo("8");

        FormRecord lead = engine.records().list(rep, "lead", new RecordQuery(List.of(new RecordFilter("name",
                FilterOperator.EQ, List.of("周线索3"))), List.of(), 1, null, false, false)).items().get(0);
        Map<String, Object> noPhone = new HashMap<>();
        noPhone.put("phone", null);
        engine.records().update(rep, "lead", lead.id(), lead.version(), noPhone);

        FormRecord after = scorecard(manager, "2026-03-09");
        assertThat(after.values()).containsEntry("status", "yellow").containsEntry("volume_met", true);
        assertThat((java.math.BigDecimal) after.values().get("valid_leads_incomplete")).isEqualByComparingTo("1");
        Actor otherRep = f.actor("rep2");
        assertThat(engine.records().list(otherRep, "weekly_target", RecordQuery.firstPage(10)).items())
                .extracting(FormRecord::ownerId).isNotEmpty().containsOnly(otherRep.userId());
    }

    @Test
    void aFirstMissedWeekIsYellowAndASecondMissInARowIsRed() {
        at("2026-03-11T10:00");
        leads(15, true);
        opportunitiesToQuote(8);
        at("2026-03-17T10:00");
        leads(3, true);
        at("2026-03-24T10:00");
        leads(2, true);

        assertThat(scorecard(rep, "2026-03-09").values()).containsEntry("status", "green");
        assertThat(scorecard(rep, "2026-03-16").values()).containsEntry("status", "yellow")
                .containsEntry("volume_met", false).containsEntry("missed_before", false);
        FormRecord third = scorecard(rep, "2026-03-23");
        assertThat((java.math.BigDecimal) third.values().get("prev_valid_leads")).isEqualByComparingTo("3");
        assertThat(third.values()).containsEntry("missed_before", true).containsEntry("status", "red");
    }

    private void lead(String name, boolean valid, String firstContact, String phone) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("valid", valid);
        values.put("company", name + "公司");
        values.put("source", "referral");
        values.put("phone", phone);
        values.put("first_contact_at", firstContact);
        engine.records().create(rep, "lead", values);
    }

    private long opportunity(String name, long customer, boolean complete, String... stages) {
        Map<String, Object> values = new HashMap<>(Map.of("name", name, "customer", customer, "amount", 50000,
                "expected_close", "2026-05-31", "needs_assessment", List.of(upload("n.pdf").id()),
                "signature_page", List.of(upload("s.pdf").id())));
        if (complete) {
            values.put("probability", "0.4");
        }
        long id = engine.records().create(rep, "opportunity", values).id();
        for (String stage : stages) {
            move(id, stage);
        }
        return id;
    }

    private void followup(String channel, String painPoints, Long opportunity) {
        Map<String, Object> values = new HashMap<>(Map.of("summary", "跟进", "visit_date", "2026-03-10",
                "channel", channel));
        values.put("pain_points", painPoints);
        values.put("opportunity", opportunity);
        engine.records().create(rep, "followup", values);
    }

    @Test
    void theProcessMetricsOfARepsWeekAreComputedFromTheirRecords() {
        at("2026-03-09T10:00");
        for (int i = 0; i < 4; i++) {
            lead("及时" + i, true, "2026-03-09T12:00:00+08:00", "139" + i);
        }
        lead("迟到", true, "2026-03-09T15:00:00+08:00", "1390");
        lead("无效", false, null, null);
        long customer = customer("本周新客户");
        long a = opportunity("A", customer, true, "demo", "quote");
        opportunity("B", customer, true, "demo");
        opportunity("C", customer, false);
        opportunity("D", customer, true, "demo", "quote", "contract");
        followup("visit", "预算紧张", a);
        followup("call", null, null);
        followup("meeting", "流程复杂", null);

        Map<String, Object> week = scorecard(rep, "2026-03-09").values();
        assertThat(week).extractingByKeys("leads_received", "leads_responded_4h", "lead_response_rate",
                        "valid_leads", "quotes", "entered_needs", "advanced_needs", "advance_rate_needs",
                        "entered_demo", "advance_rate_demo", "entered_quote", "advance_rate_quote",
                        "entered_contract", "advance_rate_contract", "followups", "followup_depth",
                        "contact_depth_index", "new_customers", "new_customer_efficiency", "leads_complete",
                        "opportunities_created", "opportunities_complete", "data_completeness_rate", "health_score")
                .map(v -> v == null ? null : ((java.math.BigDecimal) v).stripTrailingZeros().toPlainString())
                .containsExactly("6", "4", "0.6667", "5", "2", "4", "3", "0.75", "3", "0.6667", "2", "0.5", "1", "0",
                        "3", "8", "2.67", "1", "0.2", "5", "4", "3", "0.8", "55.7");
        assertThat(week).containsEntry("lead_response_ok", false).containsEntry("advance_ok", false)
                .containsEntry("new_customer_ok", true);
    }

    @Test
    void theContractApprovalRunsManagerLegalFinanceAndLegalChecksTheMilestones() {
        WorkflowService workflow = f.harness.workflow.workflow();
        Actor legal = f.actor("legal");
        Actor finance = f.actor("finance");
        FormRecord contract = engine.records().list(admin, "contract", new RecordQuery(List.of(new RecordFilter(
                "title", FilterOperator.EQ, List.of("华东精密 MES 一期"))), List.of(), 1, null, false, false))
                .items().get(0);
        workflow.start(rep, "contract_approval", "contract", contract.id());
        workflow.complete(rep, only(workflow.tasks(rep), "submit").id(), version(contract.id()), Map.of());

        workflow.approve(manager, only(workflow.tasks(manager), "manager").id(), "同意");

        WorkTask legalTask = only(workflow.tasks(legal), "legal");
        Map<String, Object> noMilestone = new HashMap<>();
        noMilestone.put("milestone_payment_date", null);
        assertThatThrownBy(() -> workflow.complete(legal, legalTask.id(), version(contract.id()), noMilestone))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(tuple("milestone_payment_date", "rule_failed")));
        assertThat(workflow.tasks(legal)).extracting(WorkTask::activityId).containsExactly("legal");
        workflow.complete(legal, legalTask.id(), version(contract.id()), Map.of());

        workflow.approve(finance, only(workflow.tasks(finance), "finance").id(), "已核对回款节点");

        assertThat(workflow.running("contract", contract.id())).isFalse();
        assertThat(f.harness.camunda.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("contract:" + contract.id()).singleResult().getEndActivityId())
                .isEqualTo("approved");
    }

    private long version(long contract) {
        return engine.records().get(admin, "contract", contract).version();
    }

    private static WorkTask only(List<WorkTask> tasks, String activityId) {
        assertThat(tasks).extracting(WorkTask::activityId).containsExactly(activityId);
        return tasks.get(0);
    }
}
