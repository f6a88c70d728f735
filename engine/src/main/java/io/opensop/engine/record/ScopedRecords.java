package io.opensop.engine.record;

import io.opensop.engine.error.Problem;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The rows of one form an actor may read, for read-only queries beside the record list (aggregates):
 * the table, a condition holding the actor's row scope, the filters and "not deleted", and the
 * columns of the fields the actor may see. Made only by {@link RecordService#scoped}, after the
 * same permission checks as a list, so nothing reads around them.
 */
public final class ScopedRecords {

    private final PublishedForm form;
    private final QueryBuilder builder;
    private final Condition where;

    ScopedRecords(PublishedForm form, QueryBuilder builder, Condition where) {
        this.form = form;
        this.builder = builder;
        this.where = where;
    }

    public PublishedForm form() {
        return form;
    }

    public Table<Record> table() {
        return RecordStore.table(form.layout().tableName());
    }

    public Condition where() {
        return where;
    }

    /** The owner column, for joins on the owner's attributes (region, team). */
    public Field<Long> ownerColumn() {
        return RecordStore.longField(form.layout().tableName(), SqlNames.OWNER_ID);
    }

    /**
     * The column of a visible field or a system attribute ({@code stage}, {@code owner},
     * {@code created_at} …); null with an {@code unknown_field} problem at {@code at} otherwise.
     */
    public Field<Object> column(String name, String at, List<Problem> problems) {
        return builder.column(name, at, problems);
    }
}
