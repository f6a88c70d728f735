package io.opensop.engine.template;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders form files so that every form comes after the forms its reference fields point to. */
final class ReferenceOrder {

    private ReferenceOrder() {
    }

    static List<String> sort(List<String> formFiles, Map<String, byte[]> files) {
        Map<String, String> fileByKey = new LinkedHashMap<>();
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (String file : formFiles) {
            FormDefinition form = FormJson.read(new String(files.get(file), StandardCharsets.UTF_8));
            fileByKey.put(form.key(), file);
            Set<String> needs = new LinkedHashSet<>();
            for (FieldDefinition field : form.fieldList()) {
                if (field.type() == FieldType.REFERENCE && !form.key().equals(field.target())) {
                    needs.add(field.target());
                }
            }
            targets.put(form.key(), needs);
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (String key : fileByKey.keySet()) {
            visit(key, targets, placed, new LinkedHashSet<>());
        }
        placed.forEach(key -> ordered.add(fileByKey.get(key)));
        return ordered;
    }

    private static void visit(String key, Map<String, Set<String>> targets, Set<String> placed, Set<String> visiting) {
        if (placed.contains(key) || !targets.containsKey(key) || !visiting.add(key)) {
            return;
        }
        for (String target : targets.get(key)) {
            visit(target, targets, placed, visiting);
        }
        placed.add(key);
    }
}
