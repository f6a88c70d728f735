package io.opensop.engine.workflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordChanged;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessVersion;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import io.opensop.engine.workflow.approval.AssigneeSpec;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stage moves through RecordService, checked against the pipeline's gates; on every supported database. */
abstract class PipelineContract {

    static final String DEAL = """
            {"key":"deal","app":"crm","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
             "fields":[
               {"key":"name","type":"text","label":{"en":"Name"},"required":true},
               {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"},
               {"key":"contract_file","type":"attachment","label":{"en":"Contract"}}
             ],
             "pipeline":{"stages":[
               {"key":"lead","label":{"en":"Lead","zh-CN":"线索"}},
               {"key":"quote","label":{"en":"Quote","zh-CN":"报价"},
                "gates":[{"type":"required","field":"amount"}], "sla":{"dwell":"P3D","escalateTo":"manager"}},
               {"key":"contract","label":{"en":"Contract","zh-CN":"合同"},"gates":[
                 {"type":"rule","key":"big_enough","formula":"amount >= 1000","field":"amount"},
                 {"type":"attachment","field":"contract_file"},
                 {"type":"approval","process":"deal_approval"}]},
               {"key":"won","label":{"en":"Won","zh-CN":"赢单"}}
             ]}}
            """;

    private final Actor admin = EngineHarness.admin();
    private final Actor rep = EngineHarness.user(11, "rep", "sales");
    private final Actor boss = EngineHarness.user(12, "boss", "manager");

    private HikariDataSource dataSource;
    private WorkflowHarness harness;
    private EngineServices engine;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void start() {
        dataSource = newDatabase();
        harness = new WorkflowHarness(dataSource);
        engine = harness.engine.engine;
        engine.forms().create(admin, FormJson.read(DEAL));
        engine.forms().publish(admin, "deal", false);
    }

    @AfterEach
    void stop() {
        harness.close();
        dataSource.close();
    }

    private FormRecord deal(Map<String, Object> values) {
        return engine.records().create(rep, "deal", values);
    }

    private FormRecord move(FormRecord record, String stage) {
        long version = engine.records().get(admin, "deal", record.id()).version();
        return engine.records().moveStage(rep, "deal", record.id(), version, stage);
    }

