package io.opensop.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import io.opensop.engine.workflow.approval.AssigneeSpec;
import io.opensop.runtime.api.MockMvcApiTest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/** Approval actions and stage moves over REST, on the application's own wiring. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:approval_api;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class ApprovalApiTest extends MockMvcApiTest {

    @Autowired
    FormService forms;
    @Autowired
    RecordService records;

    private String onlyTask(String name) throws Exception {
        JsonNode tasks = body(mvc.perform(get("/api/tasks").with(httpBasic(name, "secret-" + name)))
                .andExpect(status().isOk()));
        assertThat(tasks).as("tasks of " + name).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private org.springframework.test.web.servlet.ResultActions postJson(String path, String who, String content)
            throws Exception {
        return mvc.perform(post(path).with(httpBasic(who, "secret-" + who)).contentType(MediaType.APPLICATION_JSON)
                .content(content));
    }

    @Test
    void approversDecideTransferAndAddSignersAndStageMovesAreGatedOverRest() throws Exception {
        user("boss", Actor.ADMIN);
        user("rep", "sales");
        user("mia", "manager");
        user("max", "manager");
        user("fin", "finance");
        forms.create(Actor.system(), FormJson.read("""
                {"key":"order","app":"crm","label":{"en":"Order"},"titleField":"title",
                 "fields":[{"key":"title","type":"text","label":{"en":"Title"},"required":true},
                           {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"}],
                 "pipeline":{"stages":[
                   {"key":"draft","label":{"en":"Draft","zh-CN":"草稿"}},
                   {"key":"confirmed","label":{"en":"Confirmed","zh-CN":"已确认"},"gates":[
                     {"type":"required","field":"amount"},
                     {"type":"approval","process":"order_approval"}]}]}}
                """));
        forms.publish(Actor.system(), "order", false);
        String xml = ApprovalFlowBuilder.flow("order_approval", "order")
                .sequential("manager", AssigneeSpec.ofRole("manager"))
                .sequential("finance", AssigneeSpec.ofRole("finance")).onReject("submitter")
                .toBpmn();
        mvc.perform(post("/api/processes?deploy=true").with(httpBasic("boss", "secret-boss"))
                        .contentType(MediaType.APPLICATION_XML).content(xml))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version.deployed").value(true));
        mvc.perform(post("/api/forms/order/pipeline/process").with(httpBasic("boss", "secret-boss")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deployed").value(true));

        FormRecord order = records.create(Actor.system(), "order", Map.of("title", "O-1"));
        assertThat(order.stage()).isEqualTo("draft");
        postJson("/api/forms/order/records/" + order.id() + "/stage", "boss",
                "{\"version\":" + order.version() + ",\"stage\":\"confirmed\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].code").value("gate_unmet"))
                .andExpect(jsonPath("$.errors[1].field").value("approval_order_approval"));

        JsonNode started = body(postJson("/api/processes/order_approval/start", "rep",
                "{\"formKey\":\"order\",\"recordId\":" + order.id() + "}").andExpect(status().isCreated()));
        String instance = started.get("processInstanceId").asText();
        postJson("/api/tasks/" + onlyTask("rep") + "/complete", "rep",
                "{\"version\":" + order.version() + ",\"values\":{\"amount\":1200}}").andExpect(status().isOk());

        String managerTask = onlyTask("mia");
        postJson("/api/tasks/" + managerTask + "/add-signer", "mia",
                "{\"user\":\"max\",\"position\":\"before\",\"comment\":\"you know the customer\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("add_signer"));
        postJson("/api/tasks/" + onlyTask("max") + "/approve", "max", "{\"comment\":\"fine\"}")
                .andExpect(status().isOk());
        postJson("/api/tasks/" + managerTask + "/approve", "mia", "{}").andExpect(status().isOk());

        String financeTask = onlyTask("fin");
        postJson("/api/tasks/" + financeTask + "/reject", "fin", "{\"comment\":\"\"}")
                .andExpect(status().isUnprocessableEntity());
        postJson("/api/tasks/" + financeTask + "/transfer", "fin", "{\"to\":\"ghost\"}")
                .andExpect(status().isUnprocessableEntity());
        postJson("/api/processes/instances/" + instance + "/withdraw", "rep", "{\"reason\":\"oops\"}")
                .andExpect(status().isConflict());
        postJson("/api/tasks/" + financeTask + "/reject", "fin", "{\"comment\":\"wrong tax rate\"}")
                .andExpect(status().isOk());
        String resubmit = onlyTask("rep");
        postJson("/api/tasks/" + resubmit + "/complete", "rep",
                "{\"version\":" + records.get(Actor.system(), "order", order.id()).version() + ",\"values\":{}}")
                .andExpect(status().isOk());
        postJson("/api/tasks/" + onlyTask("mia") + "/approve", "mia", "{}").andExpect(status().isOk());
        postJson("/api/tasks/" + onlyTask("fin") + "/approve", "fin", "{\"comment\":\"ok\"}")
                .andExpect(status().isOk());

        JsonNode history = body(mvc.perform(get("/api/processes/instances/" + instance + "/approvals")
                .with(httpBasic("rep", "secret-rep"))).andExpect(status().isOk()));
        assertThat(history.findValuesAsText("kind")).containsExactly("add_signer", "approve", "approve", "reject",
                "approve", "approve");

        long version = records.get(Actor.system(), "order", order.id()).version();
        postJson("/api/forms/order/records/" + order.id() + "/stage", "boss",
                "{\"version\":" + version + ",\"stage\":\"confirmed\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("confirmed"));
        assertThat((BigDecimal) records.get(Actor.system(), "order", order.id()).values().get("amount"))
                .isEqualByComparingTo("1200");
    }
}
