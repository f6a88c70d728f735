package io.opensop.runtime.template;

import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplateInstallation;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateResult;
import io.opensop.engine.template.TemplateService;
import io.opensop.runtime.security.CurrentActor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Template packages: the shipped catalog, install, upgrade (with a dry run), uninstall, import, export. */
@RestController
class TemplateController {

    private final TemplateCatalog catalog;
    private final TemplateService templates;
    private final CurrentActor actor;

    TemplateController(TemplateCatalog catalog, TemplateService templates, CurrentActor actor) {
        this.catalog = catalog;
        this.templates = templates;
        this.actor = actor;
    }

    @GetMapping("/api/templates")
    List<TemplateView> list() {
        actor.get();
        List<TemplateView> views = new ArrayList<>();
        for (TemplatePackage template : catalog.all()) {
            Optional<TemplateInstallation> installed = templates.installation(template.id());
            views.add(new TemplateView(template.id(), template.version(), template.manifest().name(),
                    template.manifest().description(), template.manifest().app(),
                    installed.map(TemplateInstallation::version).orElse(null),
                    installed.map(TemplateInstallation::status).orElse("available")));
        }
        return views;
    }

    @PostMapping("/api/templates/{id}/install")
    TemplateResult install(@PathVariable String id,
                           @RequestParam(value = "sampleData", defaultValue = "false") boolean sampleData) {
        return templates.install(actor.get(), catalog.get(id), sampleData);
    }

    @PostMapping("/api/templates/{id}/upgrade")
    TemplateResult upgrade(@PathVariable String id, @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun) {
        return templates.upgrade(actor.get(), catalog.get(id), dryRun);
    }

    @PostMapping("/api/templates/{id}/uninstall")
    ResponseEntity<Void> uninstall(@PathVariable String id) {
        templates.uninstall(actor.get(), id);
        return ResponseEntity.noContent().build();
    }

    /** Installs (or, with {@code upgrade=true}, upgrades to) a package sent as a zip archive. */
    @PostMapping(value = "/api/templates/import", consumes = {"application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    TemplateResult importArchive(@RequestBody byte[] archive,
                                 @RequestParam(value = "upgrade", defaultValue = "false") boolean upgrade,
                                 @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun) {
        TemplatePackage template = TemplateArchives.fromZip(archive);
        return upgrade ? templates.upgrade(actor.get(), template, dryRun) : templates.install(actor.get(), template, false);
    }

    @GetMapping("/api/apps/{app}/export")
    ResponseEntity<byte[]> export(@PathVariable String app) {
        TemplatePackage template = templates.export(actor.get(), app);
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(template.id() + "-" + template.version() + ".zip").build().toString())
                .body(TemplateArchives.toZip(template));
    }
}
