package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.user.UserDirectory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The REST contract of forms and records, over real HTTP on loopback. Each subclass names the
 * database the whole application runs on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RecordApiContract {

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    PasswordEncoder passwords;

    ApiClient admin;
    ApiClient designer;
    ApiClient rep;
    private String formKey;

    @BeforeEach
    void signIn() {
        TestUsers.ensure(users, passwords);
        admin = ApiClient.as(port, "admin", TestUsers.PASSWORD);
        designer = ApiClient.as(port, "designer", TestUsers.PASSWORD);
        rep = ApiClient.as(port, "rep", TestUsers.PASSWORD);
        formKey = "contract_" + Long.toString(System.nanoTime(), 36).substring(0, 6);
    }

    private Map<String, Object> contractForm() {
        return Map.of("key", formKey, "label", Map.of("en", "Contract", "zh-CN", "合同"),
                "fields", List.of(
                        Map.of("key", "title", "type", "text", "label", Map.of("en", "Title", "zh-CN", "标题"),
                                "required", true),
                        Map.of("key", "amount", "type", "money", "label", Map.of("en", "Amount", "zh-CN", "合同金额"),
                                "currency", "CNY"),
                        Map.of("key", "signed_on", "type", "date", "label", Map.of("en", "Signed on")),
                        Map.of("key", "code", "type", "auto_number", "label", Map.of("en", "No."),
                                "pattern", "HT-{yyyy}-{0000}")));
    }

    private void publishContractForm() {
        assertThat(designer.post("/api/forms", contractForm()).status()).isEqualTo(201);
        assertThat(designer.post("/api/forms/" + formKey + "/publish", "").status()).isEqualTo(200);
    }

    private JsonNode createContract(String title, String amount) {
        ApiClient.Response created = rep.post("/api/forms/" + formKey + "/records",
                Map.of("values", Map.of("title", title, "amount", new BigDecimal(amount))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aDesignerPublishesAFormAndARepSavesARecordThatComesBackWhole() {
        publishContractForm();

        ApiClient.Response created = rep.post("/api/forms/" + formKey + "/records",
                Map.of("values", Map.of("title", "Framework agreement", "amount", new BigDecimal("60000.5"),
                        "signed_on", "2026-11-20")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/records/" + created.json().get("id").asLong());
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode values = created.json().get("values");
        assertThat(values.get("amount").decimalValue()).isEqualTo(new BigDecimal("60000.50"));
        assertThat(values.get("signed_on").asText()).isEqualTo("2026-11-20");
        assertThat(values.get("code").asText()).matches("HT-\\d{4}-0001");
        assertThat(created.json().get("createdBy").asText()).isEqualTo("rep");
        ApiClient.Response read = rep.get(created.header("Location"));
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void anInvalidDefinitionIsRefusedWithTheJsonPathOfEachProblem() {
        ApiClient.Response response = designer.post("/api/forms", Map.of("key", "Bad Key", "label", Map.of("en", "x"),
                "fields", List.of(Map.of("key", "a", "type", "hologram", "label", Map.of("en", "A")))));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("$.fields[0].type");
        assertThat(response.json().at("/errors/0/code").asText()).isEqualTo("unknown_field_type");
        assertThat(response.json().at("/errors/0/message").asText()).contains("hologram");
    }

    @SuppressWarnings("unchecked")
    @Test
    void anIndexOnAFieldListsCannotSortByIsRefusedNamingTheFieldAndAnIndexedAmountIsPreviewed() {
        Map<String, Object> withIndexedNotes = new java.util.HashMap<>(contractForm());
        List<Object> fields = new ArrayList<>((List<?>) withIndexedNotes.get("fields"));
        fields.add(Map.of("key", "notes", "type", "long_text", "label", Map.of("en", "Notes"), "indexed", true));
        withIndexedNotes.put("fields", fields);

        ApiClient.Response refused = designer.header("Accept-Language", "zh-CN").post("/api/forms", withIndexedNotes);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("$.fields[4].indexed");
        assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("not_indexable");
        assertThat(refused.json().at("/errors/0/message").asText()).contains("notes", "long_text", "索引");
        assertThat(designer.get("/api/forms/" + formKey).status()).isEqualTo(404);

        publishContractForm();
        Map<String, Object> indexedAmount = new java.util.HashMap<>(contractForm());
        List<Object> contractFields = new ArrayList<>((List<?>) indexedAmount.get("fields"));
        Map<String, Object> amount = new java.util.HashMap<>((Map<String, Object>) contractFields.get(1));
        amount.put("indexed", true);
        contractFields.set(1, amount);
        indexedAmount.put("fields", contractFields);
        assertThat(designer.header("If-Match", "\"1\"").put("/api/forms/" + formKey, indexedAmount).status())
                .isEqualTo(200);
        JsonNode preview = designer.post("/api/forms/" + formKey + "/publish?dryRun=true", "").json();
        assertThat(preview.get("changes")).extracting(c -> c.get("kind").asText() + ":" + c.get("fieldPath").asText())
                .containsExactly("ADD_INDEX:amount");
    }

    @Test
    void onlyDesignersMayCreateForms() {
        assertThat(rep.post("/api/forms", contractForm()).status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).post("/api/forms", contractForm()).status()).isEqualTo(401);
        assertThat(admin.get("/api/forms/" + formKey).status()).isEqualTo(404);
    }

    @Test
    void aStaleVersionGets409WithTheCurrentVersionAndLosesNothing() {
        publishContractForm();
        JsonNode contract = createContract("Original", "100");
        String path = "/api/forms/" + formKey + "/records/" + contract.get("id").asLong();

        assertThat(rep.header("If-Match", "\"1\"").patch(path, Map.of("values", Map.of("title", "First"))).status())
                .isEqualTo(200);
        ApiClient.Response stale = rep.header("If-Match", "\"1\"").patch(path, Map.of("values", Map.of("title", "Second")));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(rep.get(path).json().at("/values/title").asText()).isEqualTo("First");
        assertThat(rep.patch(path, Map.of("values", Map.of("title", "x"))).status())
                .as("a change without a version is refused").isEqualTo(422);
        assertThat(rep.delete(path + "?version=1").status()).isEqualTo(409);
    }

    @Test
    void twoConcurrentSavesOfTheSameVersionThroughTheApiLetExactlyOneWin() throws Exception {
        publishContractForm();
        String path = "/api/forms/" + formKey + "/records/" + createContract("Race", "1").get("id").asLong();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> saves = new ArrayList<>();
            for (String title : List.of("A", "B")) {
                saves.add(() -> {
                    start.await();
                    return rep.patch(path, Map.of("version", 1, "values", Map.of("title", title))).status();
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(saves)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(rep.get(path + "/history").json()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badRecordValuesGet422NamingTheFieldAndNothingIsSaved() {
        publishContractForm();

        ApiClient.Response response = rep.header("Accept-Language", "zh-CN").post("/api/forms/" + formKey + "/records",
                Map.of("values", Map.of("amount", "lots", "code", "HT-1", "id", 5)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("amount", "code", "id");
        assertThat(response.json().get("errors").toString()).contains("应为");
        assertThat(rep.get("/api/forms/" + formKey + "/records?count=true").json().get("count").asLong()).isZero();
    }

    @Test
    void malformedUnknownOversizeAndDeeplyNestedBodiesGet4xxNever500() {
        publishContractForm();
        String records = "/api/forms/" + formKey + "/records";

        assertThat(rep.post(records, "{\"values\": {").status()).isEqualTo(400);
        assertThat(rep.post(records, "").status()).isEqualTo(400);
        assertThat(rep.post(records, Map.of("values", Map.of("title", "x"), "owner_id", 1)).status()).isEqualTo(422);
        assertThat(rep.post(records, "{\"values\": []}").status()).isEqualTo(422);
        String huge = "{\"values\":{\"title\":\"" + "x".repeat(1_200_000) + "\"}}";
        assertThat(rep.post(records, huge).status()).isEqualTo(413);
        String nested = "{\"values\":{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertThat(rep.post(records, nested).status()).isEqualTo(400);
        assertThat(rep.send("POST", records, "text/plain", "title=x".getBytes()).status()).isEqualTo(415);
        assertThat(rep.get(records + "/not-a-number").status()).isEqualTo(400);
        assertThat(rep.get(records + "?filter=amount:bogus:1").status()).isEqualTo(422);
        assertThat(rep.get(records + "?after=!!!").status()).isEqualTo(422);
        assertThat(rep.get("/api/forms/nope/records").status()).isEqualTo(404);
        assertThat(rep.get(records + "?count=true").json().get("count").asLong()).isZero();
    }

    @Test
    void listsFilterSortAndPageWithACursor() {
        publishContractForm();
        for (int i = 1; i <= 5; i++) {
            createContract("c" + i, String.valueOf(i * 1000));
        }
        String base = "/api/forms/" + formKey + "/records?sort=-amount&limit=2&filter=amount:ge:2000";

        JsonNode first = rep.get(base + "&count=true").json();
        JsonNode second = rep.get(base + "&after=" + first.get("next").asText()).json();

        assertThat(first.get("count").asLong()).isEqualTo(4);
        assertThat(first.get("items")).extracting(r -> r.at("/values/title").asText()).containsExactly("c5", "c4");
        assertThat(second.get("items")).extracting(r -> r.at("/values/title").asText()).containsExactly("c3", "c2");
    }

    @Test
    void historyListsEveryChangeWithOldAndNewValues() {
        publishContractForm();
        JsonNode contract = createContract("Draft", "10");
        String path = "/api/forms/" + formKey + "/records/" + contract.get("id").asLong();
        rep.patch(path, Map.of("version", 1, "values", Map.of("title", "Final", "amount", 20)));
        rep.delete(path + "?version=2");

        JsonNode history = admin.get(path + "/history").json();

        assertThat(rep.get(path).status()).isEqualTo(404);
        assertThat(rep.post(path + "/restore?version=3", "").status()).isEqualTo(200);
        history = admin.get(path + "/history").json();
        assertThat(history).extracting(r -> r.get("action").asText()).containsExactly("RESTORE", "DELETE", "UPDATE", "CREATE");
        JsonNode update = history.get(2).get("changes");
        assertThat(update.toString()).contains("\"oldValue\":\"Draft\"", "\"newValue\":\"Final\"", "\"newValue\":20.00");
    }

    @Test
    void schemaEvolutionThroughTheApiKeepsStoredValuesAndPreviewsTheChange() {
        publishContractForm();
        JsonNode contract = createContract("Keep me", "99");
        Map<String, Object> withNote = new java.util.HashMap<>(contractForm());
        List<Object> fields = new ArrayList<>((List<?>) withNote.get("fields"));
        fields.remove(1);
        fields.add(Map.of("key", "note", "type", "long_text", "label", Map.of("en", "Note")));
        withNote.put("fields", fields);

        ApiClient.Response stale = designer.header("If-Match", "\"7\"").put("/api/forms/" + formKey, withNote);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(designer.header("If-Match", "\"1\"").put("/api/forms/" + formKey, withNote).status()).isEqualTo(200);
        JsonNode preview = designer.post("/api/forms/" + formKey + "/publish?dryRun=true", "").json();
        assertThat(preview.get("changes")).extracting(c -> c.get("kind").asText() + ":" + c.get("fieldPath").asText())
                .containsExactlyInAnyOrder("ADD_COLUMN:note", "HIDE_FIELD:amount");
        designer.post("/api/forms/" + formKey + "/publish", "");

        JsonNode after = rep.get("/api/forms/" + formKey + "/records/" + contract.get("id").asLong()).json();
        assertThat(after.get("values").has("amount")).isFalse();
        assertThat(designer.get("/api/forms/" + formKey + "/versions").json()).hasSize(2);
        assertThat(designer.get("/api/forms/" + formKey + "/versions/1").json().toString()).contains("amount");
    }

    @Test
    void theOpenApiDocumentAndTheDefinitionSchemaAreServed() {
        ApiClient anonymous = ApiClient.anonymous(port);
        assertThat(anonymous.get("/v3/api-docs").json().get("paths").has("/api/forms/{formKey}/records")).isTrue();
        assertThat(rep.get("/api/schema/form-definition").text()).contains("\"sub_form\"");
    }
}
