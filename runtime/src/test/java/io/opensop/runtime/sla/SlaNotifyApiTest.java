package io.opensop.runtime.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.api.MockMvcApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/** Camunda Forms import, calendars, the inbox and preferences over REST. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:sla_api;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class SlaNotifyApiTest extends MockMvcApiTest {

    @Autowired
    RecordService records;
    @Autowired
    NotificationService notifications;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SlaNotifyApiTest.class.getResourceAsStream("/camunda-forms/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCamundaProcessApplicationIsImportedRunAndItsTaskFormValidatedByTheServer() throws Exception {
        user("boss", Actor.ADMIN);
        user("rep", "sales");
        user("mia", "manager");
        MockMultipartFile bpmn = new MockMultipartFile("bpmn", "purchase.bpmn", "application/xml",
                resource("purchase.bpmn"));
        MockMultipartFile request = new MockMultipartFile("forms", "request.form", "application/json",
                resource("request.form"));
        MockMultipartFile approve = new MockMultipartFile("forms", "approve.form", "application/json",
                resource("approve.form"));
        mvc.perform(multipart("/api/processes/import-camunda").file(bpmn).file(request).file(approve)
                        .with(httpBasic("rep", "secret-rep")))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/processes/import-camunda").file(bpmn).file(request).file(approve)
                        .with(httpBasic("boss", "secret-boss")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.formKey").value("purchase_request"))
                .andExpect(jsonPath("$.processKey").value("purchase_request"))
                .andExpect(jsonPath("$.sections[1]").value("approve"));

        FormRecord purchase = records.create(Actor.system(), "purchase_request",
                Map.of("item", "Laptop", "amount", 1200));
        mvc.perform(post("/api/processes/purchase_request/start").with(httpBasic("rep", "secret-rep"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"formKey\":\"purchase_request\",\"recordId\":" + purchase.id() + "}"))
                .andExpect(status().isCreated());
        JsonNode tasks = json.readTree(mvc.perform(get("/api/tasks").with(httpBasic("mia", "secret-mia")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(tasks).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        assertThat(tasks.get(0).get("formKey").asText()).isEqualTo("purchase_request#approve");

        mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic("mia", "secret-mia"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + purchase.version() + ",\"values\":{\"comment\":\"ok\"}}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[?(@.field == 'decision')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'comment')]").exists());
        assertThat(json.readTree(mvc.perform(get("/api/tasks").with(httpBasic("mia", "secret-mia")))
                .andReturn().getResponse().getContentAsString())).hasSize(1);
        mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic("mia", "secret-mia"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + purchase.version()
                                + ",\"values\":{\"decision\":\"approve\",\"comment\":\"within budget\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.decision").value("approve"));
    }

    @Test
    void adminsKeepTheWorkingDayCalendarAndEveryoneReadsIt() throws Exception {
        user("boss", Actor.ADMIN);
        user("rep", "sales");
        String body = """
                {"zone":"Asia/Shanghai","weekend":["SATURDAY","SUNDAY"],
                 "holidays":{"2026-10-01":"国庆","2026-10-02":"国庆"},"extraWorkingDays":{"2026-09-27":"调休"}}
                """;
        mvc.perform(put("/api/calendars/default").with(httpBasic("rep", "secret-rep"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/calendars/default").with(httpBasic("boss", "secret-boss"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays['2026-10-01']").value("国庆"));
        mvc.perform(get("/api/calendars/default").with(httpBasic("rep", "secret-rep")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.extraWorkingDays['2026-09-27']").value("调休"))
                .andExpect(jsonPath("$.weekend[0]").value("SATURDAY"));
        mvc.perform(put("/api/calendars/default").with(httpBasic("boss", "secret-boss"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"zone\":\"Mars/Olympus\"}"))
                .andExpect(status().isUnprocessableEntity());
    }

    @Test
    void theInboxListsMarksReadAndKeepsPreferences() throws Exception {
        user("ina", "sales");
        user("other", "sales");
        notifications.notify(Set.of("ina"), "test", null, null, locale -> new String[] {"Hello " + locale, "Body"});
        notifications.notify(Set.of("ina"), "test", null, null, locale -> new String[] {"Again", "Body"});
        JsonNode inbox = json.readTree(mvc.perform(get("/api/notifications").with(httpBasic("ina", "secret-ina")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(inbox).hasSize(2);
        assertThat(inbox.get(1).get("title").asText()).isEqualTo("Hello " + Locale.ENGLISH);
        long id = inbox.get(0).get("id").asLong();
        mvc.perform(get("/api/notifications/unread-count").with(httpBasic("ina", "secret-ina")))
                .andExpect(jsonPath("$.count").value(2));
        mvc.perform(post("/api/notifications/" + id + "/read").with(httpBasic("other", "secret-other")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/notifications/" + id + "/read").with(httpBasic("ina", "secret-ina")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.readAt").isNotEmpty());
        mvc.perform(get("/api/notifications?unread=true").with(httpBasic("ina", "secret-ina")))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(post("/api/notifications/read-all").with(httpBasic("ina", "secret-ina")))
                .andExpect(jsonPath("$.updated").value(1));
        mvc.perform(put("/api/notifications/preferences").with(httpBasic("ina", "secret-ina"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.email").value(false))
                .andExpect(jsonPath("$.inbox").value(true));
        mvc.perform(put("/api/notifications/preferences").with(httpBasic("ina", "secret-ina"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"carrier-pigeon\":true}"))
                .andExpect(status().isUnprocessableEntity());
        mvc.perform(get("/api/notifications/endpoints").with(httpBasic("ina", "secret-ina")))
                .andExpect(status().isForbidden());
    }
}
