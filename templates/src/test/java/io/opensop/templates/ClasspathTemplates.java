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
        return fromFolder("/templates/" + id);
    }

    /**
     * An older release of a package kept as a test fixture ({@code src/test/resources/fixtures/<id>-<version>}),
     * taken from git history, for upgrade tests of a database that has that release installed.
     */
    static TemplatePackage release(String id, String version) {
        return fromFolder("/fixtures/" + id + "-" + version);
    }

    private static TemplatePackage fromFolder(String folder) {
        try {
            Path manifest = Path.of(ClasspathTemplates.class.getResource(folder + "/manifest.json").toURI());
            return TemplateArchives.fromDirectory(manifest.getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
