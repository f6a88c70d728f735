package io.opensop.designer.template;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplateInstallation;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateResult;
import io.opensop.engine.template.TemplateService;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Available and installed template packages: install (optionally with sample data), upgrade after a
 * dry-run preview that lists every change and conflict, uninstall, export an app as a package
 * archive, and install or upgrade from an uploaded archive. Every action goes through
 * {@link TemplateService} with the signed-in actor (admins install; designers may export).
 */
public class TemplateManager extends VerticalLayout {

    /** One line of the list: a package of the catalog and/or an installation. */
    public record Row(String id, LocalizedText name, String app, String availableVersion, String installedVersion,
                      String status, TemplatePackage available) {

        boolean installed() {
            return "installed".equals(status);
        }
    }

    private final TemplateService templates;
    private final Supplier<List<TemplatePackage>> catalog;
    private final Supplier<Actor> actor;
    private final Locale locale;
    private final Grid<Row> grid = new Grid<>();

    public TemplateManager(TemplateService templates, Supplier<List<TemplatePackage>> catalog, Supplier<Actor> actor,
                           Locale locale) {
        this.templates = templates;
        this.catalog = catalog;
        this.actor = actor;
        this.locale = locale;
        getElement().setAttribute("data-testid", "template-manager");
        grid.addColumn(r -> r.name() == null ? r.id() : r.name().in(locale)).setHeader(Texts.get(locale, "col.name"))
                .setAutoWidth(true);
        grid.addColumn(Row::id).setHeader(Texts.get(locale, "col.id")).setAutoWidth(true);
        grid.addColumn(r -> r.availableVersion() == null ? "—" : r.availableVersion())
                .setHeader(Texts.get(locale, "col.available"));
        grid.addColumn(r -> r.installedVersion() == null ? "—" : r.installedVersion())
                .setHeader(Texts.get(locale, "col.installed"));
        grid.addColumn(r -> Texts.get(locale, "status." + r.status())).setHeader(Texts.get(locale, "col.status"));
        grid.addComponentColumn(this::actions).setHeader(Texts.get(locale, "col.actions")).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H3(Texts.get(locale, "title")), grid, uploader());
        refresh();
    }

    /** The catalog joined with the installations, in id order. */
    public List<Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (TemplatePackage template : catalog.get()) {
            Optional<TemplateInstallation> installed = templates.installation(template.id());
            rows.put(template.id(), new Row(template.id(), template.manifest().name(), template.manifest().app(),
                    template.version(), installed.map(TemplateInstallation::version).orElse(null),
                    installed.map(TemplateInstallation::status).orElse("available"), template));
        }
        for (TemplateInstallation installation : templates.installed()) {
            rows.putIfAbsent(installation.templateId(), new Row(installation.templateId(), null, installation.app(),
                    null, installation.version(), installation.status(), null));
        }
        return rows.values().stream().sorted(java.util.Comparator.comparing(Row::id)).toList();
    }

    public void refresh() {
        grid.setItems(rows());
    }

    private Component actions(Row row) {
        HorizontalLayout actions = new HorizontalLayout();
        boolean admin = actor.get().isAdmin();
        if (row.available() != null && !row.installed() && admin) {
            Button install = small("action.install", "template-install-" + row.id(), () -> confirmInstall(row));
            actions.add(install);
        }
        if (row.available() != null && row.installed() && admin) {
            actions.add(small("action.upgrade", "template-upgrade-" + row.id(), () -> openPreview(row.available())));
        }
        if (row.installed() && admin) {
            actions.add(small("action.uninstall", "template-uninstall-" + row.id(), () -> confirmUninstall(row)));
        }
        if (row.installed() && row.app() != null) {
            actions.add(exportLink(row.app()));
        }
        return actions;
    }

    /** The engine's dry run of upgrading to {@code template}, shown before anything changes. */
    public UpgradePreview previewUpgrade(TemplatePackage template, Runnable afterApply) {
        TemplateResult dryRun = templates.upgrade(actor.get(), template, true);
        return new UpgradePreview(dryRun, locale, () -> {
            TemplateResult applied = templates.upgrade(actor.get(), template, false);
            notify(Texts.get(locale, "upgraded", applied.templateId(), applied.toVersion(),
                    applied.conflicts().size()), false);
            refresh();
            afterApply.run();
        });
    }

    private void openPreview(TemplatePackage template) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(Texts.get(locale, "preview.title", template.id(), template.version()));
        dialog.setWidth("60rem");
        try {
            UpgradePreview preview = previewUpgrade(template, dialog::close);
            dialog.add(preview);
            dialog.getFooter().add(new Button(Texts.get(locale, "cancel"), click -> dialog.close()),
                    preview.applyButton());
            dialog.open();
        } catch (EngineException e) {
            failed(e);
        }
    }

    private void confirmInstall(Row row) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(Texts.get(locale, "install.title", row.name() == null ? row.id() : row.name().in(locale),
                row.availableVersion()));
        Checkbox sample = new Checkbox(Texts.get(locale, "install.sampleData"));
        Button install = new Button(Texts.get(locale, "action.install"), click -> {
            try {
                TemplateResult result = templates.install(actor.get(), row.available(), sample.getValue());
                notify(Texts.get(locale, "installed", result.templateId(), result.toVersion()), false);
                dialog.close();
                refresh();
            } catch (EngineException e) {
                failed(e);
            }
        });
        install.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        install.getElement().setAttribute("data-testid", "install-confirm");
        dialog.add(sample);
        dialog.getFooter().add(new Button(Texts.get(locale, "cancel"), click -> dialog.close()), install);
        dialog.open();
    }

    private void confirmUninstall(Row row) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(Texts.get(locale, "uninstall.title", row.id()));
        dialog.add(new Div(Texts.get(locale, "uninstall.text")));
        Button uninstall = new Button(Texts.get(locale, "action.uninstall"), click -> {
            try {
                templates.uninstall(actor.get(), row.id());
                notify(Texts.get(locale, "uninstalled", row.id()), false);
                dialog.close();
                refresh();
            } catch (EngineException e) {
                failed(e);
            }
        });
        uninstall.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        uninstall.getElement().setAttribute("data-testid", "uninstall-confirm");
        dialog.getFooter().add(new Button(Texts.get(locale, "cancel"), click -> dialog.close()), uninstall);
        dialog.open();
    }

    private Anchor exportLink(String app) {
        Actor exporting = actor.get();
        Anchor link = new Anchor(DownloadHandler.fromInputStream(event -> {
            TemplatePackage exported = templates.export(exporting, app);
            byte[] zip = TemplateArchives.toZip(exported);
            return new DownloadResponse(new ByteArrayInputStream(zip),
                    exported.id() + "-" + exported.version() + ".zip", "application/zip", zip.length);
        }), "");
        Button button = new Button(Texts.get(locale, "action.export"), VaadinIcon.DOWNLOAD.create());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        link.add(button);
        link.getElement().setAttribute("download", true);
        link.getElement().setAttribute("data-testid", "template-export-" + app);
        return link;
    }

    /** An uploaded package archive: upgrade preview when it is installed, install otherwise. */
    private Component uploader() {
        Upload upload = new Upload();
        upload.setAcceptedFileTypes(".zip", "application/zip");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(20 * 1024 * 1024);
        upload.setUploadButton(new Button(Texts.get(locale, "action.uploadPackage"), VaadinIcon.UPLOAD.create()));
        upload.setVisible(actor.get().isAdmin());
        upload.getElement().setAttribute("data-testid", "template-upload");
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> access(() -> {
            try {
                TemplatePackage template = TemplateArchives.fromZip(bytes);
                boolean installed = templates.installation(template.id()).map(i -> "installed".equals(i.status()))
                        .orElse(false);
                if (installed) {
                    openPreview(template);
                } else {
                    TemplateResult result = templates.install(actor.get(), template, false);
                    notify(Texts.get(locale, "installed", result.templateId(), result.toVersion()), false);
                    refresh();
                }
            } catch (EngineException e) {
                failed(e);
            }
            upload.clearFileList();
        })));
        return upload;
    }

    private Button small(String text, String testId, Runnable action) {
        Button button = new Button(Texts.get(locale, text), click -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.getElement().setAttribute("data-testid", testId);
        return button;
    }

    private void failed(EngineException e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof ValidationException v) {
            v.problems().forEach(p -> lines.add(p.field() + ": " + EngineMessages.render(p, locale)));
        } else {
            lines.add(e.getMessage());
        }
        notify(String.join("\n", lines), true);
    }

    private void notify(String text, boolean error) {
        if (UI.getCurrent() == null) {
            return;
        }
        Notification notification = new Notification(text, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
        notification.open();
    }

    private void access(Runnable command) {
        getUI().ifPresentOrElse(ui -> ui.access(command::run), command);
    }
}
