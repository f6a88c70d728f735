package io.opensop.runtime.workflow;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessModelDiff;
import io.opensop.engine.workflow.ProcessModelInfo;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import io.opensop.engine.workflow.StartedProcess;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.security.CurrentActor;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import io.opensop.runtime.api.Versions;

/** Process models: import (admins), drafts, publish = deploy, versions, XML export, diff, start for a record. */
@RestController
@RequestMapping("/api/processes")
class ProcessController {

    private final ProcessModelService models;
    private final WorkflowService workflow;
    private final CurrentActor actor;

    ProcessController(ProcessModelService models, WorkflowService workflow, CurrentActor actor) {
        this.models = models;
        this.workflow = workflow;
        this.actor = actor;
    }

    /** The draft (without XML) and, after {@code ?deploy=true}, the version it became. */
    record Imported(String key, String name, long draftRevision, Integer publishedVersion, ProcessVersion version) {
        static Imported of(ProcessModel model, ProcessVersion version) {
            return new Imported(model.key(), model.name(), model.draftRevision(),
                    version == null ? model.publishedVersion() : Integer.valueOf(version.version()), version);
        }
    }

    record StartInput(String formKey, Long recordId) {
    }

    @GetMapping
    List<ProcessModelInfo> list() {
        return models.list(actor.get());
    }

    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "application/bpmn+xml",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Imported> importXml(@RequestBody byte[] xml, @RequestParam(value = "key", required = false) String key,
                                       @RequestParam(value = "deploy", defaultValue = "false") boolean deploy) {
        return imported(actor.get(), key, xml, deploy);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Imported> importFile(@RequestPart("file") MultipartFile file,
                                        @RequestParam(value = "key", required = false) String key,
                                        @RequestParam(value = "deploy", defaultValue = "false") boolean deploy)
            throws IOException {
        return imported(actor.get(), key, file.getBytes(), deploy);
    }

    private ResponseEntity<Imported> imported(Actor current, String key, byte[] xml, boolean deploy) {
        ProcessModel model = models.importModel(current, key, xml);
        ProcessVersion version = deploy ? models.publish(current, model.key()) : null;
        return ResponseEntity.created(URI.create("/api/processes/" + model.key()))
                .eTag(Versions.etag(model.draftRevision())).body(Imported.of(model, version));
    }

    @PutMapping(value = "/{key}/xml", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            "application/bpmn+xml", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Imported> updateDraft(@PathVariable String key, @RequestBody byte[] xml,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestParam(value = "revision", required = false) Long revision) {
        ProcessModel model = models.updateDraft(actor.get(), key, Versions.required(ifMatch, revision), xml);
        return ResponseEntity.ok().eTag(Versions.etag(model.draftRevision())).body(Imported.of(model, null));
    }

    @GetMapping("/{key}/xml")
    ResponseEntity<byte[]> xml(@PathVariable String key,
                               @RequestParam(value = "version", required = false) Integer version) {
        String xml = models.xml(actor.get(), key, version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(ProcessModelService.encoded(xml));
    }

    @PostMapping("/{key}/publish")
    ProcessVersion publish(@PathVariable String key) {
        return models.publish(actor.get(), key);
    }

    @GetMapping("/{key}/validation")
    List<Problem> validate(@PathVariable String key) {
        return models.validate(actor.get(), key);
    }

    @GetMapping("/{key}/versions")
    List<ProcessVersion> versions(@PathVariable String key) {
        return models.versions(actor.get(), key);
    }

    @GetMapping("/{key}/diff")
    ProcessModelDiff diff(@PathVariable String key, @RequestParam("from") int from, @RequestParam("to") int to) {
        return models.diff(actor.get(), key, from, to);
    }

    @PostMapping("/{key}/start")
    ResponseEntity<StartedProcess> start(@PathVariable String key, @RequestBody StartInput input) {
        if (input.formKey() == null || input.formKey().isBlank()) {
            throw new ValidationException(Problem.of("formKey", "required"));
        }
        if (input.recordId() == null) {
            throw new ValidationException(Problem.of("recordId", "required"));
        }
        StartedProcess started = workflow.start(actor.get(), key, input.formKey(), input.recordId());
        return ResponseEntity.status(201).body(started);
    }
}
