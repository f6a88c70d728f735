package io.opensop.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.HttpApiTest;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The dashboard API over real HTTP: numbers per caller's row scope, hidden fields refused, only
 * designers save, stale versions are conflicts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard_api;DB_CLOSE_DELAY=-1",
        "server.address=127.0.0.1"})
class DashboardApiTest extends HttpApiTest {

    private static final String PASSWORD = "secret";
    private static final String BOARD = """
            {"key":"dash_board","app":"dash","title":{"en":"Deals","zh-CN":"交易"},"filters":["region","team"],
             "widgets":[
               {"key":"amount","type":"number","title":{"en":"Amount","zh-CN":"金额"},
                "query":{"form":"dash_deal","measures":[{"function":"sum","field":"amount"}]}},
               {"key":"cost","type":"number","title":{"en":"Cost","zh-CN":"成本"},
                "query":{"form":"dash_deal","measures":[{"function":"sum","field":"cost"}]}},
               {"key":"by_owner","type":"bar","title":{"en":"By owner","zh-CN":"按负责人"},
                "query":{"form":"dash_deal","measures":[{"function":"count"}],"groupBy":["owner"]}}]}
            """;

    @BeforeEach
    void teamFormAndRecords() {
        if (users.byUsername("dash_mgr").isPresent()) {
            return;
        }
        UserAccount manager = user("dash_mgr", null, "sales_manager");
        UserAccount rep1 = user("dash_rep1", manager.id(), "sales_rep");
        UserAccount rep2 = user("dash_rep2", manager.id(), "sales_rep");
        user("dash_designer", null, "designer");
        forms.create(Actor.system(), FormJson.read("""
                {"key":"dash_deal","app":"dash","label":{"en":"Deal","zh-CN":"交易"},
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}},
                           {"key":"amount","type":"money","label":{"en":"Amount"}},
                           {"key":"cost","type":"money","label":{"en":"Cost"}}],
                 "access":{"rowScopes":{"sales_rep":"own","sales_manager":"team"},
                           "fields":{"sales_rep":{"cost":"hidden"}}}}
                """));
        forms.publish(Actor.system(), "dash_deal", false);
        records.create(actor(rep1), "dash_deal", Map.of("name", "one", "amount", new BigDecimal("100.10")));
        records.create(actor(rep1), "dash_deal", Map.of("name", "two", "amount", new BigDecimal("0.05")));
        records.create(actor(rep2), "dash_deal", Map.of("name", "three", "amount", new BigDecimal("50.00")));
        ApiClient.Response saved = as("dash_designer").put("/api/dashboards/dash_board", BOARD);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    @Test
    void aRepSeesOnlyTheirOwnNumbersAndTheirManagerTheTeams() {
        JsonNode forRep = as("dash_rep1").get("/api/dashboards/dash_board/data").json();
        JsonNode forManager = as("dash_mgr").get("/api/dashboards/dash_board/data").json();

        assertThat(value(forRep, "amount")).isEqualByComparingTo("100.15");
        assertThat(value(forManager, "amount")).isEqualByComparingTo("150.15");
        assertThat(widget(forRep, "by_owner").path("result").path("rows")).hasSize(1);
        assertThat(widget(forManager, "by_owner").path("result").path("rows")).hasSize(2);
        JsonNode adHoc = as("dash_rep1").post("/api/aggregates",
                Map.of("form", "dash_deal", "measures", java.util.List.of(Map.of("function", "count")))).json();
        assertThat(adHoc.path("rows").get(0).path("values").get(0).asLong()).isEqualTo(2);
    }

    @Test
    void aHiddenFieldIsRefusedNamingItAndItsWidgetShowsTheReasonInsteadOfNumbers() {
        ApiClient.Response probe = as("dash_rep1").header("Accept-Language", "en").post("/api/aggregates",
                Map.of("form", "dash_deal", "measures", java.util.List.of(Map.of("function", "sum", "field", "cost"))));
        assertThat(probe.status()).isEqualTo(422);
        assertThat(probe.json().path("errors").get(0).path("field").asText()).isEqualTo("measures[0].field");
        assertThat(probe.json().path("errors").get(0).path("message").asText()).contains("cost");

        JsonNode forRep = as("dash_rep1").get("/api/dashboards/dash_board/data").json();
        assertThat(widget(forRep, "cost").has("result")).isFalse();
        assertThat(widget(forRep, "cost").path("errors").get(0).path("code").asText()).isEqualTo("unknown_field");
        assertThat(value(as("dash_mgr").get("/api/dashboards/dash_board/data").json(), "cost"))
                .isEqualByComparingTo("0.00");
    }

    @Test
    void onlyDesignersSaveAndAStaleVersionIsAConflict() {
        assertThat(as("dash_rep1").get("/api/dashboards").json().findValuesAsText("key")).contains("dash_board");
        ApiClient.Response current = as("dash_designer").get("/api/dashboards/dash_board");
        String etag = current.header("ETag");

        assertThat(as("dash_rep1").header("If-Match", etag).put("/api/dashboards/dash_board", BOARD).status())
                .isEqualTo(403);
        assertThat(as("dash_mgr").header("If-Match", etag).put("/api/dashboards/dash_board", BOARD).status())
                .isEqualTo(403);
        ApiClient.Response saved = as("dash_designer").header("If-Match", etag).put("/api/dashboards/dash_board", BOARD);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(current.json().path("version").asInt() + 1);
        ApiClient.Response stale = as("dash_designer").header("If-Match", etag).put("/api/dashboards/dash_board", BOARD);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asInt()).isEqualTo(saved.json().path("version").asInt());
        ApiClient.Response invalid = as("dash_designer").put("/api/dashboards/other_board",
                BOARD.replace("dash_board", "other_board").replace("\"number\"", "\"pie\""));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("$.widgets[0].type");
        assertThat(as("dash_designer").get("/api/dashboards/other_board").status()).isEqualTo(404);
    }

