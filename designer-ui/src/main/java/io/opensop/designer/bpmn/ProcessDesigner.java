package io.opensop.designer.bpmn;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import io.opensop.engine.workflow.approval.ApprovalStep;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BPMN modeler for one process model: bpmn-js in the middle, the palette of approval building
 * blocks above it (inserted after the selected element), the properties panel beside it, and
 * save, validate (problems marked on their elements), deploy (admins, through the engine's rules),
 * import and export of {@code .bpmn} files and the version list with diffs.
 */
public class ProcessDesigner extends VerticalLayout {

    private static final Pattern FORM_KEY = Pattern.compile("camunda:formKey=\"([^\"#]+)");
    private static final List<String> BLOCKS = List.of(ApprovalStep.SEQUENTIAL, ApprovalStep.COUNTERSIGN,
            ApprovalStep.ANYONE, ApprovalStep.RATIO, ApprovalStep.CC);

    private final ProcessDesignerServices services;
    private final Supplier<Actor> actor;
    private final String key;
    private final Locale locale;
    private final BpmnCanvas canvas = new BpmnCanvas();
    private final Span status = new Span();
    private final Div problems = new Div();
    private final ElementPanel panel;
    private ProcessModel model;
    private String savedXml;
    private String processForm;

    public ProcessDesigner(ProcessDesignerServices services, Supplier<Actor> actor, String key, Locale locale) {
        this.services = services;
        this.actor = actor;
        this.key = key;
        this.locale = locale;
        this.model = services.models().draft(actor.get(), key);
        this.panel = new ElementPanel(canvas, services, actor, () -> processForm, locale);
        setSizeFull();
        getElement().setAttribute("data-testid", "process-designer");

        H3 title = new H3(model.name() == null ? key : model.name() + " (" + key + ")");
        title.getStyle().set("margin", "0");
        status.getElement().setAttribute("data-testid", "process-status");
        HorizontalLayout head = new HorizontalLayout(title, status);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        problems.getElement().setAttribute("data-testid", "process-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-line");

        canvas.setHeight("62vh");
        canvas.getStyle().set("flex", "1 1 auto").set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        canvas.addSelectionListener(panel::show);
        HorizontalLayout body = new HorizontalLayout(canvas, panel);
        body.setWidthFull();
        body.setFlexGrow(1, canvas);

        add(head, toolbar(), palette(), problems, body);
        load(model.xml());
    }

    private HorizontalLayout toolbar() {
        Button save = button("action.save", VaadinIcon.CHECK, "process-save",
                click -> saved(m -> notify(Texts.get(locale, "saved", m.draftRevision()), false)));
        Button validate = button("action.validate", VaadinIcon.CHECK_SQUARE_O, "process-validate", click -> validate());
        Button deploy = button("action.deploy", VaadinIcon.ROCKET, "process-deploy", click -> deploy());
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.setVisible(actor.get().isAdmin());
        save.setVisible(actor.get().isAdmin());
        Button versions = button("action.versions", VaadinIcon.TIME_BACKWARD, "process-versions",
                click -> new VersionsDialog(services.models(), actor, key, locale).open());

        Upload importer = new Upload();
        importer.setAcceptedFileTypes(".bpmn", ".xml", "application/xml", "text/xml");
        importer.setMaxFiles(1);
        importer.setMaxFileSize(2 * 1024 * 1024);
        importer.setUploadButton(new Button(Texts.get(locale, "action.import"), VaadinIcon.UPLOAD.create()));
        importer.setDropAllowed(false);
        importer.setVisible(actor.get().isAdmin());
        importer.getElement().setAttribute("data-testid", "process-import");
        Actor importing = actor.get();
        importer.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> access(() -> {
            try {
                model = services.models().updateDraft(importing, key, model.draftRevision(), bytes);
                load(model.xml());
                notify(Texts.get(locale, "imported", metadata.fileName()), false);
            } catch (EngineException e) {
                failed(e);
            }
            importer.clearFileList();
        })));

        Actor exporting = actor.get();
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] xml = ProcessModelService.encoded(services.models().xml(exporting, key, null));
            return new DownloadResponse(new ByteArrayInputStream(xml), key + ".bpmn", "application/xml", xml.length);
        }), "");
        export.add(new Button(Texts.get(locale, "action.export"), VaadinIcon.DOWNLOAD.create()));
        export.getElement().setAttribute("download", true);
        export.getElement().setAttribute("data-testid", "process-export");

        HorizontalLayout bar = new HorizontalLayout(save, validate, deploy, versions, export, importer);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.getStyle().set("flex-wrap", "wrap");
        return bar;
    }

    private HorizontalLayout palette() {
        HorizontalLayout palette = new HorizontalLayout();
        palette.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        palette.getStyle().set("flex-wrap", "wrap");
        palette.getElement().setAttribute("data-testid", "palette");
        palette.add(new Span(Texts.get(locale, "palette.insertAfter")));
        for (String block : BLOCKS) {
            Button button = new Button(Texts.get(locale, "block." + block), click -> insert(block));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            button.getElement().setAttribute("data-testid", "palette-" + block);
            button.setEnabled(actor.get().isAdmin());
            palette.add(button);
        }
        Span runtime = new Span(Texts.get(locale, "palette.runtimeBlocks"));
        runtime.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        palette.add(runtime);
        return palette;
    }

    /** Opens the step form for a building block; the block goes after the selected element. */
    private void insert(String type) {
        DiagramElement after = canvas.selected();
        if (after == null || "bpmn:SequenceFlow".equals(after.type())) {
            notify(Texts.get(locale, "palette.selectFirst"), true);
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(Texts.get(locale, "palette.insertTitle", Texts.get(locale, "block." + type),
                after.name() == null || after.name().isBlank() ? after.id() : after.name()));
        dialog.getElement().setAttribute("data-testid", "insert-dialog");
        dialog.setWidth("32rem");
        StepForm form = new StepForm(locale, processForm == null ? null
                : services.forms().current(processForm).map(p -> p.definition()).orElse(null), true);
        form.setStep(type + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1296, 46656), 36), type);
        List<String> earlier = new ArrayList<>(after.earlierSteps());
        if (after.isUserTask()) {
            earlier.add(after.id());
        }
        form.setRejectTargets(earlier, StepForm.REJECT_END);
        Div error = new Div();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button confirm = new Button(Texts.get(locale, "palette.insert"), click -> {
            try {
                String xml = ApprovalFlowBuilder.stepElement(processForm, form.step());
                canvas.insertStep(after.id(), xml, form.rejectTarget(), id -> {
                    dialog.close();
                    canvas.select(id);
                    notify(Texts.get(locale, "palette.inserted", id), false);
                }, failure -> error.setText(failure));
            } catch (ValidationException e) {
                error.setText(String.join("\n", form.showProblems(e).stream()
                        .map(p -> EngineMessages.render(p, locale)).toList()));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.getElement().setAttribute("data-testid", "insert-confirm");
        dialog.add(form, error);
        dialog.getFooter().add(new Button(Texts.get(locale, "cancel"), click -> dialog.close()), confirm);
        dialog.open();
    }

    private void validate() {
        saved(m -> {
            List<Problem> found = services.models().validate(actor.get(), key);
            show(found);
            if (found.isEmpty()) {
                notify(Texts.get(locale, "valid"), false);
            }
        });
    }

    private void deploy() {
        saved(m -> {
            try {
                ProcessVersion version = services.models().publish(actor.get(), key);
                model = services.models().draft(actor.get(), key);
                show(List.of());
                refreshStatus();
                notify(Texts.get(locale, version.deployed() ? "deployed" : "storedNotDeployed", version.version()),
                        false);
            } catch (ValidationException e) {
                show(e.problems());
                notify(Texts.get(locale, "notDeployed"), true);
            }
        });
    }

    /** Saves what the diagram shows as the draft (when it changed), then goes on with the saved model. */
    private void saved(SerializableConsumer<ProcessModel> next) {
        canvas.readXml(xml -> {
            try {
                if (!xml.equals(savedXml)) {
                    model = services.models().updateDraft(actor.get(), key, model.draftRevision(),
                            xml.getBytes(StandardCharsets.UTF_8));
                    savedXml = xml;
                    processForm = formOf(xml);
                    refreshStatus();
                }
                next.accept(model);
            } catch (EngineException e) {
                failed(e);
            }
        });
    }

    private void load(String xml) {
        savedXml = xml;
        processForm = formOf(xml);
        refreshStatus();
        show(List.of());
        canvas.setXml(xml, error -> {
            if (error != null) {
                notify(Texts.get(locale, "cannotDraw", error), true);
            }
        });
    }

    private void show(List<Problem> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            canvas.clearProblems();
            return;
        }
        List<BpmnCanvas.Marker> markers = found.stream()
                .map(p -> new BpmnCanvas.Marker(p.field(), EngineMessages.render(p, locale))).toList();
        for (BpmnCanvas.Marker marker : markers) {
            Div line = new Div();
            line.setText(marker.id() + ": " + marker.message());
            line.getElement().setAttribute("data-testid", "problem");
            line.getElement().setAttribute("data-element", marker.id());
            problems.add(line);
        }
        canvas.showProblems(markers, missing -> { });
    }

    private void failed(EngineException e) {
        if (e instanceof ValidationException v) {
            show(v.problems());
            notify(Texts.get(locale, "notSaved"), true);
        } else if (e instanceof ConflictException) {
            notify(Texts.get(locale, "conflict"), true);
        } else {
            notify(e.getMessage(), true);
        }
    }

    private void refreshStatus() {
        status.setText(Texts.get(locale, "status", model.draftRevision(),
                model.publishedVersion() == null ? "—" : model.publishedVersion()));
    }

    static String formOf(String xml) {
        Matcher m = FORM_KEY.matcher(xml == null ? "" : xml);
        return m.find() ? m.group(1).trim() : null;
    }

    private Button button(String text, VaadinIcon icon, String testId,
                          com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> click) {
        Button button = new Button(Texts.get(locale, text), icon.create(), click);
        button.getElement().setAttribute("data-testid", testId);
        return button;
    }

    private void notify(String text, boolean error) {
        Notification notification = new Notification(text, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
        notification.open();
    }

    private void access(Runnable command) {
        UI ui = getUI().orElse(UI.getCurrent());
        if (ui == null) {
            command.run();
        } else {
            ui.access(command::run);
        }
    }
}
