package io.opensop.engine.record;

/**
 * One step of a schema evolution, as a designer's publish preview shows it.
 *
 * @param fieldPath      field key, or {@code subForm.column}
 * @param column         the column the field uses afterwards
 * @param previousColumn for a retype, the column that keeps the old values
 */
public record SchemaChange(Kind kind, String fieldPath, String column, String previousColumn, String detail) {

    public enum Kind {
        CREATE_TABLE, ADD_COLUMN, HIDE_FIELD, RESTORE_FIELD, RETYPE,
        /** The field's column gets its sort indexes ({@code "indexed": true}). */
        ADD_INDEX,
        /** The sort indexes of the column are dropped: the option was removed, the field hidden or retyped. */
        DROP_INDEX
    }
}
