package io.opensop.templates;

import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplatePackage;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Reads a shipped template package from this module's resources. */
final class ClasspathTemplates {

    private ClasspathTemplates() {
    }

    static TemplatePackage load(String id) {
        try {
            Path manifest = Path.of(ClasspathTemplates.class.getResource("/templates/" + id + "/manifest.json").toURI());
            return TemplateArchives.fromDirectory(manifest.getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
