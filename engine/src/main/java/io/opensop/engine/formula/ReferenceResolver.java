package io.opensop.engine.formula;

import java.util.Map;

/**
 * Reads the values of another form's record for {@code customer.industry}. Called lazily, at most
 * once per record per evaluation, and only for references the formula actually reads.
 */
@FunctionalInterface
public interface ReferenceResolver {

    /** Resolves nothing: every navigation through a reference is blank. */
    ReferenceResolver NONE = (formKey, id) -> Map.of();

    /** @return the record's values keyed by field key; null or empty when the record does not exist */
    Map<String, Object> values(String formKey, long id);
}
