package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Ten thousand generated bad inputs ({@link BadInputs}) against the record and form-definition APIs: none may cause
 * a 500, none may leave a partial write, and the service must still work afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1")
class ApiFuzzTest {

    private static final int CASES = 10_000;

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;

    private final BadInputs bad = new BadInputs(20261125L);
    private final Random random = bad.random();

    @Test
    void tenThousandBadInputsGetNo500AndWriteNothingHalfway() {
        if (users.byUsername("fuzzer").isEmpty()) {
            // A plain-text password keeps ten thousand sign-ins cheap; this user exists only here.
            users.create(new NewUser("fuzzer", "{noop}fuzz", "fuzzer", null, "en", "UTC", null, null, null,
                    Set.of("admin")));
        }
        ApiClient api = ApiClient.as(port, "fuzzer", "fuzz");
        api.post("/api/forms", Map.of("key", "fuzz_target", "label", Map.of("en", "Fuzz"), "fields", List.of(
                Map.of("key", "name", "type", "text", "label", Map.of("en", "Name"), "required", true, "maxLength", 50),
                Map.of("key", "amount", "type", "money", "label", Map.of("en", "Amount")),
                Map.of("key", "day", "type", "date", "label", Map.of("en", "Day")),
                Map.of("key", "kind", "type", "single_select", "label", Map.of("en", "Kind"),
                        "options", List.of(Map.of("key", "a"))),
                Map.of("key", "lines", "type", "sub_form", "label", Map.of("en", "Lines"), "fields", List.of(
                        Map.of("key", "qty", "type", "number", "label", Map.of("en", "Qty")))))));
        assertThat(api.post("/api/forms/fuzz_target/publish", "").status()).isEqualTo(200);
        long recordId = api.post("/api/forms/fuzz_target/records", Map.of("values", Map.of("name", "seed")))
                .json().get("id").asLong();

        Map<Integer, Integer> statuses = new TreeMap<>();
        int createdRecords = 0;
        int createdForms = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            ApiClient.Response response = switch (i % 5) {
                case 0, 1 -> api.send("POST", "/api/forms/fuzz_target/records", "application/json", body(this::recordBody));
                case 2 -> api.send("PATCH", "/api/forms/fuzz_target/records/" + recordId, "application/json",
                        body(this::recordBody));
                case 3 -> api.get("/api/forms/fuzz_target/records?" + listParameters());
                default -> api.send("POST", "/api/forms", "application/json", body(bad::formDefinition));
            };
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() >= 500 && failures.size() < 5) {
                failures.add(i + ": " + response.text());
            }
            if (response.status() == 201 && i % 5 < 2) {
                createdRecords++;
            }
            if (response.status() == 201 && i % 5 == 4) {
                createdForms++;
            }
        }

        assertThat(failures).as("responses with status >= 500, statuses " + statuses).isEmpty();
        long stored = api.get("/api/forms/fuzz_target/records?count=true&limit=1").json().get("count").asLong();
        assertThat(stored).as("every stored record was answered 201").isEqualTo(createdRecords + 1L);
        assertThat(api.get("/api/forms").json().size()).isEqualTo(createdForms + 1);
        assertThat(api.post("/api/forms/fuzz_target/records", Map.of("values", Map.of("name", "after the storm")))
                .status()).isEqualTo(201);
    }

    private byte[] body(Supplier<Object> generator) {
        return bad.body(generator, "values");
    }

    private Object recordBody() {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> keys = List.of("name", "amount", "day", "kind", "lines", "id", "row_version", "owner_id",
                "c_name", "name\"; --", "Name", "");
        int count = 1 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
            String key = keys.get(random.nextInt(keys.size()));
            values.put(key, key.equals("lines") && random.nextBoolean()
                    ? List.of(Map.of("qty", nasty()), Map.of("bogus", nasty())) : nasty());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("values", random.nextInt(8) == 0 ? nasty() : values);
        if (random.nextBoolean()) {
            body.put("version", random.nextInt(3) == 0 ? nasty() : random.nextInt(3));
        }
        if (random.nextInt(6) == 0) {
            body.put("owner", 1);
        }
        return body;
    }

    private String listParameters() {
        List<String> options = List.of("filter=name:eq:" + encode(nasty()), "filter=amount:between:1", "filter=:::",
                "filter=id:in:" + encode(nasty()), "sort=" + encode(nasty()), "limit=" + encode(nasty()),
                "after=" + encode(nasty()), "count=" + encode(nasty()), "filter=name%00:eq:x", "sort=-amount,-day");
        return options.get(random.nextInt(options.size())) + "&" + options.get(random.nextInt(options.size()));
    }

    private Object nasty() {
        return bad.nasty();
    }

    private static String encode(Object value) {
        return BadInputs.encode(value);
    }
}