    @Test
    void badQueriesAndDefinitionsAreAClear4xxNeverA500() {
        List<String> queries = List.of(
                "{}",
                "{\"form\":\"dash_deal\",\"measures\":[{\"function\":\"median\",\"field\":\"amount\"}]}",
                "{\"form\":\"dash_deal\",\"measures\":[null],\"groupBy\":[null]}",
                "{\"form\":\"dash_deal\",\"groupBy\":[\"name\",\"amount\",\"owner\"]}",
                "{\"form\":\"dash_deal\",\"period\":{\"field\":\"name\",\"unit\":\"month\"}}",
                "{\"form\":\"dash_deal\",\"period\":{\"field\":\"created_at\",\"unit\":\"fortnight\"}}",
                "{\"form\":\"dash_deal\",\"filters\":[{\"field\":\"amount\",\"operator\":\"gt\",\"values\":[null]}]}",
                "{\"form\":\"dash_deal\",\"filters\":[{\"field\":\"owner.region\",\"operator\":\"lt\",\"values\":[\"x\"]}]}",
                "{\"form\":\"dash_deal\",\"filters\":[{\"field\":\"created_at\",\"operator\":\"ge\",\"values\":[\"@tomorrow\"]}]}",
                "{\"form\":\"no_such_form\"}",
                "[1,2]");
        for (String query : queries) {
            ApiClient.Response response = as("dash_mgr").send("POST", "/api/aggregates", "application/json",
                    query.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(response.status()).as(query + " -> " + response).isBetween(400, 499);
            assertThat(response.json().path("errors").isArray()).as(query).isTrue();
        }
        ApiClient.Response period = as("dash_mgr").get("/api/dashboards/dash_board/data?period=decade");
        assertThat(period.status()).isEqualTo(422);
        assertThat(period.json().path("errors").get(0).path("field").asText()).isEqualTo("period");
        ApiClient.Response nullWidget = as("dash_designer").put("/api/dashboards/null_board",
                "{\"title\":{\"en\":\"x\"},\"widgets\":[null,{\"key\":\"a\"}]}");
        assertThat(nullWidget.status()).as(nullWidget.toString()).isEqualTo(422);
    }

    private ApiClient as(String user) {
        return ApiClient.as(port, user, PASSWORD);
    }

    private static JsonNode widget(JsonNode data, String key) {
        for (JsonNode widget : data.path("widgets")) {
            if (widget.path("key").asText().equals(key)) {
                return widget;
            }
        }
        throw new AssertionError("no widget " + key + " in " + data);
    }

    private static BigDecimal value(JsonNode data, String key) {
        return widget(data, key).path("result").path("rows").get(0).path("values").get(0).decimalValue();
    }

    private UserAccount user(String name, Long managerId, String role) {
        return users.create(new NewUser(name, passwords.encode(PASSWORD), name, null, "en", "Asia/Shanghai",
                managerId, "t1", "east", Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));
    }
}
