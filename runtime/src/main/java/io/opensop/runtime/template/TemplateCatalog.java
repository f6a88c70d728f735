package io.opensop.runtime.template;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplatePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The template packages that ship with the application: every {@code templates/<id>/manifest.json}
 * on the classpath (the templates module), read once at start-up.
 */
@Component
public class TemplateCatalog {

    private static final String ROOT = "templates/";

    private final Map<String, TemplatePackage> packages;

    TemplateCatalog() {
        this.packages = load();
    }

    public List<TemplatePackage> all() {
        return List.copyOf(packages.values());
    }

    public TemplatePackage get(String id) {
        TemplatePackage template = packages.get(id);
        if (template == null) {
            throw new NotFoundException("template", id);
        }
        return template;
    }

    private static Map<String, TemplatePackage> load() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, TemplatePackage> found = new TreeMap<>();
        try {
            for (Resource manifest : resolver.getResources("classpath*:" + ROOT + "*/manifest.json")) {
                String manifestUrl = manifest.getURL().toString();
                String folderUrl = manifestUrl.substring(0, manifestUrl.length() - "manifest.json".length());
                Map<String, byte[]> files = new LinkedHashMap<>();
                for (Resource file : resolver.getResources(folderUrl + "**/*")) {
                    String url = file.getURL().toString();
                    if (!file.isReadable() || url.endsWith("/")) {
                        continue;
                    }
                    try (InputStream in = file.getInputStream()) {
                        files.put(url.substring(folderUrl.length()), in.readAllBytes());
                    }
                }
                TemplatePackage template = TemplateArchives.of(files);
                found.put(template.id(), template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
