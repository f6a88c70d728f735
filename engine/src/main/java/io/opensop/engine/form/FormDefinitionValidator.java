package io.opensop.engine.form;

import io.opensop.engine.error.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a form definition before it is stored. Every problem names the JSON path of the offending
 * attribute, so a designer can point at it.
 */
public final class FormDefinitionValidator {

    static final Set<String> OPERATIONS = Set.of("create", "read", "update", "delete", "export", "design");
    private static final Set<FieldType> RESULT_TYPES = EnumSet.of(FieldType.TEXT, FieldType.NUMBER,
            FieldType.MONEY, FieldType.PERCENT, FieldType.DATE, FieldType.DATETIME, FieldType.BOOLEAN);
    private static final Set<FieldType> NOT_IN_SUB_FORMS = EnumSet.of(FieldType.SUB_FORM, FieldType.ROLLUP,
            FieldType.AUTO_NUMBER);
    /** The longest text field that may be indexed; see {@link #checkIndexed}. */
    public static final int MAX_INDEXED_TEXT_LENGTH = 500;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTER = Pattern.compile("\\{0+}");

    private final Predicate<String> formExists;

    /** @param formExists tells whether a form key names an existing form, for reference targets */
    public FormDefinitionValidator(Predicate<String> formExists) {
        this.formExists = formExists;
    }

    public List<Problem> validate(FormDefinition form) {
        List<Problem> problems = new ArrayList<>();
        if (!Identifiers.isValidKey(form.key())) {
            problems.add(Problem.of("$.key", "invalid_identifier", form.key()));
        }
        if (form.app() != null && !Identifiers.isValidKey(form.app())) {
            problems.add(Problem.of("$.app", "invalid_identifier", form.app()));
        }
        if (form.label() == null || form.label().isBlank()) {
            problems.add(Problem.of("$.label", "required"));
        }
        Set<String> keys = checkFields(form.fieldList(), "$.fields", false, form.key(), problems);
        if (form.titleField() != null && !keys.contains(form.titleField())) {
            problems.add(Problem.of("$.titleField", "unknown_field", form.titleField()));
        }
        checkSections(form, keys, problems);
        checkRules(form, keys, problems);
        if (form.permissions() != null) {
            form.permissions().keySet().stream().filter(op -> !OPERATIONS.contains(op))
                    .forEach(op -> problems.add(Problem.of("$.permissions." + op, "unknown_operation", op)));
        }
        checkAccess(form.access(), keys, problems);
        return problems;
    }

    private static void checkAccess(FormAccess access, Set<String> keys, List<Problem> problems) {
        if (access == null) {
            return;
        }
        if (access.rowScopes() != null) {
            access.rowScopes().forEach((role, scope) -> {
                if (!FormAccess.SCOPES.contains(scope)) {
                    problems.add(Problem.of("$.access.rowScopes." + role, "unknown_scope", scope));
                }
            });
        }
        if (access.fields() != null) {
            access.fields().forEach((role, byField) -> byField.forEach((field, level) -> {
                String at = "$.access.fields." + role + "." + field;
                if (!keys.contains(field)) {
                    problems.add(Problem.of(at, "unknown_field", field));
                } else if (!FormAccess.FIELD_LEVELS.contains(level)) {
                    problems.add(Problem.of(at, "unknown_access_level", level));
                }
            }));
        }
    }

