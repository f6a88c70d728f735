package io.opensop.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.testing.WorkflowHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model may contain: each refusal names the BPMN element at fault, and nothing is deployed. */
class ModelValidationTest {

    private static final String ALLOWED_BLOCK = "${opensopTestBlock}";

    private final Actor admin = EngineHarness.admin();
    private HikariDataSource dataSource;
    private WorkflowHarness harness;
    private ProcessModelService models;

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2();
        harness = new WorkflowHarness(dataSource, Set.of(ALLOWED_BLOCK));
        models = harness.workflow.models();
        harness.engine.engine.forms().create(admin, Models.deal());
        harness.engine.engine.forms().publish(admin, "deal", false);
    }

    @AfterEach
    void stop() {
        harness.close();
        dataSource.close();
    }

    private ValidationException refusal(String key, String xml) {
        models.importModel(admin, key, Models.bytes(xml));
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> models.publish(admin, key));
        assertThat(refused).as("publishing %s must be refused", key).isNotNull();
        assertThat(models.versions(admin, key)).isEmpty();
        assertThat(harness.camunda.getRepositoryService().createDeploymentQuery().count()).isZero();
        return refused;
    }

    @Test
    void aScriptTaskInGroovyIsRefusedNamingTheTask() {
        ValidationException refused = refusal("groovy", Models.process("p", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="evil"/>
                <bpmn:scriptTask id="evil" scriptFormat="groovy"><bpmn:script>new File('/etc/passwd').text</bpmn:script></bpmn:scriptTask>
                <bpmn:sequenceFlow id="f2" sourceRef="evil" targetRef="end"/>
                <bpmn:endEvent id="end"/>"""));

        assertThat(refused.problems()).contains(Problem.of("evil", "script_language_refused", "groovy",
                WorkflowNames.FORMULA_LANGUAGE));
    }

    @Test
    void aJavaClassOrDelegateExpressionOutsideTheAllowlistIsRefusedNamingTheTask() {
        ValidationException refused = refusal("java", Models.process("p", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="runtime"/>
                <bpmn:serviceTask id="runtime" camunda:class="java.lang.Runtime"/>
                <bpmn:sequenceFlow id="f2" sourceRef="runtime" targetRef="bean"/>
                <bpmn:serviceTask id="bean" camunda:delegateExpression="${recordService}"/>
                <bpmn:sequenceFlow id="f3" sourceRef="bean" targetRef="end"/>
                <bpmn:endEvent id="end">
                  <bpmn:extensionElements>
                    <camunda:executionListener event="end" class="com.example.Listener"/>
                  </bpmn:extensionElements>
                </bpmn:endEvent>"""));

        assertThat(refused.problems()).extracting(Problem::field, Problem::code).contains(
                org.assertj.core.groups.Tuple.tuple("runtime", "delegate_not_allowed"),
                org.assertj.core.groups.Tuple.tuple("bean", "delegate_not_allowed"),
                org.assertj.core.groups.Tuple.tuple("end", "delegate_not_allowed"));
    }

    @Test
    void aProcessPosingAsASystemProcessIsRefusedNamingIt() {
        ValidationException refused = refusal("weekly", Models.process("opensop_weekly_report", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
                <bpmn:endEvent id="end"/>"""));

        assertThat(refused.problems()).containsExactly(Problem.of("opensop_weekly_report", "reserved_process_id",
                "opensop_weekly_report", "opensop_"));
        assertThat(harness.camunda.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("opensop_weekly_report").count()).isZero();
        assertThatThrownBy(() -> models.importModel(admin, "OpenSOP_reports", Models.bytes(Models.process("p", """
                <bpmn:startEvent id="start"/>"""))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("key", "reserved_process_id")));
    }

    @Test
    void aJuelConditionIsRefusedNamingTheSequenceFlow() {
        ValidationException refused = refusal("juel", Models.process("p", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
                <bpmn:exclusiveGateway id="gw"/>
                <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="end">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getProcessEngineServices().getRuntimeService() != null}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:endEvent id="end"/>"""));

        assertThat(refused.problems()).extracting(Problem::field, Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("yes", "condition_language_refused"));
    }

    @Test
    void expressionsExternalResourcesConnectorsAndExternalTasksAreRefused() {
        ValidationException refused = refusal("misc", Models.process("p", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t1"/>
                <bpmn:userTask id="t1" camunda:assignee="${recordService.toString()}" camunda:formKey="deal"/>
                <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="s1"/>
                <bpmn:scriptTask id="s1" scriptFormat="opensop-formula" camunda:resource="file:///etc/passwd"/>
                <bpmn:sequenceFlow id="f3" sourceRef="s1" targetRef="x1"/>
                <bpmn:serviceTask id="x1" camunda:type="external" camunda:topic="anything"/>
                <bpmn:sequenceFlow id="f4" sourceRef="x1" targetRef="timer"/>
                <bpmn:intermediateCatchEvent id="timer">
                  <bpmn:timerEventDefinition id="td"><bpmn:timeDuration>${'PT1H'}</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f5" sourceRef="timer" targetRef="end"/>
                <bpmn:endEvent id="end"/>"""));

        assertThat(refused.problems()).extracting(Problem::field, Problem::code).contains(
                org.assertj.core.groups.Tuple.tuple("t1", "expression_refused"),
                org.assertj.core.groups.Tuple.tuple("s1", "extension_not_allowed"),
                org.assertj.core.groups.Tuple.tuple("x1", "extension_not_allowed"),
                org.assertj.core.groups.Tuple.tuple("td", "expression_refused"));
    }

    @Test
    void aFormulaConditionThatDoesNotFitTheFormIsRefusedNamingTheFlow() {
        ValidationException refused = refusal("badformula", Models.routing()
                .replace("amount >= 50000", "amount_typo >= 50000"));

        assertThat(refused.problems()).extracting(Problem::field, Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big", "condition_invalid"));
    }

    @Test
    void aUserTaskNamingAnUnknownFormIsRefused() {
        ValidationException refused = refusal("noform", Models.approval().replace("camunda:formKey=\"deal\"",
                "camunda:formKey=\"ghost\""));

        assertThat(refused.problems()).extracting(Problem::code).contains("several_forms");
    }

    @Test
    void allowlistedBuildingBlocksAndTheSubmitterExpressionPass() {
        models.importModel(admin, "allowed", Models.bytes(Models.process("p", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t1"/>
                <bpmn:userTask id="t1" camunda:assignee="${submitter}" camunda:formKey="deal"/>
                <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="block"/>
                <bpmn:serviceTask id="block" camunda:delegateExpression="${opensopTestBlock}"/>
                <bpmn:sequenceFlow id="f3" sourceRef="block" targetRef="end"/>
                <bpmn:endEvent id="end"/>""")));

        assertThat(models.validate(admin, "allowed")).isEmpty();
        assertThat(models.publish(admin, "allowed").deployed()).isTrue();
    }

    @Test
    void anXxePayloadIsRefusedBeforeParsingAndReadsNoFileAndFetchesNoUrl(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "<!ENTITY leak 'x'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
            String fileEntity = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "%s">]>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                      <bpmn:process id="p" name="&xxe;" isExecutable="false"/>
                    </bpmn:definitions>
                    """.formatted(secret.toUri());
            String parameterEntity = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE definitions [<!ENTITY %% remote SYSTEM "%s"> %%remote;]>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                      <bpmn:process id="p" isExecutable="false"/>
                    </bpmn:definitions>
                    """.formatted(url);
            String externalDtd = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE definitions SYSTEM "%s">
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                      <bpmn:process id="p" isExecutable="false"/>
                    </bpmn:definitions>
                    """.formatted(url);

            for (String payload : new String[] {fileEntity, parameterEntity, externalDtd}) {
                assertThatThrownBy(() -> models.importModel(admin, "xxe", Models.bytes(payload)))
                        .isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.problems()).containsExactly(Problem.of("xml", "doctype_refused"));
                            assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                        });
            }
            assertThat(fetches).hasValue(0);
            assertThat(models.exists("xxe")).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onlyAdminsMayImportOrPublish() {
        Actor designer = EngineHarness.user(7, "dora", Actor.DESIGNER);
        assertThatThrownBy(() -> models.importModel(designer, "x", Models.bytes(Models.approval())))
                .isInstanceOf(AccessDeniedException.class);
        models.importModel(admin, "x", Models.bytes(Models.approval()));
        assertThatThrownBy(() -> models.publish(designer, "x")).isInstanceOf(AccessDeniedException.class);
        assertThat(models.list(designer)).extracting(ProcessModelInfo::key).containsExactly("x");
        assertThatThrownBy(() -> models.list(EngineHarness.user(8, "rep", "sales")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void draftsAreEditedWithOptimisticRevisionsAndVersionsAreDiffedByElementId() {
        ProcessModel draft = models.importModel(admin, null, Models.bytes(Models.approval()));
        assertThat(draft.key()).isEqualTo("deal_approval");
        assertThat(draft.name()).isEqualTo("Deal approval");
        assertThat(models.publish(admin, "deal_approval").version()).isEqualTo(1);

        String edited = Models.approval()
                .replace("name=\"Finance approval\"", "name=\"Finance check\"")
                .replace("<bpmn:sequenceFlow id=\"f4\" sourceRef=\"finance\" targetRef=\"end\"/>",
                        "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"finance\" targetRef=\"archive\"/>"
                                + "<bpmn:manualTask id=\"archive\"/>"
                                + "<bpmn:sequenceFlow id=\"f5\" sourceRef=\"archive\" targetRef=\"end\"/>")
                .replace("<bpmn:sequenceFlow id=\"f1\" sourceRef=\"start\" targetRef=\"submit\"/>",
                        "<bpmn:sequenceFlow id=\"f1b\" sourceRef=\"start\" targetRef=\"submit\"/>");
        models.updateDraft(admin, "deal_approval", draft.draftRevision(), Models.bytes(edited));
        assertThatThrownBy(() -> models.updateDraft(admin, "deal_approval", draft.draftRevision(),
                Models.bytes(edited))).isInstanceOf(ConflictException.class);
        assertThat(models.publish(admin, "deal_approval").version()).isEqualTo(2);

        ProcessModelDiff diff = models.diff(admin, "deal_approval", 1, 2);
        assertThat(diff.added()).containsExactlyInAnyOrder("archive", "f5", "f1b");
        assertThat(diff.removed()).containsExactly("f1");
        assertThat(diff.changed()).contains("finance", "f4", "deal_approval");
        assertThat(models.versions(admin, "deal_approval")).extracting(ProcessVersion::version).containsExactly(2, 1);
        assertThat(models.xml(admin, "deal_approval", 1)).isEqualTo(Models.approval());
    }

    @Test
    void aModelThatIsNotWellFormedOrNotBpmnIsRefusedOnImport() {
        assertThatThrownBy(() -> models.importModel(admin, "x", Models.bytes("<bpmn:definitions")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("xml_malformed"));
        assertThatThrownBy(() -> models.importModel(admin, "x", Models.bytes("<html><body/></html>")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("bpmn_unreadable"));
    }
}
