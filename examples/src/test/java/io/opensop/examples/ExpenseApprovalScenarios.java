package io.opensop.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.SlaHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.workflow.ProcessModelsAdapter;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code expense-approval} package (examples/expense-approval, walked through in
 * examples/README.md): install it, claim, approve with the manager and a finance countersign, and
 * let the two-working-day SLA remind a slow approver. Nothing here is sales-specific. The clock
 * starts on Monday 2026-03-02 09:00 in Shanghai.
 */
abstract class ExpenseApprovalScenarios {

    static final Path PACKAGE = Path.of("expense-approval");

    private HikariDataSource dataSource;
    private SlaHarness harness;
    private EngineServices engine;
    private WorkflowService workflow;
    private Actor mei;
    private Actor boss;
    private Actor fin1;
    private Actor fin2;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void install() {
        dataSource = newDatabase();
        harness = new SlaHarness(dataSource);
        engine = harness.engine;
        workflow = harness.workflow.workflow.workflow();
        UserAccount manager = user("boss", null, "expense_manager");
        boss = actor(manager);
        mei = actor(user("mei", manager.id(), "employee"));
        fin1 = actor(user("fin1", null, "finance"));
        fin2 = actor(user("fin2", null, "finance"));
        TemplatePackage expense = TemplateArchives.fromDirectory(PACKAGE);
        engine.templates(new ProcessModelsAdapter(harness.workflow.workflow.models())).install(admin, expense, true);
    }

    @AfterEach
    void close() {
        harness.close();
        dataSource.close();
    }

    private UserAccount user(String name, Long manager, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "zh-CN", "Asia/Shanghai", manager,
                null, null, Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.SIMPLIFIED_CHINESE,
                EngineHarness.SHANGHAI);
    }

    private FormRecord claim(String title, String... amounts) {
        List<Map<String, Object>> lines = java.util.Arrays.stream(amounts)
                .map(a -> Map.<String, Object>of("spent_on", "2026-03-02", "category", "travel", "amount", a)).toList();
        String receipt = engine.attachments().store("mei", "receipt.pdf", "application/pdf",
                new ByteArrayInputStream("%PDF-1.4 receipt".getBytes()), 1_000).id();
        return engine.records().create(mei, "expense_claim", Map.of("title", title, "lines", lines,
                "receipts", List.of(receipt)));
    }

    private static WorkTask only(List<WorkTask> tasks, String activityId) {
        assertThat(tasks).extracting(WorkTask::activityId).containsExactly(activityId);
        return tasks.get(0);
    }

    @Test
    void theTotalIsTheSumOfTheItemsToTheCentAndBigClaimsNeedReceipts() {
        FormRecord claim = claim("出差北京", "1200.10", "86.55");

        assertThat((BigDecimal) claim.values().get("total")).isEqualByComparingTo("1286.65");
        assertThat(claim.values().get("code")).isEqualTo("BX-2026-0002");
        assertThat(claim.values().get("large")).isEqualTo(false);
        assertThatThrownBy(() -> engine.records().create(mei, "expense_claim", Map.of("title", "无票据",
                "lines", List.of(Map.of("spent_on", "2026-03-02", "category", "meals", "amount", "600")))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("receipts", "rule_failed")));
    }

    @Test
    void theManagerApprovesAndBothFinanceColleaguesMustCountersign() {
        FormRecord claim = claim("展会物料", "3000.00");
        workflow.start(mei, "expense_approval", "expense_claim", claim.id());
        workflow.complete(mei, only(workflow.tasks(mei), "submit").id(), claim.version(), Map.of());

        workflow.approve(boss, only(workflow.tasks(boss), "manager").id(), "同意");
        workflow.approve(fin1, only(workflow.tasks(fin1), "finance").id(), "票据齐全");
        assertThat(workflow.running("expense_claim", claim.id())).isTrue();
        workflow.approve(fin2, only(workflow.tasks(fin2), "finance").id(), "同意");

        assertThat(workflow.running("expense_claim", claim.id())).isFalse();
        assertThat(harness.workflow.camunda.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("expense_claim:" + claim.id()).singleResult().getEndActivityId())
                .isEqualTo("approved");
    }

    @Test
    void aClaimWaitingTwoWorkingDaysForFinanceRemindsTheApproverAndCopiesTheClaimant() {
        harness.at("2026-03-05T10:00");
        FormRecord claim = claim("季度办公用品", "420.00");
        workflow.start(mei, "expense_approval", "expense_claim", claim.id());
        workflow.complete(mei, only(workflow.tasks(mei), "submit").id(), claim.version(), Map.of());
        workflow.approve(boss, only(workflow.tasks(boss), "manager").id(), "同意");

        // Thursday 10:00 + 2 working days over the weekend: Monday 10:00
        harness.at("2026-03-09T09:59");
        assertThat(harness.inbox(fin1, "sla.reminder", "季度办公用品")).isEmpty();
        harness.at("2026-03-09T10:00");
        assertThat(harness.inbox(fin1, "sla.reminder", "季度办公用品")).hasSize(1);
        assertThat(harness.inbox(fin2, "sla.reminder", "季度办公用品")).hasSize(1);
        assertThat(harness.inbox(mei, "sla.reminder", "季度办公用品")).hasSize(2);
    }
}
