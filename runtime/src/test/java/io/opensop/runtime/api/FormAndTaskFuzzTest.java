package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.ProcessModelService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Six thousand generated bad inputs ({@link BadInputs}, shared with {@link ApiFuzzTest}) against the
 * form-definition and task APIs: no 500; a refused request changes nothing (draft revision, published
 * version, the task still open, the record's version); and afterwards a process still starts and its
 * task still completes. Together with {@link ApiFuzzTest} that is sixteen thousand inputs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:fuzz_tasks;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class FormAndTaskFuzzTest {

    private static final int CASES = 6_000;
    private static final String FORM = "fz_quote";
    private static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://opensop.io/fuzz">
              <bpmn:process id="fz_approval" isExecutable="true">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
                <bpmn:userTask id="approve" name="Approve" camunda:candidateGroups="manager" camunda:formKey="fz_quote"/>
                <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
                <bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    FormService forms;
    @Autowired
    RecordService records;
    @Autowired
    ProcessModelService models;
    @Autowired
    ProcessEngine camunda;

    private final BadInputs bad = new BadInputs(20261126L);
    private long recordId;

    @Test
    void sixThousandBadFormAndTaskRequestsGetNo500ChangeNothingAndLeaveTheEngineWorking() {
        // Plain-text passwords keep thousands of sign-ins cheap; these users exist only in this database.
        users.create(new NewUser("fz_admin", "{noop}fuzz", "fz_admin", null, "en", "UTC", null, null, null,
                Set.of(Actor.ADMIN)));
        users.create(new NewUser("fz_manager", "{noop}fuzz", "fz_manager", null, "en", "UTC", null, null, null,
                Set.of("manager")));
        ApiClient admin = ApiClient.as(port, "fz_admin", "fuzz");
        ApiClient manager = ApiClient.as(port, "fz_manager", "fuzz");
        forms.create(Actor.system(), FormJson.read("""
                {"key":"fz_quote","label":{"en":"Quote"},"titleField":"title",
                 "fields":[{"key":"title","type":"text","label":{"en":"Title"},"required":true,"maxLength":80},
                           {"key":"amount","type":"money","label":{"en":"Amount"}},
                           {"key":"approved","type":"boolean","label":{"en":"Approved"}}]}
                """));
        forms.publish(Actor.system(), FORM, false);
        models.importModel(Actor.system(), "fz_approval", MODEL.getBytes(StandardCharsets.UTF_8));
        models.publish(Actor.system(), "fz_approval");
        recordId = records.create(Actor.system(), FORM, Map.of("title", "seed")).id();
        String taskId = startTask(manager);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int completed = 0;
        for (int i = 0; i < CASES; i++) {
            long draftRevision = forms.draft(Actor.system(), FORM).draftRevision();
            int publishedVersion = forms.current(FORM).orElseThrow().version();
            long recordVersion = records.get(Actor.system(), FORM, recordId).version();
            int kind = i % 6;
            String dryRun = bad.random().nextBoolean() ? "true" : BadInputs.encode(bad.nasty());
            ApiClient.Response response = switch (kind) {
                case 0 -> admin.header("If-Match", bad.random().nextBoolean() ? "\"" + draftRevision + "\""
                                : String.valueOf(bad.nasty()).replaceAll("[^\\x20-\\x7e]", ""))
                        .send("PUT", "/api/forms/" + FORM, "application/json", bad.body(bad::formDefinition, "fields"));
                case 1 -> admin.send("POST", "/api/forms/" + (bad.random().nextInt(3) == 0
                        ? BadInputs.encode(bad.nasty()) : FORM) + "/publish?dryRun=" + dryRun, "application/json",
                        new byte[0]);
                case 2 -> admin.get("/api/forms/" + BadInputs.encode(bad.nasty()) + bad.oneOf(List.of("", "/versions",
                        "/versions/" + BadInputs.encode(bad.nasty()))));
                case 3 -> manager.send("POST", "/api/tasks/" + someTask(taskId) + "/complete", "application/json",
                        bad.body(() -> completion(recordVersion), "values"));
                case 4 -> manager.send("POST", "/api/tasks/" + someTask(taskId) + bad.oneOf(List.of("/return", "/claim")),
                        "application/json", bad.body(() -> Map.of("target", bad.nasty(), "reason", bad.nasty()),
                                "reason"));
                default -> bad.random().nextBoolean() ? manager.get("/api/tasks/" + someTask(taskId))
                        : manager.send("POST", "/api/processes/" + (bad.random().nextBoolean() ? "fz_approval"
                                : BadInputs.encode(bad.nasty())) + "/start", "application/json",
                        bad.body(() -> Map.of("formKey", bad.nasty(), "recordId", bad.nasty()), "formKey"));
            };
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() >= 500 && failures.size() < 5) {
                failures.add(i + ": " + response.text());
            }
            boolean refused = response.status() >= 400;
            if (kind == 0 && refused) {
                assertThat(forms.draft(Actor.system(), FORM).draftRevision()).as("refused draft edit " + i)
                        .isEqualTo(draftRevision);
            }
            if (kind == 1) {
                // a 200 may be a real publish: Spring reads "", "0", "no" and "off" as dryRun=false
                assertThat(forms.current(FORM).orElseThrow().version()).as("publish " + i)
                        .isBetween(publishedVersion, refused ? publishedVersion : publishedVersion + 1);
            }
            if (kind >= 3 && refused) {
                assertThat(records.get(Actor.system(), FORM, recordId).version()).as("refused task input " + i)
                        .isEqualTo(recordVersion);
                assertThat(camunda.getTaskService().createTaskQuery().taskId(taskId).count())
                        .as("the task is still open after refused input " + i).isEqualTo(1);
            }
            if (kind == 3 && response.status() == 200) {
                completed++;
                taskId = startTask(manager);
            }
        }

        assertThat(failures).as("responses with status >= 500, statuses " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("mostly refused, all with a 4xx").allMatch(s -> s < 500);
        assertThat(camunda.getHistoryService().createHistoricTaskInstanceQuery().finished()
                .taskDeleteReason("completed").count()).as("only the 200 completions completed a task")
                .isEqualTo(completed);

        String last = startTask(manager);
        long version = records.get(Actor.system(), FORM, recordId).version();
        ApiClient.Response done = manager.post("/api/tasks/" + last + "/complete",
                Map.of("version", version, "values", Map.of("approved", true, "title", "after the storm")));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(records.get(Actor.system(), FORM, recordId).values()).containsEntry("title", "after the storm");
        assertThat(ApiClient.anonymous(port).get("/actuator/health/readiness").text()).contains("UP");
    }

    /** A new instance of the process for the record (through the API) and the id of its task. */
    private String startTask(ApiClient manager) {
        camunda.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(FORM + ":" + recordId)
                .list().forEach(p -> camunda.getRuntimeService().deleteProcessInstance(p.getId(), "fuzz: next round"));
        ApiClient.Response started = manager.post("/api/processes/fz_approval/start",
                Map.of("formKey", FORM, "recordId", recordId));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return camunda.getTaskService().createTaskQuery().processInstanceId(started.json().get("processInstanceId")
                .asText()).singleResult().getId();
    }

    private String someTask(String taskId) {
        return bad.random().nextInt(4) == 0 ? BadInputs.encode(bad.nasty()) : taskId;
    }

    /** Mostly the right version with hostile values, unknown keys and system columns (mass assignment). */
    private Object completion(long recordVersion) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> keys = List.of("title", "amount", "approved", "id", "row_version", "owner_id", "created_by",
                "stage", "c_title", "title\"; --", "__proto__", "");
        for (int k = 1 + bad.random().nextInt(3); k > 0; k--) {
            values.put(bad.oneOf(keys), bad.nasty());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("values", bad.random().nextInt(8) == 0 ? bad.nasty() : values);
        body.put("version", bad.random().nextInt(4) == 0 ? bad.nasty() : recordVersion);
        return body;
    }
}
