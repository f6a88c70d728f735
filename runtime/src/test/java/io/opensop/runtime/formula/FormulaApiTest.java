package io.opensop.runtime.formula;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.NewUser;
import io.opensop.runtime.api.HttpApiTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:formula_api;DB_CLOSE_DELAY=-1",
        "server.address=127.0.0.1"})
class FormulaApiTest extends HttpApiTest {

    private static final String REBATE = "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)";

    private final HttpClient http = HttpClient.newHttpClient();
    /** Reads decimals exactly, as the application writes them. */
    private final ObjectMapper json = io.opensop.engine.support.Json.mapper();

    @BeforeEach
    void userAndForm() {
        if (users.byUsername("ops").isEmpty()) {
            users.create(new NewUser("ops", passwords.encode("secret"), "Ops", "ops@example.com", "en",
                    "Asia/Shanghai", null, null, null, Set.of("admin")));
        }
        if (!forms.exists("deal")) {
            forms.create(Actor.system(), FormJson.read("""
                    {"key":"deal","label":{"en":"Deal"},"fields":[
                      {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"合同金额"}},
                      {"key":"payment_days","type":"number","label":{"en":"Payment days"},"scale":0},
                      {"key":"rebate","type":"formula","label":{"en":"Rebate"},"resultType":"money",
                       "formula":"%s"}]}
                    """.formatted(REBATE)));
            forms.publish(Actor.system(), "deal", false);
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8)))
                .header("Accept-Language", language)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void checkAcceptsAGoodFormulaAndSaysItsType() throws Exception {
        HttpResponse<String> response = call("POST", "/api/formulas/check",
                json.writeValueAsString(Map.of("formKey", "deal", "expression", REBATE, "resultType", "money")), "en");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("ok").asBoolean()).isTrue();
        assertThat(body(response).get("type").asText()).isEqualTo("money");
        assertThat(body(response).get("errors")).isEmpty();
    }

    @Test
    void checkReportsAnErrorWithItsRangeInTheRequestLanguageAndStillAnswers200() throws Exception {
        String request = json.writeValueAsString(Map.of("formKey", "deal", "expression", "amount * nme"));

        HttpResponse<String> english = call("POST", "/api/formulas/check", request, "en");
        HttpResponse<String> chinese = call("POST", "/api/formulas/check", request, "zh-CN");

        assertThat(english.statusCode()).isEqualTo(200);
        JsonNode error = body(english).get("errors").get(0);
        assertThat(body(english).get("ok").asBoolean()).isFalse();
        assertThat(error.get("code").asText()).isEqualTo("unknown_field");
        assertThat(error.get("start").asInt()).isEqualTo(9);
        assertThat(error.get("end").asInt()).isEqualTo(12);
        assertThat(error.get("message").asText()).contains("nme");
        assertThat(body(chinese).get("errors").get(0).get("message").asText())
                .isNotEqualTo(error.get("message").asText()).contains("nme");
    }

    @Test
    void evaluateComputesWithSampleValues() throws Exception {
        HttpResponse<String> response = call("POST", "/api/formulas/evaluate", """
                {"formKey":"deal","expression":"%s","values":{"amount":"60000","payment_days":25}}
                """.formatted(REBATE), "en");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("type").asText()).isEqualTo("money");
        assertThat(body(response).get("value").decimalValue()).isEqualByComparingTo("480");
    }

    @Test
    void evaluateRefusesAFormulaThatDoesNotCheckWith422() throws Exception {
        HttpResponse<String> response = call("POST", "/api/formulas/evaluate",
                "{\"expression\":\"1 +\",\"values\":{}}", "en");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = body(response).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("unexpected_end");
        assertThat(error.has("start")).isTrue();
    }

    @Test
    void explainShowsWhyAStoredFormulaFieldHasItsValue() throws Exception {
        FormRecord record = records.create(Actor.system(), "deal",
                Map.of("amount", new BigDecimal("60000"), "payment_days", 25));

        HttpResponse<String> response = call("GET",
                "/api/forms/deal/records/" + record.id() + "/explain/rebate", null, "en");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode why = body(response);
        assertThat(response.body()).as("money keeps its cents on the wire").contains("\"storedValue\":480.00");
        assertThat(why.get("storedValue").decimalValue()).isEqualByComparingTo("480");
        assertThat(why.get("inputs").get("payment_days").decimalValue()).isEqualByComparingTo("25");
        assertThat(why.get("explanation").get("source").asText()).isEqualTo(REBATE);
        assertThat(why.get("explanation").get("children")).isNotEmpty();
    }

    @Test
    void theFormulaApiNeedsASignedInUser() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/forms/deal/records/1/explain/rebate")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
