package io.opensop.runtime.ui;

import io.opensop.designer.render.Choice;
import io.opensop.designer.render.RenderContext;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Backs the form renderer with the engine, always as the signed-in user. */
public final class RuntimeRenderContext implements RenderContext {

    private final transient Actor actor;
    private final transient FormService forms;
    private final transient RecordService records;
    private final transient UserDirectory users;
    private final transient AttachmentStore attachments;
    private transient List<Choice> userChoices;

    public RuntimeRenderContext(Actor actor, FormService forms, RecordService records, UserDirectory users,
                                AttachmentStore attachments) {
        this.actor = actor;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
    }

    @Override
    public Locale locale() {
        return actor.locale();
    }

    @Override
    public ZoneId zone() {
        return actor.zone();
    }

    @Override
    public List<Choice> users() {
        if (userChoices == null) {
            userChoices = users.all().stream().filter(UserAccount::enabled)
                    .map(u -> new Choice(u.id(), u.displayName() == null ? u.username() : u.displayName()))
                    .toList();
        }
        return userChoices;
    }

    @Override
    public List<Choice> searchRecords(String targetForm, String text, int limit) {
        try {
            FormDefinition target = forms.published(actor, targetForm).definition();
            String title = titleField(target);
            List<RecordFilter> filters = text == null || text.isBlank() || title == null ? List.of()
                    : List.of(new RecordFilter(title, FilterOperator.CONTAINS, List.of(text.trim())));
            return records.list(actor, targetForm, new RecordQuery(filters, List.of(), Math.max(1, limit), null,
                            false, false))
                    .items().stream().map(r -> choice(target, r)).toList();
        } catch (EngineException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Choice> record(String targetForm, long id) {
        try {
            FormDefinition target = forms.published(actor, targetForm).definition();
            return Optional.of(choice(target, records.get(actor, targetForm, id)));
        } catch (EngineException e) {
            return Optional.empty();
        }
    }

    @Override
    public AttachmentRef storeAttachment(String name, String mediaType, InputStream content, long limit) {
        return attachments.store(actor.username(), name, mediaType, content, limit);
    }

    /** The form's title field, else its first text field. */
    public static String titleField(FormDefinition form) {
        if (form.titleField() != null) {
            return form.titleField();
        }
        return form.fieldList().stream().filter(f -> f.type() == io.opensop.engine.form.FieldType.TEXT)
                .map(io.opensop.engine.form.FieldDefinition::key).findFirst().orElse(null);
    }

    public static String title(FormDefinition form, FormRecord record) {
        String field = titleField(form);
        Object value = field == null ? null : record.values().get(field);
        return value == null || value.toString().isBlank() ? "#" + record.id() : value.toString();
    }

    private static Choice choice(FormDefinition form, FormRecord record) {
        return new Choice(record.id(), title(form, record));
    }
}
