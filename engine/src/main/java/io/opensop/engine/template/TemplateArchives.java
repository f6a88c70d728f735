package io.opensop.engine.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.TooLargeException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads template packages from a folder or a single-file archive (zip) and writes archives. An
 * archive is untrusted input: entry names are checked, and entry count and unpacked size are
 * bounded, so a crafted file can neither escape nor exhaust memory.
 */
public final class TemplateArchives {

    public static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;
    public static final int MAX_ENTRIES = 2000;
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}");

    private TemplateArchives() {
    }

    public static TemplatePackage fromZip(byte[] archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long unpacked = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!isSafe(name)) {
                    throw new ValidationException(Problem.of(name, "template_unsafe_path", name));
                }
                if (files.size() >= MAX_ENTRIES) {
                    throw new TooLargeException("archive", MAX_ENTRIES);
                }
                byte[] bytes = readBounded(zip, MAX_UNPACKED_BYTES - unpacked);
                unpacked += bytes.length;
                files.put(name, bytes);
            }
        } catch (IOException e) {
            throw new ValidationException(Problem.of("archive", "template_unreadable", e.getMessage()));
        }
        return of(files);
    }

    public static TemplatePackage fromDirectory(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(files);
    }

    public static TemplatePackage of(Map<String, byte[]> files) {
        byte[] manifestBytes = files.get(TemplatePackage.MANIFEST);
        if (manifestBytes == null) {
            throw new ValidationException(Problem.of(TemplatePackage.MANIFEST, "template_file_missing",
                    TemplatePackage.MANIFEST));
        }
        TemplateManifest manifest;
        try {
            manifest = Json.mapper().readValue(manifestBytes, TemplateManifest.class);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ValidationException(Problem.of(TemplatePackage.MANIFEST, "invalid_value", detail));
        }
        List<Problem> problems = new ArrayList<>();
        if (manifest.id() == null || !ID.matcher(manifest.id()).matches()) {
            problems.add(Problem.of("$.id", "invalid_value", String.valueOf(manifest.id())));
        }
        if (manifest.version() == null || !VERSION.matcher(manifest.version()).matches()) {
            problems.add(Problem.of("$.version", "invalid_value", String.valueOf(manifest.version())));
        }
        for (String form : manifest.formFiles()) {
            if (!files.containsKey(form)) {
                problems.add(Problem.of(form, "template_file_missing", form));
            }
        }
        for (String dashboard : manifest.dashboardFiles()) {
            if (!files.containsKey(dashboard)) {
                problems.add(Problem.of(dashboard, "template_file_missing", dashboard));
            }
        }
        for (TemplateManifest.ProcessEntry process : manifest.processList()) {
            if (!files.containsKey(process.file())) {
                problems.add(Problem.of(process.file(), "template_file_missing", process.file()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new TemplatePackage(manifest, files);
    }

    public static byte[] toZip(TemplatePackage template) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : template.files().entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static boolean isSafe(String name) {
        return name.length() <= 200 && SAFE_PATH.matcher(name).matches()
                && java.util.Arrays.stream(name.split("/")).noneMatch(p -> p.equals("..") || p.equals("."));
    }

    private static byte[] readBounded(InputStream in, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > budget) {
                throw new TooLargeException("archive", MAX_UNPACKED_BYTES);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
