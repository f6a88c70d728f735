package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * One field of a form. Only the attributes that apply to {@link #type()} are set; the
 * {@link FormDefinitionValidator} says which ones a type needs.
 *
 * @param key          stable identifier; never changes, so data and formulas survive label edits
 * @param precision    total digits of number, money and percent fields
 * @param scale        digits after the decimal point
 * @param currency     ISO 4217 code of a money field
 * @param maxLength    characters of text fields
 * @param target       form key a reference field points to
 * @param fields       columns of a sub-form
 * @param pattern      auto-number pattern such as {@code HT-{yyyy}-{0000}}
 * @param maxSize      bytes an attachment may have
 * @param formula      expression of formula fields (and later roll-up filters)
 * @param resultType   the stored type of a formula, roll-up or lookup field
 * @param defaultValue value a new record gets when the client sends none
 * @param requiredWhen boolean formula: when TRUE the field must have a value (see docs/formulas.md)
 * @param visibleWhen  boolean formula: when FALSE the field is hidden and never required
 * @param readOnlyWhen boolean formula: when TRUE a save may not change the field
 * @param rollup       what a roll-up field aggregates
 * @param indexed      list pages sort and filter by it often: publish gives its column sort indexes
 *                     (see docs/architecture.md, "Data"); only for the types {@link FieldType#sortable()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldDefinition(
        String key,
        @JsonProperty("type") FieldType type,
        LocalizedText label,
        LocalizedText help,
        Boolean required,
        Boolean unique,
        List<SelectOption> options,
        Integer precision,
        Integer scale,
        String currency,
        Integer maxLength,
        String target,
        List<FieldDefinition> fields,
        String pattern,
        Long maxSize,
        String formula,
        FieldType resultType,
        JsonNode defaultValue,
        JsonNode extra,
        String requiredWhen,
        String visibleWhen,
        String readOnlyWhen,
        RollupDefinition rollup,
        Boolean indexed) {

    /** Jackson must bind through the canonical constructor, not the shorter one kept for callers. */
    @JsonCreator
    public FieldDefinition {
    }

    /** The attributes before conditions and roll-ups existed; kept so existing callers compile unchanged. */
    public FieldDefinition(String key, FieldType type, LocalizedText label, LocalizedText help, Boolean required,
                           Boolean unique, List<SelectOption> options, Integer precision, Integer scale,
                           String currency, Integer maxLength, String target, List<FieldDefinition> fields,
                           String pattern, Long maxSize, String formula, FieldType resultType, JsonNode defaultValue,
                           JsonNode extra) {
        this(key, type, label, help, required, unique, options, precision, scale, currency, maxLength, target, fields,
                pattern, maxSize, formula, resultType, defaultValue, extra, null, null, null, null, null);
    }

    /** The attributes before {@code indexed} existed; kept so existing callers compile unchanged. */
    public FieldDefinition(String key, FieldType type, LocalizedText label, LocalizedText help, Boolean required,
                           Boolean unique, List<SelectOption> options, Integer precision, Integer scale,
                           String currency, Integer maxLength, String target, List<FieldDefinition> fields,
                           String pattern, Long maxSize, String formula, FieldType resultType, JsonNode defaultValue,
                           JsonNode extra, String requiredWhen, String visibleWhen, String readOnlyWhen,
                           RollupDefinition rollup) {
        this(key, type, label, help, required, unique, options, precision, scale, currency, maxLength, target, fields,
                pattern, maxSize, formula, resultType, defaultValue, extra, requiredWhen, visibleWhen, readOnlyWhen,
                rollup, null);
    }

    public static final int DEFAULT_TEXT_LENGTH = 255;
    public static final int MAX_TEXT_LENGTH = 4000;
    public static final long DEFAULT_MAX_ATTACHMENT_SIZE = 20L * 1024 * 1024;

    @JsonIgnore
    public boolean requiresValue() {
        return Boolean.TRUE.equals(required);
    }

    /**
     * Required whatever the other values are. A field with a visibility condition is judged per save
     * by the formula hook instead, because a hidden field is never required.
     */
    @JsonIgnore
    public boolean requiredUnconditionally() {
        return requiresValue() && visibleWhen == null;
    }

    @JsonIgnore
    public boolean mustBeUnique() {
        return Boolean.TRUE.equals(unique);
    }

    @JsonIgnore
    public boolean wantsIndex() {
        return Boolean.TRUE.equals(indexed);
    }

    @JsonIgnore
    public int textLength() {
        return maxLength == null ? DEFAULT_TEXT_LENGTH : maxLength;
    }

    /** The type whose values this field stores: the result type for computed fields. */
    @JsonIgnore
    public FieldType storedType() {
        return type.computed() && resultType != null ? resultType : type;
    }

    @JsonIgnore
    public int effectivePrecision() {
        if (precision != null) {
            return precision;
        }
        return switch (storedType()) {
            case MONEY -> 19;
            case PERCENT -> 9;
            default -> 18;
        };
    }

    @JsonIgnore
    public int effectiveScale() {
        if (scale != null) {
            return scale;
        }
        return switch (storedType()) {
            case MONEY -> 2;
            case PERCENT -> 4;
            default -> 4;
        };
    }

    @JsonIgnore
    public long effectiveMaxSize() {
        return maxSize == null ? DEFAULT_MAX_ATTACHMENT_SIZE : maxSize;
    }

    @JsonIgnore
    public List<FieldDefinition> subFields() {
        return fields == null ? List.of() : fields;
    }

    @JsonIgnore
    public List<SelectOption> optionList() {
        return options == null ? List.of() : options;
    }
}
