package io.opensop.engine.record;

import io.opensop.engine.attachment.AttachmentContent;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Upserts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Who may download an uploaded file: whoever uploaded it, an admin, or anyone who may read a record
 * that references it and see the field that holds it (row scope and field access, as the record
 * itself is read). Everyone else is told "not found", so an attachment id says nothing about
 * whether the file exists. Which records reference which files is kept in {@code attachment_use}
 * by {@link #saveHook()}, in the saving transaction; rows are only added, so a file shown in a
 * record's history stays readable to those who may read that history.
 */
public final class AttachmentDownloads {

    private static final int BACKFILL_BATCH = 500;

    private final DSLContext dsl;
    private final AttachmentStore store;
    private final PublishedForms forms;
    private final AccessPolicy policy;
    private final Supplier<RecordService> records;

    /** @param records the record service, supplied late because its save hooks include this class's */
    public AttachmentDownloads(DSLContext dsl, AttachmentStore store, PublishedForms forms, AccessPolicy policy,
                               Supplier<RecordService> records) {
        this.dsl = dsl;
        this.store = store;
        this.forms = forms;
        this.policy = policy;
        this.records = records;
    }

    /** The file, if the actor may read it; otherwise {@link NotFoundException}, exactly as for an unknown id. */
    public AttachmentContent open(Actor actor, String attachmentId) {
        if (!mayRead(actor, attachmentId)) {
            throw new NotFoundException("attachment", attachmentId);
        }
        return store.load(attachmentId);
    }

    public boolean mayRead(Actor actor, String attachmentId) {
        Optional<String> uploader = store.uploadedBy(attachmentId);
        if (uploader.isEmpty()) {
            return false;
        }
        if (actor.isAdmin() || actor.username().equals(uploader.get())) {
            return true;
        }
        for (org.jooq.Record use : dsl.fetch("select form_key, record_id, field_key from attachment_use"
                + " where attachment_id = ? order by form_key, record_id", attachmentId)) {
            if (seesField(actor, use.get(0, String.class), use.get(1, Long.class), use.get(2, String.class))) {
                return true;
            }
        }
        return false;
    }

    private boolean seesField(Actor actor, String formKey, long recordId, String fieldKey) {
        try {
            records.get().get(actor, formKey, recordId);
        } catch (EngineException refused) {
            return false;
        }
        return forms.current(formKey).flatMap(f -> f.definition().field(fieldKey)
                        .map(field -> policy.fieldAccess(actor, f.definition(), field).visible()))
                .orElse(false);
    }

    /**
     * Refuses a save that puts a file into a record which the saving actor may not read themselves
     * (otherwise copying a guessed id into one's own record would open someone else's file), and
     * records every file a saved record references.
     */
    public RecordSaveHook saveHook() {
        return new RecordSaveHook() {
            @Override
            public void beforeWrite(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                                    List<Problem> problems) {
                Map<String, String> before = previous == null ? Map.of() : referenced(form, previous.values());
                referenced(form, values).forEach((id, field) -> {
                    if (!before.containsKey(id) && !mayRead(actor, id)) {
                        problems.add(Problem.of(field, "unknown_attachment", id));
                    }
                });
            }

            @Override
            public void afterWrite(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
                remember(form, current);
            }
        };
    }

    /** True when files exist but no record references are known: records saved before V8 need a backfill. */
    public boolean needsBackfill() {
        return dsl.fetch("select 1 from attachment_use fetch first 1 rows only").isEmpty()
                && dsl.fetch("select 1 from attachment fetch first 1 rows only").isNotEmpty();
    }

    /**
     * Records the files every stored record of every published form references, batch by batch
     * in id order; idempotent. For databases whose records were saved before {@code attachment_use}
     * existed; the runtime runs it at start-up when {@link #needsBackfill()}.
     *
     * @return how many (file, record) references were seen
     */
    public int backfill() {
        RecordStore stored = new RecordStore(dsl);
        int seen = 0;
        for (String formKey : dsl.fetch("select form_key from form_definition where published_version is not null"
                + " order by form_key").map(r -> r.get(0, String.class))) {
            PublishedForm form = forms.current(formKey).orElse(null);
            if (form == null) {
                continue;
            }
            org.jooq.Field<Long> id = RecordStore.longField(form.layout().tableName(), SqlNames.ID);
            long after = 0;
            List<FormRecord> batch;
            do {
                batch = stored.select(form, id.gt(after), List.<org.jooq.SortField<?>>of(id.asc()),
                        BACKFILL_BATCH);
                for (FormRecord record : batch) {
                    seen += remember(form, record);
                    after = record.id();
                }
            } while (batch.size() == BACKFILL_BATCH);
        }
        return seen;
    }

    private int remember(PublishedForm form, FormRecord record) {
        Map<String, String> files = referenced(form, record.values());
        files.forEach((id, field) -> Upserts.insertIfAbsent(dsl, "attachment_use",
                new String[] {"attachment_id", "form_key", "record_id", "field_key"},
                new String[] {"attachment_id", "form_key", "record_id", "field_key"}, id, form.key(), record.id(),
                field));
        return files.size();
    }

    /** Attachment id to the top-level field holding it (a sub-form's key for files on its lines). */
    private static Map<String, String> referenced(PublishedForm form, Map<String, Object> values) {
        Map<String, String> found = new LinkedHashMap<>();
        for (FieldDefinition field : form.definition().fieldList()) {
            Object value = values.get(field.key());
            if (field.type() == FieldType.SUB_FORM && value instanceof List<?> lines) {
                for (Object line : lines) {
                    if (line instanceof Map<?, ?> lineValues) {
                        for (FieldDefinition sub : field.subFields()) {
                            if (holdsFiles(sub)) {
                                ids(lineValues.get(sub.key())).forEach(id -> found.putIfAbsent(id, field.key()));
                            }
                        }
                    }
                }
            } else if (holdsFiles(field)) {
                ids(value).forEach(id -> found.putIfAbsent(id, field.key()));
            }
        }
        return found;
    }

    private static boolean holdsFiles(FieldDefinition field) {
        return field.type() == FieldType.ATTACHMENT || field.type() == FieldType.SIGNATURE;
    }

    private static List<String> ids(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().map(item -> item instanceof AttachmentRef ref ? ref.id()
                        : item instanceof Map<?, ?> map && map.get("id") instanceof String id ? id : null)
                .filter(java.util.Objects::nonNull).toList();
    }
}
