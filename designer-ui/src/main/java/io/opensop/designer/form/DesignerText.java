package io.opensop.designer.form;

import io.opensop.designer.render.RenderMessages;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.i18n.LocalizedText;
import java.util.Locale;

/** The designer's own words in English or Simplified Chinese (form, formula and pipeline editors). */
public final class DesignerText {

    private static final String BUNDLE = "io.opensop.designer.form.messages";

    private DesignerText() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return RenderMessages.from(BUNDLE, locale, key, args);
    }

    /** A field type's name in both languages, for new fields' labels. */
    public static LocalizedText typeName(FieldType type) {
        return LocalizedText.of(get(Locale.ENGLISH, "type." + type.json()),
                get(Locale.SIMPLIFIED_CHINESE, "type." + type.json()));
    }

    /** A formula type ({@code money}, {@code list<text>} …) in the reader's language; unknown ones as they are. */
    public static String formulaType(Locale locale, String displayName) {
        String key = "formulaType." + displayName;
        String text = get(locale, key);
        return text.equals(key) ? displayName : text;
    }

    /** A user-defined label in the reader's language, or the fallback when there is none. */
    public static String label(LocalizedText label, Locale locale, String fallback) {
        if (label == null || label.isBlank()) {
            return fallback;
        }
        String text = label.in(locale);
        return text == null || text.isBlank() ? fallback : text;
    }
}
