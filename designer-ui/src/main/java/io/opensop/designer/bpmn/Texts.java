package io.opensop.designer.bpmn;

import io.opensop.designer.render.RenderMessages;
import java.util.Locale;

/** The modeler's own words in English and Simplified Chinese. */
final class Texts {

    private static final String BUNDLE = "io.opensop.designer.bpmn.messages";

    private Texts() {
    }

    static String get(Locale locale, String key, Object... args) {
        return RenderMessages.from(BUNDLE, locale, key, args);
    }
}
