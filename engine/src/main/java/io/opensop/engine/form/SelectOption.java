package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;

/** One choice of a select field: a stable key stored in the record and a label shown to people. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelectOption(String key, LocalizedText label, String color) {
}
