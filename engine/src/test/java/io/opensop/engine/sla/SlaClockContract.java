package io.opensop.engine.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks on Camunda timer jobs, driven by the injected clock: nothing fires early, each step
 * fires once at its working-day time, a person's save resets a dwell clock, a returned item pauses
 * the record's clocks, {@code until} stops them, and the weekly report goes out once a week.
 * The harness starts on Monday 2026-03-02 09:00 in Shanghai.
 */
abstract class SlaClockContract {

    static final String LEAD = """
            {"key":"lead","app":"crm","label":{"en":"Lead","zh-CN":"线索"},"titleField":"name",
             "fields":[{"key":"name","type":"text","label":{"en":"Name"},"required":true},
                       {"key":"notes","type":"long_text","label":{"en":"Notes"}}],
             "sla":[
               {"key":"stale","start":"task","activities":["work"],"resetOnUpdate":true,
                "steps":[{"after":"3WD","notify":["owner"],"cc":["manager"]},
                         {"after":"5WD","notify":["manager:2"]}]},
               {"key":"stage72","start":"task","activities":["work"],
                "steps":[{"after":"PT72H","notify":["manager"]}]},
               {"key":"cycle","start":"record","steps":[{"after":"PT48H","notify":["manager"]}]}
             ]}
            """;

