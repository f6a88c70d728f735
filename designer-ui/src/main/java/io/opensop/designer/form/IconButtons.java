package io.opensop.designer.form;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.function.BooleanSupplier;

/** The small icon buttons of outlines and lists (up, down, remove): named for screen readers, marked for tests. */
public final class IconButtons {

    private IconButtons() {
    }

    /**
     * @param action  the edit; returns whether anything changed
     * @param changed run after an edit that changed something
     */
    public static Button of(VaadinIcon icon, String ariaLabel, String testId, BooleanSupplier action,
                            Runnable changed) {
        Button button = new Button(icon.create(), click -> {
            if (action.getAsBoolean()) {
                changed.run();
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.setAriaLabel(ariaLabel);
        button.getElement().setAttribute("data-testid", testId);
        return button;
    }
}
