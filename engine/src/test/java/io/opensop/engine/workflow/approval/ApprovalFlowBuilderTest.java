package io.opensop.engine.workflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.workflow.ProcessModelService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

class ApprovalFlowBuilderTest {

    private static final String PALETTE_JSON = """
            {"key":"deal_approval","form":"deal","name":{"en":"Deal approval","zh-CN":"商机审批"},
             "steps":[
               {"id":"manager","type":"sequential","assignee":{"manager":true}},
               {"id":"legal","type":"countersign","assignees":{"users":["lee","lin"]},"onReject":"submitter"},
               {"id":"quick","type":"anyone","assignees":{"role":"legal"},"onReject":"manager"},
               {"id":"board","type":"ratio","ratio":"2/3","assignees":{"role":"board"}},
               {"id":"notify","type":"cc","assignees":{"field":"account_owner"}}
             ]}
            """;

    private static BpmnModelInstance parse(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePalettesJsonAndTheJavaBuilderProduceTheSameBpmn() {
        String fromJson = ApprovalFlowBuilder.toBpmn(ApprovalFlowBuilder.read(PALETTE_JSON));
        String fromJava = ApprovalFlowBuilder.flow("deal_approval", "deal").name("Deal approval", "商机审批")
                .sequential("manager", AssigneeSpec.ofManager())
                .countersign("legal", AssigneeSpec.ofUsers("lee", "lin")).onReject("submitter")
                .anyOne("quick", AssigneeSpec.ofRole("legal")).onReject("manager")
                .ratio("board", "2/3", AssigneeSpec.ofRole("board"))
                .carbonCopy("notify", AssigneeSpec.ofField("account_owner"))
                .toBpmn();
        assertThat(fromJson).isEqualTo(fromJava);
        ApprovalFlow roundTrip = ApprovalFlowBuilder.read(ApprovalFlowBuilder.toJson(ApprovalFlowBuilder.read(PALETTE_JSON)));
        assertThat(ApprovalFlowBuilder.toBpmn(roundTrip)).isEqualTo(fromJson);
    }

    @Test
    void everyGeneratedElementHasADiagramShapeAndEveryFlowAnEdgeSoBpmnJsCanDrawIt() {
        BpmnModelInstance model = parse(ApprovalFlowBuilder.toBpmn(ApprovalFlowBuilder.read(PALETTE_JSON)));
        Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId)
                .collect(Collectors.toSet());
        assertThat(nodes).contains("start", "submit", "manager", "legal", "quick", "board", "notify", "approved",
                "rejected", "legal_rejected", "board_rejected");
        assertThat(shaped).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(edged).containsExactlyInAnyOrderElementsOf(flows);
        assertThat(flows).contains("flow_legal_rejected_submit", "flow_quick_rejected_manager",
                "flow_board_rejected_rejected", "flow_manager_rejected_rejected");
    }

    @Test
    void aGeneratedFlowPassesTheModelRulesAndDeploysButTheRulesStillRefuseAnyOtherCompletionCondition() {
        try (HikariDataSource db = TestDatabases.h2()) {
            WorkflowHarness harness = new WorkflowHarness(db);
            try {
                Actor admin = EngineHarness.admin();
                harness.engine.engine.forms().create(admin, FormJson.read("""
                        {"key":"deal","app":"crm","label":{"en":"Deal"},"titleField":"name","fields":[
                          {"key":"name","type":"text","label":{"en":"Name"}},
                          {"key":"account_owner","type":"user","label":{"en":"Owner"}}]}
                        """));
                harness.engine.engine.forms().publish(admin, "deal", false);
                ProcessModelService models = harness.workflow.models();
                String xml = ApprovalFlowBuilder.toBpmn(ApprovalFlowBuilder.read(PALETTE_JSON));
                models.importModel(admin, null, xml.getBytes(StandardCharsets.UTF_8));
                assertThat(models.validate(admin, "deal_approval")).isEmpty();
                assertThat(models.publish(admin, "deal_approval").deployed()).isTrue();

                String tampered = xml.replace("${nrOfApproved &gt;= nrOfRequired}", "${nrOfApproved &gt; 0}")
                        .replace("${opensopApproval.assignees(execution)}", "${opensopApproval.toString()}")
                        .replace("id=\"deal_approval\"", "id=\"tampered\"");
                models.importModel(admin, "tampered", tampered.getBytes(StandardCharsets.UTF_8));
                assertThat(models.validate(admin, "tampered")).extracting(Problem::code)
                        .contains("element_not_supported", "expression_refused");
            } finally {
                harness.close();
            }
        }
    }

    @Test
    void aFlowWithMistakesIsRefusedWithEveryProblemNamed() {
        String json = """
                {"key":"bad flow","form":"deal","steps":[
                  {"id":"a","type":"ratio","ratio":"3/2","assignees":{"role":"board"}},
                  {"id":"a","type":"sequential","assignees":{"role":"x","user":"y"}},
                  {"id":"approved","type":"vote","assignees":{"user":"y"}},
                  {"id":"c","type":"sequential","assignees":{"user":"y"},"onReject":"later"},
                  {"id":"d","type":"cc","assignees":{"users":[]}}
                ]}
                """;
        assertThatThrownBy(() -> ApprovalFlowBuilder.toBpmn(ApprovalFlowBuilder.read(json)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("key", "invalid_process_key"),
                                org.assertj.core.groups.Tuple.tuple("steps[0].ratio", "invalid_ratio"),
                                org.assertj.core.groups.Tuple.tuple("steps[1].id", "duplicate_key"),
                                org.assertj.core.groups.Tuple.tuple("steps[1].assignees", "assignee_exactly_one"),
                                org.assertj.core.groups.Tuple.tuple("steps[2].id", "invalid_step_id"),
                                org.assertj.core.groups.Tuple.tuple("steps[2].type", "unknown_step_type"),
                                org.assertj.core.groups.Tuple.tuple("steps[3].onReject", "invalid_reject_target"),
                                org.assertj.core.groups.Tuple.tuple("steps[4].assignees", "invalid_value")));
    }

    @Test
    void theRequiredApprovalsOfAStepFollowItsKind() {
        assertThat(ApprovalFlowBuilder.required("countersign", null, 3)).isEqualTo(3);
        assertThat(ApprovalFlowBuilder.required("anyone", null, 3)).isEqualTo(1);
        assertThat(ApprovalFlowBuilder.required("ratio", "2/3", 3)).isEqualTo(2);
        assertThat(ApprovalFlowBuilder.required("ratio", "2/3", 4)).isEqualTo(3);
        assertThat(ApprovalFlowBuilder.required("ratio", "50%", 5)).isEqualTo(3);
        assertThat(ApprovalFlowBuilder.required("ratio", "1/100", 2)).isEqualTo(1);
    }
}
