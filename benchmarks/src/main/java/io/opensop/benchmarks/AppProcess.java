package io.opensop.benchmarks;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime app started as an operator starts it ({@code java -Xmx512m -jar runtime/target/opensop.jar
 * --spring.profiles.active=demo}) in a fresh working directory (so a fresh H2 file database with the demo
 * data), bound to 127.0.0.1 on a free port; stopped on close.
 */
final class AppProcess implements AutoCloseable {

    static final Path JAR = Path.of("runtime/target/opensop.jar").toAbsolutePath();

    final int port;
    final Process process;
    final Path log;
    /** Seconds from process start to {@code /actuator/health/readiness} UP. */
    final double secondsToUp;

    private AppProcess(int port, Process process, Path log, double secondsToUp) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.secondsToUp = secondsToUp;
    }

    static boolean jarBuilt() {
        return Files.isRegularFile(JAR);
    }

    static AppProcess start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("opensop-bench-app");
        Path log = dir.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "--spring.profiles.active=demo",
                "--server.address=127.0.0.1", "--server.port=" + port))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("SPRING_DATASOURCE_URL");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the app stopped; see " + log);
                }
                if ((System.nanoTime() - start) / 1e9 > 180) {
                    throw new IllegalStateException("no health UP after 180 s; see " + log);
                }
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                // polling a separate process's health endpoint: there is no event to wait on
                Thread.sleep(50);
            }
        } catch (Exception | Error e) {
            stop(p);
            throw e;
        }
        return new AppProcess(port, p, log, (System.nanoTime() - start) / 1e9);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Resident memory of the process in KiB, from /proc. */
    long residentKiB() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
