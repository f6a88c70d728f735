package io.opensop.engine.workflow.pipeline;

import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.formula.WorkCalendar;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordValues;
import io.opensop.engine.record.StageGuard;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.WorkflowNames;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.model.bpmn.instance.EndEvent;

/**
 * Stage moves of records on forms with a pipeline. A record starts in the first stage; it may move
 * one stage forward or back to any earlier stage (never skip forward, never stay), and only when
 * every entry gate of the target stage holds; every unmet gate is reported ({@code gate_unmet}).
 * After a move, the record's pipeline process instance (when the pipeline's process is deployed)
 * waits in the new stage's element; it is started on the first stage the record enters.
 */
final class PipelineGates implements StageGuard {

    private final PublishedForms forms;
    private final RecordService records;
    private final FormulaEngine formulas;
    private final Clock clock;
    private final ZoneId zone;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;

    PipelineGates(PublishedForms forms, RecordService records, FormulaEngine formulas, Clock clock, ZoneId zone,
                  ProcessEngine camunda) {
        this.forms = forms;
        this.records = records;
        this.formulas = formulas;
        this.clock = clock;
        this.zone = zone;
        this.runtime = camunda.getRuntimeService();
        this.history = camunda.getHistoryService();
        this.repository = camunda.getRepositoryService();
    }

    @Override
    public String initialStage(PublishedForm form) {
        return pipeline(form).filter(p -> !p.stages().isEmpty()).map(p -> p.stages().get(0).key()).orElse(null);
    }

    @Override
    public void check(Actor actor, PublishedForm form, FormRecord record, String toStage, List<Problem> problems) {
        Optional<Pipeline> found = pipeline(form);
        if (found.isEmpty() || found.get().stages().isEmpty()) {
            problems.add(Problem.of("stage", "no_pipeline", form.key()));
            return;
        }
        Pipeline pipeline = found.get();
        int to = pipeline.indexOf(toStage);
        if (to < 0) {
            problems.add(Problem.of("stage", "unknown_stage", toStage));
            return;
        }
        int from = record.stage() == null ? 0 : pipeline.indexOf(record.stage());
        if (from == to) {
            problems.add(Problem.of("stage", "stage_unchanged", toStage));
            return;
        }
        if (from >= 0 && to > from + 1) {
            problems.add(Problem.of("stage", "stage_skipped", record.stage() == null
                    ? pipeline.stages().get(0).key() : record.stage(), toStage, pipeline.stages().get(from + 1).key()));
            return;
        }
        for (StageGate gate : pipeline.stages().get(to).gates()) {
            if (!met(form, record, gate)) {
                problems.add(Problem.of(gate.blames(), "gate_unmet", toStage, gate.effectiveKey(), gate.type()));
            }
        }
    }

    private boolean met(PublishedForm form, FormRecord record, StageGate gate) {
        Object value = gate.field() == null ? null : record.values().get(gate.field());
        return switch (gate.type()) {
            case StageGate.REQUIRED -> !RecordValues.isBlank(value);
            case StageGate.ATTACHMENT -> value instanceof Collection<?> files && !files.isEmpty();
            case StageGate.RULE -> Boolean.TRUE.equals(evaluate(form.definition(), record, gate.formula()));
            case StageGate.APPROVAL -> approved(form.key(), record.id(), gate.process());
            default -> false;
        };
    }

    private Object evaluate(FormDefinition form, FormRecord record, String formula) {
        try {
            CompiledFormula compiled = formulas.compile(formula.trim(), FormulaSchema.of(form, this::definition),
                    FormulaType.BOOLEAN);
            return compiled.evaluate(record.values(), new FormulaContext(clock, zone, WorkCalendar.standard(),
                    this::referenced));
        } catch (FormulaException e) {
            return null;
        }
    }

    /** The record's latest instance of the process ended at an end event other than {@code rejected}. */
    private boolean approved(String formKey, long recordId, String process) {
        List<HistoricProcessInstance> latest = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(formKey + ":" + recordId).processDefinitionKey(process)
                .orderByProcessInstanceStartTime().desc().orderByProcessInstanceId().desc().listPage(0, 1);
        if (latest.isEmpty()) {
            return false;
        }
        HistoricProcessInstance instance = latest.get(0);
        if (!HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())
                || instance.getEndActivityId() == null || "rejected".equals(instance.getEndActivityId())) {
            return false;
        }
        return repository.getBpmnModelInstance(instance.getProcessDefinitionId())
                .getModelElementById(instance.getEndActivityId()) instanceof EndEvent;
    }

    @Override
    public java.util.Map<String, Object> entryValues(PublishedForm form, FormRecord record, String toStage,
                                                     java.time.OffsetDateTime now) {
        return pipeline(form).flatMap(p -> p.stages().stream().filter(s -> s.key().equals(toStage)).findFirst())
                .filter(s -> s.enteredAt() != null && record.values().get(s.enteredAt()) == null)
                .map(s -> java.util.Map.<String, Object>of(s.enteredAt(), now))
                .orElse(java.util.Map.of());
    }

    @Override
    public void moved(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
        if (pipeline(form).isEmpty() || current.stage() == null) {
            return;
        }
        String processKey = PipelineBpmn.processId(form.key());
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (definition == null) {
            return;
        }
        String target = PipelineBpmn.stageId(current.stage());
        String businessKey = form.key() + ":" + current.id();
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
                .processDefinitionKey(processKey).active().list().stream().findFirst().orElse(null);
        String definitionId = running == null ? definition.getId() : running.getProcessDefinitionId();
        if (repository.getBpmnModelInstance(definitionId).getModelElementById(target) == null) {
            return; // an admin refined the model without this stage's element: nothing to follow
        }
        if (running == null) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(WorkflowNames.RECORD_ID, current.id());
            variables.put(WorkflowNames.FORM_KEY, form.key());
            variables.put(WorkflowNames.SUBMITTER, actor.username());
            variables.put(WorkflowNames.MODEL_KEY, processKey);
            runtime.createProcessInstanceById(definition.getId()).businessKey(businessKey).setVariables(variables)
                    .startBeforeActivity(target).execute();
            return;
        }
        List<String> active = new ArrayList<>();
        ActivityInstance tree = runtime.getActivityInstance(running.getId());
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            active.add(child.getId());
        }
        ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(running.getId())
                .startBeforeActivity(target);
        for (String id : active) {
            modification = modification.cancelActivityInstance(id);
        }
        modification.execute();
    }

    private Optional<Pipeline> pipeline(PublishedForm form) {
        try {
            return Pipeline.of(form.definition());
        } catch (IllegalArgumentException invalid) {
            return Optional.empty(); // refused at publish; a stored invalid pipeline has no stages
        }
    }

    private Optional<FormDefinition> definition(String formKey) {
        return forms.current(formKey).map(PublishedForm::definition);
    }

    private Map<String, Object> referenced(String formKey, long id) {
        try {
            return records.get(Actor.system(), formKey, id).values();
        } catch (EngineException missing) {
            return Map.of();
        }
    }
}