    static final String PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://opensop.io/test">
              <bpmn:process id="lead_flow" isExecutable="true">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
                <bpmn:userTask id="work" name="Work" camunda:assignee="${submitter}" camunda:formKey="lead"/>
                <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="review"/>
                <bpmn:userTask id="review" name="Review" camunda:candidateGroups="manager" camunda:formKey="lead"/>
                <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
                <bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    SlaFixture f;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void start() {
        f = new SlaFixture(newDatabase(), List.of());
        publish(LEAD);
        publish("""
                {"key":"inquiry","app":"crm","label":{"en":"Inquiry"},"titleField":"name",
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"},"required":true},
                           {"key":"assignee","type":"user","label":{"en":"Assignee"}},
                           {"key":"contacted_at","type":"datetime","label":{"en":"First contact"}}],
                 "sla":[{"key":"response","start":"record",
                         "until":"AND(NOT(ISBLANK(assignee)), NOT(ISBLANK(contacted_at)))",
                         "steps":[{"after":"PT4H","notify":["manager"],"message":"escalation"}]}]}
                """);
        publish("""
                {"key":"invoice","app":"crm","label":{"en":"Invoice"},"titleField":"name",
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"},"required":true},
                           {"key":"pay_due","type":"date","label":{"en":"Payment due"}},
                           {"key":"paid","type":"boolean","label":{"en":"Paid"}}],
                 "sla":[{"key":"payment","start":"field","field":"pay_due","until":"paid",
                         "steps":[{"after":"P5D","notify":["manager"],"message":"overdue"}]}]}
                """);
        ProcessModel model = f.harness.workflow.models().importModel(f.admin, null,
                PROCESS.getBytes(StandardCharsets.UTF_8));
        f.harness.workflow.models().publish(f.admin, model.key());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void publish(String json) {
        var definition = FormJson.read(json);
        f.engine.forms().create(f.admin, definition);
        f.engine.forms().publish(f.admin, definition.key(), false);
    }

    private FormRecord lead(Actor owner, String name) {
        FormRecord lead = f.engine.records().create(owner, "lead", Map.of("name", name));
        f.harness.workflow.workflow().start(owner, "lead_flow", "lead", lead.id());
        return lead;
    }

    private WorkflowService workflow() {
        return f.harness.workflow.workflow();
    }

    private long version(String form, long id) {
        return f.engine.records().get(f.admin, form, id).version();
    }

    private ClockView clock(String form, long id, String policy) {
        return f.sla.clocks().clocks(f.admin, form, id).stream().filter(c -> c.policy().equals(policy)).findFirst()
                .orElseThrow();
    }

    @Test
    void aDwellClockRemindsOnTheThirdWorkingDayAfterTheLastUpdateThenEscalatesOneLevelUp() {
        TreeMap<LocalDate, String> holidays = new TreeMap<>(Map.of(LocalDate.parse("2026-03-04"), "test holiday"));
        f.sla.calendars().save(f.admin, new CalendarConfig(CalendarConfig.DEFAULT, SlaFixture.ZONE,
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), holidays, new TreeMap<>()));
        FormRecord lead = lead(f.rep, "ACME");
        // Monday 09:00 + 3WD, Wednesday a holiday: Friday 09:00
        assertThat(clock("lead", lead.id(), "stale").dueAt().toInstant())
                .isEqualTo(SlaFixture.local("2026-03-06T09:00"));

        f.at("2026-03-03T12:00");
        f.engine.records().update(f.rep, "lead", lead.id(), version("lead", lead.id()), Map.of("notes", "called"));
        // reset on Tuesday 12:00: 12 h + holiday + Thu + Fri + weekend + 12 h = Monday 2026-03-09 12:00
        assertThat(clock("lead", lead.id(), "stale").dueAt().toInstant())
                .isEqualTo(SlaFixture.local("2026-03-09T12:00"));

        f.at("2026-03-05T08:59");
        assertThat(f.inbox(f.mia, null, "stage72")).isEmpty();
        f.at("2026-03-05T09:00");
        assertThat(f.inbox(f.mia, "sla.reminder", "stage72")).hasSize(1);

        f.at("2026-03-06T09:00");
        f.at("2026-03-09T11:59");
        assertThat(f.inbox(f.rep, null, "stale")).isEmpty();
        assertThat(clock("lead", lead.id(), "stale").breached()).isFalse();

        f.at("2026-03-09T12:00");
        List<io.opensop.engine.notify.NotificationView> repReminders = f.inbox(f.rep, "sla.reminder", "stale");
        assertThat(repReminders).hasSize(1);
        assertThat(repReminders.get(0).title()).startsWith("提醒").contains("ACME");
        assertThat(f.inbox(f.mia, "sla.reminder", "stale")).hasSize(1)
                .allSatisfy(n -> assertThat(n.title()).startsWith("Reminder"));
        assertThat(f.inbox(f.dan, null, "stale")).isEmpty();
        assertThat(clock("lead", lead.id(), "stale").breached()).isTrue();
        assertThat(f.runDueJobs()).isZero();
        assertThat(f.inbox(f.rep, "sla.reminder", "stale")).hasSize(1);

        // escalation 5WD after Tuesday 12:00: Wednesday 2026-03-11 12:00, to the manager's manager
        f.at("2026-03-11T11:59");
        assertThat(f.inbox(f.dan, null, "stale")).isEmpty();
        f.at("2026-03-11T12:00");
        assertThat(f.inbox(f.dan, "sla.escalation", "stale")).hasSize(1)
                .allSatisfy(n -> assertThat(n.title()).startsWith("升级"));
        assertThat(f.inbox(f.mia, "sla.reminder", "stage72")).hasSize(1);
        assertThat(clock("lead", lead.id(), "stale").status()).isEqualTo(SlaService.DONE);

        // the chain ran out; the next save starts it again while the task is still open
        f.engine.records().update(f.rep, "lead", lead.id(), version("lead", lead.id()), Map.of("notes", "again"));
        ClockView again = clock("lead", lead.id(), "stale");
        assertThat(again.status()).isEqualTo(SlaService.RUNNING);
        assertThat(again.breached()).isFalse();
        assertThat(again.dueAt().toInstant()).isEqualTo(SlaFixture.local("2026-03-16T12:00"));
    }

