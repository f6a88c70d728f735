package io.opensop.designer.template;

import io.opensop.designer.render.RenderMessages;
import java.util.Locale;

/** The template manager's own words in English and Simplified Chinese. */
final class Texts {

    private static final String BUNDLE = "io.opensop.designer.template.messages";

    private Texts() {
    }

    static String get(Locale locale, String key, Object... args) {
        return RenderMessages.from(BUNDLE, locale, key, args);
    }
}
