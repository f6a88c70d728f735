package io.opensop.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.TestUsers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Two application processes (the executable jar, as deployed) on one PostgreSQL 16: timers fire
 * once, concurrent edits through different nodes are detected, a publish on one node rules the
 * other at once, and losing a node mid-load loses no acknowledged save. Runs under
 * {@code mvn verify} after {@code package} (maven-failsafe-plugin); node logs are kept in
 * {@code runtime/target/cluster-it/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static final Duration START_LIMIT = Duration.ofSeconds(150);

    private static HikariDataSource database;
    private static DSLContext sql;
    private static AppNode nodeA;
    private static AppNode nodeB;

    @BeforeAll
    static void startTwoNodes() {
        String url = TestDatabases.postgresUrl();
        try {
            // The first node alone creates the schema (Flyway, Camunda); then the second joins.
            nodeA = AppNode.start("a", url).awaitReady(START_LIMIT);
            nodeB = AppNode.start("b", url);
            database = new HikariDataSource();
            database.setJdbcUrl(url);
            database.setUsername("postgres");
            database.setPassword("postgres");
            database.setMaximumPoolSize(2);
            sql = DSL.using(database, SQLDialect.POSTGRES);
            UserDirectory users = new UserDirectory(sql, Clock.systemUTC());
            PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            TestUsers.ensure(users, passwords);
            TestUsers.create(users, passwords, "sla_boss", TestUsers.PASSWORD, "sales_manager");
            nodeB.awaitReady(START_LIMIT);
        } catch (RuntimeException | Error e) {
            stopNodes();
            throw e;
        }
    }

    @AfterAll
    static void stopNodes() {
        for (AppNode node : new AppNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    private static ApiClient as(AppNode node, String user) {
        return ApiClient.as(node.port, user, TestUsers.PASSWORD);
    }

    private static void publishForm(AppNode node, Map<String, Object> definition) {
        ApiClient designer = as(node, "designer");
        String key = (String) definition.get("key");
        ApiClient.Response draft = designer.get("/api/forms/" + key);
        ApiClient.Response saved = draft.status() == 404 ? designer.post("/api/forms", definition)
                : designer.header("If-Match", draft.header("ETag")).put("/api/forms/" + key, definition);
        assertThat(saved.status()).as(saved.text()).isBetween(200, 201);
        ApiClient.Response published = designer.post("/api/forms/" + key + "/publish", "");
        assertThat(published.status()).as(published.text()).isEqualTo(200);
    }

    private static Map<String, Object> quoteForm(boolean strict) {
        List<Map<String, Object>> fields = new ArrayList<>(List.of(
                Map.of("key", "title", "type", "text", "label", Map.of("en", "Title", "zh-CN", "标题"),
                        "required", true),
                Map.of("key", "amount", "type", "money", "label", Map.of("en", "Amount", "zh-CN", "金额"))));
        Map<String, Object> form = new java.util.LinkedHashMap<>(Map.of("key", "cl_quote",
                "label", Map.of("en", "Quote", "zh-CN", "报价"), "titleField", "title",
                "permissions", Map.of("create", List.of("sales_rep"), "read", List.of("sales_rep"),
                        "update", List.of("sales_rep"))));
        if (strict) {
            fields.add(Map.of("key", "region", "type", "text", "label", Map.of("en", "Region", "zh-CN", "区域"),
                    "required", true));
            form.put("rules", List.of(Map.of("key", "minimum", "expression", "amount >= 10",
                    "fields", List.of("amount"), "message", Map.of("en", "At least 10", "zh-CN", "至少 10"))));
        }
        form.put("fields", fields);
        return form;
    }

    private static List<String> errorFields(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    @Order(1)
    void aFormPublishedOnNodeAValidatesRecordsOnNodeBByItsNewRulesAtOnce() {
        publishForm(nodeA, quoteForm(false));
        ApiClient repOnB = as(nodeB, "rep");
        ApiClient.Response before = repOnB.post("/api/forms/cl_quote/records",
                Map.of("values", Map.of("title", "small", "amount", 5)));
        assertThat(before.status()).as(before.text()).isEqualTo(201);
        assertThat(before.json().get("formVersion").asInt()).isEqualTo(1);

        publishForm(nodeA, quoteForm(true));

        ApiClient.Response tooSmall = repOnB.post("/api/forms/cl_quote/records",
                Map.of("values", Map.of("title", "small", "amount", 5, "region", "east")));
        assertThat(tooSmall.status()).as(tooSmall.text()).isEqualTo(422);
        assertThat(errorFields(tooSmall)).containsExactly("amount");
        ApiClient.Response noRegion = repOnB.post("/api/forms/cl_quote/records",
                Map.of("values", Map.of("title", "no region", "amount", 20)));
        assertThat(noRegion.status()).as(noRegion.text()).isEqualTo(422);
        assertThat(errorFields(noRegion)).containsExactly("region");
        ApiClient.Response valid = repOnB.post("/api/forms/cl_quote/records",
                Map.of("values", Map.of("title", "big", "amount", 20, "region", "east")));
        assertThat(valid.status()).as(valid.text()).isEqualTo(201);
        assertThat(valid.json().get("formVersion").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void concurrentUpdatesOfOneRecordThroughBothNodesLetOneWinAndTheOtherGet409AndLoseNothing() throws Exception {
        ApiClient repOnA = as(nodeA, "rep");
        ApiClient repOnB = as(nodeB, "rep");
        JsonNode created = repOnA.post("/api/forms/cl_quote/records",
                Map.of("values", Map.of("title", "contested", "amount", 100, "region", "north"))).json();
        long id = created.get("id").asLong();
        String path = "/api/forms/cl_quote/records/" + id;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                long version = repOnB.get(path).json().get("version").asLong();
                BigDecimal amount = new BigDecimal(100 + round);
                String region = "region-" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<ApiClient.Response> viaA = pool.submit(() -> {
                    together.await();
                    return repOnA.header("If-Match", "\"" + version + "\"")
                            .patch(path, Map.of("values", Map.of("amount", amount)));
                });
                Future<ApiClient.Response> viaB = pool.submit(() -> {
                    together.await();
                    return repOnB.header("If-Match", "\"" + version + "\"")
                            .patch(path, Map.of("values", Map.of("region", region)));
                });
                ApiClient.Response a = viaA.get(60, TimeUnit.SECONDS);
                ApiClient.Response b = viaB.get(60, TimeUnit.SECONDS);
                assertThat(List.of(a.status(), b.status())).as("round %d: %s / %s", round, a, b)
                        .containsExactlyInAnyOrder(200, 409);
                ApiClient.Response loser = a.status() == 409 ? a : b;
                assertThat(loser.json().get("currentVersion").asLong()).isEqualTo(version + 1);
                // the loser reloads and saves again: both changes survive
                ApiClient.Response retried = a.status() == 409
                        ? repOnA.header("If-Match", "\"" + (version + 1) + "\"")
                        .patch(path, Map.of("values", Map.of("amount", amount)))
                        : repOnB.header("If-Match", "\"" + (version + 1) + "\"")
                        .patch(path, Map.of("values", Map.of("region", region)));
                assertThat(retried.status()).as(retried.text()).isEqualTo(200);

                JsonNode stored = (round % 2 == 0 ? repOnA : repOnB).get(path).json();
                assertThat(stored.get("version").asLong()).isEqualTo(version + 2);
                assertThat(stored.at("/values/amount").decimalValue()).isEqualByComparingTo(amount);
                assertThat(stored.at("/values/region").asText()).isEqualTo(region);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode history = repOnA.get(path + "/history").json();
        assertThat(history.size()).as("the create and two saves per round, none overwritten").isEqualTo(1 + 2 * rounds);
    }

    @Test
    @Order(3)
    void slaTimersFireExactlyOnceAcrossTheTwoNodes() {
        publishForm(nodeA, Map.of("key", "cl_ticket", "label", Map.of("en", "Ticket", "zh-CN", "工单"),
                "titleField", "title",
                "fields", List.of(Map.of("key", "title", "type", "text", "label", Map.of("en", "Title"),
                        "required", true)),
                "permissions", Map.of("create", List.of("sales_rep"), "read", List.of("sales_rep")),
                "sla", List.of(Map.of("key", "answer", "start", "record",
                        "steps", List.of(Map.of("after", "PT4H", "notify", List.of("user:sla_boss")))))));
        int tickets = 12;
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < tickets; i++) {
            ApiClient.Response created = as(i % 2 == 0 ? nodeA : nodeB, "rep").post("/api/forms/cl_ticket/records",
                    Map.of("values", Map.of("title", "ticket " + i)));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            ids.add(created.json().get("id").asLong());
        }
        List<String> jobs = sql.fetch("select job_id from sla_clock where form_key = 'cl_ticket'"
                + " and job_id is not null").getValues(0, String.class);
        assertThat(jobs).hasSize(tickets);

        // Four hours pass for these timers only: both nodes' job executors now compete for them.
        int moved = sql.execute("update act_ru_job set duedate_ = now() - interval '1 minute' where id_ in ("
                + String.join(",", jobs.stream().map(j -> "'" + j + "'").toList()) + ")");
        assertThat(moved).isEqualTo(tickets);
        awaitCondition(Duration.ofSeconds(60), "every timer fired", () -> sql.fetchOne(
                "select count(*) from sla_clock where form_key = 'cl_ticket' and breached = true"
                        + " and status = 'done'").get(0, Integer.class) == tickets);

        assertThat(sql.fetch("select c.record_id, count(e.id) from sla_clock c left join sla_event e"
                        + " on e.clock_id = c.id where c.form_key = 'cl_ticket' group by c.record_id")
                .intoMap(r -> r.get(0, Long.class), r -> r.get(1, Integer.class)))
                .as("one fired step per ticket").hasSize(tickets).allSatisfy((record, events) -> {
                    assertThat(ids).contains(record);
                    assertThat(events).isEqualTo(1);
                });
        JsonNode inbox = as(nodeB, "sla_boss").get("/api/notifications?limit=200").json();
        List<Long> notified = new ArrayList<>();
        inbox.forEach(n -> {
            if ("cl_ticket".equals(n.get("formKey").asText())) {
                notified.add(n.get("recordId").asLong());
            }
        });
        assertThat(notified).as("exactly one reminder per ticket").hasSize(tickets)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sql.fetchOne("select count(*) from act_ru_job where id_ in ("
                + String.join(",", jobs.stream().map(j -> "'" + j + "'").toList()) + ")").get(0, Integer.class))
                .isZero();
        assertThat(breachesCounted(nodeA) + breachesCounted(nodeB))
                .as("the nodes' counters add up to the breaches, each counted once").isEqualTo(tickets);
    }

    private static int breachesCounted(AppNode node) {
        ApiClient.Response response = as(node, "admin").get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        String scrape = response.text();
        assertThat(scrape).containsPattern("(?m)^opensop_jobs_due\\{[^}]*} \\d+\\.0$");
        Matcher m = Pattern.compile("(?m)^opensop_sla_breaches_total\\{[^}]*form=\"cl_ticket\"[^}]*} (\\d+)\\.0$")
                .matcher(scrape);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    @Order(4)
    void nodeBKeepsServingWhenNodeADiesMidLoadAndNoAcknowledgedSaveIsLost() throws Exception {
        record Saved(long id, String title, BigDecimal amount, boolean onA) {
        }
        ConcurrentLinkedQueue<Saved> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger ackedOnA = new AtomicInteger();
        AtomicInteger ackedAfterKill = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        int workers = 2;
        int attemptsPerWorker = 80;
        // A request cut off by the kill fails within the timeout instead of waiting for ever.
        ApiClient repOnA = as(nodeA, "rep").timeout(Duration.ofSeconds(15));
        ApiClient repOnB = as(nodeB, "rep").timeout(Duration.ofSeconds(15));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            running.add(pool.submit(() -> {
                for (int i = 0; i < attemptsPerWorker; i++) {
                    boolean toA = i % 2 == 0;
                    String title = "load-" + worker + "-" + i;
                    BigDecimal amount = new BigDecimal(1000 + i).add(new BigDecimal("0.25"));
                    try {
                        ApiClient.Response r = (toA ? repOnA : repOnB).post("/api/forms/cl_quote/records",
                                Map.of("values", Map.of("title", title, "amount", amount, "region", "load")));
                        if (r.status() == 201) {
                            acknowledged.add(new Saved(r.json().get("id").asLong(), title, amount, toA));
                            if (toA) {
                                ackedOnA.incrementAndGet();
                            }
                            if (killed.get()) {
                                ackedAfterKill.incrementAndGet();
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IllegalStateException connectionLost) {
                        failed.incrementAndGet(); // node A is gone: not acknowledged, so not promised
                    }
                }
                return null;
            }));
        }
        awaitCondition(Duration.ofSeconds(60), "node A acknowledged saves under load", () -> ackedOnA.get() >= 15);
        nodeA.kill();
        killed.set(true);
        assertThat(nodeA.isAlive()).isFalse();
        for (Future<?> worker : running) {
            worker.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(ackedAfterKill.get()).as("node B kept saving").isGreaterThanOrEqualTo(20);
        assertThat(failed.get()).as("requests to the dead node failed").isPositive();
        assertThat(ApiClient.anonymous(nodeB.port).get("/actuator/health/readiness").status()).isEqualTo(200);
        Map<Long, JsonNode> stored = new java.util.HashMap<>();
        String after = null;
        do {
            ApiClient.Response page = repOnB.get("/api/forms/cl_quote/records?filter=region:eq:load&limit=200"
                    + (after == null ? "" : "&after=" + java.net.URLEncoder.encode(after,
                    java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("items").forEach(item -> stored.put(item.get("id").asLong(), item.get("values")));
            after = page.json().path("next").isTextual() ? page.json().get("next").asText() : null;
        } while (after != null);
        assertThat(acknowledged).as("every acknowledged save is stored, via A or B").allSatisfy(saved -> {
            assertThat(stored).containsKey(saved.id());
            assertThat(stored.get(saved.id()).get("title").asText()).isEqualTo(saved.title());
            assertThat(stored.get(saved.id()).get("amount").decimalValue()).isEqualByComparingTo(saved.amount());
        });
    }

    /** Bounded polling of another process's effect; fails with the nodes' logs when it never comes. */
    private static void awaitCondition(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + limit + ": " + what + "\n--- node a\n" + nodeA.tail()
                        + "\n--- node b\n" + nodeB.tail());
            }
            AppNode.pause(Duration.ofMillis(200));
        }
    }
}