    @Test
    void completingTheTaskStopsItsDwellClocks() {
        FormRecord lead = lead(f.rep, "Quick");
        f.at("2026-03-02T10:00");
        WorkTask work = workflow().tasks(f.rep).get(0);
        workflow().complete(f.rep, work.id(), version("lead", lead.id()), Map.of());
        assertThat(clock("lead", lead.id(), "stale").status()).isEqualTo(SlaService.STOPPED);
        f.at("2026-03-20T10:00");
        assertThat(f.inbox(f.rep, null, "stale")).isEmpty();
        assertThat(f.inbox(f.mia, null, "stage72")).isEmpty();
    }

    @Test
    void aRecordClockPausesWhileAReturnedItemSitsWithTheSubmitter() {
        FormRecord lead = lead(f.rep, "Returned");
        f.at("2026-03-02T10:00");
        workflow().complete(f.rep, workflow().tasks(f.rep).get(0).id(), version("lead", lead.id()), Map.of());
        f.at("2026-03-02T12:00");
        WorkTask review = workflow().tasks(f.mia).get(0);
        workflow().returnTask(f.mia, review.id(), WorkflowService.SUBMITTER, "add the phone number");
        assertThat(clock("lead", lead.id(), "cycle").status()).isEqualTo(SlaService.PAUSED);

        f.at("2026-03-04T12:00");
        assertThat(f.inbox(f.mia, null, "cycle")).isEmpty();
        workflow().complete(f.rep, workflow().tasks(f.rep).get(0).id(), version("lead", lead.id()),
                Map.of("notes", "+86 21 5555"));
        // 48 h from Monday 09:00, plus 48 h paused: Friday 09:00
        assertThat(clock("lead", lead.id(), "cycle").dueAt().toInstant())
                .isEqualTo(SlaFixture.local("2026-03-06T09:00"));
        f.at("2026-03-06T08:59");
        assertThat(f.inbox(f.mia, null, "cycle")).isEmpty();
        f.at("2026-03-06T09:00");
        assertThat(f.inbox(f.mia, "sla.reminder", "cycle")).hasSize(1);
        f.at("2026-03-09T09:00");
        assertThat(f.inbox(f.mia, "sla.reminder", "cycle")).hasSize(1);
    }

    @Test
    void aNewLeadNotAssignedAndContactedWithinFourHoursIsEscalated() {
        FormRecord a = f.engine.records().create(f.rep, "inquiry", Map.of("name", "Lead A"));
        FormRecord b = f.engine.records().create(f.rep, "inquiry", Map.of("name", "Lead B"));
        f.at("2026-03-02T10:00");
        f.engine.records().update(f.rep, "inquiry", b.id(), version("inquiry", b.id()),
                Map.of("assignee", f.rep.userId(), "contacted_at", "2026-03-02T10:00:00+08:00"));
        assertThat(clock("inquiry", b.id(), "response").status()).isEqualTo(SlaService.MET);
        f.at("2026-03-02T12:59");
        assertThat(f.inbox(f.mia, "sla.escalation")).isEmpty();
        f.at("2026-03-02T13:00");
        assertThat(f.inbox(f.mia, "sla.escalation")).hasSize(1)
                .allSatisfy(n -> assertThat(n.title()).contains("Lead A"));
        assertThat(clock("inquiry", a.id(), "response").breached()).isTrue();
        assertThat(clock("inquiry", b.id(), "response").breached()).isFalse();
        assertThat(f.harness.engine.events).filteredOn(SlaBreached.class::isInstance)
                .as("one event per fired step, for metrics").containsExactly(new SlaBreached("inquiry", a.id(),
                        "response", 0));
    }

