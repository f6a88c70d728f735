package io.opensop.engine.workflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.workflow.WorkflowNames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The designer's palette inserts single steps; they must be the builder's own XML, on their own. */
class ApprovalStepElementTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return document.getDocumentElement();
    }

    @Test
    void aCountersignStepIsAMultiInstanceUserTaskThatDeclaresItsNamespaces() throws Exception {
        ApprovalStep step = new ApprovalStep("director_sign", ApprovalStep.COUNTERSIGN, null, null,
                AssigneeSpec.ofUsers("director", "manager"), null, null, null);

        Element task = parse(ApprovalFlowBuilder.stepElement("contract", step));

        assertThat(task.getNamespaceURI()).isEqualTo(BPMN);
        assertThat(task.getLocalName()).isEqualTo("userTask");
        assertThat(task.getAttribute("id")).isEqualTo("director_sign");
        assertThat(task.getAttributeNS(CAMUNDA, "assignee")).isEqualTo(WorkflowNames.APPROVER);
        assertThat(task.getAttributeNS(CAMUNDA, "formKey")).isEqualTo("contract");
        Element loop = (Element) task.getElementsByTagNameNS(BPMN, "multiInstanceLoopCharacteristics").item(0);
        assertThat(loop.getAttributeNS(CAMUNDA, "collection")).isEqualTo(WorkflowNames.APPROVAL_ASSIGNEES);
        assertThat(task.getElementsByTagNameNS(BPMN, "completionCondition").item(0).getTextContent())
                .isEqualTo(WorkflowNames.APPROVAL_COMPLETE);
        assertThat(task.getElementsByTagNameNS(CAMUNDA, "property").getLength()).isEqualTo(2);
    }

    @Test
    void theElementIsTheOneTheBuilderWritesInsideAWholeFlow() {
        ApprovalStep step = new ApprovalStep("legal", ApprovalStep.SEQUENTIAL, null, AssigneeSpec.ofRole("legal"),
                null, null, null, "approval");
        String whole = ApprovalFlowBuilder.flow("f", "contract").step(step).toBpmn();

        String element = ApprovalFlowBuilder.stepElement("contract", step);

        String withoutNamespaces = element.replaceAll(" xmlns:[a-z]+=\"[^\"]*\"", "").strip();
        assertThat(whole).contains(withoutNamespaces.lines().map(String::strip).toList().get(0));
        assertThat(element).contains("camunda:candidateGroups=\"legal\"").contains("camunda:formKey=\"contract#approval\"");
    }

    @Test
    void aCarbonCopyStepIsTheAllowlistedServiceTask() throws Exception {
        ApprovalStep step = new ApprovalStep("notify", ApprovalStep.CC, null, null, AssigneeSpec.ofRole("finance"),
                null, null, null);

        Element task = parse(ApprovalFlowBuilder.stepElement("contract", step));

        assertThat(task.getLocalName()).isEqualTo("serviceTask");
        assertThat(task.getAttributeNS(CAMUNDA, "delegateExpression")).isEqualTo(WorkflowNames.CARBON_COPY);
    }

    @Test
    void aStepWithoutAssigneesOrWithABadRatioIsRefusedNamingTheAttribute() {
        ApprovalStep step = new ApprovalStep("board", ApprovalStep.RATIO, null, null, null, "7/3", null, null);

        assertThatThrownBy(() -> ApprovalFlowBuilder.stepElement("contract", step))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactlyInAnyOrder(tuple("assignees", "assignee_exactly_one"),
                                tuple("ratio", "invalid_ratio")));
    }
}
