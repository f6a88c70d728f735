package io.opensop.runtime.record;

import io.opensop.engine.audit.Revision;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.runtime.api.Versions;
import io.opensop.runtime.security.CurrentActor;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Records of a published form. Changes need the version the client edited (If-Match or body). */
@RestController
@RequestMapping("/api/forms/{formKey}/records")
class RecordController {

    private final RecordService records;
    private final CurrentActor actor;

    RecordController(RecordService records, CurrentActor actor) {
        this.records = records;
        this.actor = actor;
    }

    @PostMapping
    ResponseEntity<FormRecord> create(@PathVariable String formKey, @RequestBody RecordInput input) {
        FormRecord record = records.create(actor.get(), formKey, input.values());
        return ResponseEntity.created(URI.create("/api/forms/" + formKey + "/records/" + record.id()))
                .eTag(Versions.etag(record.version())).body(record);
    }

    @GetMapping("/{id}")
    ResponseEntity<FormRecord> get(@PathVariable String formKey, @PathVariable long id) {
        FormRecord record = records.get(actor.get(), formKey, id);
        return ResponseEntity.ok().eTag(Versions.etag(record.version())).body(record);
    }

    @PatchMapping("/{id}")
    ResponseEntity<FormRecord> update(@PathVariable String formKey, @PathVariable long id,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @RequestBody RecordInput input) {
        long version = Versions.required(ifMatch, input.version());
        FormRecord record = records.update(actor.get(), formKey, id, version, input.values());
        return ResponseEntity.ok().eTag(Versions.etag(record.version())).body(record);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<FormRecord> delete(@PathVariable String formKey, @PathVariable long id,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @RequestParam(value = "version", required = false) Long version) {
        FormRecord record = records.delete(actor.get(), formKey, id, Versions.required(ifMatch, version));
        return ResponseEntity.ok().eTag(Versions.etag(record.version())).body(record);
    }

    @PostMapping("/{id}/restore")
    ResponseEntity<FormRecord> restore(@PathVariable String formKey, @PathVariable long id,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @RequestParam(value = "version", required = false) Long version) {
        FormRecord record = records.restore(actor.get(), formKey, id, Versions.required(ifMatch, version));
        return ResponseEntity.ok().eTag(Versions.etag(record.version())).body(record);
    }

    @GetMapping
    RecordPage list(@PathVariable String formKey,
                    @RequestParam(value = "filter", required = false) List<String> filters,
                    @RequestParam(value = "sort", required = false) String sort,
                    @RequestParam(value = "limit", defaultValue = "50") int limit,
                    @RequestParam(value = "after", required = false) String after,
                    @RequestParam(value = "count", defaultValue = "false") boolean count,
                    @RequestParam(value = "deleted", defaultValue = "false") boolean deleted) {
        RecordQuery query = new RecordQuery(QueryParameters.filters(filters == null ? List.of() : filters),
                QueryParameters.sorts(sort), limit, after, count, deleted);
        return records.list(actor.get(), formKey, query);
    }

    @GetMapping("/{id}/history")
    List<Revision> history(@PathVariable String formKey, @PathVariable long id) {
        return records.history(actor.get(), formKey, id);
    }
}
