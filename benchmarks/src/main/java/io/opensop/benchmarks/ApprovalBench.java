package io.opensop.benchmarks;

import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowNames;
import io.opensop.engine.workflow.WorkflowService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

/**
 * A three-step approval (start, then the submitter's, the manager's and finance's task completed) through
 * our workflow API against the same deployed BPMN driven by the plain Camunda API, on the same process
 * engine and database, back to back. Our side does what the task inbox does: lists the actor's tasks, reads
 * the record's version and completes the task as a record save (permission checks, the task's form, a
 * revision when values change). The plain side starts by key with the same variables and completes each
 * task found by process instance. The records are created before timing, outside both measurements.
 */
final class ApprovalBench {

    private static final Actor ADMIN = EngineHarness.admin();
    private static final Actor REP = EngineHarness.user(11, "rep", "sales");
    private static final Actor MANAGER = EngineHarness.user(12, "mia", "manager");
    private static final Actor FINANCE = EngineHarness.user(13, "fin", "finance");

    private ApprovalBench() {
    }

    static void run(Db db, BenchConfig cfg, Results results) {
        try (WorkflowHarness h = new WorkflowHarness(db.dataSource)) {
            EngineServices engine = h.engine.engine;
            engine.forms().create(ADMIN, FormJson.read(FORM));
            engine.forms().publish(ADMIN, "approval_deal", false);
            ProcessModel model = h.workflow.models().importModel(ADMIN, null, BPMN.getBytes(StandardCharsets.UTF_8));
            h.workflow.models().publish(ADMIN, model.key());
            int warmup = cfg.smoke() ? 3 : 50;
            int measured = cfg.smoke() ? 5 : cfg.approvals();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 2 * (warmup + measured); i++) {
                ids.add(engine.records().create(REP, "approval_deal",
                        Map.of("name", "Deal " + i, "amount", new BigDecimal("1000.00"))).id());
            }
            WorkflowService workflow = h.workflow.workflow();
            RuntimeService runtime = h.camunda.getRuntimeService();
            TaskService tasks = h.camunda.getTaskService();
            int next = 0;
            for (int round = 0; round < 2; round++) {
                int count = round == 0 ? warmup : measured;
                long ours = 0;
                long plain = 0;
                for (int i = 0; i < count; i++) {
                    long recordId = ids.get(next++);
                    long t0 = System.nanoTime();
                    workflow.start(REP, "bench_approval", "approval_deal", recordId);
                    for (Actor actor : List.of(REP, MANAGER, FINANCE)) {
                        WorkTask task = workflow.tasks(actor).get(0);
                        long version = engine.records().get(actor, "approval_deal", recordId).version();
                        workflow.complete(actor, task.id(), version, Map.of());
                    }
                    long t1 = System.nanoTime();
                    long plainRecord = ids.get(next++);
                    Map<String, Object> variables = new HashMap<>();
                    variables.put(WorkflowNames.RECORD_ID, plainRecord);
                    variables.put(WorkflowNames.FORM_KEY, "approval_deal");
                    variables.put(WorkflowNames.SUBMITTER, REP.username());
                    variables.put(WorkflowNames.MODEL_KEY, "bench_approval");
                    String instance = runtime.startProcessInstanceByKey("bench_approval",
                            "approval_deal:" + plainRecord, variables).getId();
                    for (int step = 0; step < 3; step++) {
                        tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
                    }
                    long t2 = System.nanoTime();
                    ours += t1 - t0;
                    plain += t2 - t1;
                }
                if (round == 1) {
                    double oursPerSecond = count / (ours / 1e9);
                    double plainPerSecond = count / (plain / 1e9);
                    double ratio = oursPerSecond / plainPerSecond;
                    results.add("approval", "our workflow API: start + 3 completes", db.name, "1", oursPerSecond,
                            "approvals/s", String.format("%.1f ms each", ours / 1e6 / count));
                    results.add("approval", "plain Camunda API, same BPMN and engine", db.name, "1", plainPerSecond,
                            "approvals/s", String.format("%.1f ms each", plain / 1e6 / count));
                    results.add("approval", "ratio ours / plain Camunda", db.name, "1", ratio, "×", null);
                    results.goal("3-step approval ≥ 0.7× plain Camunda (" + db.name + ")",
                            String.format("%.2f×", ratio), ratio >= 0.7);
                }
            }
        }
    }

    private static final String FORM = """
            {"key":"approval_deal","app":"bench","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
             "fields":[
               {"key":"name","type":"text","label":{"en":"Name"},"required":true,"maxLength":100},
               {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"}
             ]}
            """;

    private static final String BPMN = BenchModels.userTasksInSequence("bench_approval", "Benchmark approval",
            "approval_deal", BenchModels.Step.assignedTo("submit", "Submit", "${submitter}"),
            BenchModels.Step.forGroup("manager", "Manager", "manager"),
            BenchModels.Step.forGroup("finance", "Finance", "finance"));
}
