package io.opensop.runtime.ui.i18n;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.opensop.engine.user.UserDirectory;
import jakarta.servlet.http.Cookie;
import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Picks each UI's language: the language cookie set by the switch, else the signed-in user's profile
 * locale, else the browser's; always one of zh-CN and en.
 */
@Component
public class UiLocale implements VaadinServiceInitListener {

    public static final String COOKIE = "opensop-lang";

    private final UserDirectory users;

    UiLocale(UserDirectory users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().setLocale(resolve(VaadinRequest.getCurrent())));
    }

    Locale resolve(VaadinRequest request) {
        if (request == null) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        Optional<String> cookie = Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst();
        if (cookie.isPresent()) {
            return UiI18nProvider.supported(Locale.forLanguageTag(cookie.get()));
        }
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            Optional<Locale> profile = users.byUsername(principal.getName())
                    .map(a -> a.locale() == null ? null : Locale.forLanguageTag(a.locale()));
            if (profile.isPresent()) {
                return UiI18nProvider.supported(profile.get());
            }
        }
        return UiI18nProvider.supported(request.getLocale());
    }

    /** Remembers the choice for a year and reloads the page in the new language. */
    public static void switchTo(Locale locale) {
        Locale supported = UiI18nProvider.supported(locale);
        VaadinResponse response = VaadinResponse.getCurrent();
        if (response != null) {
            Cookie cookie = new Cookie(COOKIE, supported.toLanguageTag());
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.setLocale(supported);
            ui.getPage().reload();
        }
    }
}
