package io.opensop.designer.render;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The renderer's own words (buttons, yes/no) in English or Simplified Chinese; the designer's bundles go through it too. */
public final class RenderMessages {

    private static final String BUNDLE = "io.opensop.designer.render.messages";

    private RenderMessages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return from(BUNDLE, locale, key, args);
    }

    /** A designer feature's own bundle (en and zh_CN), with the same fallbacks: the key when a text is missing. */
    public static String from(String bundle, Locale locale, String key, Object... args) {
        Locale supported = locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE
                : Locale.ENGLISH;
        try {
            String pattern = ResourceBundle.getBundle(bundle, supported,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, supported).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
