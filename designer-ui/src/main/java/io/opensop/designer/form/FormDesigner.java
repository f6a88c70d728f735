package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.formula.FormulaSource;
import io.opensop.designer.formula.FormulaSuggestions.FieldChoice;
import io.opensop.designer.formula.RuleList;
import io.opensop.designer.formula.TryPanel;
import io.opensop.designer.pipeline.PipelineEditor;
import io.opensop.designer.render.FormRenderer;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.security.Actor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The form designer: palette, outline and property panel on the left, the live preview (the runtime's
 * own renderer) on the right; rules, pipeline, "try it" and version history in tabs. Edits stay in the
 * browser session until "save draft"; publishing always shows the engine's dry run first (what the
 * schema change does to stored data) and applies nothing the engine would refuse.
 */
public final class FormDesigner extends Div {

    private final DesignerHost host;
    private final Locale locale;
    private final String formKey;
    private DesignModel model;
    private long revision;
    private Integer publishedVersion;
    private final Set<String> publishedKeys = new HashSet<>();
    private FormDefinition lastGood;

    private final Div preview = new Div();
    private final Div problems = new Div();
    private final Span status = new Span();
    private final Div body = new Div();
    private FieldOutline outline;
    private PropertyPanel properties;
    private TryPanel tryPanel;
    private VersionHistory versions;
    private boolean dirty;

    public FormDesigner(DesignerHost host, String formKey, Locale locale) {
        this.host = host;
        this.locale = locale;
        this.formKey = formKey;
        setWidthFull();
        getElement().setAttribute("data-testid", "form-designer");
        load(host.forms().draft(host.actor(), formKey));
    }

    private void load(FormDraft draft) {
        model = new DesignModel(draft.definition());
        revision = draft.draftRevision();
        publishedVersion = draft.publishedVersion();
        publishedKeys.clear();
        if (publishedVersion != null) {
            host.forms().version(host.actor(), formKey, publishedVersion).fieldList()
                    .forEach(f -> publishedKeys.add(f.key()));
        }
        lastGood = draft.definition();
        dirty = false;
        build();
    }

    private void build() {
        removeAll();
        H2 title = new H2(DesignerText.label(model.definition().label(), locale, formKey));
        title.getStyle().set("margin", "0");
        Button save = new Button(DesignerText.get(locale, "designer.save"), VaadinIcon.CHECK.create(), click -> save());
        save.getElement().setAttribute("data-testid", "designer-save");
        Button publish = new Button(DesignerText.get(locale, "designer.publish"), VaadinIcon.UPLOAD.create(),
                click -> previewPublish());
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        publish.getElement().setAttribute("data-testid", "designer-publish");
        status.getElement().setAttribute("data-testid", "designer-status");
        HorizontalLayout head = new HorizontalLayout(title, status, save, publish);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        head.setWidthFull();
        head.expand(status);
        problems.getElement().setAttribute("data-testid", "designer-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)");

        FormulaSource formulas = formulaSource();
        outline = new FieldOutline(model, locale, new FieldOutline.Listener() {
            @Override
            public void selected(String fieldKey) {
                properties.show(fieldKey);
                model.field(fieldKey == null ? "" : fieldKey).filter(f -> "formula".equals(f.path("type").asText()))
                        .ifPresent(f -> tryPanel.setExpression(f.path("formula").asText("")));
            }

            @Override
            public void changed() {
                edited();
            }
        });
        properties = new PropertyPanel(model, locale, propertyContext(formulas), () -> {
            edited();
            outline.refresh();
        });
        FieldPalette palette = new FieldPalette(locale, type -> {
            String section = outline.selected() == null ? null : model.sectionOf(outline.selected()).orElse(null);
            String key = model.addField(type, section, DesignerText.typeName(type)).path("key").asText();
            outline.select(key);
            properties.show(key);
            edited();
        });
        palette.setWidth("10em");
        outline.getStyle().set("flex", "1 1 20em").set("min-width", "0");
        properties.getStyle().set("flex", "1 1 18em").set("min-width", "0");
        Div fieldsTab = new Div(palette, outline, properties);
        fieldsTab.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)")
                .set("align-items", "flex-start");
        fieldsTab.setWidthFull();

