package io.opensop.engine.workflow.pipeline;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.metadata.PublishCheck;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.StageGuard;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Stage pipelines: the stage guard that {@code RecordService.moveStage} consults, the publish check
 * of the {@code pipeline} of form definitions, and the BPMN process a pipeline compiles to, stored
 * through {@link ProcessModelService} as model {@code <form>_pipeline} so admins can open and refine it.
 */
public final class PipelineService {

    private final PublishedForms forms;
    private final ProcessModelService models;
    private final PipelineGates gates;
    private final PipelineChecks checks;

    public PipelineService(PublishedForms forms, RecordService records, ProcessModelService models,
                           ProcessEngine camunda, Clock clock, ZoneId zone) {
        this.forms = forms;
        this.models = models;
        FormulaEngine formulas = new FormulaEngine();
        this.gates = new PipelineGates(forms, records, formulas, clock, zone, camunda);
        this.checks = new PipelineChecks(formulas);
    }

    public StageGuard stageGuard() {
        return gates;
    }

    public PublishCheck publishCheck() {
        return checks;
    }

    /** The pipeline of the form's published version. */
    public Pipeline pipeline(String formKey) {
        PublishedForm form = forms.current(formKey).orElseThrow(() -> new NotFoundException("form", formKey));
        return Pipeline.of(form.definition())
                .orElseThrow(() -> new ValidationException(Problem.of("pipeline", "no_pipeline", formKey)));
    }

    /** The BPMN the published pipeline compiles to. */
    public String bpmn(String formKey) {
        PublishedForm form = forms.current(formKey).orElseThrow(() -> new NotFoundException("form", formKey));
        return PipelineBpmn.write(formKey, form.definition().label(), pipeline(formKey));
    }

    /** The model key of a form's pipeline process. */
    public static String modelKey(String formKey) {
        return PipelineBpmn.processId(formKey);
    }

    /**
     * Writes the generated BPMN as the draft of model {@code <form>_pipeline} (created, or a new draft
     * revision replacing an admin's draft: regenerate only when the stages changed).
     */
    public ProcessModel generateProcess(Actor actor, String formKey) {
        byte[] xml = bpmn(formKey).getBytes(StandardCharsets.UTF_8);
        String key = modelKey(formKey);
        if (!models.exists(key)) {
            return models.importModel(actor, key, xml);
        }
        return models.updateDraft(actor, key, models.draft(actor, key).draftRevision(), xml);
    }

    /** Generates and publishes the pipeline process; records entering a stage afterwards get an instance. */
    public ProcessVersion publishProcess(Actor actor, String formKey) {
        generateProcess(actor, formKey);
        return models.publish(actor, modelKey(formKey));
    }
}
