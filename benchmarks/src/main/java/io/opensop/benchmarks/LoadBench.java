package io.opensop.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opensop.engine.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST load from a second process: the runtime app runs as its own JVM ({@link AppProcess}, demo profile, H2
 * file, {@code -Xmx512m}); this JVM runs {@code clients} threads on 127.0.0.1, each signing every request with
 * HTTP Basic as scripts and integrations do, mixing list pages, reads, creates, updates and a one-step
 * approval (start + complete the task) on the demo's sample customer form. Bounded by both a time window and
 * a request count. Reports throughput, p50/p99 latency per operation and overall, and any non-2xx answer.
 */
final class LoadBench {

    enum Op { LIST, READ, CREATE, UPDATE, TASK }

    private static final ObjectMapper JSON = Json.mapper();
    private static final String BPMN = BenchModels.userTasksInSequence("bench_review", "Benchmark review",
            "demo_customer", BenchModels.Step.assignedTo("review", "Review", "${submitter}"));

    private LoadBench() {
    }

    static void run(BenchConfig cfg, Results results) throws Exception {
        if (!AppProcess.jarBuilt()) {
            results.note("REST load skipped: " + AppProcess.JAR + " is missing.");
            return;
        }
        try (AppProcess app = AppProcess.start()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Client admin = new Client(http, app.baseUrl(), "admin");
            admin.send("POST", "/api/processes?deploy=true", BPMN, "application/xml", 201);
            int clients = cfg.loadClients();
            long deadline = System.nanoTime() + cfg.loadSeconds() * 1_000_000_000L;
            AtomicLong budget = new AtomicLong(cfg.loadRequests());
            Map<Op, List<Long>> latencies = new EnumMap<>(Op.class);
            for (Op op : Op.values()) {
                latencies.put(op, new CopyOnWriteArrayList<>());
            }
            Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Client client = new Client(http, app.baseUrl(), c % 2 == 0 ? "rep1" : "rep2");
                SplittableRandom random = new SplittableRandom(c);
                int id = c;
                threads.add(new Thread(() -> work(client, id, random, deadline, budget, latencies, failures)));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> all = new ArrayList<>();
            latencies.values().forEach(all::addAll);
            String db = "H2 file";
            String th = String.valueOf(clients);
            results.add("load", "REST mix, " + clients + " clients: throughput", db, th, all.size() / seconds,
                    "requests/s", String.format("%,d requests in %.1f s", all.size(), seconds));
            results.add("load", "REST mix: p50 latency", db, th, percentile(all, 50), "ms", null);
            results.add("load", "REST mix: p99 latency", db, th, percentile(all, 99), "ms", null);
            for (Op op : Op.values()) {
                List<Long> l = latencies.get(op);
                if (!l.isEmpty()) {
                    results.add("load", op.name().toLowerCase() + ": p50 / p99", db, th, percentile(l, 50), "ms",
                            String.format("p99 %.1f ms; %,d requests", percentile(l, 99), l.size()));
                }
            }
            long failed = failures.values().stream().mapToLong(AtomicLong::get).sum();
            results.add("load", "non-2xx answers or errors", db, th, failed, "count", failures.isEmpty() ? null
                    : failures.toString());
            results.note(String.format("REST load: the app (`-Xmx512m`, demo profile, H2 file) ran in its own JVM; "
                    + "%d client threads in the benchmark JVM on 127.0.0.1, every request with HTTP Basic "
                    + "(BCrypt check per request, as integrations pay it). Mix per client iteration: 50%% list page of 20, "
                    + "20%% read, 15%% create, 10%% update of an own record, 5%% start a one-step approval and complete its "
                    + "task (list tasks, complete).", clients));
        }
    }

    private static void work(Client client, int id, SplittableRandom random, long deadline, AtomicLong budget,
                             Map<Op, List<Long>> latencies, Map<String, AtomicLong> failures) {
        List<long[]> own = new ArrayList<>(); // {id, version}
        int n = 0;
        while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
            int dice = random.nextInt(100);
            Op op = own.isEmpty() ? Op.CREATE : dice < 50 ? Op.LIST : dice < 70 ? Op.READ : dice < 85 ? Op.CREATE
                    : dice < 95 ? Op.UPDATE : Op.TASK;
            long t0 = System.nanoTime();
            try {
                switch (op) {
                    case LIST -> client.send("GET", "/api/forms/demo_customer/records?limit=20", null, null, 200);
                    case READ -> client.send("GET", "/api/forms/demo_customer/records/"
                            + own.get(random.nextInt(own.size()))[0], null, null, 200);
                    case CREATE -> {
                        JsonNode saved = client.send("POST", "/api/forms/demo_customer/records",
                                "{\"values\":{\"name\":\"Load " + id + "-" + (n++) + "\",\"budget\":\"1234.50\"}}", "application/json", 201);
                        own.add(new long[] {saved.get("id").asLong(), saved.get("version").asLong()});
                    }
                    case UPDATE -> {
                        long[] record = own.get(random.nextInt(own.size()));
                        JsonNode saved = client.send("PATCH", "/api/forms/demo_customer/records/" + record[0],
                                "{\"version\":" + record[1] + ",\"values\":{\"phone\":\"+86 21 " + random.nextInt(10_000_000)
                                        + "\"}}", "application/json", 200);
                        record[1] = saved.get("version").asLong();
                    }
                    case TASK -> {
                        long[] record = own.get(own.size() - 1);
                        client.send("POST", "/api/processes/bench_review/start",
                                "{\"formKey\":\"demo_customer\",\"recordId\":" + record[0] + "}", "application/json", 201);
                        String taskId = null;
                        for (JsonNode task : client.send("GET", "/api/tasks", null, null, 200)) {
                            if (task.get("recordId").asLong() == record[0]) {
                                taskId = task.get("id").asText();
                            }
                        }
                        JsonNode saved = client.send("POST", "/api/tasks/" + taskId + "/complete",
                                "{\"version\":" + record[1] + ",\"values\":{}}", "application/json", 200);
                        record[1] = saved.get("version").asLong();
                    }
                }
                latencies.get(op).add(System.nanoTime() - t0);
            } catch (Exception e) {
                failures.computeIfAbsent(op + ": " + e.getMessage(), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** One signed-in caller: every request carries HTTP Basic. */
    private record Client(HttpClient http, String base, String user) {

        JsonNode send(String method, String path, String body, String type, int expected) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json");
            if (type != null) {
                request.header("Content-Type", type);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path.replaceAll("[0-9]+", "{n}") + " → "
                        + response.statusCode());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        }
    }
}
