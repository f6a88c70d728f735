package io.opensop.engine.workflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.Forms;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.StartedProcess;
import io.opensop.engine.workflow.TaskEdits;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowNotification;
import io.opensop.engine.workflow.WorkflowService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval patterns end to end: flows made with the builder, imported and published through
 * ProcessModelService, driven only through WorkflowService; run on every supported database.
 */
abstract class ApprovalContract {

    private final Actor admin = EngineHarness.admin();
    private final Map<String, Actor> people = new HashMap<>();

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
        UserAccount boss = person("boss", null, "manager");
        person("rep", boss.id(), "sales");
        person("ann", boss.id(), "sales");
        for (String legal : List.of("lee", "lin", "lou")) {
            person(legal, null, "legal");
        }
        for (String board : List.of("b1", "b2", "b3")) {
            person(board, null, "board");
        }
        person("fin", null, "finance");
        engine.forms().create(admin, FormJson.read("""
                {"key":"deal","app":"crm","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"},
                   {"key":"account_owner","type":"user","label":{"en":"Account owner"}}
                 ]}
                """));
        engine.forms().publish(admin, "deal", false);
    }

    @AfterEach
    void stop() {
        harness.close();
        dataSource.close();
    }

    private UserAccount person(String name, Long managerId, String... roles) {
        UserAccount account = engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai",
                managerId, null, null, Set.of(roles)));
        people.put(name, EngineHarness.user(account.id(), name, roles));
        return account;
    }

    private Actor as(String name) {
        return people.get(name);
    }

    private void publish(ApprovalFlowBuilder flow) {
        String xml = flow.toBpmn();
        ProcessModel model = harness.workflow.models().importModel(admin, null, xml.getBytes(StandardCharsets.UTF_8));
        assertThat(harness.workflow.models().validate(admin, model.key())).isEmpty();
        assertThat(harness.workflow.models().publish(admin, model.key()).deployed()).isTrue();
    }

    private FormRecord deal(String name) {
        return engine.records().create(as("rep"), "deal", Map.of("name", name, "amount", new BigDecimal("1000")));
    }

    /** Starts the flow for a new deal and completes the submitter's step. */
    private StartedProcess submitted(String flow, FormRecord deal) {
        StartedProcess started = workflow.start(as("rep"), flow, "deal", deal.id());
        WorkTask submit = only("rep");
        assertThat(submit.activityId()).isEqualTo("submit");
        workflow.complete(as("rep"), submit.id(), version(deal), Map.of());
        return started;
    }

    private long version(FormRecord record) {
        return engine.records().get(admin, "deal", record.id()).version();
    }

    private WorkTask only(String name) {
        List<WorkTask> tasks = workflow.tasks(as(name));
        assertThat(tasks).as("tasks of " + name).hasSize(1);
        return tasks.get(0);
    }

    private HistoricProcessInstance instance(StartedProcess started) {
        return harness.camunda.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(started.processInstanceId()).singleResult();
    }

    private String endedAt(StartedProcess started) {
        HistoricProcessInstance instance = instance(started);
        assertThat(instance.getEndTime()).as("ended").isNotNull();
        return instance.getEndActivityId();
    }

    @Test
    void aPaletteStepSplicedIntoAPublishedFlowPassesTheRulesAndRunsForNewInstancesOnly() {
        publish(ApprovalFlowBuilder.flow("spliced", "deal").sequential("manager", AssigneeSpec.ofManager()));
        StartedProcess early = submitted("spliced", deal("先提交的商机"));
        String step = ApprovalFlowBuilder.stepElement("deal", new ApprovalStep("legal_sign",
                ApprovalStep.COUNTERSIGN, null, null, AssigneeSpec.ofUsers("lee", "lin"), null, null, null));
        ProcessModel draft = harness.workflow.models().draft(admin, "spliced");
        String xml = draft.xml()
                .replace("sourceRef=\"manager\" targetRef=\"approved\"/>", "sourceRef=\"manager\" targetRef=\"legal_sign\"/>\n"
                        + "    <bpmn:sequenceFlow id=\"flow_legal_sign_approved\" sourceRef=\"legal_sign\" targetRef=\"approved\"/>")
                .replace("<bpmn:endEvent id=\"approved\"", step + "    <bpmn:endEvent id=\"approved\"");
        harness.workflow.models().updateDraft(admin, "spliced", draft.draftRevision(), xml.getBytes(StandardCharsets.UTF_8));
        assertThat(harness.workflow.models().validate(admin, "spliced")).isEmpty();
        assertThat(harness.workflow.models().publish(admin, "spliced").version()).isEqualTo(2);

        StartedProcess late = submitted("spliced", deal("后提交的商机"));
        assertThat(late.processVersion()).isEqualTo(2);
        for (WorkTask task : workflow.tasks(as("boss"))) {
            workflow.approve(as("boss"), task.id(), "ok");
        }
        assertThat(endedAt(early)).isEqualTo("approved");
        assertThat(instance(late).getEndTime()).as("waits for the countersign").isNull();
        workflow.approve(as("lee"), only("lee").id(), "ok");
        assertThat(instance(late).getEndTime()).as("one of two signed").isNull();
        workflow.approve(as("lin"), only("lin").id(), "ok");
        assertThat(endedAt(late)).isEqualTo("approved");
    }

    @Test
    void aSequentialApprovalGoesToTheOwnersManagerThenToARoleAndEndsApproved() {
        publish(ApprovalFlowBuilder.flow("seq", "deal")
                .sequential("manager", AssigneeSpec.ofManager())
                .sequential("finance", AssigneeSpec.ofRole("finance")));
        FormRecord deal = deal("ACME");
        StartedProcess started = submitted("seq", deal);

        WorkTask managerStep = only("boss");
        assertThat(managerStep.activityId()).isEqualTo("manager");
        assertThat(managerStep.assignee()).isEqualTo("boss");
        assertThat(workflow.tasks(as("fin"))).isEmpty();
        assertThatThrownBy(() -> workflow.approve(as("lee"), managerStep.id(), "me?"))
                .isInstanceOf(NotFoundException.class);
        workflow.approve(as("boss"), managerStep.id(), "fine by me");

        WorkTask financeStep = only("fin");
        assertThat(financeStep.candidateGroups()).containsExactly("finance");
        workflow.approve(as("fin"), financeStep.id(), null);

        assertThat(endedAt(started)).isEqualTo("approved");
        assertThat(workflow.approvalHistory(as("rep"), started.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::activityId, ApprovalEntry::by, ApprovalEntry::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("approve", "manager", "boss", "fine by me"),
                        org.assertj.core.groups.Tuple.tuple("approve", "finance", "fin", null));
    }

    @Test
    void aCountersignNeedsEveryApproverAndOneRejectionEndsTheFlowRejected() {
        publish(ApprovalFlowBuilder.flow("cs", "deal")
                .countersign("legal", AssigneeSpec.ofUsers("lee", "lin", "lou")));
        StartedProcess all = submitted("cs", deal("All agree"));
        workflow.approve(as("lee"), only("lee").id(), "ok");
        workflow.approve(as("lin"), only("lin").id(), "ok");
        assertThat(instance(all).getEndTime()).isNull();
        workflow.approve(as("lou"), only("lou").id(), "ok");
        assertThat(endedAt(all)).isEqualTo("approved");

        StartedProcess one = submitted("cs", deal("One objects"));
        workflow.approve(as("lee"), only("lee").id(), "ok");
        workflow.reject(as("lin"), only("lin").id(), "the liability clause is unacceptable", null);
        assertThat(endedAt(one)).isEqualTo("rejected");
        assertThat(workflow.tasks(as("lou"))).isEmpty();
        assertThat(workflow.approvalHistory(as("rep"), one.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("approve", "lee"),
                        org.assertj.core.groups.Tuple.tuple("reject", "lin"));
    }

    @Test
    void theFirstApprovalCompletesAnAnyOneStepAndWithdrawsTheOthersTasks() {
        publish(ApprovalFlowBuilder.flow("any", "deal")
                .anyOne("legal", AssigneeSpec.ofRole("legal"))
                .sequential("finance", AssigneeSpec.ofUser("fin")));
        StartedProcess started = submitted("any", deal("Quick"));
        assertThat(only("lee").assignee()).isEqualTo("lee");
        assertThat(only("lou").assignee()).isEqualTo("lou");

        workflow.approve(as("lin"), only("lin").id(), "go");

        assertThat(workflow.tasks(as("lee"))).isEmpty();
        assertThat(workflow.tasks(as("lou"))).isEmpty();
        workflow.approve(as("fin"), only("fin").id(), null);
        assertThat(endedAt(started)).isEqualTo("approved");
    }

    @Test
    void aRatioStepCompletesAtTwoThirdsAndFailsOnceTwoThirdsAreOutOfReach() {
        publish(ApprovalFlowBuilder.flow("ratio", "deal")
                .ratio("board", "2/3", AssigneeSpec.ofRole("board")).onReject("submitter"));
        StartedProcess passes = submitted("ratio", deal("Passes"));
        workflow.approve(as("b1"), only("b1").id(), "yes");
        workflow.reject(as("b2"), only("b2").id(), "no", null);
        assertThat(instance(passes).getEndTime()).as("one no vote is allowed").isNull();
        workflow.approve(as("b3"), only("b3").id(), "yes");
        assertThat(endedAt(passes)).isEqualTo("approved");

        StartedProcess fails = submitted("ratio", deal("Fails"));
        workflow.reject(as("b1"), only("b1").id(), "too cheap", null);
        assertThat(only("b2").activityId()).isEqualTo("board");
        workflow.reject(as("b2"), only("b2").id(), "far too cheap", null);
        assertThat(workflow.tasks(as("b3"))).isEmpty();
        WorkTask back = only("rep");
        assertThat(back.activityId()).isEqualTo("submit");
        assertThat(back.returnReason()).isEqualTo("far too cheap");
        assertThat(instance(fails).getEndTime()).isNull();
    }

    @Test
    void aRejectionFollowsTheStepsRouteOrReturnsToAnyEarlierStepWithTheReasonKept() {
        publish(ApprovalFlowBuilder.flow("back", "deal")
                .sequential("manager", AssigneeSpec.ofUser("boss"))
                .sequential("finance", AssigneeSpec.ofUser("fin")).onReject("manager"));
        FormRecord deal = deal("Loop");
        StartedProcess started = submitted("back", deal);
        workflow.approve(as("boss"), only("boss").id(), "ok");

        assertThatThrownBy(() -> workflow.reject(as("fin"), only("fin").id(), " ", null))
                .isInstanceOf(ValidationException.class);
        workflow.reject(as("fin"), only("fin").id(), "discount needs a reason", null);
        WorkTask again = only("boss");
        assertThat(again.activityId()).isEqualTo("manager");
        assertThat(again.returnReason()).isEqualTo("discount needs a reason");

        workflow.reject(as("boss"), again.id(), "add the discount reason", WorkflowService.SUBMITTER);
        WorkTask submit = only("rep");
        assertThat(submit.activityId()).isEqualTo("submit");
        assertThat(submit.returnReason()).isEqualTo("add the discount reason");
        workflow.complete(as("rep"), submit.id(), version(deal), Map.of("name", "Loop (discount explained)"));
        workflow.approve(as("boss"), only("boss").id(), null);
        workflow.approve(as("fin"), only("fin").id(), null);
        assertThat(endedAt(started)).isEqualTo("approved");
        assertThat(workflow.approvalHistory(admin, started.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by, ApprovalEntry::target).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("approve", "boss", null),
                        org.assertj.core.groups.Tuple.tuple("reject", "fin", null),
                        org.assertj.core.groups.Tuple.tuple("reject", "boss", "submitter"),
                        org.assertj.core.groups.Tuple.tuple("approve", "boss", null),
                        org.assertj.core.groups.Tuple.tuple("approve", "fin", null));
    }

    @Test
    void aTransferredTaskMovesToTheNewAssigneeAndTheTransferIsKept() {
        publish(ApprovalFlowBuilder.flow("transfer", "deal").sequential("manager", AssigneeSpec.ofUser("boss")));
        StartedProcess started = submitted("transfer", deal("Holiday"));
        WorkTask task = only("boss");
        assertThatThrownBy(() -> workflow.transfer(as("boss"), task.id(), "nobody", null))
                .isInstanceOf(ValidationException.class);

        workflow.transfer(as("boss"), task.id(), "fin", "I am on holiday");

        assertThat(workflow.tasks(as("boss"))).isEmpty();
        assertThat(only("fin").id()).isEqualTo(task.id());
        workflow.approve(as("fin"), task.id(), "approved on behalf");
        assertThat(endedAt(started)).isEqualTo("approved");
        assertThat(workflow.approvalHistory(as("rep"), started.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by, ApprovalEntry::target, ApprovalEntry::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("transfer", "boss", "fin", "I am on holiday"),
                        org.assertj.core.groups.Tuple.tuple("approve", "fin", null, "approved on behalf"));
    }

    @Test
    void anAddedSignerBeforeDecidesFirstAndOneAfterDecidesLast() {
        publish(ApprovalFlowBuilder.flow("sign", "deal").sequential("manager", AssigneeSpec.ofUser("boss")));
        StartedProcess before = submitted("sign", deal("Before"));
        WorkTask task = only("boss");
        workflow.addSigner(as("boss"), task.id(), "lee", "before", "legal first");
        assertThat(workflow.tasks(as("boss"))).isEmpty();
        workflow.approve(as("lee"), only("lee").id(), "legal ok");
        assertThat(only("boss").id()).isEqualTo(task.id());
        workflow.approve(as("boss"), task.id(), "ok");
        assertThat(endedAt(before)).isEqualTo("approved");

        StartedProcess after = submitted("sign", deal("After"));
        WorkTask mine = only("boss");
        workflow.addSigner(as("boss"), mine.id(), "fin", "after", null);
        assertThatThrownBy(() -> workflow.addSigner(as("boss"), mine.id(), "fin", "after", null))
                .isInstanceOf(ValidationException.class);
        assertThat(workflow.tasks(as("fin"))).isEmpty();
        workflow.approve(as("boss"), mine.id(), "ok");
        assertThat(instance(after).getEndTime()).isNull();
        workflow.reject(as("fin"), only("fin").id(), "budget exhausted", null);
        assertThat(endedAt(after)).isEqualTo("rejected");
        assertThat(workflow.approvalHistory(as("rep"), after.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by, ApprovalEntry::target, ApprovalEntry::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("add_signer", "boss", "fin", "after"),
                        org.assertj.core.groups.Tuple.tuple("approve", "boss", null, null),
                        org.assertj.core.groups.Tuple.tuple("reject", "fin", null, null));
    }

    @Test
    void aCarbonCopyPublishesANotificationAndCreatesNoTask() {
        publish(ApprovalFlowBuilder.flow("cc", "deal")
                .sequential("manager", AssigneeSpec.ofManager())
                .carbonCopy("notify", AssigneeSpec.ofRole("legal")));
        FormRecord deal = deal("Copied");
        StartedProcess started = submitted("cc", deal);
        workflow.approve(as("boss"), only("boss").id(), null);

        assertThat(endedAt(started)).isEqualTo("approved");
        assertThat(workflow.tasks(as("lee"))).isEmpty();
        List<WorkflowNotification> sent = harness.engine.events.stream()
                .filter(WorkflowNotification.class::isInstance).map(WorkflowNotification.class::cast).toList();
        assertThat(sent).hasSize(1);
        WorkflowNotification cc = sent.get(0);
        assertThat(cc.kind()).isEqualTo(WorkflowNotification.CC);
        assertThat(cc.recipients()).containsExactlyInAnyOrder("lee", "lin", "lou");
        assertThat(cc.recordId()).isEqualTo(deal.id());
        assertThat(cc.formKey()).isEqualTo("deal");
        assertThat(cc.activityId()).isEqualTo("notify");
        assertThat(cc.submitter()).isEqualTo("rep");
        assertThat(cc.processInstanceId()).isEqualTo(started.processInstanceId());
    }

    @Test
    void anApproverCanComeFromAUserFieldOfTheRecord() {
        publish(ApprovalFlowBuilder.flow("field", "deal").sequential("owner", AssigneeSpec.ofField("account_owner")));
        FormRecord deal = engine.records().create(as("rep"), "deal", Map.of("name", "Owned",
                "account_owner", as("ann").userId()));
        StartedProcess started = submitted("field", deal);
        WorkTask task = only("ann");
        assertThat(task.activityId()).isEqualTo("owner");
        workflow.approve(as("ann"), task.id(), null);
        assertThat(endedAt(started)).isEqualTo("approved");

        FormRecord nobody = deal("Nobody owns it");
        workflow.start(as("rep"), "field", "deal", nobody.id());
        WorkTask submit = workflow.tasks(as("rep")).get(0);
        assertThatThrownBy(() -> workflow.complete(as("rep"), submit.id(), version(nobody), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("owner", "no_assignee")));
        assertThat(workflow.tasks(as("rep"))).extracting(WorkTask::id).containsExactly(submit.id());
    }

    @Test
    void theSubmitterMayWithdrawBeforeTheFirstDecisionButNotAfterIt() {
        publish(ApprovalFlowBuilder.flow("wd", "deal")
                .sequential("manager", AssigneeSpec.ofUser("boss"))
                .sequential("finance", AssigneeSpec.ofUser("fin")));
        StartedProcess early = submitted("wd", deal("Early"));
        assertThatThrownBy(() -> workflow.withdraw(as("boss"), early.processInstanceId(), "mine now"))
                .isInstanceOf(AccessDeniedException.class);
        workflow.withdraw(as("rep"), early.processInstanceId(), "wrong amount");
        assertThat(workflow.tasks(as("boss"))).isEmpty();
        assertThat(instance(early).getState()).isNotEqualTo("COMPLETED");
        assertThat(instance(early).getDeleteReason()).isEqualTo("withdrawn by rep: wrong amount");
        assertThat(workflow.approvalHistory(as("rep"), early.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by, ApprovalEntry::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("withdraw", "rep", "wrong amount"));

        StartedProcess late = submitted("wd", deal("Late"));
        workflow.approve(as("boss"), only("boss").id(), null);
        assertThatThrownBy(() -> workflow.withdraw(as("rep"), late.processInstanceId(), "too late"))
                .isInstanceOf(ConflictException.class);
        assertThat(only("fin").activityId()).isEqualTo("finance");
    }

    // --- decisions with edits of the task's form: save and decision in one transaction ---

    /** Offers whose manager step edits only its "review" section and must explain itself in 10 characters. */
    private FormRecord offerUnderReview() {
        engine.forms().create(admin, Forms.offerUnderReview("offer"));
        engine.forms().publish(admin, "offer", false);
        publish(Forms.offerReview("offer_review", "offer", "boss").sequential("finance", AssigneeSpec.ofUser("fin")));
        FormRecord offer = engine.records().create(as("rep"), "offer",
                Map.of("name", "Offer " + people.size(), "amount", new BigDecimal("5000")));
        workflow.start(as("rep"), "offer_review", "offer", offer.id());
        workflow.complete(as("rep"), only("rep").id(), offer.version(), Map.of());
        return stored(offer);
    }

    private FormRecord stored(FormRecord offer) {
        return engine.records().get(admin, "offer", offer.id());
    }

    @Test
    void anApprovalRefusedAfterItsEditsKeepsNoneOfThemAndAGoodOneWritesEditsAndDecisionTogether() {
        FormRecord offer = offerUnderReview();
        WorkTask review = only("boss");
        long seen = offer.version();

        assertThatThrownBy(() -> workflow.approve(as("boss"), review.id(), "ok",
                new TaskEdits(seen, Map.of("review_note", "fine"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("review_note", "rule_failed")));
        assertThatThrownBy(() -> workflow.approve(as("boss"), review.id(), "ok"))
                .as("approving completes the task, so its rules hold without edits too")
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.approve(as("boss"), review.id(), "ok",
                new TaskEdits(seen - 1, Map.of("review_note", "margin is fine, go ahead"))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> workflow.approve(as("boss"), review.id(), "ok",
                new TaskEdits(seen, Map.of("review_note", "margin is fine, go ahead", "amount", BigDecimal.ONE))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("amount", "read_only")));
        assertThat(stored(offer).version()).isEqualTo(seen);
        assertThat(stored(offer).values().get("review_note")).isNull();
        assertThat(only("boss").id()).isEqualTo(review.id());
        assertThat(workflow.approvalHistory(as("rep"), review.processInstanceId())).isEmpty();

        workflow.approve(as("boss"), review.id(), "ok", new TaskEdits(seen, Map.of("review_note", "margin is fine")));

        assertThat(stored(offer).version()).isEqualTo(seen + 1);
        assertThat(stored(offer).values()).containsEntry("review_note", "margin is fine");
        assertThat(only("fin").activityId()).isEqualTo("finance");
        assertThat(workflow.approvalHistory(as("rep"), review.processInstanceId()))
                .extracting(ApprovalEntry::kind, ApprovalEntry::by).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("approve", "boss"));
    }

    @Test
    void aRejectionOrReturnSavesItsEditsWithTheDecisionOrNotAtAll() {
        FormRecord offer = offerUnderReview();
        WorkTask review = only("boss");
        long seen = offer.version();
        TaskEdits note = new TaskEdits(seen, Map.of("review_note", "price below our floor"));

        assertThatThrownBy(() -> workflow.reject(as("boss"), review.id(), "too cheap", "nowhere", note))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("target"));
        assertThatThrownBy(() -> workflow.returnTask(as("boss"), review.id(), "nowhere", "too cheap", note))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> workflow.reject(as("boss"), review.id(), null, null, note))
                .isInstanceOf(ValidationException.class);
        assertThat(stored(offer).version()).isEqualTo(seen);
        assertThat(stored(offer).values().get("review_note")).isNull();

        workflow.reject(as("boss"), review.id(), "too cheap", null, note);

        assertThat(stored(offer).values()).containsEntry("review_note", "price below our floor");
        WorkTask again = only("rep");
        assertThat(again.returnReason()).isEqualTo("too cheap");
        workflow.complete(as("rep"), again.id(), stored(offer).version(), Map.of("amount", new BigDecimal("6000")));
        long resubmitted = stored(offer).version();

        workflow.returnTask(as("boss"), only("boss").id(), WorkflowService.SUBMITTER, "still too cheap",
                new TaskEdits(resubmitted, Map.of("review_note", "6000 is still below")));

        assertThat(stored(offer).version()).isEqualTo(resubmitted + 1);
        assertThat(stored(offer).values()).containsEntry("review_note", "6000 is still below");
        assertThat(only("rep").returnReason()).isEqualTo("still too cheap");
    }
}
