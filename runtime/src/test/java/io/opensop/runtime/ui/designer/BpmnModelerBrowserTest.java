package io.opensop.runtime.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import io.opensop.engine.workflow.StartedProcess;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.ui.BrowserTestBase;
import java.io.IOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin opens the sales-crm contract approval in the BPMN modeler, inserts a countersign step after
 * the legal step with the palette, and deploys. A contract started before the deploy finishes on the
 * old version without the new step; a contract started after it goes through the countersign, which
 * needs both signers. Checked through the engine and Camunda's history, not the screen.
 */
class BpmnModelerBrowserTest extends BrowserTestBase {

    private static final String PROCESS = "contract_approval";
    private static final String STEP = "joint_sign";

    @Autowired
    ProcessModelService models;
    @Autowired
    WorkflowService workflow;
    @Autowired
    RecordService records;
    @Autowired
    UserDirectory users;
    @Autowired
    ProcessEngine camunda;
    @Autowired
    io.opensop.engine.template.TemplateService templates;

    @Test
    void anAdminAddsACountersignStepAndOnlyContractsStartedAfterTheDeployGoThroughIt() throws IOException {
        Actor admin = actor("admin");
        Actor rep = actor("rep1");
        int before = models.draft(admin, PROCESS).publishedVersion();
        long inFlight = contract(rep, "BPMN 设计器在途合同");
        StartedProcess old = workflow.start(rep, PROCESS, "contract", inFlight);
        complete(rep, "submit", inFlight);

        signIn("admin", "demo");
        open("designer/processes/" + PROCESS);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("opensop-bpmn-modeler[data-imported] g[data-element-id='legal']")));
        screenshot("1-contract-approval");

        // Select the legal step on the diagram; the properties panel follows the selection.
        WebElement legal = browser.findElement(By.cssSelector("g[data-element-id='legal'] .djs-hit"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(legal).click().perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='panel-element-id']"), "legal"));
        screenshot("2-legal-selected");

        // Palette: a countersign by director and legal, inserted after the legal step.
        browser.findElement(By.cssSelector("vaadin-button[data-testid='palette-countersign']")).click();
        WebElement id = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-field[data-testid='insert-step-id'] input")));
        id.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), STEP);
        // A countersign asks for several users by default.
        WebElement who = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-field[data-testid='insert-step-assignee'] input")));
        who.sendKeys("director, legal");
        screenshot("3-insert-countersign");
        browser.findElement(By.cssSelector("vaadin-button[data-testid='insert-confirm']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("g[data-element-id='" + STEP + "']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='panel-element-id']"), STEP));
        screenshot("4-countersign-inserted");

        // The properties panel edits the inserted step: its name goes into the model through bpmn-js.
        WebElement name = browser.findElement(By.cssSelector("vaadin-text-field[data-testid='step-name'] input"));
        name.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "总监与法务会签");
        clickInView("panel-apply");
        wait.until(d -> "总监与法务会签".equals(browser.executeScript("return document.querySelector("
                + "'opensop-bpmn-modeler').modeler.get('elementRegistry').get(arguments[0]).businessObject.name",
                STEP)));

        clickInView("process-deploy");
        wait.until(d -> models.draft(admin, PROCESS).publishedVersion() == before + 1);
        screenshot("5-deployed");

        clickInView("process-versions");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[data-testid='versions-compare']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='versions-diff']"), STEP));
        screenshot("5b-versions-diff");

        ProcessVersion deployed = models.versions(admin, PROCESS).get(0);
        assertThat(models.xml(admin, PROCESS, before + 1)).contains("name=\"总监与法务会签\"");
        assertThat(deployed.version()).isEqualTo(before + 1);
        assertThat(deployed.deployed()).isTrue();
        assertThat(models.diff(admin, PROCESS, before, before + 1).added()).contains(STEP);

        // A new contract runs the new version: manager, legal, the countersign (both), finance.
        long fresh = contract(rep, "BPMN 设计器新合同");
        StartedProcess current = workflow.start(rep, PROCESS, "contract", fresh);
        assertThat(current.processVersion()).isEqualTo(before + 1);
        complete(rep, "submit", fresh);
        approve(actor("manager"), "manager", fresh);
        complete(actor("legal"), "legal", fresh);
        assertThat(tasksOf(actor("director"), STEP, fresh)).hasSize(1);
        approve(actor("director"), STEP, fresh);
        assertThat(tasksOf(actor("finance"), "finance", fresh)).as("countersign waits for legal").isEmpty();
        approve(actor("legal"), STEP, fresh);
        approve(actor("finance"), "finance", fresh);
        assertThat(ended(current.processInstanceId()).getEndActivityId()).isEqualTo("approved");
        assertThat(activities(current.processInstanceId())).filteredOn(STEP::equals).hasSize(2);

        // The contract in flight before the deploy finishes on its old version, never meeting the new step.
        approve(actor("manager"), "manager", inFlight);
        complete(actor("legal"), "legal", inFlight);
        assertThat(tasksOf(actor("director"), STEP, inFlight)).isEmpty();
        approve(actor("finance"), "finance", inFlight);
        HistoricProcessInstance oldInstance = ended(old.processInstanceId());
        assertThat(oldInstance.getEndActivityId()).isEqualTo("approved");
        assertThat(oldInstance.getProcessDefinitionVersion()).isLessThan(
                ended(current.processInstanceId()).getProcessDefinitionVersion());
        assertThat(activities(old.processInstanceId())).doesNotContain(STEP).contains("legal", "finance");
    }

    @Test
    void validationMarksTheRefusedConditionOnItsFlowAndTheFormulaPanelFixesIt() throws IOException {
        Actor admin = actor("admin");
        models.importModel(admin, "bpmn_ui_gateway", GATEWAY_MODEL.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        signIn("admin", "demo");
        open("designer/processes/bpmn_ui_gateway");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("opensop-bpmn-modeler[data-imported] g[data-element-id='big']")));
        clickInView("process-validate");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("g.djs-element.opensop-problem[data-element-id='big']")));
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".opensop-problem-note[data-problem-for='big']")));
        assertThat(note.getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("[data-testid='problem'][data-element='big']"))).hasSize(1);
        screenshot("6-juel-condition-marked");

        WebElement flow = browser.findElement(By.cssSelector("g[data-element-id='big'] .djs-hit"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(flow).click().perform();
        WebElement formula = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-area[data-testid='panel-condition'] textarea")));
        formula.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                "contract_amount >= 500000");
        clickInView("panel-apply");
        clickInView("process-validate");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("g.opensop-problem"), 0));
        wait.until(d -> models.validate(admin, "bpmn_ui_gateway").isEmpty());
        screenshot("7-formula-condition-valid");
        assertThat(models.draft(admin, "bpmn_ui_gateway").xml())
                .contains("language=\"opensop-formula\"").contains("contract_amount &gt;= 500000");
    }

    @Test
    void theTemplateManagerPreviewsAnUpgradeBeforeChangingAnything() throws IOException {
        String installed = templates.installation("sales-crm").orElseThrow().version();
        signIn("admin", "demo");
        open("designer/templates");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[data-testid='template-upgrade-sales-crm']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='upgrade-summary']")));
        screenshot("8-template-upgrade-preview");
        assertThat(browser.findElements(By.cssSelector("vaadin-button[data-testid='upgrade-apply']"))).hasSize(1);
        assertThat(templates.installation("sales-crm").orElseThrow().version()).isEqualTo(installed);
    }

    /** A gateway whose "big" flow has a JUEL condition, which publishing refuses. */
    private static final String GATEWAY_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_gateway" targetNamespace="http://opensop.io/test">
              <bpmn:process id="bpmn_ui_gateway" name="Gateway test" isExecutable="true">
                <bpmn:startEvent id="start"/>
                <bpmn:userTask id="submit" camunda:assignee="${submitter}" camunda:formKey="contract"/>
                <bpmn:exclusiveGateway id="size" default="small"/>
                <bpmn:userTask id="director" camunda:candidateGroups="sales_director" camunda:formKey="contract"/>
                <bpmn:endEvent id="done"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit"/>
                <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="size"/>
                <bpmn:sequenceFlow id="big" sourceRef="size" targetRef="director">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${contract_amount > 500000}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="small" sourceRef="size" targetRef="done"/>
                <bpmn:sequenceFlow id="f3" sourceRef="director" targetRef="done"/>
              </bpmn:process>
              <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="bpmn_ui_gateway">
                <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="102" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="submit_di" bpmnElement="submit"><dc:Bounds x="190" y="80" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="size_di" bpmnElement="size" isMarkerVisible="true"><dc:Bounds x="345" y="95" width="50" height="50"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="director_di" bpmnElement="director"><dc:Bounds x="600" y="80" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="done_di" bpmnElement="done"><dc:Bounds x="782" y="252" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="120"/><di:waypoint x="190" y="120"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="290" y="120"/><di:waypoint x="345" y="120"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="big_di" bpmnElement="big"><di:waypoint x="395" y="120"/><di:waypoint x="600" y="120"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="small_di" bpmnElement="small"><di:waypoint x="370" y="145"/><di:waypoint x="370" y="270"/><di:waypoint x="782" y="270"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="700" y="120"/><di:waypoint x="800" y="120"/><di:waypoint x="800" y="252"/></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;

    /** Clicks a button that may sit below the fold of the properties panel. */
    private void clickInView(String testId) {
        WebElement button = browser.findElement(By.cssSelector("vaadin-button[data-testid='" + testId + "']"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private long contract(Actor rep, String title) {
        Actor admin = actor("admin");
        FormRecord customer = records.list(admin, "customer", RecordQuery.firstPage(1)).items().get(0);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("customer", customer.id());
        values.put("contract_amount", "80000.00");
        values.put("signed_on", "2026-10-10");
        values.put("promised_payment_date", "2026-11-05");
        values.put("milestone_payment_date", "2026-11-06");
        values.put("payment_term_days", 25);
        return records.create(rep, "contract", values).id();
    }

    private List<WorkTask> tasksOf(Actor actor, String activity, long contract) {
        return workflow.tasks(actor).stream()
                .filter(t -> t.activityId().equals(activity) && Long.valueOf(contract).equals(t.recordId())).toList();
    }

    private WorkTask only(Actor actor, String activity, long contract) {
        List<WorkTask> tasks = tasksOf(actor, activity, contract);
        assertThat(tasks).as(actor.username() + " at " + activity).hasSize(1);
        return tasks.get(0);
    }

    private void complete(Actor actor, String activity, long contract) {
        workflow.complete(actor, only(actor, activity, contract).id(),
                records.get(actor("admin"), "contract", contract).version(), Map.of());
    }

    private void approve(Actor actor, String activity, long contract) {
        workflow.approve(actor, only(actor, activity, contract).id(), "同意");
    }

    private HistoricProcessInstance ended(String instanceId) {
        HistoricProcessInstance instance = camunda.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).singleResult();
        assertThat(instance.getEndTime()).as("instance ended").isNotNull();
        return instance;
    }

    private List<String> activities(String instanceId) {
        return camunda.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityType("userTask").list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private Actor actor(String username) {
        UserAccount account = users.byUsername(username).orElseThrow();
        return new Actor(account.id(), account.username(), account.roles(), Locale.forLanguageTag(account.locale()),
                ZoneId.of(account.zoneId()));
    }
}
