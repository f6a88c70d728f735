package io.opensop.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The error body of every API failure: {@code {"errors":[{"field","code","message"}]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(List<Item> errors, Long currentVersion) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String field, String code, String message) {
    }
}
