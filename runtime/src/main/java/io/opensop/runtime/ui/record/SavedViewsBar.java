package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.listview.SavedView;
import io.opensop.engine.listview.SavedViewService;
import io.opensop.engine.listview.ViewSettings;
import io.opensop.engine.security.Actor;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Saved views of a list: pick one (the user's default is picked on opening), save the current filters,
 * sort and columns under a name (as default, shared), delete. Every call goes through
 * {@link SavedViewService} as the signed-in user.
 */
final class SavedViewsBar extends HorizontalLayout {

    private final SavedViewService views;
    private final Supplier<Actor> actor;
    private final String formKey;
    private final Supplier<ViewSettings> current;
    private final Consumer<SavedView> onPick;
    private final Select<SavedView> picker = new Select<>();
    private final Button delete;
    private boolean quiet;

    /**
     * @param current the list's filters, sort and columns now (name and flags are ignored)
     * @param onPick  applies a picked view to the list
     */
    SavedViewsBar(SavedViewService views, Supplier<Actor> actor, String formKey, Supplier<ViewSettings> current,
                  Consumer<SavedView> onPick) {
        this.views = views;
        this.actor = actor;
        this.formKey = formKey;
        this.current = current;
        this.onPick = onPick;
        picker.setPlaceholder(getTranslation("list.view.none"));
        picker.setAriaLabel(getTranslation("list.view.label"));
        picker.setItemLabelGenerator(this::label);
        picker.setEmptySelectionAllowed(true);
        picker.setEmptySelectionCaption(getTranslation("list.view.none"));
        picker.getElement().setAttribute("data-testid", "view-picker");
        picker.addValueChangeListener(e -> {
            if (!quiet && e.getValue() != null) {
                onPick.accept(e.getValue());
            }
            updateButtons();
        });
        Button save = new Button(getTranslation("list.view.save"), VaadinIcon.BOOKMARK.create(), click -> openSave());
        save.getElement().setAttribute("data-testid", "view-save");
        delete = new Button(VaadinIcon.TRASH.create(), click -> deleteSelected());
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        delete.getElement().setAttribute("aria-label", getTranslation("list.view.delete"));
        delete.getElement().setAttribute("data-testid", "view-delete");
        add(picker, save, delete);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        reload(null);
    }

    /** Picks the user's default view, if any, and applies it. */
    void pickDefault() {
        views.defaultView(actor.get(), formKey).ifPresent(v -> {
            reload(v.id());
            onPick.accept(picker.getValue());
        });
    }

    private String label(SavedView view) {
        if (view == null) {
            return getTranslation("list.view.none"); // the empty selection
        }
        String name = view.settings().name();
        if (!view.ownedBy(actor.get())) {
            return getTranslation("list.view.sharedBy", name, view.owner());
        }
        return view.settings().isDefault() ? getTranslation("list.view.default", name) : name;
    }

    private void reload(Long select) {
        List<SavedView> all = views.list(actor.get(), formKey);
        quiet = true;
        picker.setItems(all);
        picker.setValue(select == null ? null : all.stream().filter(v -> v.id() == select).findFirst().orElse(null));
        quiet = false;
        updateButtons();
    }

    private void updateButtons() {
        delete.setEnabled(picker.getValue() != null && picker.getValue().ownedBy(actor.get()));
    }

    private void openSave() {
        SavedView selected = picker.getValue();
        boolean own = selected != null && selected.ownedBy(actor.get());
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("list.view.save"));
        TextField name = new TextField(getTranslation("list.view.name"));
        name.setRequired(true);
        name.setMaxLength(SavedViewService.MAX_NAME_LENGTH);
        name.setWidthFull();
        name.getElement().setAttribute("data-testid", "view-name");
        Checkbox asDefault = new Checkbox(getTranslation("list.view.asDefault"));
        asDefault.getElement().setAttribute("data-testid", "view-default");
        Checkbox shared = new Checkbox(getTranslation("list.view.shared"));
        if (own) {
            name.setValue(selected.settings().name());
            asDefault.setValue(selected.settings().isDefault());
            shared.setValue(selected.settings().shared());
        }
        Button ok = new Button(getTranslation("list.view.saveButton"), click -> {
            ViewSettings now = current.get();
            ViewSettings settings = new ViewSettings(name.getValue(), now.filters(), now.sorts(), now.columns(),
                    asDefault.getValue(), shared.getValue());
            try {
                SavedView saved = own && Objects.equals(selected.settings().name(), settings.name())
                        ? views.update(actor.get(), formKey, selected.id(), selected.version(), settings)
                        : views.create(actor.get(), formKey, settings);
                dialog.close();
                reload(saved.id());
                Notification.show(getTranslation("list.view.saved", saved.settings().name()), 3000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.problems().stream().map(p -> EngineMessages.render(p, getLocale()))
                        .collect(Collectors.joining("; ")));
            } catch (ConflictException e) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation("duplicate_name".equals(e.code()) ? "list.view.duplicate"
                        : "list.view.conflict"));
            } catch (AccessDeniedException e) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation("record.denied"));
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.getElement().setAttribute("data-testid", "view-save-confirm");
        Button cancel = new Button(getTranslation("list.view.cancel"), click -> dialog.close());
        dialog.add(new VerticalLayout(name, asDefault, shared));
        dialog.getFooter().add(cancel, ok);
        dialog.open();
        name.focus();
    }

    private void deleteSelected() {
        SavedView selected = picker.getValue();
        if (selected == null) {
            return;
        }
        try {
            views.delete(actor.get(), formKey, selected.id());
        } catch (EngineException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        reload(null);
    }
}