        RuleList rules = new RuleList(model.rules(), formulas, locale, model::fieldKeys, this::scopes, this::edited);
        PipelineEditor pipeline = new PipelineEditor(model, formulas, locale,
                publishedVersion != null && host.forms().version(host.actor(), formKey, publishedVersion).pipeline() != null,
                this::edited);
        tryPanel = new TryPanel(locale, formulas, evaluator(), this::currentDefinition, host.renderContext());
        versions = new VersionHistory(locale, host.actor().zone(),
                version -> host.forms().version(host.actor(), formKey, version), this::currentDefinition,
                this::revert);
        versions.show(host.forms().versions(host.actor(), formKey));

        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(tab("designer.tab.form", "tab-form"), formProperties());
        tabs.add(tab("designer.tab.fields", "tab-fields"), fieldsTab);
        tabs.add(tab("designer.tab.rules", "tab-rules"), rules);
        tabs.add(tab("designer.tab.pipeline", "tab-pipeline"), pipeline);
        tabs.add(tab("designer.tab.try", "tab-try"), tryPanel);
        tabs.add(tab("designer.tab.versions", "tab-versions"), versions);
        tabs.setSelectedIndex(1);
        tabs.addSelectedChangeListener(e -> tryPanel.refresh());

        preview.getElement().setAttribute("data-testid", "designer-preview");
        preview.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-m)");
        Div previewBox = new Div(new H4(DesignerText.get(locale, "designer.preview")), preview);
        // side by side on a wide screen, the preview below the editor otherwise
        previewBox.getStyle().set("flex", "1 1 24em").set("min-width", "0");
        tabs.getStyle().set("flex", "3 1 48em").set("min-width", "0");
        Div main = new Div(tabs, previewBox);
        main.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)")
                .set("align-items", "flex-start");
        main.setWidthFull();
        body.removeAll();
        body.add(main);
        body.setWidthFull();
        add(head, problems, body);
        renderPreview();
        showStatus();
    }

    private com.vaadin.flow.component.tabs.Tab tab(String key, String testId) {
        com.vaadin.flow.component.tabs.Tab tab = new com.vaadin.flow.component.tabs.Tab(DesignerText.get(locale, key));
        tab.getElement().setAttribute("data-testid", testId);
        return tab;
    }

    /** The form's own label (both languages) and title field. */
    private Div formProperties() {
        ObjectNode document = model.document();
        Div box = new Div();
        box.getElement().setAttribute("data-testid", "form-properties");
        for (String language : List.of("en", "zh-CN")) {
            TextField label = new TextField(DesignerText.get(locale, "props.label." + language));
            label.setValue(document.path("label").path(language).asText(""));
            label.getElement().setAttribute("data-testid", "form-label-" + language);
            label.addValueChangeListener(e -> {
                ObjectNode text = DesignModel.child(document, "label");
                text.put(language, e.getValue());
                edited();
            });
            box.add(label);
        }
        ComboBox<String> titleField = new ComboBox<>(DesignerText.get(locale, "designer.titleField"));
        titleField.setItems(query -> model.fieldKeys().stream().skip(query.getOffset()).limit(query.getLimit()));
        titleField.setValue(document.path("titleField").asText(null));
        titleField.getElement().setAttribute("data-testid", "form-title-field");
        titleField.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                document.remove("titleField");
            } else {
                document.put("titleField", e.getValue());
            }
            edited();
        });
        box.add(titleField);
        return box;
    }

    private List<String> scopes() {
        List<String> scopes = new ArrayList<>();
        for (JsonNode stage : model.document().path("pipeline").path("stages")) {
            scopes.add("stage:" + stage.path("key").asText());
        }
        return scopes;
    }

    private void edited() {
        dirty = true;
        renderPreview();
        showStatus();
    }

    private void showStatus() {
        String published = publishedVersion == null ? DesignerText.get(locale, "designer.neverPublished")
                : DesignerText.get(locale, "designer.publishedVersion", publishedVersion);
        status.setText(published + " · " + (dirty ? DesignerText.get(locale, "designer.unsaved")
                : DesignerText.get(locale, "designer.saved", revision)));
    }

    /** The definition being edited; the last one that could be read while an edit is half done. */
    FormDefinition currentDefinition() {
        try {
            lastGood = model.definition();
        } catch (ValidationException halfDone) {
            // keep the last readable one; save shows the problems
        }
        return lastGood;
    }

    private void renderPreview() {
        preview.removeAll();
        try {
            preview.add(new FormRenderer(host.renderContext()).render(model.definition()).component());
        } catch (RuntimeException notRenderable) {
            // a half-finished edit (e.g. a select without options yet) must not break the designer
            preview.add(new Paragraph(DesignerText.get(locale, "designer.previewUnavailable")));
        }
    }

    private boolean save() {
        Actor actor = host.actor();
        problems.removeAll();
        try {
            FormDraft saved = host.forms().updateDraft(actor, formKey, revision, model.definition());
            revision = saved.draftRevision();
            dirty = false;
            showStatus();
            Notification.show(DesignerText.get(locale, "designer.savedNote"), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            return true;
        } catch (ValidationException e) {
            showProblems(e.problems());
        } catch (ConflictException e) {
            Notification.show(DesignerText.get(locale, "designer.conflict"), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        return false;
    }

    private void showProblems(List<Problem> list) {
        problems.removeAll();
        UnorderedList items = new UnorderedList();
        for (Problem problem : list) {
            ListItem item = new ListItem((problem.field() == null ? "" : problem.field() + ": ")
                    + EngineMessages.render(problem, locale));
            item.getElement().setAttribute("data-testid", "designer-problem");
            items.add(item);
        }
        problems.add(new Span(DesignerText.get(locale, "designer.problems")), items);
    }

    /** Saves if needed, asks the engine for a dry run and shows it; publishing happens only on confirm. */
    private void previewPublish() {
        if (dirty && !save()) {
            return;
        }
        PublishResult dryRun;
        try {
            dryRun = host.forms().publish(host.actor(), formKey, true);
        } catch (ValidationException e) {
            showProblems(e.problems());
            return;
        }
        problems.removeAll();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(DesignerText.get(locale, "publish.title"));
        dialog.getElement().setAttribute("data-testid", "publish-preview");
        Paragraph sentence = new Paragraph(PublishSummary.sentence(dryRun, locale));
        sentence.getElement().setAttribute("data-testid", "publish-summary");
        UnorderedList lines = new UnorderedList();
        PublishSummary.lines(dryRun, locale).forEach(line -> lines.add(new ListItem(line)));
        dialog.add(sentence, lines);
        Button confirm = new Button(DesignerText.get(locale, "publish.confirm"), click -> {
            dialog.close();
            publish();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.getElement().setAttribute("data-testid", "publish-confirm");
        if (!dryRun.failures().isEmpty()) {
            confirm.setEnabled(false);
            dialog.add(new Paragraph(DesignerText.get(locale, "publish.refused")));
        }
        Button cancel = new Button(DesignerText.get(locale, "publish.cancel"), click -> dialog.close());
        cancel.getElement().setAttribute("data-testid", "publish-cancel");
        HorizontalLayout actions = new HorizontalLayout(cancel, confirm);
        actions.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        actions.setWidthFull();
        dialog.add(actions); // in the body, not the footer: the buttons stay part of the component tree

        add(dialog);
        dialog.open();
    }

    private void publish() {
        try {
            PublishResult result = host.forms().publish(host.actor(), formKey, false);
            Notification.show(DesignerText.get(locale, "publish.done", result.version()), 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load(host.forms().draft(host.actor(), formKey));
        } catch (ValidationException e) {
            showProblems(e.problems());
        } catch (ConflictException e) {
            Notification.show(DesignerText.get(locale, "designer.conflict"), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Reverting makes the old definition the draft and publishes it as a new version, with the preview. */
    private void revert(int version) {
        FormDefinition old = host.forms().version(host.actor(), formKey, version);
        model = new DesignModel(old);
        dirty = true;
        build();
        previewPublish();
    }

    private FormulaSource formulaSource() {
        return new FormulaSource() {
            @Override
            public FormulaCheck check(String expression, FieldType resultType) {
                return host.formulaTools().checkDesign(host.actor(), currentDefinition(), expression, resultType);
            }

            @Override
            public List<FieldChoice> fields() {
                return currentDefinition().fieldList().stream().map(f -> new FieldChoice(f.key(), f.label())).toList();
            }
        };
    }

    private TryPanel.Evaluator evaluator() {
        return new TryPanel.Evaluator() {
            @Override
            public FormulaTools.Evaluation evaluate(String expression, Map<String, Object> values) {
                return host.formulaTools().evaluateDesign(host.actor(), currentDefinition(), expression, values);
            }

            @Override
            public FormulaTools.Evaluation evaluateOnRecord(String expression, long recordId) {
                return host.formulaTools().evaluateDesignOnRecord(host.actor(), currentDefinition(), expression,
                        recordId);
            }
        };
    }

    private PropertyPanel.Context propertyContext(FormulaSource formulas) {
        return new PropertyPanel.Context() {
            @Override
            public FormulaSource formulas() {
                return formulas;
            }

            @Override
            public List<String> forms() {
                return host.forms().list(host.actor()).stream().map(FormDraft::key).toList();
            }

            @Override
            public List<String> roles() {
                return host.roles();
            }

            @Override
            public List<FormulaTools.FieldUse> usesOf(String fieldKey) {
                return host.formulaTools().usesOf(currentDefinition(), fieldKey);
            }

            @Override
            public boolean published(String fieldKey) {
                return publishedKeys.contains(fieldKey);
            }
        };
    }

    /** A new form's first draft: one section, no fields yet. */
    public static FormDraft create(DesignerHost host, String key, LocalizedText label) {
        return host.forms().create(host.actor(), DesignModel.blank(key, label).definition());
    }
}
