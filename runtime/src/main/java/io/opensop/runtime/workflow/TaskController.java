package io.opensop.runtime.workflow;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.workflow.TaskDetail;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.api.Versions;
import io.opensop.runtime.security.CurrentActor;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's tasks: list, open (form + record + allowed actions), claim, complete, return. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final WorkflowService workflow;
    private final CurrentActor actor;

    TaskController(WorkflowService workflow, CurrentActor actor) {
        this.workflow = workflow;
        this.actor = actor;
    }

    record CompleteInput(Long version, Map<String, Object> values) {
    }

    record ReturnInput(String target, String reason, Long version, Map<String, Object> values) {
    }

    @GetMapping
    List<WorkTask> mine() {
        return workflow.tasks(actor.get());
    }

    @GetMapping("/{id}")
    TaskDetail open(@PathVariable String id) {
        return workflow.open(actor.get(), id);
    }

    @PostMapping("/{id}/claim")
    WorkTask claim(@PathVariable String id) {
        return workflow.claim(actor.get(), id);
    }

    /** Saves the task's record (If-Match or body version) and completes the task, or neither. */
    @PostMapping("/{id}/complete")
    ResponseEntity<FormRecord> complete(@PathVariable String id, @RequestBody CompleteInput input,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        long version = Versions.required(ifMatch, input.version());
        FormRecord saved = workflow.complete(actor.get(), id, version, input.values());
        return ResponseEntity.ok().eTag(Versions.etag(saved.version())).body(saved);
    }

    @PostMapping("/{id}/return")
    WorkTask returnTask(@PathVariable String id, @RequestBody ReturnInput input,
                        @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return workflow.returnTask(actor.get(), id, input.target(), input.reason(),
                TaskEditsInput.of(ifMatch, input.version(), input.values()));
    }
}
