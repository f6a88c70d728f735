package io.opensop.engine.transfer;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.record.CoercionMode;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.Lookups;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.ValueCoercer;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one row of cells into the typed input of a save, with the engine's lenient coercion
 * (thousands separators, percent signs, common date formats, option labels, usernames). A user
 * cell may hold the login or the display name; a reference cell holds a value of one of the target
 * form's unique fields or of its title field (tried in that order), or a record id. Problems name the field key.
 */
final class RowBinder {

    private final Actor actor;
    private final PublishedForm form;
    private final List<ColumnMapping> mapping;
    private final ValueCoercer coercer;
    private final RecordService records;
    private final PublishedForms forms;
    private final UserDirectory users;
    private final Map<String, Object> referenceCache = new HashMap<>();
    private Map<String, List<Long>> usersByDisplayName;

    RowBinder(Actor actor, PublishedForm form, List<ColumnMapping> mapping, Lookups lookups, RecordService records,
              PublishedForms forms, UserDirectory users) {
        this.actor = actor;
        this.form = form;
        this.mapping = mapping;
        this.coercer = new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone());
        this.records = records;
        this.forms = forms;
        this.users = users;
    }

    record Bound(Map<String, Object> input, List<Problem> problems) {
    }

    Bound bind(List<String> cells) {
        Map<String, Object> input = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (ColumnMapping column : mapping) {
            if (column.fieldKey() == null) {
                continue;
            }
            FieldDefinition field = form.definition().field(column.fieldKey()).orElse(null);
            String text = column.column() < cells.size() ? CellSafety.unescape(cells.get(column.column())) : null;
            if (field == null || text == null || text.isBlank()) {
                continue;
            }
            text = text.strip();
            Object value;
            if (field.storedType() == FieldType.REFERENCE) {
                value = reference(field, text, problems);
            } else if (field.storedType() == FieldType.USER) {
                value = user(field, text, problems);
            } else {
                value = coercer.coerce(field, text, field.key(), problems);
            }
            if (value != null) {
                input.put(field.key(), value);
            }
        }
        return new Bound(input, problems);
    }

    private Object user(FieldDefinition field, String text, List<Problem> problems) {
        Optional<UserAccount> byLogin = users.byUsername(text);
        if (byLogin.isPresent()) {
            return byLogin.get().id();
        }
        if (usersByDisplayName == null) {
            usersByDisplayName = new HashMap<>();
            for (UserAccount account : users.all()) {
                usersByDisplayName.computeIfAbsent(account.displayName(), k -> new ArrayList<>()).add(account.id());
            }
        }
        List<Long> ids = usersByDisplayName.getOrDefault(text, List.of());
        if (ids.size() == 1) {
            return ids.get(0);
        }
        if (ids.size() > 1) {
            problems.add(Problem.of(field.key(), "ambiguous_user", text));
            return null;
        }
        if (text.matches("\\d{1,18}")) {
            return coercer.coerce(field, text, field.key(), problems);
        }
        problems.add(Problem.of(field.key(), "unknown_user_name", text));
        return null;
    }

    private Object reference(FieldDefinition field, String text, List<Problem> problems) {
        String cacheKey = field.target() + "\u0000" + text;
        Object cached = referenceCache.get(cacheKey);
        if (cached instanceof Long id) {
            return id;
        }
        if (cached instanceof Problem p) {
            problems.add(new Problem(field.key(), p.code(), p.args()));
            return null;
        }
        Object resolved = resolveReference(field, text);
        referenceCache.put(cacheKey, resolved);
        if (resolved instanceof Problem p) {
            problems.add(new Problem(field.key(), p.code(), p.args()));
            return null;
        }
        return resolved;
    }

    private Object resolveReference(FieldDefinition field, String text) {
        PublishedForm target = forms.current(field.target()).orElse(null);
        if (target != null) {
            List<String> keyFields = new ArrayList<>(target.definition().fieldList().stream()
                    .filter(FieldDefinition::mustBeUnique).map(FieldDefinition::key).toList());
            String title = target.definition().titleField();
            if (title != null && !keyFields.contains(title)) {
                keyFields.add(title);
            }
            for (String keyField : keyFields) {
                try {
                    List<FormRecord> found = records.list(actor, field.target(), new RecordQuery(
                            List.of(new RecordFilter(keyField, FilterOperator.EQ, List.of(text))), List.of(), 2, null,
                            false, false)).items();
                    if (found.size() == 1) {
                        return found.get(0).id();
                    }
                    if (found.size() > 1) {
                        return Problem.of(field.key(), "ambiguous_reference", field.target(), text);
                    }
                } catch (RuntimeException notSearchable) {
                    // the actor cannot list the target, or the value does not fit this key field
                }
            }
        }
        if (text.matches("\\d{1,18}")) {
            List<Problem> problems = new ArrayList<>();
            Object id = coercer.coerce(field, text, field.key(), problems);
            return problems.isEmpty() && id != null ? id : problems.get(0);
        }
        return Problem.of(field.key(), "unknown_reference", field.target(), text);
    }
}
