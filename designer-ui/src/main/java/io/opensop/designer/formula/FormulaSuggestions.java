package io.opensop.designer.formula;

import io.opensop.engine.formula.FunctionCatalog;
import io.opensop.engine.i18n.LocalizedText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Autocomplete of the formula editor: what the word being typed at the caret may become.
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

    /**
     * What to complete at the caret. The range covers the identifier the caret is in (what was typed
     * before the caret and the rest of it after), or after an unclosed {@code {} the label typed since
     * it (up to and including a {@code }} that closes it after the caret). Only what is typed before the
     * caret is matched.
     */
    public record Completion(String text, int start, int end, List<Suggestion> suggestions) implements Serializable {

        /** The text with the range replaced by the suggestion (a function's "(" is not doubled). */
        public String apply(Suggestion suggestion) {
            String rest = text.substring(end);
            String insert = suggestion.insert();
            if (insert.endsWith("(") && rest.startsWith("(")) {
                insert = insert.substring(0, insert.length() - 1);
            }
            return text.substring(0, start) + insert + rest;
        }

        /** Where the caret goes after {@link #apply}: just after the name (after a function's "("). */
        public int caretAfter(Suggestion suggestion) {
            return start + suggestion.insert().length();
        }
    }

    /** Completion at the end of the text. */
    public static List<Suggestion> suggest(String text, List<FieldChoice> fields, Locale locale, int limit) {
        String value = text == null ? "" : text;
        return complete(value, value.length(), fields, locale, limit).suggestions();
    }

    /** The text with the word being typed at its end replaced by the suggestion. */
    public static String apply(String text, Suggestion suggestion) {
        String value = text == null ? "" : text;
        return complete(value, value.length(), List.of(), Locale.ROOT, 0).apply(suggestion);
    }

    /** The range the caret is in and what it may become; a caret outside the text counts as at its end. */
    public static Completion complete(String text, int caret, List<FieldChoice> fields, Locale locale, int limit) {
        String value = text == null ? "" : text;
        int at = caret < 0 || caret > value.length() ? value.length() : caret;
        String before = value.substring(0, at);
        List<Suggestion> found = new ArrayList<>();
        int brace = openBrace(before);
        if (brace >= 0) {
            String typed = before.substring(brace + 1).toLowerCase(Locale.ROOT);
            for (FieldChoice field : fields) {
                String label = shown(field, locale);
                if (field.label() != null && field.label().asMap().values().stream()
                        .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(typed))) {
                    found.add(new Suggestion("{" + label + "}", label, field.key()));
                }
            }
            return new Completion(value, brace, closingBrace(value, at), cap(found, limit));
        }
        String word = word(before);
        int end = at;
        while (end < value.length() && isWordChar(value.charAt(end))) {
            end++;
        }
        Completion none = new Completion(value, at - word.length(), end, List.of());
        if (word.isEmpty()) {
            return none;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String whole = value.substring(at - word.length(), end);
        for (FieldChoice field : fields) {
            boolean byKey = field.key().startsWith(lower) && !field.key().equals(whole);
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
        return new Completion(value, none.start(), end, cap(found, limit));
    }

    /** The identifier characters at the end of the text. */
    static String word(String text) {
        int start = text.length();
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start);
    }

    /** After the caret inside {@code {label}: just past its {@code }}, or the caret when the label is not closed. */
    private static int closingBrace(String text, int caret) {
        for (int i = caret; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == '{' || c == '\n') {
                break;
            }
        }
        return caret;
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
