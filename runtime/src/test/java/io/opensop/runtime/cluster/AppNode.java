package io.opensop.runtime.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One application node: {@code java -jar opensop.jar} in its own process on 127.0.0.1 and a free
 * port, on the given PostgreSQL database, its output in a log file under {@code target/cluster-it}.
 */
final class AppNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private AppNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static AppNode start(String name, String jdbcUrl) {
        Path jar = Path.of(System.getProperty("opensop.jar", "target/opensop.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the *IT tests run after 'package' (mvn verify)");
        }
        Path dir = Path.of(System.getProperty("opensop.it.logs", "target/cluster-it")).toAbsolutePath()
                .resolve("node-" + name);
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path log = dir.resolve("node.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-jar", jar.toString(),
                    "--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    // poll the shared job table often, so a due timer is picked up within about a second
                    "--camunda.bpm.job-execution.wait-time-in-millis=200",
                    "--camunda.bpm.job-execution.max-wait=1000",
                    "--opensop.webhooks.poll-enabled=false"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("OPENSOP_"));
            Process process = builder.start();
            // Even when the test JVM is stopped early, the node goes with it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new AppNode(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the readiness probe says UP (database and job executor included), at most {@code limit}. */
    AppNode awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "\n" + tail());
            }
            try {
                HttpResponse<String> response = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("node " + name + " not ready after " + limit + "\n" + tail());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Like pulling the plug: no shutdown hook runs, in-flight requests are cut off. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The end of the node's log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Between polls of another process; the condition, not the pause, decides. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
