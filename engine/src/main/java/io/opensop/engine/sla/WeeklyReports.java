package io.opensop.engine.sla;

import io.opensop.engine.error.EngineException;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.Templates;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.WorkflowNames;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/**
 * The weekly personal process-health report: a timer-start process ({@value #PROCESS_KEY}) whose
 * timer is an ISO 8601 repeating interval anchored at the configured weekday and time in the business
 * zone ({@code R/2024-01-05T16:00+08:00/P7D}), so the job executor fires it once a week on one node.
 * Its {@code send} task is bound to {@link #send()} by {@link SlaEnginePlugin}: every rep with open
 * records gets one message with the count of open records per stage (the current user task) and
 * their overdue (red) SLA items.
 */
public final class WeeklyReports {

    public static final String PROCESS_KEY = "opensop_weekly_report";
    public static final String SEND_ACTIVITY = "send";

    private final ProcessEngine camunda;
    private final RecordService records;
    private final UserDirectory users;
    private final SlaService sla;
    private final NotificationService notifications;
    private final Clock clock;
    private final ZoneId zone;

    WeeklyReports(ProcessEngine camunda, RecordService records, UserDirectory users, SlaService sla,
                  NotificationService notifications, Clock clock, ZoneId zone) {
        this.camunda = camunda;
        this.records = records;
        this.users = users;
        this.sla = sla;
        this.notifications = notifications;
        this.clock = clock;
        this.zone = zone;
    }

    /** The BPMN of the report process for a weekday and local time in the zone. */
    public static String model(DayOfWeek day, LocalTime time, ZoneId zone) {
        LocalDate anchor = LocalDate.of(2024, 1, 1).with(TemporalAdjusters.nextOrSame(day));
        String start = anchor.atTime(time).atZone(zone).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    id="opensop_reports" targetNamespace="http://opensop.io/reports">
                  <bpmn:process id="%s" name="Weekly process-health report" isExecutable="true">
                    <bpmn:startEvent id="every_week">
                      <bpmn:timerEventDefinition id="weekly_timer">
                        <bpmn:timeCycle>R/%s/P7D</bpmn:timeCycle>
                      </bpmn:timerEventDefinition>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="every_week" targetRef="%s"/>
                    <bpmn:task id="%s" name="Send weekly reports"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="%s" targetRef="done"/>
                    <bpmn:endEvent id="done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(PROCESS_KEY, start, SEND_ACTIVITY, SEND_ACTIVITY, SEND_ACTIVITY);
    }

    /** Deploys the report process unless the same model is already deployed (restarts keep the timer). */
    public void deploy(DayOfWeek day, LocalTime time) {
        camunda.getRepositoryService().createDeployment().name(PROCESS_KEY).enableDuplicateFiltering(false)
                .addString(PROCESS_KEY + ".bpmn", model(day, time, zone)).deploy();
    }

    /** Sends this week's report to every rep with open records or overdue items; returns how many got one. */
    public int send() {
        Map<String, Map<String, Set<String>>> stages = new TreeMap<>();
        Map<String, Set<String>> open = new TreeMap<>();
        for (Task task : camunda.getTaskService().createTaskQuery().active().list()) {
            Map<String, Object> vars = camunda.getRuntimeService().getVariables(task.getExecutionId(),
                    List.of(WorkflowNames.FORM_KEY, WorkflowNames.RECORD_ID));
            if (!(vars.get(WorkflowNames.FORM_KEY) instanceof String formKey)
                    || !(vars.get(WorkflowNames.RECORD_ID) instanceof Number id)) {
                continue;
            }
            Optional<String> owner = owner(formKey, id.longValue());
            if (owner.isEmpty()) {
                continue;
            }
            String stage = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
            String recordKey = formKey + ":" + id;
            stages.computeIfAbsent(owner.get(), k -> new TreeMap<>())
                    .computeIfAbsent(stage, k -> new LinkedHashSet<>()).add(recordKey);
            open.computeIfAbsent(owner.get(), k -> new LinkedHashSet<>()).add(recordKey);
        }
        Map<String, List<String[]>> overdue = new TreeMap<>();
        for (SlaService.Row clock : sla.breached()) {
            owner(clock.formKey(), clock.recordId()).ifPresent(o -> overdue.computeIfAbsent(o, k -> new ArrayList<>())
                    .add(new String[] {clock.policy(), clock.formKey() + " #" + clock.recordId()}));
        }
        Set<String> reps = new LinkedHashSet<>(open.keySet());
        reps.addAll(overdue.keySet());
        String week = OffsetDateTime.now(clock).atZoneSameInstant(zone).toLocalDate().toString();
        for (String rep : reps) {
            Map<String, Set<String>> byStage = stages.getOrDefault(rep, Map.of());
            List<String[]> late = overdue.getOrDefault(rep, List.of());
            int openCount = open.getOrDefault(rep, Set.of()).size();
            String display = users.byUsername(rep).map(UserAccount::displayName).orElse(rep);
            notifications.notify(Set.of(rep), "report.weekly", null, null, locale -> {
                StringBuilder body = new StringBuilder(Templates.render(locale, "report.weekly.body", display, week,
                        openCount, late.size()));
                byStage.forEach((stage, ids) -> body.append('\n')
                        .append(Templates.render(locale, "report.weekly.stage", stage, ids.size())));
                late.forEach(item -> body.append('\n')
                        .append(Templates.render(locale, "report.weekly.overdue", item[0], item[1])));
                return new String[] {Templates.render(locale, "report.weekly.title", display, week), body.toString()};
            });
        }
        return reps.size();
    }

    private Optional<String> owner(String formKey, long recordId) {
        try {
            FormRecord record = records.get(Actor.system(), formKey, recordId);
            if (record.ownerId() != null) {
                return users.byId(record.ownerId()).map(UserAccount::username);
            }
            return Optional.ofNullable(record.createdBy());
        } catch (EngineException gone) {
            return Optional.empty();
        }
    }
}
