package io.opensop.designer.bpmn;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.ProcessModelDiff;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Published versions of a model (who, when, deployed) and what changed between two of them, by element id. */
final class VersionsDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    VersionsDialog(ProcessModelService models, Supplier<Actor> actor, String key, Locale locale) {
        setHeaderTitle(Texts.get(locale, "versions.title", key));
        setWidth("46rem");
        getElement().setAttribute("data-testid", "versions-dialog");
        List<ProcessVersion> versions = models.versions(actor.get(), key);
        ZoneId zone = actor.get().zone() == null ? ZoneId.systemDefault() : actor.get().zone();

        Grid<ProcessVersion> grid = new Grid<>();
        grid.addColumn(ProcessVersion::version).setHeader(Texts.get(locale, "versions.version")).setAutoWidth(true);
        grid.addColumn(v -> Texts.get(locale, v.deployed() ? "versions.deployed" : "versions.notDeployed"))
                .setHeader(Texts.get(locale, "versions.state"));
        grid.addColumn(ProcessVersion::publishedBy).setHeader(Texts.get(locale, "versions.by"));
        grid.addColumn(v -> v.publishedAt() == null ? "" : WHEN.format(v.publishedAt().atZoneSameInstant(zone)))
                .setHeader(Texts.get(locale, "versions.at"));
        grid.setItems(versions);
        grid.setAllRowsVisible(true);

        Div diff = new Div();
        diff.getElement().setAttribute("data-testid", "versions-diff");
        diff.getStyle().set("white-space", "pre-line");
        List<Integer> numbers = versions.stream().map(ProcessVersion::version).toList();
        Select<Integer> from = new Select<>();
        from.setLabel(Texts.get(locale, "versions.from"));
        from.setItems(numbers);
        Select<Integer> to = new Select<>();
        to.setLabel(Texts.get(locale, "versions.to"));
        to.setItems(numbers);
        if (numbers.size() >= 2) {
            to.setValue(numbers.get(0));
            from.setValue(numbers.get(1));
        }
        Button compare = new Button(Texts.get(locale, "versions.compare"), click -> {
            if (from.getValue() == null || to.getValue() == null) {
                return;
            }
            ProcessModelDiff d = models.diff(actor.get(), key, from.getValue(), to.getValue());
            diff.setText(Texts.get(locale, "versions.added", String.join(", ", d.added())) + "\n"
                    + Texts.get(locale, "versions.removed", String.join(", ", d.removed())) + "\n"
                    + Texts.get(locale, "versions.changed", String.join(", ", d.changed())));
        });
        compare.getElement().setAttribute("data-testid", "versions-compare");
        compare.setEnabled(numbers.size() >= 2);
        HorizontalLayout pick = new HorizontalLayout(from, to, compare);
        pick.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (versions.isEmpty()) {
            add(new Paragraph(Texts.get(locale, "versions.none")));
        } else {
            add(grid, pick, diff);
        }
        getFooter().add(new Button(Texts.get(locale, "close"), click -> close()));
    }
}
