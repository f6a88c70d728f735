package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * A condition that must hold for a save, written in the formula language.
 *
 * @param fields the fields the message is shown on when the rule fails
 * @param scope  {@code always}, {@code stage:<key>} or {@code task:<key>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(String key, String expression, LocalizedText message, List<String> fields, String scope) {
}
