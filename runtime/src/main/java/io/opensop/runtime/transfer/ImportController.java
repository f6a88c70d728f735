package io.opensop.runtime.transfer;

import com.fasterxml.jackson.core.type.TypeReference;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.transfer.ImportJob;
import io.opensop.engine.transfer.ImportMode;
import io.opensop.engine.transfer.ImportService;
import io.opensop.engine.transfer.ImportStatus;
import io.opensop.runtime.api.ApiError;
import io.opensop.runtime.api.ErrorResponses;
import io.opensop.runtime.security.CurrentActor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Spreadsheet imports of one form: upload (201), then dry run, commit and resume, which run on the
 * import pool and answer 202 with the job; {@code GET} shows progress and the first errors.
 */
@RestController
@RequestMapping("/api/forms/{formKey}/imports")
class ImportController {

    private final ImportService imports;
    private final ImportTasks tasks;
    private final CurrentActor actor;
    private final ErrorResponses errors;

    ImportController(ImportService imports, ImportTasks tasks, CurrentActor actor, ErrorResponses errors) {
        this.imports = imports;
        this.tasks = tasks;
        this.actor = actor;
        this.errors = errors;
    }

    /** Multipart: {@code file}, optional {@code mapping} (JSON object header → field key, "" ignores) and {@code upsertKey}. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJobView> upload(@PathVariable String formKey, @RequestPart("file") MultipartFile file,
                                         @RequestParam(value = "mapping", required = false) String mapping,
                                         @RequestParam(value = "upsertKey", required = false) String upsertKey) {
        Map<String, String> columns = null;
        if (mapping != null && !mapping.isBlank()) {
            try {
                columns = Json.mapper().readValue(mapping, new TypeReference<Map<String, String>>() {
                });
            } catch (IOException e) {
                throw new ValidationException(Problem.of("mapping", "invalid_value", mapping));
            }
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (content.length == 0) {
            throw new ValidationException(Problem.of("file", "empty_file"));
        }
        ImportJob job = imports.upload(actor.get(), formKey, file.getOriginalFilename(), content, columns, upsertKey);
        return ResponseEntity.created(URI.create("/api/forms/" + formKey + "/imports/" + job.id()))
                .body(view(job, null));
    }

    @GetMapping("/{id}")
    ImportJobView get(@PathVariable String formKey, @PathVariable long id,
                      @RequestParam(value = "errors", defaultValue = "100") int errorLimit) {
        Actor current = actor.get();
        ImportJob job = imports.job(current, formKey, id);
        return view(job, imports.errors(current, formKey, id, Math.max(0, Math.min(errorLimit, 1000))));
    }

    @PostMapping("/{id}/dry-run")
    ResponseEntity<ImportJobView> dryRun(@PathVariable String formKey, @PathVariable long id) {
        Actor current = actor.get();
        ImportJob job = imports.job(current, formKey, id);
        if (job.status() != ImportStatus.UPLOADED && job.status() != ImportStatus.VALIDATED) {
            throw new ConflictException("import_state", "the import is " + job.status().key(), null);
        }
        tasks.submit(id, () -> imports.dryRun(current, formKey, id));
        return accepted(current, formKey, id);
    }

    /** Body {@code {"mode": "all_or_nothing" | "valid_rows_only", "upsertKey": "..."}}; runs the dry run first when needed. */
    @PostMapping("/{id}/commit")
    ResponseEntity<ImportJobView> commit(@PathVariable String formKey, @PathVariable long id,
                                         @RequestBody CommitRequest request) {
        ImportMode mode = request.mode() == null ? null : ImportMode.find(request.mode()).orElse(null);
        if (mode == null) {
            throw new ValidationException(Problem.of("mode", request.mode() == null ? "required" : "invalid_value",
                    String.valueOf(request.mode())));
        }
        Actor current = actor.get();
        ImportJob job = imports.job(current, formKey, id);
        String key = request.upsertKey() == null || request.upsertKey().isBlank() ? null : request.upsertKey();
        if (job.status() == ImportStatus.COMMITTED) {
            throw new ConflictException("import_state", "the import is already committed", null);
        }
        if (mode == ImportMode.ALL_OR_NOTHING && job.status() == ImportStatus.VALIDATED
                && Objects.equals(key, job.upsertKey()) && job.rowsFailed() > 0) {
            throw new ValidationException(Problem.of("mode", "import_has_errors", job.rowsFailed()));
        }
        tasks.submit(id, () -> imports.commit(current, formKey, id, mode, key));
        return accepted(current, formKey, id);
    }

    /** Continues a commit that stopped (crash, failed row in all_or_nothing) after its last committed row. */
    @PostMapping("/{id}/resume")
    ResponseEntity<ImportJobView> resume(@PathVariable String formKey, @PathVariable long id) {
        Actor current = actor.get();
        ImportJob job = imports.job(current, formKey, id);
        if (job.status() != ImportStatus.COMMITTING && job.status() != ImportStatus.FAILED
                && job.status() != ImportStatus.VALIDATING) {
            throw new ConflictException("import_state", "the import is " + job.status().key(), null);
        }
        tasks.submit(id, () -> imports.resume(current, formKey, id));
        return accepted(current, formKey, id);
    }

    /** The failed rows as CSV (the file's columns, then Row and Errors), ready to fix and import again. */
    @GetMapping("/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errorFile(@PathVariable String formKey, @PathVariable long id) {
        Actor current = actor.get();
        ImportJob job = imports.job(current, formKey, id);
        String base = job.fileName().replaceAll("\\.[^.]*$", "");
        String name = Downloads.safeName(base, "import") + "-errors.csv";
        StreamingResponseBody body = out -> imports.writeErrorFile(current, formKey, id, out);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8")).body(body);
    }

    @ExceptionHandler(ImportTasks.ImportsBusyException.class)
    ResponseEntity<ApiError> busy(ImportTasks.ImportsBusyException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(errors.of(null, "busy", locale, e.getMessage()));
    }

    private ResponseEntity<ImportJobView> accepted(Actor current, String formKey, long id) {
        return ResponseEntity.accepted().body(view(imports.job(current, formKey, id), null));
    }

    private ImportJobView view(ImportJob job, java.util.List<io.opensop.engine.transfer.ImportError> errorPage) {
        return ImportJobView.of(job, tasks.isRunning(job.id()), errorPage);
    }

    record CommitRequest(String mode, String upsertKey) {
    }
}
