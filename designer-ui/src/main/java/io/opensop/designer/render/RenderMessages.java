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
        return fromBundle(BUNDLE, locale, key, args);
    }

    /** A text of another designer-ui bundle, in English or Simplified Chinese; the key itself when missing. */
    public static String fromBundle(String bundle, Locale locale, String key, Object... args) {
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
