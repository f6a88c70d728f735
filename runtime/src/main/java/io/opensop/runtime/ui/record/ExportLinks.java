package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.listview.ViewSettings;
import io.opensop.engine.security.Actor;
import io.opensop.engine.transfer.ExportFormat;
import io.opensop.engine.transfer.ExportService;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * CSV and Excel downloads of exactly what the list shows now (filters, sort, columns), streamed page by
 * page by {@link ExportService} as the signed-in user, so row scope, hidden fields, the export
 * permission and formula neutralising all apply.
 */
final class ExportLinks extends HorizontalLayout {

    ExportLinks(ExportService exports, Supplier<Actor> actor, String formKey, Supplier<ViewSettings> view) {
        add(link(exports, actor, formKey, view, ExportFormat.CSV, "list.export.csv", "export-csv"),
                link(exports, actor, formKey, view, ExportFormat.XLSX, "list.export.xlsx", "export-xlsx"));
        setSpacing(false);
        getStyle().set("gap", "var(--lumo-space-xs)");
    }

    private Anchor link(ExportService exports, Supplier<Actor> actor, String formKey, Supplier<ViewSettings> view,
                        ExportFormat format, String label, String testId) {
        DownloadHandler handler = event -> {
            ViewSettings now = view.get();
            ExportService.Export export;
            try {
                // checked before the first byte: a refusal is an error status, never a truncated file
                export = exports.prepare(actor.get(), formKey, now.filters(), now.sorts(), now.columns(), format);
            } catch (EngineException e) {
                event.getResponse().setStatus(403);
                return;
            }
            event.setFileName(export.fileName());
            event.setContentType(format.mediaType());
            event.getResponse().setHeader("X-Content-Type-Options", "nosniff");
            event.getResponse().setHeader("Cache-Control", "no-store");
            try (OutputStream out = event.getOutputStream()) {
                export.writeTo(out);
            }
        };
        Anchor anchor = new Anchor(handler, "");
        Button button = new Button(getTranslation(label), VaadinIcon.DOWNLOAD_ALT.create());
        button.setTabIndex(-1);
        anchor.add(button);
        anchor.getElement().setAttribute("data-testid", testId);
        return anchor;
    }
}
