package io.opensop.engine.i18n;

import io.opensop.engine.error.Problem;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Renders {@link Problem} codes as sentences in English or Simplified Chinese. */
public final class EngineMessages {

    private static final String BUNDLE = "io.opensop.engine.i18n.messages";

    private EngineMessages() {
    }

    public static String render(Problem problem, Locale locale) {
        return format(locale, problem.code(), problem.args().toArray());
    }

    public static String format(Locale locale, String code, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(code);
        } catch (MissingResourceException unknownCode) {
            return code;
        }
        return new MessageFormat(pattern, supported(locale)).format(args);
    }

    public static Locale supported(Locale locale) {
        if (locale != null && "zh".equals(locale.getLanguage())) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.ENGLISH;
    }
}
