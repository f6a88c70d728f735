package io.opensop.engine.formula;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Renders formula error codes in English or Simplified Chinese; types and expectations are translated too. */
final class FormulaMessages {

    private static final String BUNDLE = "io.opensop.engine.formula.messages";

    private FormulaMessages() {
    }

    static String render(Locale locale, String code, Object... args) {
        Locale supported = supported(locale);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] localized = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            localized[i] = localize(bundle, args[i]);
        }
        try {
            return new MessageFormat(bundle.getString(code), supported).format(localized);
        } catch (MissingResourceException unknownCode) {
            return code;
        }
    }

    private static Object localize(ResourceBundle bundle, Object arg) {
        String key = null;
        if (arg instanceof FormulaType.Scalar scalar) {
            key = "type." + scalar.displayName();
        } else if (arg instanceof FormulaType.ListOf list) {
            return MessageFormat.format(lookup(bundle, "type.list"), localize(bundle, list.element()));
        } else if (arg instanceof Expectation expectation) {
            key = "expect." + expectation.name().toLowerCase(Locale.ROOT);
        }
        if (key == null) {
            return arg instanceof Number ? String.valueOf(arg) : arg;
        }
        return lookup(bundle, key);
    }

    private static String lookup(ResourceBundle bundle, String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException missing) {
            return key;
        }
    }

    static Locale supported(Locale locale) {
        if (locale != null && "zh".equals(locale.getLanguage())) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.ENGLISH;
    }
}
