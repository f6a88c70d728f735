package io.opensop.runtime.workflow;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.workflow.ProcessVersion;
import io.opensop.engine.workflow.WorkflowServices;
import io.opensop.runtime.api.Versions;
import io.opensop.runtime.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stage pipelines over REST: move a record to another stage (422 lists every unmet gate, 409 on a
 * stale version), and (admins) generate and publish its BPMN process.
 */
@RestController
@RequestMapping("/api/forms/{formKey}")
class StageController {

    private final RecordService records;
    private final WorkflowServices workflow;
    private final CurrentActor actor;

    StageController(RecordService records, WorkflowServices workflow, CurrentActor actor) {
        this.records = records;
        this.workflow = workflow;
        this.actor = actor;
    }

    record StageInput(Long version, String stage) {
    }

    @PostMapping("/records/{id}/stage")
    ResponseEntity<FormRecord> move(@PathVariable String formKey, @PathVariable long id,
                                    @RequestBody StageInput input,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        long version = Versions.required(ifMatch, input.version());
        FormRecord moved = records.moveStage(actor.get(), formKey, id, version, input.stage());
        return ResponseEntity.ok().eTag(Versions.etag(moved.version())).body(moved);
    }

    /** Generates the pipeline's BPMN as model {@code <form>_pipeline} and publishes it (admins). */
    @PostMapping("/pipeline/process")
    ProcessVersion publishProcess(@PathVariable String formKey) {
        return workflow.pipelines().publishProcess(actor.get(), formKey);
    }
}
