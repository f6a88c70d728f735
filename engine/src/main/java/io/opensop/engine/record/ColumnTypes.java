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

    /** References and users are looked up by id; they get an index like the system columns. */
    static boolean indexed(FieldDefinition field) {
        return switch (field.storedType()) {
            case USER, REFERENCE, SINGLE_SELECT, AUTO_NUMBER -> true;
            default -> false;
        };
    }
}
