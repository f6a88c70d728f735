package io.opensop.designer.formula;

import io.opensop.engine.formula.FunctionCatalog;
import io.opensop.engine.i18n.LocalizedText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Autocomplete of the formula editor: what the word being typed at the end of the text may become.
 * Fields match by key (prefix) or by label (any language, contains), functions by name (prefix) and
 * come with their signature. After an open {@code {} only labels are offered, completed as {@code {label}}.
 */
public final class FormulaSuggestions {

    /** A field formulas may read. */
    public record FieldChoice(String key, LocalizedText label) implements Serializable {
    }

    /** @param insert replaces the typed word; {@code display} and {@code detail} are what the list shows */
    public record Suggestion(String insert, String display, String detail) implements Serializable {
    }

    private FormulaSuggestions() {
    }

    public static List<Suggestion> suggest(String text, List<FieldChoice> fields, Locale locale, int limit) {
        String value = text == null ? "" : text;
        List<Suggestion> found = new ArrayList<>();
        int brace = openBrace(value);
        if (brace >= 0) {
            String typed = value.substring(brace + 1).toLowerCase(Locale.ROOT);
            for (FieldChoice field : fields) {
                String label = shown(field, locale);
                if (field.label() != null && field.label().asMap().values().stream()
                        .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(typed))) {
                    found.add(new Suggestion("{" + label + "}", label, field.key()));
                }
            }
            return cap(found, limit);
        }
        String word = word(value);
        if (word.isEmpty()) {
            return List.of();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        for (FieldChoice field : fields) {
            boolean byKey = field.key().startsWith(lower) && !field.key().equals(word);
            boolean byLabel = field.label() != null && field.label().asMap().values().stream()
                    .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(lower));
            if (byKey || byLabel) {
                found.add(new Suggestion(field.key(), field.key(), shown(field, locale)));
            }
        }
        String upper = word.toUpperCase(Locale.ROOT);
        for (FunctionCatalog.FunctionInfo function : FunctionCatalog.all()) {
            if (function.name().startsWith(upper)) {
                found.add(new Suggestion(function.name() + "(", function.signature(), function.description().in(locale)));
            }
        }
        return cap(found, limit);
    }

    /** The text with the word being typed replaced by the suggestion. */
    public static String apply(String text, Suggestion suggestion) {
        String value = text == null ? "" : text;
        int brace = openBrace(value);
        int start = brace >= 0 ? brace : value.length() - word(value).length();
        return value.substring(0, start) + suggestion.insert();
    }

    /** The identifier characters at the end of the text. */
    static String word(String text) {
        int start = text.length();
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start);
    }

    private static boolean isWordChar(char c) {
        return c == '_' || c < 128 && Character.isLetterOrDigit(c);
    }

    /** Where an unclosed {@code {} at the end starts, or -1. */
    private static int openBrace(String text) {
        int open = text.lastIndexOf('{');
        return open >= 0 && text.indexOf('}', open) < 0 ? open : -1;
    }

    private static String shown(FieldChoice field, Locale locale) {
        String label = field.label() == null ? null : field.label().in(locale);
        return label == null || label.isBlank() ? field.key() : label;
    }

    private static List<Suggestion> cap(List<Suggestion> found, int limit) {
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }
}
