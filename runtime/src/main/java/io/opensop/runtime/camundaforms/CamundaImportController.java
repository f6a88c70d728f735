package io.opensop.runtime.camundaforms;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.workflow.camundaforms.CamundaFormsImport;
import io.opensop.engine.workflow.camundaforms.CamundaFormsImporter;
import io.opensop.runtime.security.CurrentActor;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports a Camunda 7 process application: multipart {@code bpmn} (one file) and {@code forms} (form-js files). */
@RestController
class CamundaImportController {

    private final CamundaFormsImporter importer;
    private final CurrentActor actor;

    CamundaImportController(CamundaFormsImporter importer, CurrentActor actor) {
        this.importer = importer;
        this.actor = actor;
    }

    @PostMapping(value = "/api/processes/import-camunda", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CamundaFormsImport> importApplication(@RequestPart("bpmn") MultipartFile bpmn,
                                                         @RequestPart(value = "forms", required = false)
                                                         List<MultipartFile> forms) throws IOException {
        if (!actor.get().isAdmin()) {
            throw new AccessDeniedException("only admins import process applications");
        }
        if (bpmn == null || bpmn.isEmpty()) {
            throw new ValidationException(Problem.of("bpmn", "required"));
        }
        List<CamundaFormsImporter.FormFile> files = new ArrayList<>();
        for (MultipartFile form : forms == null ? List.<MultipartFile>of() : forms) {
            files.add(new CamundaFormsImporter.FormFile(form.getOriginalFilename(), form.getBytes()));
        }
        CamundaFormsImport imported = importer.importApplication(actor.get(), bpmn.getBytes(), files);
        return ResponseEntity.created(URI.create("/api/processes/" + imported.processKey())).body(imported);
    }
}
