package io.opensop.designer.bpmn;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessModelInfo;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The process models, each opening in the modeler; admins import new ones from {@code .bpmn} files. */
public class ProcessList extends VerticalLayout {

    public ProcessList(ProcessDesignerServices services, Supplier<Actor> actor, Locale locale, Consumer<String> open) {
        getElement().setAttribute("data-testid", "process-list");
        Grid<ProcessModelInfo> grid = new Grid<>();
        grid.addColumn(ProcessModelInfo::key).setHeader(Texts.get(locale, "list.key")).setAutoWidth(true);
        grid.addColumn(ProcessModelInfo::name).setHeader(Texts.get(locale, "list.name"));
        grid.addColumn(ProcessModelInfo::draftRevision).setHeader(Texts.get(locale, "list.draft"));
        grid.addColumn(i -> i.publishedVersion() == null ? "—" : String.valueOf(i.publishedVersion()))
                .setHeader(Texts.get(locale, "list.published"));
        grid.addColumn(i -> Texts.get(locale, i.deployed() ? "versions.deployed" : "versions.notDeployed"))
                .setHeader(Texts.get(locale, "versions.state"));
        grid.setItems(services.models().list(actor.get()));
        grid.addItemClickListener(e -> open.accept(e.getItem().key()));
        grid.setAllRowsVisible(true);

        Div error = new Div();
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-line");
        Upload importer = new Upload();
        importer.setAcceptedFileTypes(".bpmn", ".xml", "application/xml", "text/xml");
        importer.setMaxFiles(1);
        importer.setMaxFileSize(2 * 1024 * 1024);
        importer.setUploadButton(new Button(Texts.get(locale, "list.import"), VaadinIcon.UPLOAD.create()));
        importer.setVisible(actor.get().isAdmin());
        Actor importing = actor.get();
        importer.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> {
            Runnable work = () -> {
                try {
                    ProcessModel model = services.models().importModel(importing, null, bytes);
                    open.accept(model.key());
                } catch (EngineException e) {
                    error.setText(e instanceof io.opensop.engine.error.ValidationException v
                            ? String.join("\n", v.problems().stream().map(p -> p.field() + ": "
                            + EngineMessages.render(p, locale)).toList()) : e.getMessage());
                }
            };
            getUI().ifPresentOrElse(ui -> ui.access(work::run), work);
        }));
        add(grid, importer, error);
    }
}
