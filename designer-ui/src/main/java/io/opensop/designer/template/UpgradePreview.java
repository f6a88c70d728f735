package io.opensop.designer.template;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.opensop.engine.template.TemplateChange;
import io.opensop.engine.template.TemplateResult;
import java.util.List;
import java.util.Locale;

/**
 * What an upgrade would do, from the engine's dry run: every change by document and path, the
 * conflicts (both sides changed it; the local version is kept) first and counted, and the button
 * that applies the upgrade for real.
 */
public class UpgradePreview extends VerticalLayout {

    private final TemplateResult dryRun;
    private final Grid<TemplateChange> changes = new Grid<>();
    private final Paragraph summary = new Paragraph();
    private final Button apply;

    UpgradePreview(TemplateResult dryRun, Locale locale, Runnable applyUpgrade) {
        this.dryRun = dryRun;
        getElement().setAttribute("data-testid", "upgrade-preview");
        setPadding(false);
        summary.setText(Texts.get(locale, "preview.summary", dryRun.fromVersion(), dryRun.toVersion(),
                dryRun.changes().size(), dryRun.conflicts().size()));
        summary.getElement().setAttribute("data-testid", "upgrade-summary");
        if (!dryRun.conflicts().isEmpty()) {
            summary.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        changes.addColumn(TemplateChange::document).setHeader(Texts.get(locale, "preview.document")).setAutoWidth(true);
        changes.addColumn(TemplateChange::path).setHeader(Texts.get(locale, "preview.path")).setAutoWidth(true);
        changes.addColumn(c -> Texts.get(locale, "kind." + c.kind())).setHeader(Texts.get(locale, "preview.kind"));
        changes.setPartNameGenerator(c -> "conflict".equals(c.kind()) ? "conflict" : null);
        changes.setItems(ordered(dryRun.changes()));
        changes.setAllRowsVisible(true);
        changes.getElement().setAttribute("data-testid", "upgrade-changes");
        apply = new Button(Texts.get(locale, "preview.apply"), click -> applyUpgrade.run());
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.getElement().setAttribute("data-testid", "upgrade-apply");
        add(summary);
        if (!dryRun.conflicts().isEmpty()) {
            add(new Paragraph(Texts.get(locale, "preview.conflictsKept")));
        }
        add(changes);
    }

    /** Conflicts first, then the rest in the engine's order. */
    private static List<TemplateChange> ordered(List<TemplateChange> changes) {
        return java.util.stream.Stream.concat(changes.stream().filter(c -> "conflict".equals(c.kind())),
                changes.stream().filter(c -> !"conflict".equals(c.kind()))).toList();
    }

    public TemplateResult dryRun() {
        return dryRun;
    }

    public List<TemplateChange> rows() {
        return changes.getListDataView().getItems().toList();
    }

    public String summary() {
        return summary.getText();
    }

    public Button applyButton() {
        return apply;
    }
}
