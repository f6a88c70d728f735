package io.opensop.runtime.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import java.util.Locale;
import java.util.stream.Collectors;

/** An engine failure as one sentence in the user's language, and shown as an error notification. */
public final class UiErrors {

    private UiErrors() {
    }

    public static String text(EngineException e, Locale locale) {
        if (e instanceof ValidationException invalid) {
            return invalid.problems().stream().map(p -> EngineMessages.render(p, locale))
                    .collect(Collectors.joining("; "));
        }
        if (e instanceof ConflictException conflict) {
            return EngineMessages.format(locale, conflict.code());
        }
        if (e instanceof NotFoundException) {
            return EngineMessages.format(locale, "not_found");
        }
        if (e instanceof AccessDeniedException) {
            return EngineMessages.format(locale, "forbidden");
        }
        return e.getMessage();
    }

    public static void show(EngineException e, Locale locale) {
        Notification note = Notification.show(text(e, locale), 6000, Notification.Position.MIDDLE);
        note.addThemeVariants(NotificationVariant.LUMO_ERROR);
        note.getElement().setAttribute("data-testid", "error-notification");
    }
}
