package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.webhook.Signatures;
import io.opensop.engine.webhook.WebhookService;
import io.opensop.runtime.transfer.ImportTasks;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * Imports, exports and webhooks over real HTTP on loopback. Each subclass names the database the whole
 * application runs on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "opensop.webhooks.allow-private=true",
        "opensop.webhooks.poll-enabled=false",
        "opensop.imports.resume-enabled=false"})
abstract class TransferApiContract {

    private static final String CSV = """
            code,name,amount,region,note
            C1,Alpha,100,north,plain
            C2,,200,south,the name is missing
            C3,Gamma,300,north,=cmd()
            """;

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ImportTasks importTasks;
    @Autowired
    WebhookService webhookService;

    private ApiClient admin;
    private ApiClient rep;
    private String formKey;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users, passwords);
        admin = ApiClient.as(port, "admin", TestUsers.PASSWORD);
        rep = ApiClient.as(port, "rep", TestUsers.PASSWORD);
        formKey = "lead_" + Long.toString(System.nanoTime(), 36).substring(0, 6);
        Map<String, Object> form = Map.of("key", formKey, "label", Map.of("en", "Lead"), "fields", List.of(
                Map.of("key", "code", "type", "text", "label", Map.of("en", "Code")),
                Map.of("key", "name", "type", "text", "label", Map.of("en", "Name"), "required", true),
                Map.of("key", "amount", "type", "number", "label", Map.of("en", "Amount")),
                Map.of("key", "region", "type", "text", "label", Map.of("en", "Region")),
                Map.of("key", "note", "type", "text", "label", Map.of("en", "Note"))));
        ApiClient.Response created = admin.post("/api/forms", form);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(admin.post("/api/forms/" + formKey + "/publish", "").status()).isEqualTo(200);
    }

    @Test
    void aDryRunShowsTheBadRowThenValidRowsCommitAndARerunWithAnUpsertKeyCreatesNothingTwice() throws Exception {
        String imports = "/api/forms/" + formKey + "/imports";
        ApiClient.Response uploaded = upload(imports, "leads.csv", CSV, "code");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        long id = uploaded.json().get("id").asLong();
        assertThat(uploaded.header("Location")).endsWith(imports + "/" + id);
        assertThat(uploaded.json().get("status").asText()).isEqualTo("uploaded");
        assertThat(uploaded.json().get("columns").toString()).isEqualTo("[\"code\",\"name\",\"amount\",\"region\",\"note\"]");
        assertThat(uploaded.json().at("/mapping/1/fieldKey").asText()).isEqualTo("name");

        assertThat(admin.post(imports + "/" + id + "/dry-run", "").status()).isEqualTo(202);
        JsonNode validated = finished(imports + "/" + id);
        assertThat(validated.get("status").asText()).isEqualTo("validated");
        assertThat(validated.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(validated.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("row").asLong()).isEqualTo(3);
            assertThat(e.get("column").asText()).isEqualTo("name");
            assertThat(e.get("code").asText()).isEqualTo("required");
        });
        ApiClient.Response refused = admin.post(imports + "/" + id + "/commit",
                Map.of("mode", "all_or_nothing", "upsertKey", "code"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("import_has_errors");

        assertThat(admin.post(imports + "/" + id + "/commit", Map.of("mode", "valid_rows_only", "upsertKey", "code"))
                .status()).isEqualTo(202);
        JsonNode committed = finished(imports + "/" + id);
        assertThat(committed.get("status").asText()).isEqualTo("committed");
        assertThat(committed.get("rowsCreated").asLong()).isEqualTo(2);
        assertThat(committed.get("rowsFailed").asLong()).isEqualTo(1);
        assertThat(codes()).containsExactlyInAnyOrder("C1", "C3");

        ApiClient.Response errors = admin.get(imports + "/" + id + "/errors.csv");
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.header("Content-Type")).startsWith("text/csv");
        assertThat(errors.header("Content-Disposition")).startsWith("attachment").contains("leads-errors.csv");
        List<String> lines = errors.text().replace("\uFEFF", "").lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("C2,,200,south,the name is missing,3,");

        ApiClient.Response again = upload(imports, "leads.csv", CSV.replace("C2,,", "C2,Beta,"), "code");
        long second = again.json().get("id").asLong();
        assertThat(admin.post(imports + "/" + second + "/commit",
                Map.of("mode", "valid_rows_only", "upsertKey", "code")).status()).isEqualTo(202);
        JsonNode rerun = finished(imports + "/" + second);
        assertThat(rerun.get("status").asText()).isEqualTo("committed");
        assertThat(rerun.get("rowsCreated").asLong()).isEqualTo(1);
        assertThat(rerun.get("rowsUnchanged").asLong()).isEqualTo(2);
        assertThat(codes()).containsExactlyInAnyOrder("C1", "C2", "C3");

        assertThat(rep.get(imports + "/" + second).status()).as("another user's import").isEqualTo(404);
        assertThat(admin.post(imports + "/" + second + "/commit", Map.of("mode", "sideways")).status())
                .isEqualTo(422);
    }

    @Test
    void anExportTakesTheListFiltersAndNeutralisesFormulas() throws Exception {
        String imports = "/api/forms/" + formKey + "/imports";
        long id = upload(imports, "leads.csv", CSV, null).json().get("id").asLong();
        admin.post(imports + "/" + id + "/commit", Map.of("mode", "valid_rows_only"));
        assertThat(finished(imports + "/" + id).get("status").asText()).isEqualTo("committed");

        ApiClient.Response csv = admin.get("/api/forms/" + formKey + "/export.csv?filter=region:eq:north&sort=code");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + formKey
                + ".csv\"; filename*=UTF-8''" + formKey + ".csv");
        List<String> lines = csv.text().replace("\uFEFF", "").lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("ID,Code,Name,Amount,Region,Note");
        assertThat(lines.get(1)).contains(",C1,Alpha,100.0000,north,plain");
        assertThat(lines.get(2)).contains(",C3,Gamma,300.0000,north,'=cmd()");

        ApiClient.Response xlsx = admin.get("/api/forms/" + formKey + "/export.xlsx?filter=region:eq:north");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.text()).startsWith("PK");

        ApiClient.Response badFilter = admin.get("/api/forms/" + formKey + "/export.csv?filter=region:nearly:x");
        assertThat(badFilter.status()).isEqualTo(422);
        assertThat(badFilter.json().at("/errors/0/field").asText()).isEqualTo("filter[0]");
    }

    @Test
    void aTestSendReachesTheReceiverSignedAndSecretsAreNeverReturned() throws Exception {
        List<Map.Entry<String, byte[]>> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(Map.entry(String.valueOf(exchange.getRequestHeaders().getFirst(Signatures.HEADER)),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            String secret = "0123456789abcdef-secret";
            ApiClient.Response created = admin.post("/api/webhooks", Map.of("formKey", formKey, "name", "CRM sync",
                    "url", url, "events", List.of("record.created"), "secret", secret));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.text()).doesNotContain(secret).doesNotContain("\"secret\"");
            long id = created.json().get("id").asLong();

            ApiClient.Response test = admin.post("/api/webhooks/" + id + "/test", "");
            assertThat(test.status()).as(test.toString()).isEqualTo(200);
            assertThat(test.json().get("status").asText()).isEqualTo("delivered");
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(Signatures.verify(secret, r.getValue(), r.getKey())).isTrue();
                assertThat(new String(r.getValue(), StandardCharsets.UTF_8)).contains("\"webhook.test\"");
            });
            assertThat(admin.get("/api/webhooks/" + id + "/deliveries").json()).hasSize(1);
            assertThat(admin.get("/api/webhooks/" + id).text()).doesNotContain(secret);
            assertThat(admin.get("/api/webhooks?form=" + formKey).json()).singleElement()
                    .satisfies(w -> assertThat(w.has("secret")).isFalse());
            ApiClient.Response renamed = admin.put("/api/webhooks/" + id, Map.of("name", "CRM"));
            assertThat(renamed.json().get("name").asText()).isEqualTo("CRM");
            assertThat(renamed.text()).doesNotContain(secret);

            ApiClient.Response generated = admin.post("/api/webhooks", Map.of("formKey", formKey, "name", "ERP",
                    "url", url, "events", List.of("record.updated")));
            assertThat(generated.json().get("generatedSecret").asText()).hasSize(64);
            assertThat(admin.get("/api/webhooks/" + generated.json().get("id").asLong()).json()
                    .has("generatedSecret")).isFalse();

            assertThat(rep.post("/api/webhooks/" + id + "/test", "").status()).isEqualTo(403);
            assertThat(admin.delete("/api/webhooks/" + id).status()).isEqualTo(204);
            assertThat(admin.get("/api/webhooks/" + id).status()).isEqualTo(404);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPrivateUrlIsRefusedWhenNotAllowed() {
        webhookService.allowPrivateAddresses(false);
        try {
            ApiClient.Response refused = admin.post("/api/webhooks", Map.of("formKey", formKey, "name", "Metadata",
                    "url", "http://169.254.169.254/latest/meta-data", "events", List.of("record.created")));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("url");
            assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("private_address");
        } finally {
            webhookService.allowPrivateAddresses(true);
        }
    }

    /** Waits for this node's import work on the job (bounded), then reads it through the API. */
    private JsonNode finished(String path) throws Exception {
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        importTasks.await(id, Duration.ofSeconds(60));
        ApiClient.Response job = admin.get(path);
        assertThat(job.status()).as(job.toString()).isEqualTo(200);
        assertThat(job.json().get("running").asBoolean()).isFalse();
        return job.json();
    }

    private List<String> codes() {
        ApiClient.Response list = admin.get("/api/forms/" + formKey + "/records?limit=100");
        assertThat(list.status()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(r -> r.at("/values/code").asText()).toList();
    }

    private ApiClient.Response upload(String path, String name, String csv, String upsertKey) {
        String boundary = "----opensop" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        if (upsertKey != null) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"upsertKey\"\r\n\r\n"
                    + upsertKey).getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
