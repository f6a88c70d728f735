package io.opensop.engine.notify;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Notification texts in the recipient's locale (zh-CN or en) from
 * {@code io/opensop/engine/notify/messages*.properties}; both bundles carry the same keys.
 */
public final class Templates {

    private static final String BUNDLE = "io.opensop.engine.notify.messages";

    private Templates() {
    }

    public static Locale locale(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE
                : Locale.ENGLISH;
    }

    public static String render(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
