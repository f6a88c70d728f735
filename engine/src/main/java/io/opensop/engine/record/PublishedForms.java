package io.opensop.engine.record;

import java.util.Optional;

/**
 * Finds the current published version of a form. The record store asks on every operation, so a
 * version published on another node is used at once.
 */
public interface PublishedForms {

    Optional<PublishedForm> current(String formKey);

    /**
     * Keys and current versions of every published form, read in one query, so callers can cache
     * what they derive from the definitions until something is published.
     */
    default java.util.Map<String, Integer> publishedVersions() {
        return java.util.Map.of();
    }
}
