package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of field a form may have; the JSON name is part of the metadata contract. */
public enum FieldType {
    TEXT("text"),
    LONG_TEXT("long_text"),
    NUMBER("number"),
    MONEY("money"),
    PERCENT("percent"),
    DATE("date"),
    DATETIME("datetime"),
    BOOLEAN("boolean"),
    SINGLE_SELECT("single_select"),
    MULTI_SELECT("multi_select"),
    USER("user"),
    REFERENCE("reference"),
    SUB_FORM("sub_form"),
    ATTACHMENT("attachment"),
    SIGNATURE("signature"),
    AUTO_NUMBER("auto_number"),
    FORMULA("formula"),
    ROLLUP("rollup"),
    LOOKUP("lookup");

    private final String json;

    FieldType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static FieldType fromJson(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown field type: " + name));
    }

    public static Optional<FieldType> find(String name) {
        return Arrays.stream(values()).filter(t -> t.json.equals(name)).findFirst();
    }

    /** Whether a client may send a value for it; the others are generated or computed by the engine. */
    public boolean clientWritable() {
        return switch (this) {
            case AUTO_NUMBER, FORMULA, ROLLUP, LOOKUP -> false;
            default -> true;
        };
    }

    /** Computed fields store a value of their {@code resultType}. */
    public boolean computed() {
        return this == FORMULA || this == ROLLUP || this == LOOKUP;
    }

    /**
     * Whether a record list can sort by a field storing this type, and so whether the field may ask for
     * sort indexes ({@code "indexed": true}). Long text, multi-selects, files and sub-forms cannot.
     */
    public boolean sortable() {
        return switch (this) {
            case TEXT, NUMBER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN, SINGLE_SELECT, USER, REFERENCE,
                 AUTO_NUMBER -> true;
            default -> false;
        };
    }

    public boolean numeric() {
        return this == NUMBER || this == MONEY || this == PERCENT;
    }
}
