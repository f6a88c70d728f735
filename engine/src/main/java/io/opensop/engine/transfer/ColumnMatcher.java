package io.opensop.engine.transfer;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps file columns to fields: an explicit choice first, then the mapping last saved for the form,
 * then a header equal to a field key or to the field's label in any language (case and spacing
 * ignored). Each field takes at most one column.
 */
final class ColumnMatcher {

    private ColumnMatcher() {
    }

    static String normalize(String header) {
        if (header == null) {
            return "";
        }
        return header.replace("\uFEFF", "").trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Fields a spreadsheet cell can fill: stored, client-written, one value per cell. */
    static boolean importable(FieldDefinition field) {
        FieldType type = field.storedType();
        return field.type().clientWritable() && type != FieldType.SUB_FORM && type != FieldType.ATTACHMENT
                && type != FieldType.SIGNATURE && !field.type().computed();
    }

    /**
     * @param fields    the fields the actor may write, in form order
     * @param overrides header (as in the file, or normalized) to field key; null or "" to ignore the column
     */
    static List<ColumnMapping> map(List<String> headers, List<FieldDefinition> fields, Map<String, String> saved,
                                   Map<String, String> overrides, List<Problem> problems) {
        List<ColumnMapping> mapping = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        Set<String> known = new HashSet<>();
        fields.forEach(f -> known.add(f.key()));
        Map<String, String> explicit = new java.util.HashMap<>();
        (overrides == null ? Map.<String, String>of() : overrides).forEach((h, f) -> explicit.put(normalize(h), f));
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i) == null ? "" : headers.get(i).replace("\uFEFF", "").trim();
            String normal = normalize(header);
            String field = null;
            if (explicit.containsKey(normal)) {
                String chosen = explicit.get(normal);
                if (chosen != null && !chosen.isBlank()) {
                    if (!known.contains(chosen)) {
                        problems.add(Problem.of("mapping." + header, "unknown_field", chosen));
                    } else if (!taken.add(chosen)) {
                        problems.add(Problem.of("mapping." + header, "duplicate_key", chosen));
                    } else {
                        field = chosen;
                    }
                }
            } else if (saved.containsKey(normal)) {
                String chosen = saved.get(normal);
                if (chosen != null && known.contains(chosen) && taken.add(chosen)) {
                    field = chosen;
                }
            } else if (!normal.isEmpty()) {
                for (FieldDefinition f : fields) {
                    boolean matches = normalize(f.key()).equals(normal) || f.label() != null
                            && f.label().asMap().values().stream().anyMatch(l -> normalize(l).equals(normal));
                    if (matches && taken.add(f.key())) {
                        field = f.key();
                        break;
                    }
                }
            }
            mapping.add(new ColumnMapping(i, header, field));
        }
        return mapping;
    }
}
