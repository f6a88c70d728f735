package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import io.opensop.engine.error.Problem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rendered form: its component tree, its editors by field key, and the values they hold. */
public final class RenderedForm implements Serializable {

    private static final Pattern LINE_PATH = Pattern.compile("^([a-z][a-z0-9_]*)\\[(\\d+)](?:\\.([a-z][a-z0-9_]*))?.*$");

    private final Component component;
    private final Map<String, FieldEditor> editors;
    private final RenderContext context;

    RenderedForm(Component component, Map<String, FieldEditor> editors, RenderContext context) {
        this.component = component;
        this.editors = editors;
        this.context = context;
    }

    public Component component() {
        return component;
    }

    public Map<String, FieldEditor> editors() {
        return java.util.Collections.unmodifiableMap(editors);
    }

    public Optional<FieldEditor> editor(String key) {
        return Optional.ofNullable(editors.get(key));
    }

    /** What a save sends: every writable field, null for an empty one. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        editors.forEach((key, editor) -> {
            if (editor.writable()) {
                values.put(key, editor.value());
            }
        });
        return values;
    }

    /** Shows stored values; fields absent from {@code values} are cleared. */
    public void setValues(Map<String, Object> values) {
        editors.forEach((key, editor) -> editor.setValue(values == null ? null : values.get(key)));
    }

    public void setReadOnly(boolean readOnly) {
        editors.values().forEach(editor -> {
            if (editor.writable() && editor.component() instanceof HasValue<?, ?> value) {
                value.setReadOnly(readOnly);
            }
        });
    }

    public void clearProblems() {
        editors.values().forEach(editor -> editor.showError(null));
    }

    /**
     * Shows each problem on its field (a sub-form line's on the line's cell and the sub-form) and
     * returns the ones no field here can show, for the caller to show elsewhere.
     */
    public List<Problem> showProblems(List<Problem> problems, Function<Problem, String> render) {
        clearProblems();
        Map<String, List<String>> messages = new LinkedHashMap<>();
        List<Problem> unmatched = new ArrayList<>();
        for (Problem problem : problems) {
            String path = problem.field();
            if (path == null || path.isBlank()) {
                unmatched.add(problem);
                continue;
            }
            String message = render.apply(problem);
            Matcher line = LINE_PATH.matcher(path);
            String key = line.matches() ? line.group(1) : path.split("[.\\[]", 2)[0];
            FieldEditor editor = editors.get(key);
            if (editor == null) {
                unmatched.add(problem);
                continue;
            }
            if (line.matches() && editor instanceof SubFormEditor lines) {
                message = lines.showLineProblem(Integer.parseInt(line.group(2)), line.group(3), message);
            }
            messages.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        messages.forEach((key, list) -> editors.get(key).showError(String.join("; ", list)));
        return unmatched;
    }

    RenderContext context() {
        return context;
    }
}
