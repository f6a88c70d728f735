package io.opensop.designer.formula;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.opensop.designer.form.DesignerText;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A formula input that checks as you type through the engine: each error is underlined at its character
 * range in a copy of the text below the input, with the message; the word at the caret is completed
 * from the form's fields (by key or label) and the function library (with signatures). The text is
 * only ever shown as text.
 */
public final class FormulaEditor extends Div {

    private static final int SUGGESTIONS = 8;

    private final FormulaSource source;
    private final Locale locale;
    private final FieldType resultType;
    private final TextArea input = new TextArea();
    private final Div suggestions = new Div();
    private final Div marked = new Div();
    private final Div messages = new Div();
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private FormulaCheck last;
    private boolean showing;
    /** The caret as the browser last reported it, and the text it was reported for (else: at the end). */
    private String caretText;
    private int caret;

    /** @param resultType the type the formula must produce ({@code boolean} for conditions), or null */
    public FormulaEditor(String label, FormulaSource source, Locale locale, FieldType resultType, String testId) {
        this.source = source;
        this.locale = locale;
        this.resultType = resultType;
        getElement().setAttribute("data-testid", testId);
        input.setLabel(label);
        input.setWidthFull();
        input.setValueChangeMode(ValueChangeMode.LAZY);
        input.setValueChangeTimeout(300);
        input.getElement().setAttribute("spellcheck", "false");
        input.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        input.addValueChangeListener(e -> {
            if (!showing) {
                update();
                listeners.forEach(l -> l.accept(getValue()));
            }
        });
        // the server does not know the caret: the browser reports it (with the text it belongs to) as it moves
        for (String event : List.of("keyup", "click")) {
            input.getElement().addEventListener(event, e -> caretMoved(
                            e.getEventData().getString("element.inputElement.value"),
                            (int) e.getEventData().getNumber("element.inputElement.selectionStart")))
                    .addEventData("element.inputElement.value")
                    .addEventData("element.inputElement.selectionStart")
                    .debounce(250);
        }
        suggestions.getElement().setAttribute("data-testid", testId + "-suggestions");
        suggestions.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        marked.getElement().setAttribute("data-testid", testId + "-marked");
        marked.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("white-space", "pre-wrap")
                .set("font-size", "var(--lumo-font-size-s)");
        messages.getElement().setAttribute("data-testid", testId + "-errors");
        messages.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(input, suggestions, marked, messages);
        setWidthFull();
    }

    public String getValue() {
        return input.getValue();
    }

    /** For tests and hosts: the input itself. */
    public TextArea input() {
        return input;
    }

    /** Shows a formula (not a user edit: listeners are not told) and checks it. */
    public void setValue(String formula) {
        showing = true;
        try {
            input.setValue(formula == null ? "" : formula);
        } finally {
            showing = false;
        }
        update();
    }

    public void addChangeListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The last check's outcome; null before any text was checked. */
    public FormulaCheck lastCheck() {
        return last;
    }

    /** Checks the current text again, e.g. after the form's fields changed. */
    public void update() {
        String text = getValue();
        showSuggestions(text);
        marked.removeAll();
        messages.removeAll();
        if (text.isBlank()) {
            last = null;
            input.setInvalid(false);
            return;
        }
        last = source.check(text, resultType);
        input.setInvalid(!last.ok());
        if (last.ok()) {
            Span ok = new Span(DesignerText.get(locale, "formula.ok", last.type() == null ? ""
                    : DesignerText.formulaType(locale, last.type().displayName())));
            ok.getStyle().set("color", "var(--lumo-success-text-color)");
            ok.getElement().setAttribute("data-testid", "formula-ok");
            messages.add(ok);
            return;
        }
        mark(text, last.errors());
        for (FormulaError error : last.errors()) {
            Div message = new Div(DesignerText.get(locale, "formula.errorAt", error.start() + 1,
                    Math.max(error.start() + 1, error.end()), error.message(locale)));
            message.getElement().setAttribute("data-testid", "formula-error");
            message.getElement().setAttribute("data-start", String.valueOf(error.start()));
            message.getElement().setAttribute("data-end", String.valueOf(error.end()));
            messages.add(message);
        }
    }

    /** The text again, with every error range underlined (ranges are clamped to the text). */
    private void mark(String text, List<FormulaError> errors) {
        boolean[] wrong = new boolean[text.length() + 1];
        for (FormulaError error : errors) {
            int start = Math.max(0, Math.min(error.start(), text.length()));
            int end = Math.max(start + 1, Math.min(error.end(), text.length() + 1));
            for (int i = start; i < end; i++) {
                wrong[i] = true;
            }
        }
        String shown = text + " ";
        int i = 0;
        while (i < shown.length()) {
            int j = i;
            while (j < shown.length() && wrong[j] == wrong[i]) {
                j++;
            }
            Span part = new Span(shown.substring(i, j));
            if (wrong[i]) {
                part.getStyle().set("text-decoration", "underline wavy var(--lumo-error-color)")
                        .set("text-underline-offset", "3px");
                part.getElement().setAttribute("data-testid", "formula-underline");
            }
            marked.add(part);
            i = j;
        }
    }

    /** The caret is at {@code position} of {@code text} in the browser: complete the word there. */
    void caretMoved(String text, int position) {
        caretText = text;
        caret = position;
        showSuggestions(getValue());
    }

    private void showSuggestions(String text) {
        suggestions.removeAll();
        int at = text.equals(caretText) ? caret : text.length();
        FormulaSuggestions.Completion completion = FormulaSuggestions.complete(text, at, source.fields(), locale,
                SUGGESTIONS);
        for (FormulaSuggestions.Suggestion suggestion : completion.suggestions()) {
            Button pick = new Button(suggestion.display(), click -> {
                String completed = completion.apply(suggestion);
                int after = completion.caretAfter(suggestion);
                caretText = completed;
                caret = after;
                input.setValue(completed);
                input.getElement().executeJs("const i = this.inputElement; i.focus(); i.setSelectionRange($0, $0);",
                        after);
            });
            pick.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            pick.getElement().setAttribute("title", suggestion.detail() == null ? "" : suggestion.detail());
            pick.getElement().setAttribute("data-testid", "suggestion-" + suggestion.display().replaceAll("[^A-Za-z0-9_]", ""));
            suggestions.add(pick);
        }
    }
}