    private Set<String> checkFields(List<FieldDefinition> fields, String path, boolean inSubForm, String formKey,
                                    List<Problem> problems) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition field = fields.get(i);
            String at = path + "[" + i + "]";
            if (field == null) {
                problems.add(Problem.of(at, "required"));
                continue;
            }
            if (!Identifiers.isValidKey(field.key())) {
                problems.add(Problem.of(at + ".key", "invalid_identifier", String.valueOf(field.key())));
            } else if (Identifiers.isReserved(field.key())) {
                problems.add(Problem.of(at + ".key", "reserved_identifier", field.key()));
            } else if (!keys.add(field.key())) {
                problems.add(Problem.of(at + ".key", "duplicate_key", field.key()));
            }
            if (field.label() == null || field.label().isBlank()) {
                problems.add(Problem.of(at + ".label", "required"));
            }
            if (field.type() == null) {
                problems.add(Problem.of(at + ".type", "required"));
                continue;
            }
            if (inSubForm && NOT_IN_SUB_FORMS.contains(field.type())) {
                problems.add(Problem.of(at + ".type", "not_allowed_in_sub_form", field.type().json()));
            }
            checkTypeAttributes(field, at, formKey, problems);
            if (field.wantsIndex()) {
                checkIndexed(field, at, inSubForm, problems);
            }
        }
        return keys;
    }

    /**
     * Sort indexes serve the record list, which sorts main-table fields of a sortable type only. Long
     * text keys could outgrow PostgreSQL's b-tree entry limit (about 2,700 bytes) and then refuse saves,
     * so indexed text fields are kept short enough never to reach it (4 bytes per character).
     */
    private static void checkIndexed(FieldDefinition field, String at, boolean inSubForm, List<Problem> problems) {
        if (inSubForm) {
            problems.add(Problem.of(at + ".indexed", "not_indexable_in_sub_form", field.key()));
        } else if (!field.storedType().sortable()) {
            problems.add(Problem.of(at + ".indexed", "not_indexable", field.key(), field.storedType().json()));
        } else if (field.storedType() == FieldType.TEXT && field.textLength() > MAX_INDEXED_TEXT_LENGTH) {
            problems.add(Problem.of(at + ".indexed", "indexed_text_too_long", field.key(), MAX_INDEXED_TEXT_LENGTH));
        }
    }

    private void checkTypeAttributes(FieldDefinition field, String at, String formKey, List<Problem> problems) {
        switch (field.type()) {
            case TEXT -> checkRange(field.maxLength(), 1, FieldDefinition.MAX_TEXT_LENGTH, at + ".maxLength", problems);
            case NUMBER, MONEY, PERCENT -> checkNumber(field, at, problems);
            case SINGLE_SELECT, MULTI_SELECT -> checkOptions(field, at, problems);
            case REFERENCE -> {
                if (field.target() == null) {
                    problems.add(Problem.of(at + ".target", "required"));
                } else if (!Identifiers.isValidKey(field.target())) {
                    problems.add(Problem.of(at + ".target", "invalid_identifier", field.target()));
                } else if (!field.target().equals(formKey) && !formExists.test(field.target())) {
                    problems.add(Problem.of(at + ".target", "unknown_form", field.target()));
                }
            }
            case SUB_FORM -> {
                if (field.subFields().isEmpty()) {
                    problems.add(Problem.of(at + ".fields", "required"));
                }
                checkFields(field.subFields(), at + ".fields", true, formKey, problems);
            }
            case ATTACHMENT, SIGNATURE -> {
                if (field.maxSize() != null && field.maxSize() <= 0) {
                    problems.add(Problem.of(at + ".maxSize", "out_of_range", field.maxSize(), 1, Long.MAX_VALUE));
                }
            }
            case AUTO_NUMBER -> {
                if (field.pattern() == null || !COUNTER.matcher(field.pattern()).find()) {
                    problems.add(Problem.of(at + ".pattern", "auto_number_pattern", String.valueOf(field.pattern())));
                } else if (field.pattern().length() > 40) {
                    problems.add(Problem.of(at + ".pattern", "too_long", 40));
                }
            }
            case FORMULA, ROLLUP, LOOKUP -> {
                if (field.type() == FieldType.ROLLUP) {
                    checkRollup(field.rollup(), at + ".rollup", problems);
                } else if (field.formula() == null || field.formula().isBlank()) {
                    problems.add(Problem.of(at + ".formula", "required"));
                }
                if (field.resultType() == null) {
                    problems.add(Problem.of(at + ".resultType", "required"));
                } else if (!RESULT_TYPES.contains(field.resultType())) {
                    problems.add(Problem.of(at + ".resultType", "unsupported_result_type", field.resultType().json()));
                } else if (field.resultType().numeric()) {
                    checkNumber(field, at, problems);
                }
            }
            default -> {
                // the remaining types have no attributes of their own
            }
        }
    }

    /** Only the shape; whether the child form and its fields fit is checked at publish, against the child. */
    private static void checkRollup(RollupDefinition rollup, String at, List<Problem> problems) {
        if (rollup == null) {
            problems.add(Problem.of(at, "required"));
            return;
        }
        if (!Identifiers.isValidKey(rollup.form())) {
            problems.add(Problem.of(at + ".form", "invalid_identifier", String.valueOf(rollup.form())));
        }
        if (rollup.period() != null) {
            RollupDefinition.Period period = rollup.period();
            if (rollup.reference() != null) {
                problems.add(Problem.of(at + ".reference", "rollup_period_reference"));
            }
            if (!Identifiers.isValidKey(period.owner())) {
                problems.add(Problem.of(at + ".period.owner", "invalid_identifier", String.valueOf(period.owner())));
            }
            if (!Identifiers.isValidKey(period.start())) {
                problems.add(Problem.of(at + ".period.start", "invalid_identifier", String.valueOf(period.start())));
            }
            if (!RollupDefinition.Period.UNITS.contains(String.valueOf(period.unit()))) {
                problems.add(Problem.of(at + ".period.unit", "rollup_period_unit", String.valueOf(period.unit())));
            }
        } else if (!Identifiers.isValidKey(rollup.reference())) {
            problems.add(Problem.of(at + ".reference", "invalid_identifier", String.valueOf(rollup.reference())));
        }
        if (rollup.aggregate() == null) {
            problems.add(Problem.of(at + ".aggregate", "required"));
        } else if (rollup.aggregate() != RollupDefinition.Aggregate.COUNT && rollup.field() == null) {
            problems.add(Problem.of(at + ".field", "required"));
        }
    }

    private void checkNumber(FieldDefinition field, String at, List<Problem> problems) {
        checkRange(field.precision(), 1, 38, at + ".precision", problems);
        checkRange(field.scale(), 0, 18, at + ".scale", problems);
        if (field.effectiveScale() > field.effectivePrecision()) {
            problems.add(Problem.of(at + ".scale", "scale_exceeds_precision", field.effectiveScale(),
                    field.effectivePrecision()));
        }
        if (field.currency() != null && !CURRENCY.matcher(field.currency()).matches()) {
            problems.add(Problem.of(at + ".currency", "invalid_currency", field.currency()));
        }
    }

    private void checkOptions(FieldDefinition field, String at, List<Problem> problems) {
        if (field.optionList().isEmpty()) {
            problems.add(Problem.of(at + ".options", "required"));
            return;
        }
        Set<String> optionKeys = new HashSet<>();
        for (int j = 0; j < field.optionList().size(); j++) {
            SelectOption option = field.optionList().get(j);
            String optionAt = at + ".options[" + j + "]";
            if (option == null || option.key() == null || option.key().isBlank() || option.key().length() > 64) {
                problems.add(Problem.of(optionAt + ".key", "required"));
            } else if (!optionKeys.add(option.key())) {
                problems.add(Problem.of(optionAt + ".key", "duplicate_key", option.key()));
            }
        }
    }

    private static void checkRange(Integer value, int min, int max, String at, List<Problem> problems) {
        if (value != null && (value < min || value > max)) {
            problems.add(Problem.of(at, "out_of_range", value, min, max));
        }
    }

    private static void checkSections(FormDefinition form, Set<String> keys, List<Problem> problems) {
        if (form.sections() == null) {
            return;
        }
        Set<String> placed = new HashSet<>();
        for (int i = 0; i < form.sections().size(); i++) {
            SectionDefinition section = form.sections().get(i);
            String at = "$.sections[" + i + "]";
            if (section.columns() != null && (section.columns() < 1 || section.columns() > 4)) {
                problems.add(Problem.of(at + ".columns", "out_of_range", section.columns(), 1, 4));
            }
            List<String> fields = section.fields() == null ? List.of() : section.fields();
            for (int j = 0; j < fields.size(); j++) {
                String key = fields.get(j);
                if (!keys.contains(key)) {
                    problems.add(Problem.of(at + ".fields[" + j + "]", "unknown_field", key));
                } else if (!placed.add(key)) {
                    problems.add(Problem.of(at + ".fields[" + j + "]", "duplicate_key", key));
                }
            }
        }
    }

    private static void checkRules(FormDefinition form, Set<String> keys, List<Problem> problems) {
        Set<String> ruleKeys = new HashSet<>();
        for (int i = 0; i < form.ruleList().size(); i++) {
            RuleDefinition rule = form.ruleList().get(i);
            String at = "$.rules[" + i + "]";
            if (!Identifiers.isValidKey(rule.key())) {
                problems.add(Problem.of(at + ".key", "invalid_identifier", String.valueOf(rule.key())));
            } else if (!ruleKeys.add(rule.key())) {
                problems.add(Problem.of(at + ".key", "duplicate_key", rule.key()));
            }
            if (rule.expression() == null || rule.expression().isBlank()) {
                problems.add(Problem.of(at + ".expression", "required"));
            }
            if (rule.message() == null || rule.message().isBlank()) {
                problems.add(Problem.of(at + ".message", "required"));
            }
            List<String> blamed = rule.fields() == null ? List.of() : rule.fields();
            for (int j = 0; j < blamed.size(); j++) {
                if (!keys.contains(blamed.get(j))) {
                    problems.add(Problem.of(at + ".fields[" + j + "]", "unknown_field", blamed.get(j)));
                }
            }
        }
    }
}
