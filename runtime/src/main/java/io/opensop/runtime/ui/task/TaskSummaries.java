package io.opensop.runtime.ui.task;

import io.opensop.engine.error.EngineException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.sla.ClockView;
import io.opensop.engine.sla.SlaServices;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.sla.SlaLight;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The actor's open tasks as the inbox and the home page show them: the task, the form and title of its
 * record, and the SLA colour of the task's own clocks (else the record's), read through the engine as
 * the actor.
 */
@Component
public class TaskSummaries {

    private final WorkflowService workflow;
    private final FormService forms;
    private final RecordService records;
    private final SlaServices sla;
    private final Clock clock;

    TaskSummaries(WorkflowService workflow, FormService forms, RecordService records, SlaServices sla, Clock clock) {
        this.workflow = workflow;
        this.forms = forms;
        this.records = records;
        this.sla = sla;
        this.clock = clock;
    }

    /** One line of the inbox. {@code mine}: assigned to the actor; otherwise offered to them or their groups. */
    public record TaskSummary(WorkTask task, String formLabel, String recordTitle, SlaLight light, boolean mine) {
    }

    public List<TaskSummary> open(Actor actor, Locale locale) {
        Map<String, FormDefinition> definitions = new HashMap<>();
        List<TaskSummary> out = new ArrayList<>();
        for (WorkTask task : workflow.tasks(actor)) {
            String formLabel = "";
            String title = "";
            SlaLight light = SlaLight.NONE;
            if (task.recordFormKey() != null && task.recordId() != null) {
                try {
                    FormDefinition form = definitions.computeIfAbsent(task.recordFormKey(),
                            key -> forms.published(actor, key).definition());
                    FormRecord record = records.get(actor, task.recordFormKey(), task.recordId());
                    formLabel = form.label().in(locale);
                    title = RuntimeRenderContext.title(form, record);
                    List<ClockView> clocks = sla.clocks().clocks(actor, task.recordFormKey(), task.recordId());
                    List<ClockView> own = clocks.stream().filter(c -> task.id().equals(c.taskId())).toList();
                    light = SlaLight.of(own.isEmpty() ? clocks : own, clock.instant());
                } catch (EngineException e) {
                    title = "#" + task.recordId(); // the record is not readable to the actor: show the task only
                }
            }
            out.add(new TaskSummary(task, formLabel, title, light, actor.username().equals(task.assignee())));
        }
        return out;
    }
}
