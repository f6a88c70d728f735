package io.opensop.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.MutableClock;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.HttpApiTest;
import io.opensop.runtime.api.TestUsers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * {@code GET /api/audit/midnight-resign} over real HTTP: who may run it, what its parameters change,
 * and that a malformed parameter is a 400 naming it. A contract is signed on 2026-11-10 at 23:59 in
 * Shanghai, withdrawn at 00:01 and re-signed at 00:02 the next day (the clock is the test's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:midnight_resign_api;DB_CLOSE_DELAY=-1",
        "server.address=127.0.0.1"})
class MidnightResignApiTest extends HttpApiTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-10T01:00:00Z"), SHANGHAI);
    private static final String REPORT = "/api/audit/midnight-resign?form=mr_contract&field=signed_on"
            + "&from=2026-11-01&to=2026-11-30&zone=Asia/Shanghai";

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private static long contract;

    @BeforeEach
    void aContractReSignedAcrossMidnight() {
        if (users.byUsername("mr_rep").isPresent()) {
            return;
        }
        TestUsers.create(users, passwords, "mr_admin", TestUsers.PASSWORD, "admin");
        TestUsers.create(users, passwords, "mr_director", TestUsers.PASSWORD, "sales_director");
        TestUsers.create(users, passwords, "mr_finance", TestUsers.PASSWORD, "finance");
        TestUsers.create(users, passwords, "mr_legal", TestUsers.PASSWORD, "legal");
        TestUsers.create(users, passwords, "mr_manager", TestUsers.PASSWORD, "sales_manager");
        TestUsers.create(users, passwords, "mr_rep", TestUsers.PASSWORD, "sales_rep");
        forms.create(Actor.system(), FormJson.read("""
                {"key":"mr_contract","app":"mr","label":{"en":"Contract","zh-CN":"合同"},"titleField":"title",
                 "fields":[{"key":"title","type":"text","label":{"en":"Title"}},
                           {"key":"signed_on","type":"date","label":{"en":"Signed on"}},
                           {"key":"internal_on","type":"date","label":{"en":"Internal date"}}],
                 "access":{"rowScopes":{"sales_rep":"own","sales_manager":"team","sales_director":"all",
                                        "finance":"all","legal":"all"},
                           "fields":{"finance":{"internal_on":"hidden"}}}}
                """));
        forms.publish(Actor.system(), "mr_contract", false);
        Actor rep = new Actor(users.byUsername("mr_rep").orElseThrow().id(), "mr_rep",
                java.util.Set.of("sales_rep"), Locale.ENGLISH, SHANGHAI);
        at("2026-11-10T23:59");
        FormRecord signed = records.create(rep, "mr_contract",
                Map.of("title", "跨夜合同", "signed_on", "2026-11-10", "internal_on", "2026-11-10"));
        at("2026-11-11T00:01");
        Map<String, Object> withdrawn = new HashMap<>();
        withdrawn.put("signed_on", null);
        withdrawn.put("internal_on", null);
        FormRecord cleared = records.update(rep, "mr_contract", signed.id(), signed.version(), withdrawn);
        at("2026-11-11T00:02");
        records.update(rep, "mr_contract", signed.id(), cleared.version(),
                Map.of("signed_on", "2026-11-11", "internal_on", "2026-11-11"));
        contract = signed.id();
    }

    private static void at(String shanghaiLocal) {
        CLOCK.set(LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant());
    }

    private ApiClient as(String user) {
        return ApiClient.as(port, user, TestUsers.PASSWORD).header("Accept-Language", "en");
    }

    @Test
    void adminsDirectorsFinanceAndLegalGetTheContractSignedBeforeAndAfterMidnight() {
        for (String auditor : new String[] {"mr_admin", "mr_director", "mr_finance", "mr_legal"}) {
            ApiClient.Response response = as(auditor).get(REPORT);

            assertThat(response.status()).as(auditor + ": " + response).isEqualTo(200);
            assertThat(response.json()).as(auditor).singleElement().satisfies(finding -> {
                assertThat(finding.path("recordId").asLong()).isEqualTo(contract);
                assertThat(finding.path("title").asText()).isEqualTo("跨夜合同");
                assertThat(finding.path("signedValue").asText()).isEqualTo("2026-11-10");
                assertThat(finding.path("resignedValue").asText()).isEqualTo("2026-11-11");
                assertThat(finding.path("signedBy").asText()).isEqualTo("mr_rep");
                assertThat(finding.path("signedAt").asText()).startsWith("2026-11-10T23:59").endsWith("+08:00");
                assertThat(finding.path("resignedAt").asText()).startsWith("2026-11-11T00:02");
                assertThat(finding.path("minutesApart").asLong()).isEqualTo(3);
            });
        }
    }

    @Test
    void theRepsAndManagersWhoseSigningItAuditsAreRefused() {
        for (String audited : new String[] {"mr_rep", "mr_manager"}) {
            ApiClient.Response response = as(audited).get(REPORT);

            assertThat(response.status()).as(audited + ": " + response).isEqualTo(403);
            assertThat(response.json().path("errors").get(0).path("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void theWindowTheZoneAndTheDateRangeDecideWhatIsFound() {
        ApiClient finance = as("mr_finance");

        assertThat(finance.get(REPORT + "&window=PT3M").json()).hasSize(1);
        assertThat(finance.get(REPORT + "&window=PT2M").json()).isEmpty();
        // 23:59 and 00:02 in Shanghai are 15:59 and 16:02 on one day in UTC
        assertThat(finance.get(REPORT.replace("zone=Asia/Shanghai", "zone=UTC")).json()).isEmpty();
        assertThat(finance.get(REPORT.replace("from=2026-11-01", "from=2026-11-11")).json()).isEmpty();
        // without a zone the caller's is used (the test users live in Shanghai)
        assertThat(finance.get(REPORT.replace("&zone=Asia/Shanghai", "")).json()).hasSize(1);
    }

    @Test
    void aMalformedOrMissingParameterIsA400NamingIt() {
        ApiClient finance = as("mr_finance");
        Map<String, String> bad = Map.of(
                "from", REPORT.replace("from=2026-11-01", "from=2026-13-01"),
                "to", REPORT.replace("&to=2026-11-30", ""),
                "window", REPORT + "&window=half-an-hour",
                "zone", REPORT.replace("zone=Asia/Shanghai", "zone=Mars/Olympus"));

        bad.forEach((parameter, url) -> {
            ApiClient.Response response = finance.get(url);
            assertThat(response.status()).as(parameter + ": " + response).isEqualTo(400);
            JsonNode error = response.json().path("errors").get(0);
            assertThat(error.path("field").asText()).as(parameter).isEqualTo(parameter);
            assertThat(error.path("code").asText()).isEqualTo("invalid_value");
        });
    }

    @Test
    void aHiddenOrUnknownFieldAndAnOversizedWindowAre422sNamingThem() {
        ApiClient.Response hidden = as("mr_finance").get(REPORT.replace("field=signed_on", "field=internal_on"));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(422);
        assertThat(hidden.json().path("errors").get(0).path("field").asText()).isEqualTo("field");
        assertThat(as("mr_legal").get(REPORT.replace("field=signed_on", "field=internal_on")).json()).hasSize(1);

        ApiClient.Response tooLong = as("mr_finance").get(REPORT + "&window=P2D");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("errors").get(0).path("field").asText()).isEqualTo("window");
    }
}
