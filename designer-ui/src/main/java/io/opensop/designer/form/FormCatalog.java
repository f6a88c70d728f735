package io.opensop.designer.form;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.metadata.FormDraft;
import java.util.Locale;
import java.util.stream.Collectors;

/** The forms a designer may design, and a new form from scratch (key and label in both languages). */
public final class FormCatalog extends Div {

    public FormCatalog(DesignerHost host, Locale locale) {
        getElement().setAttribute("data-testid", "form-catalog");
        setWidthFull();
        H2 title = new H2(DesignerText.get(locale, "catalog.title"));
        Grid<FormDraft> grid = new Grid<>();
        grid.addColumn(FormDraft::key).setHeader(DesignerText.get(locale, "catalog.key")).setAutoWidth(true);
        grid.addColumn(d -> DesignerText.label(d.definition().label(), locale, d.key()))
                .setHeader(DesignerText.get(locale, "catalog.label"));
        grid.addColumn(d -> d.publishedVersion() == null ? DesignerText.get(locale, "designer.neverPublished")
                : String.valueOf(d.publishedVersion())).setHeader(DesignerText.get(locale, "catalog.version"));
        // list() gives designers every draft; others would only see published forms they may read
        grid.setItems(host.forms().list(host.actor()));
        grid.addItemClickListener(e -> host.navigate("designer/forms/" + e.getItem().key()));
        grid.getElement().setAttribute("data-testid", "catalog-grid");
        grid.setAllRowsVisible(true);

        TextField key = new TextField(DesignerText.get(locale, "catalog.newKey"));
        key.setHelperText(DesignerText.get(locale, "catalog.newKeyHelp"));
        key.getElement().setAttribute("data-testid", "new-form-key");
        TextField en = new TextField(DesignerText.get(locale, "props.label.en"));
        en.getElement().setAttribute("data-testid", "new-form-label-en");
        TextField zh = new TextField(DesignerText.get(locale, "props.label.zh-CN"));
        zh.getElement().setAttribute("data-testid", "new-form-label-zh");
        Span error = new Span();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.getElement().setAttribute("data-testid", "new-form-error");
        Button create = new Button(DesignerText.get(locale, "catalog.create"), VaadinIcon.PLUS.create(), click -> {
            String english = en.getValue().isBlank() ? key.getValue() : en.getValue();
            String chinese = zh.getValue().isBlank() ? english : zh.getValue();
            try {
                FormDraft draft = FormDesigner.create(host, key.getValue().strip(), LocalizedText.of(english, chinese));
                host.navigate("designer/forms/" + draft.key());
            } catch (ValidationException e) {
                error.setText(e.problems().stream().map(p -> EngineMessages.render(p, locale))
                        .collect(Collectors.joining("; ")));
            } catch (ConflictException e) {
                error.setText(DesignerText.get(locale, "catalog.exists", key.getValue()));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.getElement().setAttribute("data-testid", "new-form-create");
        HorizontalLayout newForm = new HorizontalLayout(key, en, zh, create);
        newForm.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        newForm.setWrap(true);
        add(title, newForm, error, grid);
    }
}
