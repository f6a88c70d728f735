package io.opensop.engine.formula;

import java.util.List;
import java.util.Locale;

/**
 * One problem with a formula. {@code code} is stable for clients and tests, {@code message} is the
 * English sentence, and [{@code start}, {@code end}) is the character range of the formula text to
 * underline. {@code args} fill the message in other languages, see {@link #message(Locale)}.
 */
public record FormulaError(String code, String message, int start, int end, List<Object> args) {

    public FormulaError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    static FormulaError of(String code, int start, int end, Object... args) {
        return new FormulaError(code, FormulaMessages.render(Locale.ENGLISH, code, args), start, end, List.of(args));
    }

    /** The message in the given language; Simplified Chinese for any {@code zh} locale, else English. */
    public String message(Locale locale) {
        return FormulaMessages.render(locale, code, args.toArray());
    }
}
