package io.opensop.designer.formula;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import io.opensop.designer.form.DesignerText;
import io.opensop.designer.render.FormRenderer;
import io.opensop.designer.render.RenderContext;
import io.opensop.designer.render.RenderedForm;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.rules.FormulaTools.Evaluation;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * "Try it": evaluates a formula of the form being designed, either on a stored record (by id) or on
 * values typed into the form itself, rendered by the runtime's renderer. The result, or why there is
 * none, is shown as text.
 */
public final class TryPanel extends Div {

    /** The engine behind the panel: {@code FormulaTools.evaluateDesign} and {@code evaluateDesignOnRecord}. */
    public interface Evaluator extends Serializable {
        Evaluation evaluate(String expression, Map<String, Object> values);

        Evaluation evaluateOnRecord(String expression, long recordId);
    }

    private final Locale locale;
    private final Evaluator evaluator;
    private final Supplier<FormDefinition> design;
    private final RenderContext renderContext;
    private final FormulaEditor expression;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>();
    private final IntegerField recordId = new IntegerField();
    private final Div values = new Div();
    private final Div result = new Div();
    private RenderedForm sample;

    public TryPanel(Locale locale, FormulaSource formulas, Evaluator evaluator, Supplier<FormDefinition> design,
                    RenderContext renderContext) {
        this.locale = locale;
        this.evaluator = evaluator;
        this.design = design;
        this.renderContext = renderContext;
        getElement().setAttribute("data-testid", "try");
        expression = new FormulaEditor(DesignerText.get(locale, "try.expression"), formulas, locale, null,
                "try-expression");
        mode.setItems("values", "record");
        mode.setItemLabelGenerator(m -> DesignerText.get(locale, "try.mode." + m));
        mode.setValue("values");
        mode.getElement().setAttribute("data-testid", "try-mode");
        mode.addValueChangeListener(e -> showInputs());
        recordId.setLabel(DesignerText.get(locale, "try.recordId"));
        recordId.getElement().setAttribute("data-testid", "try-record");
        Button run = new Button(DesignerText.get(locale, "try.run"), click -> run());
        run.getElement().setAttribute("data-testid", "try-run");
        result.getElement().setAttribute("data-testid", "try-result");
        add(new H4(DesignerText.get(locale, "try.title")), expression, mode, recordId, values, run, result);
        showInputs();
    }

    /** Puts a formula into the panel, e.g. the selected formula field's. */
    public void setExpression(String formula) {
        expression.setValue(formula);
    }

    /** Re-renders the sample form after the design changed. */
    public void refresh() {
        showInputs();
    }

    private void showInputs() {
        boolean byRecord = "record".equals(mode.getValue());
        recordId.setVisible(byRecord);
        values.removeAll();
        values.setVisible(!byRecord);
        if (!byRecord) {
            try {
                sample = new FormRenderer(renderContext).render(design.get());
                values.add(sample.component());
            } catch (ValidationException e) {
                sample = null;
                values.add(new Div(DesignerText.get(locale, "try.designInvalid")));
            }
        }
    }

    void run() {
        result.removeAll();
        try {
            Evaluation evaluation;
            if ("record".equals(mode.getValue())) {
                if (recordId.getValue() == null) {
                    result.add(new Div(DesignerText.get(locale, "try.needRecord")));
                    return;
                }
                evaluation = evaluator.evaluateOnRecord(expression.getValue(), recordId.getValue());
            } else {
                evaluation = evaluator.evaluate(expression.getValue(), sample == null ? Map.of() : sample.values());
            }
            result.add(new Div(DesignerText.get(locale, "try.result", String.valueOf(evaluation.value()),
                    DesignerText.formulaType(locale, evaluation.type().displayName()))));
        } catch (FormulaException e) {
            result.add(new Div(e.errors().stream().map(err -> err.message(locale)).collect(Collectors.joining("; "))));
        } catch (ValidationException e) {
            result.add(new Div(e.problems().stream().map(p -> EngineMessages.render(p, locale))
                    .collect(Collectors.joining("; "))));
        } catch (NotFoundException e) {
            result.add(new Div(DesignerText.get(locale, "try.notFound")));
        } catch (EngineException e) {
            result.add(new Div(DesignerText.get(locale, "try.failed")));
        }
    }
}
