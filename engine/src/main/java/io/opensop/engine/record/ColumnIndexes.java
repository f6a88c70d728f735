package io.opensop.engine.record;

import io.opensop.engine.form.FieldDefinition;
import java.util.EnumSet;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.impl.DSL;

/**
 * The indexes on a field's column, and the DDL that creates and drops them. Names are generated
 * from the table and column ({@link SqlNames#index}), never from user text; every statement is
 * idempotent ({@code IF [NOT] EXISTS}), because publishing runs it outside its transaction and may
 * run it again after a failure.
 *
 * <p>A field marked {@code indexed} gets two composite sort indexes that match the record list's
 * keyset order exactly ({@link QueryBuilder#order}: the field with blanks last, then {@code id}
 * ascending), one per direction. One index cannot serve both: PostgreSQL reads an index backwards
 * only with every column's direction and null placement reversed, so {@code DESC NULLS LAST, id ASC}
 * needs its own index. The ascending one starts with the column, so it also serves equality look-ups
 * and replaces the single-column look-up index that users, references, selects and auto numbers get
 * otherwise.
 */
final class ColumnIndexes {

    enum Kind {
        /** {@code (column)}: look-ups by id or key; users, references, selects and auto numbers. */
        LOOKUP,
        /** {@code (column ASC NULLS LAST, id ASC)}: lists sorted by the field, smallest first. */
        SORT_ASCENDING,
        /** {@code (column DESC NULLS LAST, id ASC)}: lists sorted by the field, largest first. */
        SORT_DESCENDING
    }

    static final Set<Kind> SORT = EnumSet.of(Kind.SORT_ASCENDING, Kind.SORT_DESCENDING);

    private final DSLContext dsl;

    ColumnIndexes(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The indexes the column of {@code field} should have. */
    static Set<Kind> wanted(FieldDefinition field) {
        if (field.wantsIndex()) {
            return SORT;
        }
        return ColumnTypes.indexed(field) ? EnumSet.of(Kind.LOOKUP) : EnumSet.noneOf(Kind.class);
    }

    static String name(String table, String column, Kind kind) {
        return switch (kind) {
            case LOOKUP -> SqlNames.index(table, column);
            case SORT_ASCENDING -> SqlNames.index(table, column + ":asc");
            case SORT_DESCENDING -> SqlNames.index(table, column + ":desc");
        };
    }

    /** Creates the wanted indexes first, then drops the others, so the column is never left without one. */
    void reconcile(String table, String column, FieldDefinition field) {
        Set<Kind> wanted = wanted(field);
        wanted.forEach(kind -> create(table, column, kind));
        if (field.wantsIndex()) {
            drop(table, column, Kind.LOOKUP);
        }
    }

    void create(String table, String column, Kind kind) {
        Field<Object> c = DSL.field(SqlNames.quoted(column));
        Field<Object> id = DSL.field(SqlNames.quoted(SqlNames.ID));
        OrderField<?>[] order = switch (kind) {
            case LOOKUP -> new OrderField<?>[] {c};
            case SORT_ASCENDING -> new OrderField<?>[] {c.asc().nullsLast(), id.asc()};
            case SORT_DESCENDING -> new OrderField<?>[] {c.desc().nullsLast(), id.asc()};
        };
        dsl.createIndexIfNotExists(SqlNames.quoted(name(table, column, kind)))
                .on(DSL.table(SqlNames.quoted(table)), order)
                .execute();
    }

    void drop(String table, String column, Kind kind) {
        dsl.dropIndexIfExists(SqlNames.quoted(name(table, column, kind)))
                .on(DSL.table(SqlNames.quoted(table)))
                .execute();
    }
}
