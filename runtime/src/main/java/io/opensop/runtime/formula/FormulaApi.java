package io.opensop.runtime.formula;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.formula.FormulaError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request and response bodies of the formula API. */
final class FormulaApi {

    private FormulaApi() {
    }

    /** @param resultType the field type the formula must produce ({@code money}, {@code boolean} …), optional */
    record CheckRequest(String formKey, String expression, FieldType resultType) {
    }

    record EvaluateRequest(String formKey, String expression, Map<String, Object> values) {
    }

    /** [{@code start}, {@code end}) is the character range of the expression to underline. */
    record Error(String code, String message, int start, int end) {

        static List<Error> of(List<FormulaError> errors, Locale locale) {
            return errors.stream().map(e -> new Error(e.code(), e.message(locale), e.start(), e.end())).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CheckResponse(boolean ok, String type, List<Error> errors) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EvaluateResponse(Object value, String type) {
    }

    record Errors(List<Error> errors) {
    }
}
