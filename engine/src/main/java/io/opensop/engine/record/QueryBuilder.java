package io.opensop.engine.record;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Turns a {@link RecordQuery} into SQL conditions and a keyset order. Filter values go through the
 * field's own coercion, so a date filter on a date field compares dates, and every value is a bind
 * parameter. Only the fields the caller may see can be filtered or sorted on.
 */
final class QueryBuilder {

    private final PublishedForm form;
    private final Set<String> visibleFields;
    private final ValueCoercer coercer;

    QueryBuilder(PublishedForm form, Set<String> visibleFields, ValueCoercer lenientCoercer) {
        this.form = form;
        this.visibleFields = visibleFields;
        this.coercer = lenientCoercer;
    }

    /** A resolved sort key: the column and a function that reads its cursor value from a record. */
    record Key(Field<Object> field, boolean descending, Function<FormRecord, Object> read,
               Function<String, Object> parse, boolean nullable) {
    }

    Condition filters(List<RecordFilter> filters, List<Problem> problems) {
        Condition all = DSL.noCondition();
        for (int i = 0; i < filters.size(); i++) {
            RecordFilter filter = filters.get(i);
            String at = "filter[" + i + "]";
            Key key = resolve(filter.field(), at, problems, false);
            if (key == null) {
                continue;
            }
            int arity = filter.operator().arity();
            if ((arity >= 0 && filter.values().size() != arity) || (arity < 0 && filter.values().isEmpty())) {
                problems.add(Problem.of(at, "filter_arity", filter.operator().key(), Math.max(arity, 1)));
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (String text : filter.values()) {
                Object value = parse(key, text, at, problems);
                values.add(value);
            }
            if (values.contains(null) && arity != 0) {
                continue;
            }
            all = all.and(condition(filter, key, values, at, problems));
        }
        return all;
    }

    private Condition condition(RecordFilter filter, Key key, List<Object> values, String at, List<Problem> problems) {
        Field<Object> f = key.field();
        FieldDefinition definition = definition(filter.field());
        return switch (filter.operator()) {
            case EQ -> f.eq(values.get(0));
            case NE -> f.ne(values.get(0)).or(f.isNull());
            case LT -> f.lt(values.get(0));
            case LE -> f.le(values.get(0));
            case GT -> f.gt(values.get(0));
            case GE -> f.ge(values.get(0));
            case IN -> f.in(values);
            case BETWEEN -> f.between(values.get(0), values.get(1));
            case BLANK -> f.isNull();
            case NOT_BLANK -> f.isNotNull();
            case CONTAINS -> {
                if (definition != null && definition.storedType() == FieldType.MULTI_SELECT) {
                    // The column holds a JSON array of option keys; match one whole key.
                    String array = (String) values.get(0);
                    yield f.cast(String.class).contains(array.substring(1, array.length() - 1));
                }
                if (definition == null || !isText(definition)) {
                    problems.add(Problem.of(at, "filter_not_supported", filter.operator().key()));
                    yield DSL.noCondition();
                }
                yield f.cast(String.class).containsIgnoreCase((String) values.get(0));
            }
        };
    }

    private static boolean isText(FieldDefinition definition) {
        return switch (definition.storedType()) {
            case TEXT, LONG_TEXT, AUTO_NUMBER, SINGLE_SELECT -> true;
            default -> false;
        };
    }

    List<Key> sorts(List<RecordSort> sorts, List<Problem> problems) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < sorts.size(); i++) {
            Key key = resolve(sorts.get(i).field(), "sort[" + i + "]", problems, true);
            if (key != null) {
                keys.add(new Key(key.field(), sorts.get(i).descending(), key.read(), key.parse(), key.nullable()));
            }
        }
        return keys;
    }

    static List<SortField<?>> order(List<Key> keys, Field<Long> id) {
        List<SortField<?>> order = new ArrayList<>();
        for (Key key : keys) {
            SortField<?> sort = key.descending() ? key.field().desc() : key.field().asc();
            // NULLS LAST on a column that is never null would stop PostgreSQL from reading its index backwards.
            order.add(key.nullable() ? sort.nullsLast() : sort);
        }
        order.add(id.asc());
        return order;
    }

    /**
     * Rows strictly after the cursor in (k1, k2, ..., id) order, blanks last: for each i, the first
     * i-1 keys equal the cursor's and key i comes after it.
     */
    static Condition after(List<Key> keys, Field<Long> id, List<Object> cursorValues, long cursorId) {
        Condition any = DSL.noCondition().and(DSL.falseCondition());
        Condition equalSoFar = DSL.noCondition();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            Object value = cursorValues.get(i);
            Field<Object> f = key.field();
            if (value != null) {
                Condition beyond = key.descending() ? f.lt(value) : f.gt(value);
                if (key.nullable()) {
                    beyond = beyond.or(f.isNull());
                }
                any = any.or(equalSoFar.and(beyond));
                equalSoFar = equalSoFar.and(f.eq(value));
            } else {
                equalSoFar = equalSoFar.and(f.isNull());
            }
        }
        return any.or(equalSoFar.and(id.gt(cursorId)));
    }

    /**
     * The column of a field the caller may see, or of a system attribute; null, with an
     * {@code unknown_field} problem, for a field that is hidden or does not exist (the two are
     * indistinguishable, so a hidden field's existence is not revealed either).
     */
    Field<Object> column(String name, String at, List<Problem> problems) {
        Key key = resolve(name, at, problems, false);
        return key == null ? null : key.field();
    }

    private Key resolve(String name, String at, List<Problem> problems, boolean forSort) {
        String table = form.layout().tableName();
        var system = SystemColumn.find(name);
        if (system.isPresent()) {
            SystemColumn column = system.get();
            Function<FormRecord, Object> read = switch (column) {
                case ID -> FormRecord::id;
                case OWNER -> FormRecord::ownerId;
                case STAGE -> FormRecord::stage;
                case CREATED_BY -> FormRecord::createdBy;
                case CREATED_AT -> FormRecord::createdAt;
                case UPDATED_BY -> FormRecord::updatedBy;
                case UPDATED_AT -> FormRecord::updatedAt;
            };
            return new Key(RecordStore.systemField(table, column), false, read, column::parse, column.nullable());
        }
        FieldDefinition definition = definition(name);
        if (definition == null || !visibleFields.contains(name) || form.layout().column(name).isEmpty()) {
            problems.add(Problem.of(at, "unknown_field", name));
            return null;
        }
        if (forSort && !definition.storedType().sortable()) {
            problems.add(Problem.of(at, "not_sortable", name));
            return null;
        }
        Field<Object> field = ColumnCodec.field(table, form.layout().column(name).get(), definition);
        Function<String, Object> parse = text -> {
            List<Problem> ignored = new ArrayList<>();
            return ColumnCodec.toDb(definition, coercer.coerce(definition, text, name, ignored));
        };
        return new Key(field, false, r -> r.values().get(name), parse, true);
    }

    private Object parse(Key key, String text, String at, List<Problem> problems) {
        try {
            Object value = key.parse().apply(text);
            if (value == null) {
                problems.add(Problem.of(at, "invalid_filter_value", text));
            }
            return value;
        } catch (RuntimeException e) {
            problems.add(Problem.of(at, "invalid_filter_value", text));
            return null;
        }
    }

    private FieldDefinition definition(String name) {
        return form.definition().field(name).orElse(null);
    }

    static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
