package io.opensop.runtime.ui.i18n;

import com.vaadin.flow.component.select.Select;
import java.util.Locale;

/** 中文 / English: switches the UI's language and remembers it in a cookie. */
public class LanguageSwitch extends Select<Locale> {

    public LanguageSwitch(Locale current) {
        setItems(UiI18nProvider.LOCALES);
        setItemLabelGenerator(l -> "zh".equals(l.getLanguage()) ? "中文" : "English");
        setValue(UiI18nProvider.supported(current));
        setAriaLabel("Language / 语言");
        setWidth("8em");
        getElement().setAttribute("data-testid", "language");
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                UiLocale.switchTo(e.getValue());
            }
        });
    }
}
