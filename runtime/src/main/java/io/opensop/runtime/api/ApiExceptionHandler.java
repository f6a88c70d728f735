package io.opensop.runtime.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.TooLargeException;
import io.opensop.engine.error.ValidationException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to a JSON error with the right 4xx status; a 500 means a bug of ours. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorResponses errors;

    ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ApiError> invalid(ValidationException e, Locale locale) {
        return ResponseEntity.unprocessableEntity().body(errors.of(e.problems(), locale, null));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e, Locale locale) {
        ApiError body = errors.of(java.util.List.of(io.opensop.engine.error.Problem.of("version", e.code())), locale,
                e.currentVersion());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e, Locale locale) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(errors.of(null, "not_found", locale));
    }

    @ExceptionHandler({AccessDeniedException.class,
            org.springframework.security.access.AccessDeniedException.class})
    ResponseEntity<ApiError> forbidden(Exception e, Locale locale) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(errors.of(null, "forbidden", locale));
    }

    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<ApiError> tooLarge(TooLargeException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(errors.of(e.field(), "too_large", locale, e.limit()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(errors.of("file", "too_large", locale, e.getMaxUploadSize()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> badMultipart(MultipartException e, Locale locale) {
        return ResponseEntity.badRequest().body(errors.of("file", "malformed_json", locale, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, Locale locale) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException large) {
                return tooLarge(large, locale);
            }
        }
        if (isSyntaxError(cause)) {
            return ResponseEntity.badRequest().body(errors.of("$", "malformed_json", locale,
                    cause == null ? "empty body" : cause.getMessage().lines().findFirst().orElse("")));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ResponseEntity.unprocessableEntity().body(errors.of(path(unknown), "unknown_parameter", locale,
                    unknown.getPropertyName()));
        }
        if (cause instanceof JsonMappingException mapping) {
            return ResponseEntity.unprocessableEntity().body(errors.of(path(mapping), "invalid_value", locale,
                    mapping.getOriginalMessage()));
        }
        String detail = cause instanceof JsonParseException parse ? parse.getOriginalMessage() : "empty or unreadable body";
        return ResponseEntity.badRequest().body(errors.of("$", "malformed_json", locale, detail));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ApiError> badParameter(Exception e, Locale locale) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : e instanceof MissingServletRequestParameterException p ? p.getParameterName()
                : ((MissingRequestHeaderException) e).getHeaderName();
        return ResponseEntity.badRequest().body(errors.of(name, "invalid_value", locale, e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(errors.of("Content-Type", "invalid_value", locale, e.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(errors.of(null, "invalid_value", locale, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, Locale locale) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError().body(errors.of(null, "internal_error", locale));
    }

    /** Broken JSON (truncated, empty, not JSON) is a 400; well-formed JSON of the wrong shape is a 422. */
    private static boolean isSyntaxError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException || t instanceof StreamConstraintsException) {
                return true;
            }
            if (t instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    && m.getOriginalMessage() != null && m.getOriginalMessage().contains("end-of-input")) {
                return true;
            }
        }
        return cause == null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
