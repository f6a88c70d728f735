package io.opensop.runtime.ui.notify;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParam;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.record.RecordView;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The user's notification inbox: newest first, unread in bold, mark read, open the record it is about. */
@Route(value = "notifications", layout = MainLayout.class)
@PermitAll
public class NotificationsView extends VerticalLayout implements HasDynamicTitle {

    static final int SHOWN = 100;

    private final UiActor actors;
    private final NotificationService notifications;
    private final VerticalLayout list = new VerticalLayout();
    private final Checkbox unreadOnly = new Checkbox();

    public NotificationsView(UiActor actors, NotificationService notifications) {
        this.actors = actors;
        this.notifications = notifications;
        setWidthFull();
        setMaxWidth("60em");
        unreadOnly.setLabel(getTranslation("notify.unreadOnly"));
        unreadOnly.addValueChangeListener(e -> refresh());
        Button allRead = new Button(getTranslation("notify.markAllRead"), click -> {
            notifications.markAllRead(actors.get());
            refresh();
        });
        allRead.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        allRead.getElement().setAttribute("data-testid", "notify-all-read");
        HorizontalLayout top = new HorizontalLayout(new H2(getTranslation("notify.title")), unreadOnly, allRead);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        top.getStyle().set("flex-wrap", "wrap");
        list.setPadding(false);
        list.getElement().setAttribute("data-testid", "notifications");
        add(top, list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        Actor actor = actors.get();
        var items = notifications.inbox(actor, unreadOnly.getValue(), SHOWN);
        if (items.isEmpty()) {
            list.add(new Paragraph(getTranslation("notify.none")));
        }
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(getLocale());
        for (NotificationView item : items) {
            list.add(entry(item, actor, format));
        }
    }

    private Div entry(NotificationView item, Actor actor, DateTimeFormatter format) {
        Div entry = new Div();
        entry.setWidthFull();
        entry.getElement().setAttribute("data-testid", "notification-" + item.id());
        entry.getElement().setAttribute("data-read", String.valueOf(item.read()));
        entry.getStyle().set("border-bottom", "1px solid var(--lumo-contrast-10pct)")
                .set("padding", "var(--lumo-space-s) 0");
        Span title = new Span(item.title() == null ? item.kind() : item.title());
        title.getStyle().set("font-weight", item.read() ? "400" : "700");
        Span when = new Span(item.createdAt() == null ? "" : item.createdAt().atZoneSameInstant(actor.zone())
                .format(format));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin-left", "var(--lumo-space-s)");
        Div head = new Div(title, when);
        entry.add(head);
        if (item.body() != null && !item.body().isBlank()) {
            Paragraph body = new Paragraph(item.body()); // plain text: message bodies are never HTML here
            body.getStyle().set("margin", "var(--lumo-space-xs) 0").set("white-space", "pre-line");
            entry.add(body);
        }
        HorizontalLayout actions = new HorizontalLayout();
        if (item.formKey() != null && item.recordId() != null) {
            RouterLink open = new RouterLink(RecordView.class, new RouteParameters(
                    new RouteParam("form", item.formKey()), new RouteParam("id", String.valueOf(item.recordId()))));
            open.setText(getTranslation("notify.openRecord"));
            open.getElement().setAttribute("data-testid", "notification-open-" + item.id());
            open.getElement().addEventListener("click", e -> notifications.markRead(actors.get(), item.id(), true));
            actions.add(open);
        }
        Button toggle = new Button(getTranslation(item.read() ? "notify.markUnread" : "notify.markRead"), click -> {
            notifications.markRead(actors.get(), item.id(), !item.read());
            refresh();
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        toggle.getElement().setAttribute("data-testid", "notification-toggle-" + item.id());
        actions.add(toggle);
        entry.add(actions);
        return entry;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("notify.title");
    }
}
