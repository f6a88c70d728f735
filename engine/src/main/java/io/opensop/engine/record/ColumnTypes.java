package io.opensop.engine.record;

import io.opensop.engine.form.FieldDefinition;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** The SQL column type that stores each field type. */
final class ColumnTypes {

    static final int SELECT_KEY_LENGTH = 64;
    static final int JSON_LIST_LENGTH = 4000;

    private ColumnTypes() {
    }

    static DataType<?> of(FieldDefinition field) {
        return switch (field.storedType()) {
            case TEXT -> SQLDataType.VARCHAR(field.textLength());
            case LONG_TEXT, ATTACHMENT, SIGNATURE -> SQLDataType.CLOB;
            case NUMBER, MONEY, PERCENT -> SQLDataType.DECIMAL(field.effectivePrecision(), field.effectiveScale());
            case DATE -> SQLDataType.LOCALDATE;
            case DATETIME -> SQLDataType.OFFSETDATETIME;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case SINGLE_SELECT -> SQLDataType.VARCHAR(SELECT_KEY_LENGTH);
            case MULTI_SELECT -> SQLDataType.VARCHAR(JSON_LIST_LENGTH);
            case USER, REFERENCE -> SQLDataType.BIGINT;
            case AUTO_NUMBER -> SQLDataType.VARCHAR(SELECT_KEY_LENGTH);
            case SUB_FORM, FORMULA, ROLLUP, LOOKUP ->
                    throw new IllegalArgumentException("no column for " + field.type() + " " + field.key());
        };
    }

    /** A stable text form of the column type: a field whose signature changes needs a new column. */
    static String signature(FieldDefinition field) {
        return switch (field.storedType()) {
            case TEXT -> "varchar(" + field.textLength() + ")";
            case NUMBER, MONEY, PERCENT -> "decimal(" + field.effectivePrecision() + "," + field.effectiveScale() + ")";
            default -> of(field).getTypeName().toLowerCase(java.util.Locale.ROOT) + ":" + field.storedType().json();
        };
    }

    /**
     * Text columns longer than this get no index: a PostgreSQL B-tree entry holds at most about 2.7 kB,
     * and 500 characters of 4 bytes each still fit, so no save can fail on the index.
     */
    static final int MAX_INDEXED_TEXT_LENGTH = 500;

    /**
     * Columns every save or list looks records up by get an index like the system columns: references
     * and users (by id), select keys, auto numbers, and unique fields — the uniqueness check queries
     * the column on each save, which without an index reads the whole table every time.
     */
    static boolean indexed(FieldDefinition field) {
        return switch (field.storedType()) {
            case USER, REFERENCE, SINGLE_SELECT, AUTO_NUMBER -> true;
            default -> field.mustBeUnique() && indexable(field);
        };
    }

    /** Whether a B-tree index on the field's column is possible for every value it may hold. */
    static boolean indexable(FieldDefinition field) {
        return switch (field.storedType()) {
            case TEXT -> field.textLength() <= MAX_INDEXED_TEXT_LENGTH;
            case NUMBER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN, SINGLE_SELECT, USER, REFERENCE, AUTO_NUMBER -> true;
            default -> false;
        };
    }
}