    @Test
    void anEscalationNamesTheRecordByNumberToARecipientWhoMayNotSeeItsTitleField() {
        publish("""
                {"key":"vip_inquiry","app":"crm","label":{"en":"VIP inquiry"},"titleField":"name",
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"},"required":true},
                           {"key":"assignee","type":"user","label":{"en":"Assignee"}}],
                 "access":{"fields":{"manager":{"name":"hidden"}}},
                 "sla":[{"key":"response","start":"record","until":"NOT(ISBLANK(assignee))",
                         "steps":[{"after":"PT4H","notify":["manager","owner"],"message":"escalation"}]}]}
                """);
        FormRecord secret = f.engine.records().create(f.rep, "vip_inquiry", Map.of("name", "Minister Wang"));
        f.at("2026-03-02T13:00");

        assertThat(f.inbox(f.mia, "sla.escalation")).hasSize(1).allSatisfy(n -> assertThat(n.title())
                .doesNotContain("Minister Wang").contains("#" + secret.id()));
        assertThat(f.inbox(f.rep, "sla.escalation")).hasSize(1)
                .allSatisfy(n -> assertThat(n.title()).contains("Minister Wang"));
    }

    @Test
    void aPaymentOverdueByMoreThanFiveDaysTurnsRedAndTellsTheManager() {
        FormRecord late = f.engine.records().create(f.rep, "invoice", Map.of("name", "INV-1", "pay_due", "2026-03-03"));
        FormRecord paid = f.engine.records().create(f.rep, "invoice", Map.of("name", "INV-2", "pay_due", "2026-03-03"));
        FormRecord moved = f.engine.records().create(f.rep, "invoice", Map.of("name", "INV-3", "pay_due", "2026-03-03"));
        f.at("2026-03-05T10:00");
        f.engine.records().update(f.rep, "invoice", paid.id(), version("invoice", paid.id()), Map.of("paid", true));
        f.engine.records().update(f.rep, "invoice", moved.id(), version("invoice", moved.id()),
                Map.of("pay_due", "2026-03-10"));

        f.at("2026-03-07T23:59");
        assertThat(f.inbox(f.mia, "sla.overdue")).isEmpty();
        f.at("2026-03-08T00:00");
        assertThat(f.inbox(f.mia, "sla.overdue")).hasSize(1).allSatisfy(n -> assertThat(n.title()).contains("INV-1"));
        assertThat(clock("invoice", late.id(), "payment").breached()).isTrue();
        assertThat(clock("invoice", paid.id(), "payment").status()).isEqualTo(SlaService.MET);
        assertThat(clock("invoice", moved.id(), "payment").dueAt().toInstant())
                .isEqualTo(SlaFixture.local("2026-03-15T00:00"));
        f.at("2026-03-15T00:00");
        assertThat(f.inbox(f.mia, "sla.overdue")).hasSize(2);
    }

    @Test
    void theWeeklyReportGoesOutEveryFridayAt1600OnceToEachRep() {
        f.sla.reports().deploy(DayOfWeek.FRIDAY, LocalTime.of(16, 0));
        f.sla.reports().deploy(DayOfWeek.FRIDAY, LocalTime.of(16, 0));
        lead(f.rep, "One");
        lead(f.rep, "Two");
        lead(f.mia, "Mine");

        f.at("2026-03-06T15:59");
        assertThat(f.inbox(f.rep, "report.weekly")).isEmpty();
        f.at("2026-03-06T16:00");
        assertThat(f.inbox(f.rep, "report.weekly")).hasSize(1)
                .allSatisfy(n -> assertThat(n.body()).contains("2 条").contains("Work：2"));
        assertThat(f.inbox(f.mia, "report.weekly")).hasSize(1)
                .allSatisfy(n -> assertThat(n.body()).contains("1 open record(s)").contains("- Work: 1"));
        assertThat(f.inbox(f.dan, "report.weekly")).isEmpty();
        assertThat(f.runDueJobs()).isZero();
        f.at("2026-03-13T15:00");
        assertThat(f.inbox(f.rep, "report.weekly")).hasSize(1);
        f.at("2026-03-13T16:00");
        assertThat(f.inbox(f.rep, "report.weekly")).hasSize(2);
        assertThat(f.inbox(f.mia, "report.weekly")).hasSize(2);
    }
}
