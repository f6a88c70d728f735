package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasPlaceholder;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.opensop.engine.record.RecordFilter;
import java.util.List;

/**
 * One field's filter in the list's filter bar: a label, editors that fit the field's type and a remove
 * button. It turns what the user entered into engine {@link RecordFilter}s and shows saved ones again.
 */
abstract class FieldFilter extends HorizontalLayout {

    private final String key;

    FieldFilter(String key, String label) {
        this.key = key;
        Span name = new Span(label);
        name.getStyle().set("font-weight", "600");
        add(name);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setSpacing(true);
        getStyle().set("padding", "0 var(--lumo-space-s)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", "var(--lumo-contrast-5pct)");
        getElement().setAttribute("data-testid", "filter-" + key);
    }

    /** Adds the editors, then the remove button that calls {@code onRemove}. */
    void addEditors(Runnable onRemove, Component... editors) {
        add(editors);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> onRemove.run());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        remove.getElement().setAttribute("aria-label", getTranslation("list.filter.remove"));
        remove.getElement().setAttribute("data-testid", "filter-remove-" + key);
        add(remove);
    }

    /** A "from … to …" pair of editors, each marked for tests as filter-&lt;key&gt;-from / -to. */
    <T extends Component & HasPlaceholder> void addRange(Runnable onRemove, T from, T to) {
        from.setPlaceholder(getTranslation("list.filter.from"));
        to.setPlaceholder(getTranslation("list.filter.to"));
        from.getElement().setAttribute("data-testid", "filter-" + key + "-from");
        to.getElement().setAttribute("data-testid", "filter-" + key + "-to");
        addEditors(onRemove, from, to);
    }

    /** Adds the editors; called once the subclass's own fields exist. */
    abstract void build(Runnable onRemove);

    String key() {
        return key;
    }

    /** The engine filters for what is entered; empty when nothing is. */
    abstract List<RecordFilter> filters();

    /** Shows saved filters of this field (from a saved view). */
    abstract void show(List<RecordFilter> saved);
}
