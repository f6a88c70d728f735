package io.opensop.engine.record;

import java.util.Optional;

/**
 * Finds the current published version of a form. The record store asks on every operation, so a
 * version published on another node is used at once.
 */
public interface PublishedForms {

    Optional<PublishedForm> current(String formKey);
}
