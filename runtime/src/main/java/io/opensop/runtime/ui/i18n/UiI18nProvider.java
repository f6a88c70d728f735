package io.opensop.runtime.ui.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/** The UI's own words in English and Simplified Chinese; what users typed is never looked up here. */
@Component
public class UiI18nProvider implements I18NProvider {

    public static final List<Locale> LOCALES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    private static final String BUNDLE = "io.opensop.runtime.ui.messages";

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale supported = supported(locale);
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, supported,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
            return params.length == 0 ? pattern : new MessageFormat(pattern, supported).format(params);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
    }

    /** zh-* is Simplified Chinese, everything else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
