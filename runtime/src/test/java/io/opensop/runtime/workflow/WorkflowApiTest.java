package io.opensop.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.api.MockMvcApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/** Import + deploy a model, start it for a record, list the task and complete it, all over REST. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:workflow_api;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class WorkflowApiTest extends MockMvcApiTest {

    private static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://opensop.io/test">
              <bpmn:process id="quote_approval" name="Quote approval" isExecutable="true">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
                <bpmn:userTask id="approve" name="Approve quote" camunda:candidateGroups="manager" camunda:formKey="quote"/>
                <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
                <bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    FormService forms;
    @Autowired
    RecordService records;

    @Test
    void anAdminImportsAndDeploysAModelAndAManagerCompletesTheTaskItStartedForARecord() throws Exception {
        user("boss", Actor.ADMIN);
        user("rep", "sales");
        user("mia", "manager");
        forms.create(Actor.system(), FormJson.read("""
                {"key":"quote","app":"crm","label":{"en":"Quote"},"titleField":"title",
                 "fields":[{"key":"title","type":"text","label":{"en":"Title"},"required":true},
                           {"key":"approved","type":"boolean","label":{"en":"Approved"}}]}
                """));
        forms.publish(Actor.system(), "quote", false);
        FormRecord quote = records.create(Actor.system(), "quote", Map.of("title", "Q-1"));

        mvc.perform(post("/api/processes").with(httpBasic("rep", "secret-rep"))
                        .contentType(MediaType.APPLICATION_XML).content(MODEL))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/processes?deploy=true").with(httpBasic("boss", "secret-boss"))
                        .contentType(MediaType.APPLICATION_XML).content(MODEL))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.key").value("quote_approval"))
                .andExpect(jsonPath("$.version.deployed").value(true));
        mvc.perform(get("/api/processes").with(httpBasic("boss", "secret-boss")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].key").value("quote_approval"))
                .andExpect(jsonPath("$[0].publishedVersion").value(1));
        byte[] exported = mvc.perform(get("/api/processes/quote_approval/xml").with(httpBasic("boss", "secret-boss")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(exported, StandardCharsets.UTF_8)).isEqualTo(MODEL);

        mvc.perform(post("/api/processes/quote_approval/start").with(httpBasic("rep", "secret-rep"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"formKey\":\"quote\",\"recordId\":" + quote.id() + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ended").value(false));

        mvc.perform(get("/api/tasks").with(httpBasic("rep", "secret-rep")))
                .andExpect(status().isOk()).andExpect(content().json("[]"));
        JsonNode tasks = json.readTree(mvc.perform(get("/api/tasks").with(httpBasic("mia", "secret-mia")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(tasks).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        assertThat(tasks.get(0).get("recordId").asLong()).isEqualTo(quote.id());

        mvc.perform(get("/api/tasks/" + taskId).with(httpBasic("mia", "secret-mia")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task.activityId").value("approve"))
                .andExpect(jsonPath("$.form.key").value("quote"))
                .andExpect(jsonPath("$.record.values.title").value("Q-1"))
                .andExpect(jsonPath("$.task.actions[?(@ == 'complete')]").exists());
        mvc.perform(get("/api/tasks/" + taskId).with(httpBasic("rep", "secret-rep")))
                .andExpect(status().isNotFound());

        mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic("mia", "secret-mia"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + quote.version() + ",\"values\":{\"title\":\"\"}}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic("mia", "secret-mia"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + quote.version() + ",\"values\":{\"approved\":true}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.approved").value(true));

        mvc.perform(get("/api/tasks").with(httpBasic("mia", "secret-mia")))
                .andExpect(status().isOk()).andExpect(content().json("[]"));
        assertThat(records.get(Actor.system(), "quote", quote.id()).values()).containsEntry("approved", true);
    }
}
