package io.opensop.runtime.ui;

import com.vaadin.flow.component.UI;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.security.CurrentActor;
import org.springframework.stereotype.Component;

/** The signed-in user as the engine sees them, speaking the UI's current language. */
@Component
public class UiActor {

    private final CurrentActor current;

    UiActor(CurrentActor current) {
        this.current = current;
    }

    public Actor get() {
        Actor actor = current.get();
        UI ui = UI.getCurrent();
        return ui == null ? actor
                : new Actor(actor.userId(), actor.username(), actor.roles(), ui.getLocale(), actor.zone());
    }
}
