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

/**
 * Startup of the runtime app as an operator starts it ({@code java -Xmx512m -jar runtime/target/opensop.jar
 * --spring.profiles.active=demo}), on 127.0.0.1 and a free port, in a fresh working directory (so a fresh
 * H2 file database with demo data): time from process start to {@code /actuator/health/readiness} UP, then the
 * resident memory (VmRSS) of the process; then it is stopped.
 */
final class StartupBench {

    private StartupBench() {
    }

    static void run(Results results, int runs) throws Exception {
        Path jar = Path.of("runtime/target/opensop.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            results.note("Startup skipped: " + jar + " is missing (build it with `-pl benchmarks,runtime -am package`).");
            System.out.println("startup skipped: no " + jar);
            return;
        }
        for (int i = 0; i < runs; i++) {
            double[] r = once(jar);
            results.add("startup", "java -Xmx512m -jar opensop.jar (demo), run " + (i + 1) + ": to health UP", "H2 file",
                    "-", r[0], "s", null);
            results.add("startup", "resident memory (VmRSS) at health UP, run " + (i + 1), "H2 file", "-", r[1] / 1024.0,
                    "MiB", null);
        }
    }

    /** @return seconds to UP, VmRSS in KiB */
    private static double[] once(Path jar) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("opensop-startup");
        Path log = dir.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--spring.profiles.active=demo",
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
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rss = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
            return new double[] {seconds, rss};
        } finally {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
