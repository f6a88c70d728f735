package io.opensop.engine.listview;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Saved record-list views per user and form: filters, sorts and columns under a name, one of them the
 * default. A view is checked as the actor's own list query is (the filters and sorts go through
 * {@link RecordService#list}), so a view can only name fields its owner may see; someone reading a
 * shared view still gets only what their own permissions allow, because the list runs as them.
 */
public final class SavedViewService {

    public static final int MAX_NAME_LENGTH = 100;
    /** System columns a view may show besides fields. */
    public static final List<String> SYSTEM_COLUMNS = List.of("id", "owner", "stage", "created_by", "created_at",
            "updated_by", "updated_at");

    private final TransactionOperations transactions;
    private final FormService forms;
    private final AccessPolicy policy;
    private final RecordService records;
    private final Clock clock;
    private final SavedViews views;

    public SavedViewService(DSLContext dsl, TransactionOperations transactions, FormService forms, AccessPolicy policy,
                            RecordService records, Clock clock) {
        this.transactions = transactions;
        this.forms = forms;
        this.policy = policy;
        this.records = records;
        this.clock = clock;
        this.views = new SavedViews(dsl);
    }

    /** The actor's own views, then the ones others share, each group by name. */
    public List<SavedView> list(Actor actor, String formKey) {
        forms.published(actor, formKey);
        return views.visible(formKey, actor.username());
    }

    /** The view the actor's list opens with, if they chose one. */
    public Optional<SavedView> defaultView(Actor actor, String formKey) {
        return list(actor, formKey).stream().filter(v -> v.ownedBy(actor) && v.settings().isDefault()).findFirst();
    }

    public SavedView create(Actor actor, String formKey, ViewSettings settings) {
        check(actor, formKey, settings, 0);
        long id = transactions.execute(s -> {
            long created = views.insert(formKey, actor.username(), settings, now());
            if (settings.isDefault()) {
                views.clearDefault(formKey, actor.username(), created);
            }
            return created;
        });
        return views.find(formKey, id).orElseThrow();
    }

    /** Replaces the view's settings; 409 when it changed since {@code expectedVersion}. */
    public SavedView update(Actor actor, String formKey, long id, long expectedVersion, ViewSettings settings) {
        SavedView current = own(actor, formKey, id);
        check(actor, formKey, settings, id);
        transactions.executeWithoutResult(s -> {
            if (!views.update(id, expectedVersion, settings, now())) {
                throw ConflictException.staleVersion(expectedVersion, current.version());
            }
            if (settings.isDefault()) {
                views.clearDefault(formKey, actor.username(), id);
            }
        });
        return views.find(formKey, id).orElseThrow();
    }

    public void delete(Actor actor, String formKey, long id) {
        own(actor, formKey, id);
        views.delete(id);
    }

    private SavedView own(Actor actor, String formKey, long id) {
        forms.published(actor, formKey);
        SavedView view = views.find(formKey, id).filter(v -> v.ownedBy(actor) || v.settings().shared())
                .orElseThrow(() -> new NotFoundException("view", id));
        if (!view.ownedBy(actor)) {
            throw new AccessDeniedException("only the owner may change a saved view");
        }
        return view;
    }

    private void check(Actor actor, String formKey, ViewSettings settings, long id) {
        PublishedForm form = forms.published(actor, formKey);
        List<Problem> problems = new ArrayList<>();
        if (settings.name() == null || settings.name().isEmpty()) {
            problems.add(Problem.of("name", "required"));
        } else if (settings.name().length() > MAX_NAME_LENGTH) {
            problems.add(Problem.of("name", "too_long", MAX_NAME_LENGTH));
        }
        Set<String> known = new HashSet<>(SYSTEM_COLUMNS);
        form.definition().fieldList().stream()
                .filter(f -> policy.fieldAccess(actor, form.definition(), f).visible())
                .map(FieldDefinition::key).forEach(known::add);
        Set<String> seen = new HashSet<>();
        for (String column : settings.columns()) {
            if (!known.contains(column)) {
                problems.add(Problem.of("columns", "unknown_field", column));
            } else if (!seen.add(column)) {
                problems.add(Problem.of("columns", "duplicate_key", column));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        // the list query itself judges filters and sorts: same fields, operators and values as the list
        records.list(actor, formKey, new RecordQuery(settings.filters(), settings.sorts(), 1, null, false, false));
        if (views.nameTaken(formKey, actor.username(), settings.name(), id)) {
            throw new ConflictException("duplicate_name", "a view called \"" + settings.name() + "\" exists", null);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
