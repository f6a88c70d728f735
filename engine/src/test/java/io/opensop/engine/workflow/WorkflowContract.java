package io.opensop.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormAccess;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.SectionDefinition;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.WorkflowHarness;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records moving through approval processes, driven only through our API; run unchanged on every
 * supported database.
 */
abstract class WorkflowContract {

    private final Actor admin = EngineHarness.admin();
    private final Actor rep = EngineHarness.user(11, "rep", "sales");
    private final Actor manager = EngineHarness.user(12, "mia", "manager");
    private final Actor finance = EngineHarness.user(13, "fin", "finance");
    private final Actor director = EngineHarness.user(14, "dan", "director");
    private final Actor outsider = EngineHarness.user(15, "olga", "support");

    private HikariDataSource dataSource;
    private WorkflowHarness harness;
    private EngineServices engine;
    private WorkflowService workflow;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void start() {
        dataSource = newDatabase();
        harness = new WorkflowHarness(dataSource);
        engine = harness.engine.engine;
        workflow = harness.workflow.workflow();
        engine.forms().create(admin, Models.deal());
        engine.forms().publish(admin, "deal", false);
        for (String xml : List.of(Models.approval(), Models.routing())) {
            ProcessModel model = harness.workflow.models().importModel(admin, null, Models.bytes(xml));
            assertThat(harness.workflow.models().publish(admin, model.key()).deployed()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        harness.close();
        dataSource.close();
    }

    private FormRecord deal(String name, String amount) {
        return engine.records().create(rep, "deal", Map.of("name", name, "amount", new BigDecimal(amount)));
    }

    private WorkTask only(Actor actor) {
        List<WorkTask> tasks = workflow.tasks(actor);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private long version(FormRecord record) {
        return engine.records().get(admin, "deal", record.id()).version();
    }

    private int revisions(FormRecord record) {
        return engine.records().history(admin, "deal", record.id()).size();
    }

    @Test
    void aSequentialTwoStepApprovalRunsFromSubmitterToManagerToFinance() {
        FormRecord deal = deal("ACME renewal", "1000");
        StartedProcess started = workflow.start(rep, "deal_approval", "deal", deal.id());
        assertThat(started.ended()).isFalse();
        assertThat(workflow.running("deal", deal.id())).isTrue();

        WorkTask submit = only(rep);
        assertThat(submit.activityId()).isEqualTo("submit");
        assertThat(submit.assignee()).isEqualTo("rep");
        assertThat(submit.recordId()).isEqualTo(deal.id());
        assertThat(submit.recordFormKey()).isEqualTo("deal");
        assertThat(submit.formKey()).isEqualTo("deal");
        assertThat(submit.processKey()).isEqualTo("deal_approval");
        assertThat(workflow.tasks(manager)).isEmpty();
        workflow.complete(rep, submit.id(), version(deal), Map.of("notes", "please approve"));

        WorkTask managerStep = only(manager);
        assertThat(managerStep.activityId()).isEqualTo("manager");
        assertThat(managerStep.formKey()).isEqualTo("deal#approval");
        assertThat(managerStep.candidateGroups()).containsExactly("manager");
        assertThat(managerStep.actions()).contains(WorkTask.CLAIM, WorkTask.COMPLETE, WorkTask.RETURN);
        assertThat(workflow.tasks(finance)).isEmpty();
        assertThatThrownBy(() -> workflow.task(outsider, managerStep.id())).isInstanceOf(NotFoundException.class);
        WorkTask claimed = workflow.claim(manager, managerStep.id());
        assertThat(claimed.assignee()).isEqualTo("mia");
        assertThat(claimed.actions()).doesNotContain(WorkTask.CLAIM);
        assertThatThrownBy(() -> workflow.claim(EngineHarness.user(16, "max", "manager"), managerStep.id()))
                .isInstanceOf(NotFoundException.class);
        TaskDetail detail = workflow.open(manager, managerStep.id());
        assertThat(detail.form().key()).isEqualTo("deal");
        assertThat(detail.record().values()).containsEntry("notes", "please approve");
        assertThat(detail.returnTargets()).containsExactly("submit");
        workflow.complete(manager, managerStep.id(), version(deal), Map.of("approved", true));

        WorkTask financeStep = only(finance);
        assertThat(financeStep.activityId()).isEqualTo("finance");
        workflow.complete(finance, financeStep.id(), version(deal), Map.of());

        assertThat(workflow.running("deal", deal.id())).isFalse();
        assertThat(workflow.tasks(rep)).isEmpty();
        assertThat(workflow.tasks(manager)).isEmpty();
        assertThat(workflow.tasks(finance)).isEmpty();
        FormRecord after = engine.records().get(admin, "deal", deal.id());
        assertThat(after.values()).containsEntry("approved", true).containsEntry("notes", "please approve");
        assertThat(harness.camunda.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(started.processInstanceId()).activityType("userTask").count()).isEqualTo(3);
    }

    @Test
    void theInboxLeavesOutATaskSomeoneCompletedWhileItWasBeingListed() {
        FormRecord first = deal("First", "1000");
        FormRecord second = deal("Second", "2000");
        workflow.start(rep, "deal_approval", "deal", first.id());
        workflow.start(rep, "deal_approval", "deal", second.id());
        List<org.camunda.bpm.engine.task.Task> listed = harness.camunda.getTaskService().createTaskQuery()
                .taskAssignee("rep").initializeFormKeys().orderByTaskCreateTime().asc().orderByTaskId().asc().list();
        assertThat(listed).hasSize(2);
        WorkTask gone = workflow.tasks(rep).stream().filter(t -> t.recordId() == first.id()).findFirst().orElseThrow();
        workflow.complete(rep, gone.id(), version(first), Map.of());

        List<WorkTask> views = workflow.views(rep, listed);

        assertThat(views).extracting(WorkTask::recordId).containsExactly(second.id());
    }

    @Test
    void completingWithInvalidDataLeavesTheTaskOpenAndWritesNothing() {
        FormRecord deal = deal("ACME", "1000");
        workflow.start(rep, "deal_approval", "deal", deal.id());
        WorkTask submit = only(rep);
        long versionBefore = version(deal);
        int revisionsBefore = revisions(deal);

        assertThatThrownBy(() -> workflow.complete(rep, submit.id(), versionBefore, Map.of("name", "")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.complete(rep, submit.id(), versionBefore,
                Map.of("amount", "a lot"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.complete(rep, submit.id(), versionBefore,
                Map.of("no_such_field", 1))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.complete(rep, submit.id(), versionBefore - 1,
                Map.of("notes", "stale"))).isInstanceOf(ConflictException.class);

        assertThat(only(rep).id()).isEqualTo(submit.id());
        assertThat(workflow.tasks(manager)).isEmpty();
        assertThat(version(deal)).isEqualTo(versionBefore);
        assertThat(revisions(deal)).isEqualTo(revisionsBefore);
        assertThat(engine.records().get(admin, "deal", deal.id()).values()).containsEntry("name", "ACME");
    }

    @Test
    void aGatewayRoutesOnAFieldTheSubmitterMayNotSeeWhileTheTaskShowsThemNeitherTheFieldNorItsValue() {
        FormDefinition d = Models.deal();
        FormDefinition hiding = new FormDefinition(d.key(), d.app(), d.label(), d.description(), d.titleField(),
                d.fields(), d.sections(), d.rules(), d.permissions(),
                new FormAccess(null, Map.of("sales", Map.of("amount", "hidden"))), d.pipeline(), d.sla());
        engine.forms().updateDraft(admin, "deal", engine.forms().draft(admin, "deal").draftRevision(), hiding);
        engine.forms().publish(admin, "deal", false);
        FormRecord big = engine.records().create(admin, "deal", Map.of("name", "Big", "amount",
                new BigDecimal("60000")));
        workflow.start(rep, "deal_routing", "deal", big.id());

        WorkTask submit = only(rep);
        TaskDetail detail = workflow.open(rep, submit.id());
        assertThat(detail.form().field("amount")).isEmpty();
        assertThat(detail.record().values()).doesNotContainKey("amount").containsEntry("name", "Big");
        FormRecord saved = workflow.complete(rep, submit.id(), version(big), Map.of("notes", "go"));
        assertThat(saved.values()).doesNotContainKey("amount");

        assertThat(only(director).recordId()).as("routed as the system, on the amount").isEqualTo(big.id());
        assertThat(workflow.tasks(manager)).isEmpty();
        assertThat(workflow.open(director, only(director).id()).record().values())
                .containsEntry("amount", new BigDecimal("60000.00"));
    }

    @Test
    void aTaskOnAFormSectionChangesOnlyThatSectionsFieldsWhateverTheClientSends() {
        FormDefinition d = Models.deal();
        FormDefinition sectioned = new FormDefinition(d.key(), d.app(), d.label(), d.description(), d.titleField(),
                d.fields(), List.of(new SectionDefinition("main", null, 1, List.of("name", "amount", "notes")),
                        new SectionDefinition("approval", null, 1, List.of("approved"))),
                d.rules(), d.permissions(), d.access(), d.pipeline(), d.sla());
        engine.forms().updateDraft(admin, "deal", engine.forms().draft(admin, "deal").draftRevision(), sectioned);
        engine.forms().publish(admin, "deal", false);
        FormRecord deal = deal("Sectioned", "1000");
        workflow.start(rep, "deal_approval", "deal", deal.id());
        workflow.complete(rep, only(rep).id(), version(deal), Map.of());
        WorkTask managerStep = only(manager);
        assertThat(managerStep.formKey()).isEqualTo("deal#approval");
        long versionBefore = version(deal);

        assertThatThrownBy(() -> workflow.complete(manager, managerStep.id(), versionBefore,
                Map.of("approved", true, "amount", new BigDecimal("1"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("amount", "read_only")));
        assertThat(version(deal)).as("nothing written").isEqualTo(versionBefore);
        assertThat(only(manager).id()).as("the task is still open").isEqualTo(managerStep.id());

        workflow.complete(manager, managerStep.id(), versionBefore, Map.of("approved", true));
        assertThat(engine.records().get(admin, "deal", deal.id()).values())
                .containsEntry("approved", true).containsEntry("amount", new BigDecimal("1000.00"));
    }

    @Test
    void aGatewayOnAFormulaRoutesByTheRecordsCurrentValues() {
        FormRecord big = deal("Big", "60000");
        FormRecord small = deal("Small", "100");
        workflow.start(rep, "deal_routing", "deal", big.id());
        workflow.start(rep, "deal_routing", "deal", small.id());
        List<WorkTask> submits = workflow.tasks(rep);
        assertThat(submits).hasSize(2);
        for (WorkTask submit : submits) {
            workflow.complete(rep, submit.id(), version(submit.recordId() == big.id() ? big : small), Map.of());
        }
        assertThat(only(director).recordId()).isEqualTo(big.id());
        assertThat(only(manager).recordId()).isEqualTo(small.id());

        // the gateway sees the values saved by the very completion that reaches it
        FormRecord grown = deal("Grows", "100");
        workflow.start(rep, "deal_routing", "deal", grown.id());
        WorkTask submit = workflow.tasks(rep).get(0);
        workflow.complete(rep, submit.id(), version(grown), Map.of("amount", new BigDecimal("75000")));
        assertThat(workflow.tasks(director)).extracting(WorkTask::recordId).containsExactlyInAnyOrder(big.id(),
                grown.id());
    }

    @Test
    void aTaskReturnedToTheSubmitterComesBackWithTheReasonAndThenRunsOnAgain() {
        FormRecord deal = deal("ACME", "1000");
        workflow.start(rep, "deal_approval", "deal", deal.id());
        workflow.complete(rep, only(rep).id(), version(deal), Map.of());
        WorkTask managerStep = only(manager);
        workflow.complete(manager, managerStep.id(), version(deal), Map.of());
        WorkTask financeStep = only(finance);
        assertThat(workflow.open(finance, financeStep.id()).returnTargets()).containsExactly("submit", "manager");

        assertThatThrownBy(() -> workflow.returnTask(finance, financeStep.id(), WorkflowService.SUBMITTER, " "))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.returnTask(finance, financeStep.id(), "end", "why"))
                .isInstanceOf(ValidationException.class);
        WorkTask back = workflow.returnTask(finance, financeStep.id(), WorkflowService.SUBMITTER,
                "customer name is misspelt");

        assertThat(back.activityId()).isEqualTo("submit");
        assertThat(workflow.tasks(finance)).isEmpty();
        WorkTask resubmit = only(rep);
        assertThat(resubmit.id()).isEqualTo(back.id());
        assertThat(resubmit.assignee()).isEqualTo("rep");
        assertThat(resubmit.returnReason()).isEqualTo("customer name is misspelt");
        assertThat(workflow.comments(rep, resubmit.id())).anySatisfy(c -> assertThat(c)
                .contains("customer name is misspelt").contains("submit"));

        workflow.complete(rep, resubmit.id(), version(deal), Map.of("name", "ACME Corp"));
        WorkTask again = only(manager);
        assertThat(again.activityId()).isEqualTo("manager");
        assertThat(again.returnReason()).isNull();

        WorkTask toManager = workflow.returnTask(manager, again.id(), "submit", "attach the quote");
        assertThat(toManager.activityId()).isEqualTo("submit");
        assertThat(engine.records().get(admin, "deal", deal.id()).values()).containsEntry("name", "ACME Corp");
    }

    @Test
    void aProcessStartsOnlyForItsOwnFormAndARecordTheActorMaySee() {
        FormRecord deal = deal("ACME", "1000");
        assertThatThrownBy(() -> workflow.start(rep, "deal_approval", "deal", deal.id() + 100))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workflow.start(rep, "nope", "deal", deal.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(workflow.running("deal", deal.id())).isFalse();
    }
}
