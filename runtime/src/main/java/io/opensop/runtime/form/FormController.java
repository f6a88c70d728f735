package io.opensop.runtime.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.metadata.FormVersionInfo;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.api.Versions;
import io.opensop.runtime.security.CurrentActor;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Form definitions: drafts, publishing and versions. */
@RestController
@RequestMapping("/api/forms")
class FormController {

    private final FormService forms;
    private final RecordService records;
    private final CurrentActor actor;
    FormController(FormService forms, RecordService records, CurrentActor actor) {
        this.records = records;
        this.forms = forms;
        this.actor = actor;
    }

    /** Designers get each draft; readers each published form as they may see it (no hidden field, not even its name). */
    @GetMapping
    List<FormView> list() {
        Actor current = actor.get();
        return forms.list(current).stream()
                .map(draft -> canDesign(current, draft.key()) ? FormView.of(draft) : readerView(current, draft.key()))
                .toList();
    }

    @PostMapping
    ResponseEntity<FormView> create(@RequestBody JsonNode body) {
        FormDraft draft = forms.create(actor.get(), FormJson.read(body));
        return ResponseEntity.created(URI.create("/api/forms/" + draft.key()))
                .eTag(Versions.etag(draft.draftRevision())).body(FormView.of(draft));
    }

    @GetMapping("/{formKey}")
    ResponseEntity<FormView> get(@PathVariable String formKey) {
        Actor current = actor.get();
        FormView view;
        if (forms.exists(formKey) && canDesign(current, formKey)) {
            view = FormView.of(forms.draft(current, formKey));
        } else {
            view = readerView(current, formKey);
        }
        return ResponseEntity.ok().eTag(Versions.etag(view.draftRevision())).body(view);
    }

    /** The published form as a reader may see it, without the fields hidden from them. */
    private FormView readerView(Actor current, String formKey) {
        PublishedForm published = forms.published(current, formKey);
        return new FormView(formKey, records.visibleDefinition(current, formKey), 0, published.version(), null, null);
    }

    private boolean canDesign(Actor current, String formKey) {
        try {
            forms.draft(current, formKey);
            return true;
        } catch (io.opensop.engine.error.AccessDeniedException e) {
            return false;
        }
    }

    @PutMapping("/{formKey}")
    ResponseEntity<FormView> update(@PathVariable String formKey, @RequestBody JsonNode body,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @RequestParam(value = "revision", required = false) Long revision) {
        FormDefinition definition = FormJson.read(body);
        FormDraft draft = forms.updateDraft(actor.get(), formKey, Versions.required(ifMatch, revision), definition);
        return ResponseEntity.ok().eTag(Versions.etag(draft.draftRevision())).body(FormView.of(draft));
    }

    @PostMapping("/{formKey}/publish")
    PublishResult publish(@PathVariable String formKey,
                          @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun) {
        return forms.publish(actor.get(), formKey, dryRun);
    }

    @GetMapping("/{formKey}/versions")
    List<FormVersionInfo> versions(@PathVariable String formKey) {
        return forms.versions(actor.get(), formKey);
    }

    @GetMapping("/{formKey}/versions/{version}")
    FormDefinition version(@PathVariable String formKey, @PathVariable int version) {
        return forms.version(actor.get(), formKey, version);
    }
}
