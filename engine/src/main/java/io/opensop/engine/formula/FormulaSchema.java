package io.opensop.engine.formula;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The fields a formula may read, with their formula types. Built from a {@link FormDefinition};
 * reference fields are navigable one level deep (the target form's own references are plain ids),
 * which keeps schemas finite even for forms that reference themselves.
 */
public final class FormulaSchema {

    private final String formKey;
    private final Map<String, SchemaField> fields;
    private final String fingerprint;

    private FormulaSchema(String formKey, Map<String, SchemaField> fields) {
        this.formKey = formKey;
        this.fields = fields;
        this.fingerprint = digest(describe());
    }

    /** A schema whose reference fields cannot be navigated ({@code customer.industry} is an error). */
    public static FormulaSchema of(FormDefinition form) {
        return of(form, key -> Optional.empty());
    }

    /** @param forms finds the target form of a reference field by its form key */
    public static FormulaSchema of(FormDefinition form, Function<String, Optional<FormDefinition>> forms) {
        return new FormulaSchema(form.key(), build(form.key(), form.fieldList(), forms, true));
    }

    private static Map<String, SchemaField> build(String formKey, List<FieldDefinition> definitions,
                                                  Function<String, Optional<FormDefinition>> forms,
                                                  boolean navigable) {
        Map<String, SchemaField> fields = new LinkedHashMap<>();
        for (FieldDefinition f : definitions) {
            if (f == null || f.key() == null || f.type() == null) {
                continue;
            }
            SchemaField field;
            if (f.type() == FieldType.SUB_FORM) {
                FormulaSchema columns = navigable
                        ? new FormulaSchema(formKey + "." + f.key(), build(formKey, f.subFields(), forms, false))
                        : null;
                field = new SchemaField(f.key(), f.label(), null, SchemaField.Kind.SUB_FORM, null, columns);
            } else if (f.type() == FieldType.REFERENCE) {
                FormulaSchema target = navigable && f.target() != null
                        ? forms.apply(f.target())
                                .map(t -> new FormulaSchema(t.key(), build(t.key(), t.fieldList(), forms, false)))
                                .orElse(null)
                        : null;
                field = new SchemaField(f.key(), f.label(), FormulaType.NUMBER, SchemaField.Kind.REFERENCE,
                        f.target(), target);
            } else {
                FormulaType type = FormulaType.of(f.type().computed() ? f.resultType() : f.type());
                if (type == null) {
                    continue;
                }
                field = new SchemaField(f.key(), f.label(), type, SchemaField.Kind.VALUE, null, null);
            }
            fields.put(f.key(), field);
        }
        return fields;
    }

    public String formKey() {
        return formKey;
    }

    /** Changes whenever anything a formula could depend on changes: keys, types, labels, targets. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The formula type of a readable field, if there is one with that key. */
    public Optional<FormulaType> typeOf(String key) {
        return Optional.ofNullable(fields.get(key)).map(SchemaField::type);
    }

    Optional<SchemaField> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    List<SchemaField> byLabel(String label) {
        List<SchemaField> found = new ArrayList<>();
        for (SchemaField f : fields.values()) {
            if (f.labelMatches(label)) {
                found.add(f);
            }
        }
        return found;
    }

    private String describe() {
        StringBuilder text = new StringBuilder(formKey).append('{');
        for (SchemaField f : fields.values()) {
            text.append(f.key()).append(':').append(f.kind()).append(':').append(f.type()).append(':')
                    .append(f.targetForm()).append(':').append(labels(f.label()));
            if (f.target() != null) {
                text.append(':').append(f.target().describe());
            }
            text.append(';');
        }
        return text.append('}').toString();
    }

    private static String labels(LocalizedText label) {
        return label == null ? "" : new TreeMap<>(label.asMap()).toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
