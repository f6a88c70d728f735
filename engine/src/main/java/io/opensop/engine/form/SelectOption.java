package io.opensop.engine.form;

import io.opensop.engine.i18n.LocalizedText;

/** One choice of a select field: a stable key stored in the record and a label shown to people. */
public record SelectOption(String key, LocalizedText label, String color) {
}
