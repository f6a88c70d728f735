package io.opensop.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * Probes are open to load balancers; health details and metrics need the admin or monitoring role;
 * a committed save shows up in OpenSOP's own counters, a refused one does not. (Same context as
 * the H2 record API test, so no second application starts.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:api;DB_CLOSE_DELAY=-1",
        "spring.servlet.multipart.max-file-size=64KB",
        "spring.servlet.multipart.max-request-size=70KB"})
class OperationsEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    PasswordEncoder passwords;

    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient rep;
    private ApiClient monitor;

    @BeforeEach
    void signIn() {
        TestUsers.ensure(users, passwords);
        TestUsers.create(users, passwords, "ops_monitor", TestUsers.PASSWORD, "monitoring");
        anonymous = ApiClient.anonymous(port);
        admin = ApiClient.as(port, "admin", TestUsers.PASSWORD);
        rep = ApiClient.as(port, "rep", TestUsers.PASSWORD);
        monitor = ApiClient.as(port, "ops_monitor", TestUsers.PASSWORD);
    }

    @Test
    void livenessAndReadinessAreOpenAndEverythingElseNeedsAnOperator() {
        assertThat(anonymous.get("/actuator/health/liveness").text()).contains("\"UP\"");
        ApiClient.Response readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text()).contains("\"UP\"").doesNotContain("\"db\"");

        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
            assertThat(rep.get(path).status()).as(path).isEqualTo(403);
        }
        ApiClient.Response metrics = monitor.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.json().get("names").toString()).contains("\"opensop.jobs.due\"",
                "\"opensop.jobs.failed\"", "\"opensop.tasks.completed\"");
    }

    @Test
    void readinessOfAnOperatorShowsTheDatabaseAndTheJobExecutor() {
        ApiClient.Response readiness = monitor.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(readiness.json().at("/components/jobExecutor/status").asText()).isEqualTo("UP");
        assertThat(readiness.json().at("/components/livenessState").isMissingNode()).isTrue();
    }

    @Test
    void aCommittedSaveIsCountedAndTheJobBacklogIsExported() {
        String form = "ops_" + Long.toString(System.nanoTime(), 36).substring(0, 6);
        assertThat(admin.post("/api/forms", Map.of("key", form, "label", Map.of("en", "Ops", "zh-CN", "运维"),
                "fields", List.of(Map.of("key", "title", "type", "text", "label", Map.of("en", "Title"),
                        "required", true)))).status()).isEqualTo(201);
        assertThat(admin.post("/api/forms/" + form + "/publish", "").status()).isEqualTo(200);
        assertThat(admin.post("/api/forms/" + form + "/records", Map.of("values", Map.of("title", "one")))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/forms/" + form + "/records", Map.of("values", Map.of("title", "two")))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/forms/" + form + "/records", Map.of("values", Map.of()))
                .status()).as("refused, so not counted").isEqualTo(422);

        // (Spring Boot's tests run without the Prometheus registry; TwoNodeClusterIT scrapes the real jar.)
        ApiClient.Response saved = monitor.get("/actuator/metrics/opensop.records.saved?tag=form:" + form
                + "&tag=action:CREATE");
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.json().at("/measurements/0/value").asDouble()).isEqualTo(2.0);
        ApiClient.Response due = monitor.get("/actuator/metrics/opensop.jobs.due");
        assertThat(due.status()).isEqualTo(200);
        assertThat(due.json().at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(0.0);
    }
}
