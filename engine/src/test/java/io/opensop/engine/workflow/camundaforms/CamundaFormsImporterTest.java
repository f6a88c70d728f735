package io.opensop.engine.workflow.camundaforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Camunda 7 process application (BPMN + two form-js files) imported, published and run on our engine. */
class CamundaFormsImporterTest {

    private HikariDataSource dataSource;
    private WorkflowHarness harness;
    private CamundaFormsImporter importer;
    private final Actor admin = EngineHarness.admin();
    private final Actor rep = EngineHarness.user(11, "rep", "sales");
    private final Actor manager = EngineHarness.user(12, "mia", "manager");

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2();
        harness = new WorkflowHarness(dataSource);
        importer = new CamundaFormsImporter(harness.engine.engine.forms(), harness.workflow.models());
    }

    @AfterEach
    void stop() {
        harness.close();
        dataSource.close();
    }

    static byte[] resource(String name) {
        try (InputStream in = CamundaFormsImporterTest.class.getResourceAsStream("/camunda-forms/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CamundaFormsImport importPurchase() {
        return importer.importApplication(admin, resource("purchase.bpmn"), List.of(
                new CamundaFormsImporter.FormFile("request.form", resource("request.form")),
                new CamundaFormsImporter.FormFile("forms/approve.form", resource("approve.form"))));
    }

    @Test
    void formsBecomeSectionsOfOnePublishedFormAndTheProcessRunsWithServerSideValidation() {
        CamundaFormsImport imported = importPurchase();
        assertThat(imported.formKey()).isEqualTo("purchase_request");
        assertThat(imported.processKey()).isEqualTo("purchase_request");
        assertThat(imported.sections()).containsExactly("form_request", "approve");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).contains("cost_centre").contains("pattern"));

        FormDefinition form = harness.engine.engine.forms().current("purchase_request").orElseThrow().definition();
        assertThat(form.field("item").orElseThrow().type()).isEqualTo(FieldType.TEXT);
        assertThat(form.field("item").orElseThrow().maxLength()).isEqualTo(40);
        assertThat(form.field("item").orElseThrow().requiresValue()).isTrue();
        assertThat(form.field("amount").orElseThrow().type()).isEqualTo(FieldType.NUMBER);
        assertThat(form.field("category").orElseThrow().type()).isEqualTo(FieldType.SINGLE_SELECT);
        assertThat(form.field("needed_by").orElseThrow().type()).isEqualTo(FieldType.DATE);
        assertThat(form.field("urgent").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(form.field("tags").orElseThrow().type()).isEqualTo(FieldType.MULTI_SELECT);
        assertThat(form.field("decision").orElseThrow().type()).isEqualTo(FieldType.SINGLE_SELECT);
        assertThat(form.field("decision").orElseThrow().requiresValue()).isFalse();
        assertThat(form.field("comment").orElseThrow().type()).isEqualTo(FieldType.LONG_TEXT);
        assertThat(form.field("checks").orElseThrow().type()).isEqualTo(FieldType.MULTI_SELECT);

        // the start form is the record's creation: its rules hold on every save
        assertThatThrownBy(() -> harness.engine.engine.records().create(rep, "purchase_request",
                Map.of("item", "PC", "amount", 10))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> harness.engine.engine.records().create(rep, "purchase_request",
                Map.of("item", "Laptop", "amount", 60000))).isInstanceOf(ValidationException.class);
        FormRecord request = harness.engine.engine.records().create(rep, "purchase_request",
                Map.of("item", "Laptop", "amount", new BigDecimal("1200.50"), "category", "hardware"));
        WorkflowService workflow = harness.workflow.workflow();
        workflow.start(rep, "purchase_request", "purchase_request", request.id());

        List<WorkTask> tasks = workflow.tasks(manager);
        assertThat(tasks).hasSize(1);
        WorkTask approve = tasks.get(0);
        assertThat(approve.formKey()).isEqualTo("purchase_request#approve");
        long version = request.version();
        // the task form's required decision and comment length are checked when the task completes
        ValidationException missing = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                () -> workflow.complete(manager, approve.id(), version, Map.of("comment", "fine by me")));
        assertThat(missing.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("decision"));
        assertThatThrownBy(() -> workflow.complete(manager, approve.id(), version,
                Map.of("decision", "approve", "comment", "ok"))).isInstanceOf(ValidationException.class);
        assertThat(workflow.tasks(manager)).hasSize(1);
        assertThat(harness.engine.engine.records().get(admin, "purchase_request", request.id()).version())
                .isEqualTo(version);

        workflow.complete(manager, approve.id(), version, Map.of("decision", "approve", "comment", "within budget",
                "checks", List.of("budget")));
        assertThat(workflow.tasks(manager)).isEmpty();
        assertThat(workflow.running("purchase_request", request.id())).isFalse();
        assertThat(harness.engine.engine.records().get(admin, "purchase_request", request.id()).values())
                .containsEntry("decision", "approve");
    }

    @Test
    void aMissingFormFileIsRefusedNamingTheElement() {
        assertThatThrownBy(() -> importer.importApplication(admin, resource("purchase.bpmn"),
                List.of(new CamundaFormsImporter.FormFile("request.form", resource("request.form")))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .anySatisfy(p -> assertThat(p.field()).isEqualTo("Activity_approve")));
        assertThat(harness.engine.engine.forms().current("purchase_request")).isEmpty();
    }

    @Test
    void aDoctypeIsRefused() {
        byte[] evil = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&e;</bpmn:definitions>")
                .getBytes();
        assertThatThrownBy(() -> importer.importApplication(admin, evil, List.of()))
                .isInstanceOf(ValidationException.class);
    }
}
