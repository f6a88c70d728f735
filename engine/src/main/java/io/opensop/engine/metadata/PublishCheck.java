package io.opensop.engine.metadata;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A check a form must pass before it is published, beyond the shape the validator checks: for
 * instance that every formula type-checks against the form's schema.
 */
@FunctionalInterface
public interface PublishCheck {

    /**
     * @param forms other forms by key: the published definition, or the draft of a form never published
     * @return problems naming JSON paths such as {@code $.fields[3].formula}; empty when publishable
     */
    List<Problem> problems(FormDefinition next, Function<String, Optional<FormDefinition>> forms);
}
