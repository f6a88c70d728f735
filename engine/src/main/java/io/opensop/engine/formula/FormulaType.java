package io.opensop.engine.formula;

import io.opensop.engine.form.FieldType;

/**
 * The static type of a formula value. Scalars are an enum so they can be switched over; a list is
 * always a list of one scalar type (sub-form columns, multi-select values), never of lists.
 */
public sealed interface FormulaType permits FormulaType.Scalar, FormulaType.ListOf {

    Scalar NUMBER = Scalar.NUMBER;
    Scalar MONEY = Scalar.MONEY;
    Scalar PERCENT = Scalar.PERCENT;
    Scalar TEXT = Scalar.TEXT;
    Scalar BOOLEAN = Scalar.BOOLEAN;
    Scalar DATE = Scalar.DATE;
    Scalar DATETIME = Scalar.DATETIME;

    static ListOf listOf(Scalar element) {
        return new ListOf(element);
    }

    /** The name used in messages and documentation, e.g. {@code money} or {@code list<text>}. */
    String displayName();

    default boolean isList() {
        return this instanceof ListOf;
    }

    default boolean isNumeric() {
        return this == NUMBER || this == MONEY || this == PERCENT;
    }

    /**
     * The formula type of a stored field type, or null for types that are only navigated
     * (sub-forms) and cannot be read as a value.
     */
    static FormulaType of(FieldType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case TEXT, LONG_TEXT, SINGLE_SELECT, AUTO_NUMBER -> TEXT;
            case NUMBER, USER, REFERENCE -> NUMBER;
            case MONEY -> MONEY;
            case PERCENT -> PERCENT;
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            case BOOLEAN -> BOOLEAN;
            case MULTI_SELECT, ATTACHMENT, SIGNATURE -> listOf(TEXT);
            case SUB_FORM, FORMULA, ROLLUP, LOOKUP -> null;
        };
    }

    enum Scalar implements FormulaType {
        NUMBER("number"), MONEY("money"), PERCENT("percent"), TEXT("text"), BOOLEAN("boolean"),
        DATE("date"), DATETIME("datetime");

        private final String displayName;

        Scalar(String displayName) {
            this.displayName = displayName;
        }

        @Override
        public String displayName() {
            return displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    record ListOf(Scalar element) implements FormulaType {

        public ListOf {
            if (element == null) {
                throw new IllegalArgumentException("a list needs an element type");
            }
        }

        @Override
        public String displayName() {
            return "list<" + element.displayName() + ">";
        }

        @Override
        public String toString() {
            return displayName();
        }
    }
}
