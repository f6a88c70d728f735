package io.opensop.runtime.formula;

import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.rules.FieldExplanation;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.rules.RecordExplainer;
import io.opensop.runtime.security.CurrentActor;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The formula editor's API: check and try formulas, and explain stored formula values. Messages are
 * in the request's language (Accept-Language). Permission failures and bad sample values go through
 * the application's exception handler like everywhere else.
 */
@RestController
class FormulaController {

    private final FormulaTools tools;
    private final RecordExplainer explainer;
    private final CurrentActor actor;

    FormulaController(FormulaTools tools, RecordExplainer explainer, CurrentActor actor) {
        this.tools = tools;
        this.explainer = explainer;
        this.actor = actor;
    }

    /** Always 200: a formula with errors is an answer, not a failed request. */
    @PostMapping("/api/formulas/check")
    FormulaApi.CheckResponse check(@RequestBody FormulaApi.CheckRequest request, Locale locale) {
        FormulaCheck check = tools.check(actor.get(), request.formKey(), request.expression(), request.resultType());
        return new FormulaApi.CheckResponse(check.ok(), check.ok() ? check.type().displayName() : null,
                FormulaApi.Error.of(check.errors(), locale));
    }

    @PostMapping("/api/formulas/evaluate")
    FormulaApi.EvaluateResponse evaluate(@RequestBody FormulaApi.EvaluateRequest request) {
        FormulaTools.Evaluation result = tools.evaluate(actor.get(), request.formKey(), request.expression(),
                request.values());
        return new FormulaApi.EvaluateResponse(result.value(), result.type().displayName());
    }

    @GetMapping("/api/forms/{formKey}/records/{id}/explain/{fieldKey}")
    FieldExplanation explain(@PathVariable String formKey, @PathVariable long id, @PathVariable String fieldKey) {
        return explainer.explain(actor.get(), formKey, id, fieldKey);
    }

    /** A formula that does not check, or fails while running: 422 with where and why. */
    @ExceptionHandler(FormulaException.class)
    ResponseEntity<FormulaApi.Errors> invalid(FormulaException e, Locale locale) {
        return ResponseEntity.unprocessableEntity().body(new FormulaApi.Errors(FormulaApi.Error.of(e.errors(), locale)));
    }
}
