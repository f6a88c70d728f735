package io.opensop.runtime.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opensop.engine.error.Problem;
import io.opensop.engine.i18n.EngineMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Builds error bodies in the caller's language, for controllers and for filters alike. */
@Component
public class ErrorResponses {

    private final ObjectMapper json;

    ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    public ApiError of(List<Problem> problems, Locale locale, Long currentVersion) {
        return new ApiError(problems.stream()
                .map(p -> new ApiError.Item(p.field(), p.code(), EngineMessages.render(p, locale)))
                .toList(), currentVersion);
    }

    public ApiError of(String field, String code, Locale locale, Object... args) {
        return of(List.of(Problem.of(field, code, args)), locale, null);
    }

    /** For failures outside Spring MVC (security, size limits), where no controller advice runs. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                      Object... args) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"OpenSOP\"");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), of(null, code, request.getLocale(), args));
    }
}
