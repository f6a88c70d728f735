package io.opensop.designer.render;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The renderer's own words (buttons, yes/no) in English or Simplified Chinese. */
public final class RenderMessages {

    private static final String BUNDLE = "io.opensop.designer.render.messages";

    private RenderMessages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        Locale supported = locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE
                : Locale.ENGLISH;
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, supported,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, supported).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
