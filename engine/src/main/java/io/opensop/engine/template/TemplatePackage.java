package io.opensop.engine.template;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A template package in memory: its manifest and every file it ships, by path. */
public record TemplatePackage(TemplateManifest manifest, Map<String, byte[]> files) {

    public static final String MANIFEST = "manifest.json";

    public TemplatePackage {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public String text(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            throw new ValidationException(Problem.of(path, "template_file_missing", path));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public String id() {
        return manifest.id();
    }

    public String version() {
        return manifest.version();
    }
}
