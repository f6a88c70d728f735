package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/** A titled group of fields laid out in {@code columns} columns (1 to 4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SectionDefinition(String key, LocalizedText label, Integer columns, List<String> fields) {
}
