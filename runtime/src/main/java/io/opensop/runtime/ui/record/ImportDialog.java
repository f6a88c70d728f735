package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.security.Actor;
import io.opensop.engine.transfer.ColumnMapping;
import io.opensop.engine.transfer.ImportError;
import io.opensop.engine.transfer.ImportJob;
import io.opensop.engine.transfer.ImportMode;
import io.opensop.engine.transfer.ImportService;
import io.opensop.engine.transfer.ImportStatus;
import io.opensop.runtime.transfer.ImportTasks;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Import into a form from the record list: upload a .csv or .xlsx file, check and edit the column
 * mapping (proposed by the engine from the form's saved mapping, keys and labels), dry run with a report
 * of every refused cell (row, column, reason), commit all-or-nothing or valid rows only with a progress
 * bar, download the error file. The work runs on the import pool through {@link ImportService} as the
 * signed-in user; the dialog polls the job while it runs.
 */
final class ImportDialog extends Dialog {

    static final int POLL_MILLIS = 400;
    static final int ERRORS_SHOWN = 500;

    private final ImportService imports;
    private final ImportTasks tasks;
    private final Actor actor;
    private final String formKey;
    private final Runnable onCommitted;
    private final VerticalLayout body = new VerticalLayout();
    private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();
    private Registration polling;
    private ImportJob job;

    ImportDialog(ImportService imports, ImportTasks tasks, Actor actor, String formKey, String formLabel,
                 Runnable onCommitted) {
        this.imports = imports;
        this.tasks = tasks;
        this.actor = actor;
        this.formKey = formKey;
        this.onCommitted = onCommitted;
        imports.importableFields(actor, formKey).forEach(f -> fields.put(f.key(), f));
        setHeaderTitle(getTranslation("import.title", formLabel));
        setWidth("min(960px, 100vw)");
        // A modal dialog makes the rest of the UI inert, and Flow then drops the UI's poll events,
        // which drive the progress bar; so the dialog stays non-modal and does not close on outside clicks.
        setModal(false);
        setCloseOnOutsideClick(false);
        setDraggable(true);
        body.setPadding(false);
        add(body);
        getElement().setAttribute("data-testid", "import-dialog");
        Button close = new Button(getTranslation("import.close"), click -> close());
        close.getElement().setAttribute("data-testid", "import-close");
        getFooter().add(close);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                stopPolling();
            }
        });
        showUpload();
    }

    private void showUpload() {
        body.removeAll();
        Upload upload = new Upload();
        upload.setAcceptedFileTypes(".csv", ".xlsx", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setMaxFiles(1);
        upload.getElement().setAttribute("data-testid", "import-upload");
        Paragraph problem = new Paragraph();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.getElement().setAttribute("data-testid", "import-problem");
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> {
            try {
                ImportJob uploaded = imports.upload(actor, formKey, metadata.fileName(), bytes, null, null);
                access(() -> {
                    job = uploaded;
                    showMapping();
                });
            } catch (EngineException e) {
                access(() -> problem.setText(describe(e)));
            }
        }));
        body.add(new Paragraph(getTranslation("import.upload.hint")), upload, problem);
    }

    /** Header → field, editable; "check" remaps when something changed, then runs the dry run. */
    private void showMapping() {
        body.removeAll();
        Map<String, ComboBox<String>> choices = new LinkedHashMap<>();
        Grid<ColumnMapping> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ColumnMapping::header).setHeader(getTranslation("import.mapping.column"));
        grid.addComponentColumn(mapping -> {
            ComboBox<String> field = new ComboBox<>();
            field.setItems(fields.keySet());
            field.setItemLabelGenerator(this::fieldLabel);
            field.setPlaceholder(getTranslation("import.mapping.ignore"));
            field.setClearButtonVisible(true);
            field.setValue(mapping.fieldKey());
            field.setWidthFull();
            field.getElement().setAttribute("data-testid", "import-map-" + mapping.column());
            choices.put(mapping.header(), field);
            return field;
        }).setHeader(getTranslation("import.mapping.field"));
        grid.setItems(job.mapping());
        grid.getElement().setAttribute("data-testid", "import-mapping");
        Paragraph problem = new Paragraph();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        Button check = new Button(getTranslation("import.dryRun"), VaadinIcon.CHECK.create(), click -> {
            Map<String, String> chosen = new HashMap<>();
            choices.forEach((header, box) -> chosen.put(header, box.getValue() == null ? "" : box.getValue()));
            try {
                boolean changed = job.mapping().stream().anyMatch(m -> !Objects.equals(m.fieldKey(),
                        blankToNull(chosen.get(m.header()))));
                if (changed) {
                    job = imports.remap(actor, formKey, job.id(), chosen);
                }
                long id = job.id();
                tasks.submit(id, () -> imports.dryRun(actor, formKey, id));
                showRunning(getTranslation("import.checking"), this::showReport);
            } catch (EngineException e) {
                problem.setText(describe(e));
            } catch (ImportTasks.ImportsBusyException e) {
                problem.setText(getTranslation("import.busy"));
            }
        });
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        check.getElement().setAttribute("data-testid", "import-dry-run");
        body.add(new Paragraph(getTranslation("import.mapping.hint", job.fileName())), grid, problem, check);
    }

    /** A progress bar fed by polling the job until the pool has finished with it. */
    private void showRunning(String title, Runnable whenDone) {
        body.removeAll();
        ProgressBar bar = new ProgressBar(0, 1);
        bar.getElement().setAttribute("data-testid", "import-progress");
        Paragraph counts = new Paragraph();
        counts.getElement().setAttribute("data-testid", "import-progress-text");
        body.add(new Paragraph(title), bar, counts);
        UI ui = UI.getCurrent();
        stopPolling();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> {
            job = imports.job(actor, formKey, job.id());
            if (job.rowsTotal() > 0) {
                bar.setValue(Math.min(1.0, (double) job.rowsProcessed() / job.rowsTotal()));
                counts.setText(getTranslation("import.progress", job.rowsProcessed(), job.rowsTotal()));
            } else {
                bar.setIndeterminate(true);
            }
            if (!tasks.isRunning(job.id())) {
                stopPolling();
                whenDone.run();
            }
        });
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
            UI.getCurrent().setPollInterval(-1);
        }
    }

    /** Dry-run report: totals, each refused cell, the error file, the commit mode. */
    private void showReport() {
        body.removeAll();
        if (job.status() != ImportStatus.VALIDATED) {
            showStopped();
            return;
        }
        Paragraph summary = new Paragraph(getTranslation("import.report.summary", job.rowsTotal(),
                job.rowsTotal() - job.rowsFailed(), job.rowsFailed()));
        summary.getElement().setAttribute("data-testid", "import-summary");
        body.add(summary);
        if (job.rowsFailed() > 0) {
            body.add(errorGrid(), errorFileLink());
        }
        RadioButtonGroup<ImportMode> mode = new RadioButtonGroup<>(getTranslation("import.mode"));
        mode.setItems(ImportMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("import.mode." + m.key()));
        mode.setValue(job.rowsFailed() > 0 ? ImportMode.VALID_ROWS_ONLY : ImportMode.ALL_OR_NOTHING);
        mode.getElement().setAttribute("data-testid", "import-mode");
        ComboBox<FieldDefinition> upsert = new ComboBox<>(getTranslation("import.upsertKey"));
        upsert.setItems(imports.upsertKeyCandidates(actor, formKey, job.id()));
        upsert.setItemLabelGenerator(f -> fieldLabel(f.key()));
        upsert.setPlaceholder(getTranslation("import.upsertKey.none"));
        upsert.setHelperText(getTranslation("import.upsertKey.help"));
        upsert.setClearButtonVisible(true);
        upsert.setWidth("min(420px, 100%)");
        upsert.getElement().setAttribute("data-testid", "import-upsert-key");
        if (job.upsertKey() != null) {
            upsert.getListDataView().getItems().filter(f -> f.key().equals(job.upsertKey())).findFirst()
                    .ifPresent(upsert::setValue);
        }
        Paragraph problem = new Paragraph();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.getElement().setAttribute("data-testid", "import-problem");
        Button commit = new Button(getTranslation("import.commit"), VaadinIcon.UPLOAD.create(), click -> {
            ImportMode chosen = mode.getValue();
            String key = upsert.getValue() == null ? null : upsert.getValue().key();
            boolean sameCheck = Objects.equals(key, job.upsertKey());
            if (chosen == ImportMode.ALL_OR_NOTHING && sameCheck && job.rowsFailed() > 0) {
                problem.setText(EngineMessages.format(getLocale(), "import_has_errors", job.rowsFailed()));
                return;
            }
            try {
                long id = job.id();
                // another upsert key makes the engine run the dry run again first; if that finds errors
                // under all-or-nothing, the job stays validated and the new report is shown
                tasks.submit(id, () -> imports.commit(actor, formKey, id, chosen, key));
                showRunning(getTranslation("import.committing"), this::showDone);
            } catch (ImportTasks.ImportsBusyException e) {
                problem.setText(getTranslation("import.busy"));
            } catch (EngineException e) {
                problem.setText(describe(e));
            }
        });
        commit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        commit.getElement().setAttribute("data-testid", "import-commit");
        Button back = new Button(getTranslation("import.backToMapping"), click -> showMapping());
        FlexLayout options = new FlexLayout(mode, upsert);
        options.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        options.getStyle().set("gap", "var(--lumo-space-l)");
        HorizontalLayout buttons = new HorizontalLayout(commit, back);
        body.add(options, problem, buttons);
    }

    private void showDone() {
        body.removeAll();
        if (job.status() == ImportStatus.VALIDATED) {
            showReport(); // the commit re-checked the file (another upsert key) and did not start
            return;
        }
        if (job.status() != ImportStatus.COMMITTED) {
            showStopped();
            return;
        }
        Paragraph summary = new Paragraph(getTranslation("import.done", job.rowsCreated(), job.rowsUpdated(),
                job.rowsUnchanged(), job.rowsFailed()));
        summary.getElement().setAttribute("data-testid", "import-done");
        body.add(summary);
        if (job.rowsFailed() > 0) {
            body.add(errorGrid(), errorFileLink());
        }
        onCommitted.run();
    }

    /** The pool stopped the job (a failing row in all-or-nothing, a crash): say why, offer to resume. */
    private void showStopped() {
        Paragraph message = new Paragraph(getTranslation("import.stopped", job.status().key(),
                job.message() == null ? "" : job.message()));
        message.getElement().setAttribute("data-testid", "import-stopped");
        body.add(message);
        if (job.rowsFailed() > 0) {
            body.add(errorGrid(), errorFileLink());
        }
        if (job.status() == ImportStatus.FAILED || job.status() == ImportStatus.COMMITTING) {
            Button resume = new Button(getTranslation("import.resume"), click -> {
                long id = job.id();
                try {
                    tasks.submit(id, () -> imports.resume(actor, formKey, id));
                    showRunning(getTranslation("import.committing"), this::showDone);
                } catch (RuntimeException e) {
                    message.setText(e instanceof EngineException ee ? describe(ee) : getTranslation("import.busy"));
                }
            });
            body.add(resume);
        } else if (job.status() == ImportStatus.UPLOADED) {
            body.add(new Button(getTranslation("import.backToMapping"), click -> showMapping()));
        }
    }

    private Grid<ImportError> errorGrid() {
        Grid<ImportError> errors = new Grid<>();
        errors.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        errors.addColumn(ImportError::row).setHeader(getTranslation("import.report.row")).setAutoWidth(true)
                .setFlexGrow(0);
        errors.addColumn(e -> e.column() == null ? "" : e.column()).setHeader(getTranslation("import.report.column"))
                .setAutoWidth(true);
        errors.addColumn(ImportError::message).setHeader(getTranslation("import.report.reason")).setFlexGrow(1);
        errors.setItems(imports.errors(actor, formKey, job.id(), ERRORS_SHOWN));
        errors.setHeight("200px");
        errors.getElement().setAttribute("data-testid", "import-errors");
        return errors;
    }

    private Anchor errorFileLink() {
        long id = job.id();
        String name = job.fileName().replaceAll("\\.[^.]*$", "") + "-errors.csv";
        DownloadHandler handler = event -> {
            event.setFileName(name);
            event.setContentType("text/csv; charset=UTF-8");
            event.getResponse().setHeader("X-Content-Type-Options", "nosniff");
            try (OutputStream out = event.getOutputStream()) {
                imports.writeErrorFile(actor, formKey, id, out);
            }
        };
        Anchor link = new Anchor(handler, getTranslation("import.errorFile"));
        link.getElement().setAttribute("data-testid", "import-error-file");
        return link;
    }

    private String fieldLabel(String key) {
        FieldDefinition field = fields.get(key);
        return field == null || field.label() == null ? key : field.label().in(getLocale()) + " (" + key + ")";
    }

    private String describe(EngineException e) {
        if (e instanceof ValidationException v) {
            return v.problems().stream().map(p -> EngineMessages.render(p, getLocale()))
                    .collect(Collectors.joining("; "));
        }
        return getTranslation("list.problem", e.getMessage());
    }

    private void access(Runnable command) {
        getUI().ifPresentOrElse(ui -> ui.access(command::run), command);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

}
