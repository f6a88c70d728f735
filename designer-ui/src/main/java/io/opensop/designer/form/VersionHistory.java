package io.opensop.designer.form;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormVersionInfo;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Published versions of the form, newest first. A version can be compared with the draft being
 * edited, and reverted to: its definition becomes the draft, which is then published as a new
 * version (published versions never change).
 */
public final class VersionHistory extends Div {

    private final Locale locale;
    private final Grid<FormVersionInfo> grid = new Grid<>();
    private final UnorderedList diff = new UnorderedList();
    private final IntFunction<FormDefinition> versionDefinition;
    private final Supplier<FormDefinition> draft;

    public VersionHistory(Locale locale, java.time.ZoneId zone, IntFunction<FormDefinition> versionDefinition,
                          Supplier<FormDefinition> draft, Consumer<Integer> revert) {
        this.locale = locale;
        this.versionDefinition = versionDefinition;
        this.draft = draft;
        getElement().setAttribute("data-testid", "versions");
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale);
        grid.addColumn(FormVersionInfo::version).setHeader(DesignerText.get(locale, "versions.version")).setAutoWidth(true);
        grid.addColumn(FormVersionInfo::publishedBy).setHeader(DesignerText.get(locale, "versions.by"));
        grid.addColumn(v -> v.publishedAt() == null ? "" : v.publishedAt().atZoneSameInstant(zone).format(format))
                .setHeader(DesignerText.get(locale, "versions.at"));
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "versions-grid");
        Button compare = new Button(DesignerText.get(locale, "versions.compare"), click -> compareSelected());
        compare.getElement().setAttribute("data-testid", "versions-compare");
        Button back = new Button(DesignerText.get(locale, "versions.revert"), click -> grid.getSelectedItems().stream()
                .findFirst().ifPresent(v -> revert.accept(v.version())));
        back.getElement().setAttribute("data-testid", "versions-revert");
        diff.getElement().setAttribute("data-testid", "versions-diff");
        add(grid, new HorizontalLayout(compare, back), diff);
    }

    public void show(List<FormVersionInfo> versions) {
        grid.setItems(versions);
        diff.removeAll();
    }

    private void compareSelected() {
        diff.removeAll();
        grid.getSelectedItems().stream().findFirst().ifPresent(version -> {
            List<DefinitionDiff.Change> changes = DefinitionDiff.between(versionDefinition.apply(version.version()),
                    draft.get());
            if (changes.isEmpty()) {
                diff.add(new ListItem(DesignerText.get(locale, "versions.same", version.version())));
            }
            for (DefinitionDiff.Change change : changes) {
                diff.add(new ListItem(DesignerText.get(locale, "diff." + change.kind().name(),
                        DesignerText.get(locale, "diff.subject." + change.subject()), change.key(),
                        String.join(", ", change.attributes()))));
            }
        });
    }
}
