package io.opensop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.api.TestUsers;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * What the application refuses to expose, whatever the data: Camunda's REST API and web apps,
 * Java-serialized variables, default accounts, and responses without the security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:hardening;DB_CLOSE_DELAY=-1")
class HardeningTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine camunda;
    @Autowired
    UserDirectory users;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void withoutTheDemoProfileThereIsNoAccountAndSoNoDefaultPassword() {
        assertThat(users.byUsername("admin")).isEmpty();
        assertThat(users.all()).extracting(u -> u.username()).doesNotContain("admin", "designer", "rep1");
        assertThat(ApiClient.as(port, "admin", "demo").get("/api/forms").status()).isEqualTo(401);
    }

    @Test
    void camundaKeepsJavaSerializationOffAndItsRestApiAndWebAppsAreNotThere() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) camunda.getProcessEngineConfiguration();
        assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
        for (String absent : List.of("org.camunda.bpm.engine.rest.impl.CamundaRestResources",
                "org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig",
                "org.camunda.bpm.webapp.impl.security.auth.AuthenticationFilter")) {
            assertThatThrownBy(() -> Class.forName(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
        TestUsers.create(users, passwords, "hardening_admin", TestUsers.PASSWORD, "admin");
        ApiClient admin = ApiClient.as(port, "hardening_admin", TestUsers.PASSWORD);
        for (String path : List.of("/engine-rest/engine", "/engine-rest/process-definition", "/camunda/app/welcome/",
                "/api/engine-rest/deployment")) {
            ApiClient.Response response = admin.get(path);
            // whatever answers (the login redirect, our 404, the app's own page), it is not Camunda's JSON
            if (response.json() != null) {
                assertThat(response.json().has("errors")).as(path + ": " + response).isTrue();
            }
            assertThat(response.text()).as(path).doesNotContain("processDefinition", "deploymentTime",
                    "\"name\":\"default\"", "Camunda");
        }
    }

    @Test
    void aWriteRidingOnASessionCookieNeedsTheCsrfTokenWhileScriptsWithBasicCredentialsDoNot() {
        TestUsers.create(users, passwords, "hardening_designer", TestUsers.PASSWORD, "designer");
        ApiClient.Response forged = ApiClient.anonymous(port).header("Cookie", "JSESSIONID=stolen-or-not")
                .post("/api/forms", Map.of("key", "csrf_probe"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("errors").findValuesAsText("code")).containsExactly("forbidden");

        ApiClient.Response script = ApiClient.as(port, "hardening_designer", TestUsers.PASSWORD)
                .header("Cookie", "JSESSIONID=whatever").post("/api/forms", Map.of("key", "csrf_probe"));
        assertThat(script.status()).as("checked as a request, not refused as a forgery").isEqualTo(422);
    }

    @Test
    void fiveWrongPasswordsLockTheNameSoEvenTheRightPasswordIsRefusedForAWhile() {
        TestUsers.create(users, passwords, "hardening_target", TestUsers.PASSWORD, "sales_rep");
        assertThat(ApiClient.as(port, "hardening_target", TestUsers.PASSWORD).get("/api/forms").status())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(ApiClient.as(port, "hardening_target", "guess-" + i).get("/api/forms").status())
                    .isEqualTo(401);
        }
        assertThat(ApiClient.as(port, "hardening_target", TestUsers.PASSWORD).get("/api/forms").status())
                .isEqualTo(401);
    }

    @Test
    void apiResponsesAndTheLoginPageCarryTheSecurityHeaders() {
        TestUsers.create(users, passwords, "hardening_rep", TestUsers.PASSWORD, "sales_rep");
        List<ApiClient.Response> responses = List.of(
                ApiClient.as(port, "hardening_rep", TestUsers.PASSWORD).get("/api/forms"),
                ApiClient.anonymous(port).get("/api/forms"),
                ApiClient.anonymous(port).get("/login"));
        assertThat(responses).extracting(ApiClient.Response::status).containsExactly(200, 401, 200);
        for (ApiClient.Response response : responses) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
            assertThat(response.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .contains("frame-ancestors 'self'", "object-src 'none'");
        }
    }
}