    private List<Problem> refusal(FormRecord record, String stage) {
        try {
            move(record, stage);
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("the move to " + stage + " was accepted");
    }

    private AttachmentRef upload() {
        return engine.attachments().store("rep", "contract.txt", "text/plain",
                new ByteArrayInputStream("signed".getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    private void approve(FormRecord deal) {
        WorkflowService workflow = harness.workflow.workflow();
        workflow.start(rep, "deal_approval", "deal", deal.id());
        WorkTask submit = workflow.tasks(rep).get(0);
        workflow.complete(rep, submit.id(), engine.records().get(admin, "deal", deal.id()).version(), Map.of());
        workflow.approve(boss, workflow.tasks(boss).get(0).id(), "ok");
    }

    private void publishApprovalFlow() {
        String xml = ApprovalFlowBuilder.flow("deal_approval", "deal")
                .sequential("manager", AssigneeSpec.ofRole("manager")).toBpmn();
        ProcessModel model = harness.workflow.models().importModel(admin, null, xml.getBytes(StandardCharsets.UTF_8));
        harness.workflow.models().publish(admin, model.key());
    }

    @Test
    void aNewRecordStartsInThePipelinesFirstStage() {
        assertThat(deal(Map.of("name", "ACME")).stage()).isEqualTo("lead");
    }

    @Test
    void aRequiredFieldGateRefusesTheMoveUntilTheFieldIsFilledIn() {
        FormRecord deal = deal(Map.of("name", "ACME"));
        assertThat(refusal(deal, "quote")).extracting(Problem::field, Problem::code, Problem::args)
                .containsExactly(tuple("amount", "gate_unmet", List.of("quote", "required_amount", "required")));

        engine.records().update(rep, "deal", deal.id(), deal.version(), Map.of("amount", new BigDecimal("500")));
        FormRecord moved = move(deal, "quote");

        assertThat(moved.stage()).isEqualTo("quote");
        assertThat(engine.records().get(admin, "deal", deal.id()).stage()).isEqualTo("quote");
        List<Revision> history = engine.records().history(admin, "deal", deal.id());
        Revision last = history.stream().filter(r -> r.recordVersion() == moved.version()).findFirst().orElseThrow();
        assertThat(last.action()).isEqualTo(Revision.STAGE);
        assertThat(last.changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("stage");
            assertThat(c.oldValue()).isEqualTo("lead");
            assertThat(c.newValue()).isEqualTo("quote");
        });
        assertThat(harness.engine.events).contains(new RecordChanged("deal", deal.id(), moved.version(),
                Revision.STAGE, java.util.Set.of("stage"), "rep"));
    }

    @Test
    void everyUnmetGateOfTheTargetStageIsListedWithAMessageInEnglishAndChinese() {
        FormRecord deal = deal(Map.of("name", "ACME", "amount", new BigDecimal("500")));
        move(deal, "quote");

        List<Problem> problems = refusal(deal, "contract");

        assertThat(problems).extracting(Problem::field, Problem::code).containsExactly(
                tuple("amount", "gate_unmet"), tuple("contract_file", "gate_unmet"),
                tuple("approval_deal_approval", "gate_unmet"));
        assertThat(EngineMessages.render(problems.get(0), Locale.ENGLISH))
                .isEqualTo("cannot enter stage \"contract\": gate \"big_enough\" (rule) is not met");
        assertThat(EngineMessages.render(problems.get(0), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("无法进入阶段“contract”：条件“big_enough”（rule）未满足");
        assertThat(engine.records().get(admin, "deal", deal.id()).stage()).isEqualTo("quote");
    }

    @Test
    void aFormulaAnAttachmentAndAPassedApprovalTogetherOpenTheGate() {
        publishApprovalFlow();
        FormRecord deal = deal(Map.of("name", "ACME", "amount", new BigDecimal("500")));
        move(deal, "quote");
        FormRecord current = engine.records().get(admin, "deal", deal.id());
        engine.records().update(rep, "deal", deal.id(), current.version(), Map.of("amount", new BigDecimal("5000"),
                "contract_file", List.of(upload().id())));
        assertThat(refusal(deal, "contract")).extracting(Problem::field)
                .containsExactly("approval_deal_approval");

        approve(deal);

        assertThat(move(deal, "contract").stage()).isEqualTo("contract");
    }

    @Test
    void aRejectedApprovalDoesNotPassTheApprovalGate() {
        publishApprovalFlow();
        FormRecord deal = deal(Map.of("name", "ACME", "amount", new BigDecimal("5000"),
                "contract_file", List.of(upload().id())));
        move(deal, "quote");
        WorkflowService workflow = harness.workflow.workflow();
        workflow.start(rep, "deal_approval", "deal", deal.id());
        workflow.complete(rep, workflow.tasks(rep).get(0).id(),
                engine.records().get(admin, "deal", deal.id()).version(), Map.of());
        workflow.reject(boss, workflow.tasks(boss).get(0).id(), "no", null);

        assertThat(refusal(deal, "contract")).extracting(Problem::field, Problem::code)
                .containsExactly(tuple("approval_deal_approval", "gate_unmet"));
    }

    @Test
    void movesGoOneStageForwardOrBackToAnyEarlierStageButNeverSkipAhead() {
        FormRecord deal = deal(Map.of("name", "ACME", "amount", new BigDecimal("500")));
        assertThat(refusal(deal, "won")).extracting(Problem::field, Problem::code, Problem::args)
                .containsExactly(tuple("stage", "stage_skipped", List.of("lead", "won", "quote")));
        assertThat(refusal(deal, "lead")).extracting(Problem::code).containsExactly("stage_unchanged");
        assertThat(refusal(deal, "lost")).extracting(Problem::code).containsExactly("unknown_stage");
        move(deal, "quote");
        assertThat(move(deal, "lead").stage()).isEqualTo("lead");
        long stale = engine.records().get(admin, "deal", deal.id()).version() - 1;
        assertThatThrownBy(() -> engine.records().moveStage(rep, "deal", deal.id(), stale, "quote"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void theGeneratedPipelineProcessDeploysAndItsInstanceFollowsTheRecordsStage() {
        ProcessVersion version = harness.workflow.pipelines().publishProcess(admin, "deal");
        assertThat(version.deployed()).isTrue();
        assertThat(version.processKeys()).containsExactly("deal_pipeline");
        String xml = harness.workflow.models().xml(admin, "deal_pipeline", 1);
        assertThat(xml).contains("stage_quote", "BPMNShape", "opensop.sla", "P3D");

        FormRecord deal = deal(Map.of("name", "ACME", "amount", new BigDecimal("500")));
        assertThat(activeStages(deal)).containsExactly("stage_lead");
        move(deal, "quote");
        assertThat(activeStages(deal)).containsExactly("stage_quote");
        move(deal, "lead");
        assertThat(activeStages(deal)).containsExactly("stage_lead");
        assertThat(harness.camunda.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("deal:" + deal.id()).count()).isEqualTo(1);
    }

    private List<String> activeStages(FormRecord deal) {
        ProcessInstance instance = harness.camunda.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("deal:" + deal.id()).singleResult();
        return harness.camunda.getRuntimeService().getActiveActivityIds(instance.getId());
    }

    @Test
    void aFormWithAMistakenPipelineIsNotPublished() {
        FormDefinition bad = FormJson.read("""
                {"key":"bad","app":"crm","label":{"en":"Bad"},"titleField":"name",
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}}],
                 "pipeline":{"stages":[
                   {"key":"lead"},
                   {"key":"lead","gates":[{"type":"required","field":"nope"}]},
                   {"key":"Won!","gates":[
                     {"type":"attachment","field":"name"},
                     {"type":"rule","key":"r","formula":"name + 1 > "},
                     {"type":"rule","key":"s","formula":"name"},
                     {"type":"approval","process":"bad key"},
                     {"type":"vibes"}]}
                 ]}}
                """);
        engine.forms().create(admin, bad);
        assertThatThrownBy(() -> engine.forms().publish(admin, "bad", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactlyInAnyOrder(
                                tuple("$.pipeline.stages[1].key", "duplicate_key"),
                                tuple("$.pipeline.stages[1].gates[0].field", "unknown_field"),
                                tuple("$.pipeline.stages[2].key", "invalid_identifier"),
                                tuple("$.pipeline.stages[2].gates[0].field", "gate_field_type"),
                                tuple("$.pipeline.stages[2].gates[1].formula", "condition_invalid"),
                                tuple("$.pipeline.stages[2].gates[2].formula", "condition_invalid"),
                                tuple("$.pipeline.stages[2].gates[3].process", "invalid_process_key"),
                                tuple("$.pipeline.stages[2].gates[4].type", "unknown_gate_type")));
    }

    @Test
    void aMoveThatStampsTheEntryTimeBringsTheRecordsOwnFormulasUpToDateInTheSameRevision() {
        engine.forms().create(admin, FormJson.read("""
                {"key":"pitch","app":"crm","label":{"en":"Pitch"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"demo_at","type":"datetime","label":{"en":"Demo reached"}},
                   {"key":"demoed","type":"formula","label":{"en":"Demoed"},"resultType":"boolean",
                    "formula":"NOT(ISBLANK(demo_at))"}
                 ],
                 "pipeline":{"stages":[{"key":"intro"},{"key":"demo","enteredAt":"demo_at"}]}}
                """));
        engine.forms().publish(admin, "pitch", false);
        FormRecord pitch = engine.records().create(rep, "pitch", Map.of("name", "ACME"));
        assertThat(pitch.values().get("demoed")).isEqualTo(false);

        FormRecord moved = engine.records().moveStage(rep, "pitch", pitch.id(), pitch.version(), "demo");

        assertThat(moved.values().get("demo_at")).isNotNull();
        assertThat(moved.values().get("demoed")).isEqualTo(true);
        assertThat(engine.records().get(admin, "pitch", pitch.id()).values().get("demoed")).isEqualTo(true);
        Revision move = engine.records().history(admin, "pitch", pitch.id()).stream()
                .filter(r -> r.recordVersion() == moved.version()).findFirst().orElseThrow();
        assertThat(move.action()).isEqualTo(Revision.STAGE);
        assertThat(move.changes()).extracting(c -> c.field()).containsExactlyInAnyOrder("stage", "demo_at", "demoed");
    }
}
