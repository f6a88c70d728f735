package io.opensop.engine.record;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Values a computed field reads through a reference ({@code customer.credit_limit}) come from another
 * record: an actor who may not read that record must not see them, even where they may see the field.
 * Knows which computed fields read through which references (also by reading another computed field
 * that does), takes them out of each row whose referenced record the actor may not read, and says
 * which of them the actor may filter, sort and aggregate on: only those whose target records the actor
 * may all read, since a filter or a sort order would reveal the values row by row.
 */
final class ReadThrough {

    private final DSLContext dsl;
    private final PublishedForms forms;
    private final AccessPolicy policy;
    private final List<DerivedInputs> sources;

    ReadThrough(DSLContext dsl, PublishedForms forms, AccessPolicy policy, List<DerivedInputs> sources) {
        this.dsl = dsl;
        this.forms = forms;
        this.policy = policy;
        this.sources = sources;
    }

    /** The rows as the actor may see them: only {@code visible} fields, and no value read through a reference to a record the actor may not read. */
    List<FormRecord> mask(Actor actor, PublishedForm form, Set<String> visible, List<FormRecord> rows) {
        Map<String, Set<String>> through = actor.isAdmin() ? Map.of() : references(form.definition());
        Map<String, Set<Long>> readable = new HashMap<>();
        Set<String> references = new HashSet<>();
        through.forEach((computed, refs) -> {
            if (visible.contains(computed)) {
                references.addAll(refs);
            }
        });
        for (String reference : references) {
            Set<Long> ids = new HashSet<>();
            rows.forEach(row -> {
                if (row.values().get(reference) instanceof Number id) {
                    ids.add(id.longValue());
                }
            });
            readable.put(reference, readableIds(actor, target(form.definition(), reference), ids));
        }
        List<FormRecord> masked = new ArrayList<>(rows.size());
        for (FormRecord row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.values().forEach((key, value) -> {
                if (visible.contains(key) && !hiddenInRow(through.get(key), row, readable)) {
                    values.put(key, value);
                }
            });
            masked.add(row.withValues(java.util.Collections.unmodifiableMap(values)));
        }
        return masked;
    }

    /** The visible fields the actor may filter, sort and aggregate on. */
    Set<String> queryable(Actor actor, PublishedForm form, Set<String> visible) {
        if (actor.isAdmin()) {
            return visible;
        }
        Set<String> queryable = new HashSet<>(visible);
        references(form.definition()).forEach((computed, refs) -> {
            if (refs.stream().anyMatch(ref -> !readsEveryRecord(actor, target(form.definition(), ref)))) {
                queryable.remove(computed);
            }
        });
        return queryable;
    }

    private static boolean hiddenInRow(Set<String> refs, FormRecord row, Map<String, Set<Long>> readable) {
        if (refs == null) {
            return false;
        }
        for (String ref : refs) {
            if (row.values().get(ref) instanceof Number id && !readable.getOrDefault(ref, Set.of()).contains(id.longValue())) {
                return true;
            }
        }
        return false;
    }

    /** Computed field → the references of the same form its value is read through, directly or via other computed fields. */
    private Map<String, Set<String>> references(FormDefinition definition) {
        Map<String, Set<DerivedInputs.Input>> inputs = new HashMap<>();
        for (DerivedInputs source : sources) {
            source.of(definition).forEach((computed, in) -> inputs.computeIfAbsent(computed, k -> new HashSet<>()).addAll(in));
        }
        Map<String, Set<String>> through = new HashMap<>();
        inputs.forEach((computed, in) -> in.stream().filter(i -> i.via() != null)
                .forEach(i -> through.computeIfAbsent(computed, k -> new HashSet<>()).add(i.via())));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<DerivedInputs.Input>> computed : inputs.entrySet()) {
                for (DerivedInputs.Input input : computed.getValue()) {
                    Set<String> inner = input.formKey() == null ? through.get(input.fieldKey()) : null;
                    if (inner != null && through.computeIfAbsent(computed.getKey(), k -> new HashSet<>()).addAll(inner)) {
                        changed = true;
                    }
                }
            }
        }
        return through;
    }

    private static String target(FormDefinition definition, String reference) {
        return definition.field(reference).map(FieldDefinition::target).orElse(null);
    }

    private boolean readsEveryRecord(Actor actor, String targetForm) {
        Optional<PublishedForm> target = targetForm == null ? Optional.empty() : forms.current(targetForm);
        return target.isPresent() && policy.allows(actor, target.get().definition(), Operation.READ)
                && policy.rowScope(actor, target.get().definition()).all();
    }

    /** Which of {@code ids} are live records of {@code targetForm} the actor may read. */
    private Set<Long> readableIds(Actor actor, String targetForm, Set<Long> ids) {
        Optional<PublishedForm> target = targetForm == null ? Optional.empty() : forms.current(targetForm);
        if (ids.isEmpty() || target.isEmpty() || !policy.allows(actor, target.get().definition(), Operation.READ)) {
            return Set.of();
        }
        String table = target.get().layout().tableName();
        Field<Long> id = RecordStore.longField(table, SqlNames.ID);
        return new HashSet<>(dsl.select(id).from(RecordStore.table(table))
                .where(id.in(ids))
                .and(DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)), SQLDataType.BOOLEAN).isFalse())
                .and(RowScopes.condition(policy.rowScope(actor, target.get().definition()), target.get()))
                .fetch(id));
    }
}
