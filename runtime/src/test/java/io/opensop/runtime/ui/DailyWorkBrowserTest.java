package io.opensop.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.error.Problem;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The daily work of sales reps and managers in headless Chromium against the demo app with sales-crm
 * installed: a customer's mandatory key field, an opportunity moved on the kanban board through its
 * attachment gates, and a contract approved from the manager's task inbox. Every outcome is checked
 * in the database through the engine, not only on the page. Screenshots in
 * target/screenshots/DailyWorkBrowserTest/.
 */
class DailyWorkBrowserTest extends BrowserTestBase {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    RecordService records;
    @Autowired
    UserDirectory users;
    @Autowired
    AttachmentStore attachments;
    @Autowired
    WorkflowService workflow;
    @Autowired
    NotificationService notifications;
    @Autowired
    FormService forms;

    @Test
    void aCustomerMissingAKeyFieldShowsTheErrorOnThatFieldAndIsSavedOnceItIsFilledIn() throws IOException {
        String name = "浦东看板测试客户 A1";
        signIn("rep1", "demo");
        open("forms/customer/records/new");
        type("name", name);
        choose("customer_type", "中小企业");
        choose("industry", "制造业");
        choose("region", "华东");
        choose("budget_range", "10万–50万");
        choose("decision_role", "决策者");
        choose("source", "转介绍");
        // key_contact_phone, the seventh key field, stays empty
        click("save");

        String required = EngineMessages.render(Problem.of("key_contact_phone", "required"), ZH);
        By phone = By.cssSelector("[data-field='key_contact_phone']");
        wait.until(ExpectedConditions.attributeToBe(phone, "invalid", "true"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-field='key_contact_phone'] [slot='error-message']"), required));
        screenshot("a1-missing-phone");
        assertThat(browser.findElements(By.cssSelector("[data-field='name'][invalid]"))).isEmpty();
        assertThat(named("customer", name)).as("nothing saved").isEmpty();

        type("key_contact_phone", "+86 21 5555 0177");
        click("save");
        wait.until(ExpectedConditions.urlMatches(".*/forms/customer$"));
        screenshot("a2-saved");
        List<FormRecord> saved = named("customer", name);
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).values()).containsEntry("key_contact_phone", "+86 21 5555 0177")
                .containsEntry("industry", "manufacturing");
    }

    @Test
    void anOpportunityStaysInItsColumnUntilBothGateFilesAreAttachedThenMovesToQuotation() throws IOException {
        long id = refusedThenMovedToQuotation("看板测试商机 B7", "88000.00", "b", cardId -> moveOnBoard(cardId, "quote"));

        // The record page shows the path with the current stage, and on a phone the board scrolls sideways.
        open("forms/opportunity/records/" + id);
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid='stage-path'] [data-stage='quote']"),
                "data-state", "current"));
        screenshot("b4-record-path");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("forms/opportunity/kanban");
        WebElement board = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='kanban']")));
        Number scrollWidth = (Number) browser.executeScript("return arguments[0].scrollWidth", board);
        Number clientWidth = (Number) browser.executeScript("return arguments[0].clientWidth", board);
        assertThat(scrollWidth.longValue()).isGreaterThan(clientWidth.longValue());
        assertThat((Number) browser.executeScript("return document.documentElement.scrollWidth"))
                .satisfies(w -> assertThat(w.longValue()).isLessThanOrEqualTo(400));
        assertThat(browser.findElement(By.cssSelector(".opensop-hide-narrow")).isDisplayed())
                .as("the header drops the username on a phone").isFalse();
        screenshot("b5-phone-board");
    }

    @Test
    void theSalesManagerApprovesAContractFromTheInboxAndTheApprovalMovesOnToLegal() throws IOException {
        FormRecord contract = submittedContract("收件箱审批测试合同 C3");
        WorkTask managerTask = only(workflow.tasks(actor("manager")), contract.id());
        assertThat(managerTask.activityId()).isEqualTo("manager");

        signIn("manager", "demo");
        open("tasks");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='task-open-" + managerTask.id() + "']"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-field='title'] input"), "value",
                "收件箱审批测试合同 C3"));
        screenshot("c1-task-form");
        click("task-approve");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='task-comment'] textarea"))).sendKeys("同意，价格合理");
        click("task-confirm");
        wait.until(ExpectedConditions.urlMatches(".*/tasks$"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("[data-testid='task-" + managerTask.id() + "']")));
        screenshot("c2-inbox-after");

        assertThat(workflow.tasks(actor("manager")).stream().filter(t -> contract.id() == t.recordId())).isEmpty();
        WorkTask legal = only(workflow.tasks(actor("legal")), contract.id());
        assertThat(legal.activityId()).isEqualTo("legal");
        assertThat(workflow.approvalHistory(actor("manager"), legal.processInstanceId()))
                .anySatisfy(e -> assertThat(e.comment()).isEqualTo("同意，价格合理"));
    }

    @Test
    void legalTakesAGroupTaskFromTheInboxAndReturnsItWithAReasonTheSubmitterSees() throws IOException {
        Actor rep = actor("rep1");
        FormRecord contract = submittedContract("退回测试合同 F6");
        workflow.approve(actor("manager"), only(workflow.tasks(actor("manager")), contract.id()).id(), null);
        WorkTask legalTask = only(workflow.tasks(actor("legal")), contract.id());
        assertThat(legalTask.assignee()).as("offered to the legal group").isNull();

        signIn("legal", "demo");
        open("tasks");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "[data-testid='tasks-groups'] [data-testid='task-" + legalTask.id() + "']")));
        screenshot("f1-group-task");
        click("task-open-" + legalTask.id());
        click("task-return");
        click("task-confirm");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid='task-comment']"), "invalid",
                "true"));
        assertThat(only(workflow.tasks(actor("legal")), contract.id()).id()).as("a reason is required")
                .isEqualTo(legalTask.id());
        browser.findElement(By.cssSelector("[data-testid='task-comment'] textarea")).sendKeys("回款节点未填写");
        click("task-confirm");
        wait.until(ExpectedConditions.urlMatches(".*/tasks$"));
        screenshot("f2-returned");

        assertThat(workflow.tasks(actor("legal")).stream().filter(t -> contract.id() == t.recordId())).isEmpty();
        WorkTask back = only(workflow.tasks(rep), contract.id());
        assertThat(back.activityId()).isEqualTo("submit");
        assertThat(back.returnReason()).isEqualTo("回款节点未填写");
    }

    @Test
    void anApprovalRefusedByLegalsMilestoneRuleKeepsNoneOfTheTaskPageEditsAndAGoodOneSavesThemWithIt()
            throws IOException {
        FormRecord contract = submittedContract("同事务审批合同 J1");
        workflow.approve(actor("manager"), only(workflow.tasks(actor("manager")), contract.id()).id(), null);
        String legalTask = only(workflow.tasks(actor("legal")), contract.id()).id();
        long submitted = records.get(Actor.system(), "contract", contract.id()).version();

        signIn("legal", "demo");
        open("tasks/" + legalTask);
        type("title", "同事务审批合同 J1（法务已审）");
        click("task-approve");
        click("task-confirm");

        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-field='milestone_payment_date']"),
                "invalid", "true"));
        screenshot("j1-approval-refused");
        FormRecord unchanged = records.get(Actor.system(), "contract", contract.id());
        assertThat(unchanged.version()).as("the title edit is not kept without the approval").isEqualTo(submitted);
        assertThat(unchanged.values()).containsEntry("title", "同事务审批合同 J1");
        assertThat(only(workflow.tasks(actor("legal")), contract.id()).id()).isEqualTo(legalTask);

        records.update(Actor.system(), "contract", contract.id(), submitted, Map.of(
                "promised_payment_date", java.time.LocalDate.of(2026, 12, 1),
                "milestone_payment_date", java.time.LocalDate.of(2026, 12, 2)));
        open("tasks/" + legalTask);
        type("title", "同事务审批合同 J1（法务已审）");
        click("task-approve");
        click("task-confirm");
        wait.until(ExpectedConditions.urlMatches(".*/tasks$"));

        FormRecord approved = records.get(Actor.system(), "contract", contract.id());
        assertThat(approved.version()).as("the milestone fix, then the edit saved with the approval")
                .isEqualTo(submitted + 2);
        assertThat(approved.values()).containsEntry("title", "同事务审批合同 J1（法务已审）");
        assertThat(only(workflow.tasks(actor("finance")), contract.id()).activityId()).isEqualTo("finance");
    }

    @Test
    void aNotificationIsListedUnreadMarkedReadAndLinksToItsRecord() throws IOException {
        FormRecord opportunity = records.create(actor("rep2"), "opportunity", Map.of("name", "通知测试商机 G8",
                "customer", anyCustomer()));
        long id = notifications.notify(java.util.Set.of("rep2"), "test.reminder", "opportunity", opportunity.id(),
                locale -> new String[] {"请跟进 通知测试商机 G8", "<b>3 个工作日未更新</b>"}).get(0);

        signIn("rep2", "demo");
        open("notifications");
        By entry = By.cssSelector("[data-testid='notification-" + id + "']");
        wait.until(ExpectedConditions.attributeToBe(entry, "data-read", "false"));
        assertThat(browser.findElement(entry).getText()).contains("请跟进 通知测试商机 G8")
                .as("bodies are text, never HTML").contains("<b>3 个工作日未更新</b>");
        screenshot("g1-unread");
        click("notification-toggle-" + id);
        // the list is rebuilt after the change: the old entry element goes stale while we look
        wait.ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(entry, "data-read", "true"));
        assertThat(notifications.get(actor("rep2"), id).read()).isTrue();

        click("notification-open-" + id);
        wait.until(ExpectedConditions.urlContains("/forms/opportunity/records/" + opportunity.id()));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-field='name'] input"), "value",
                "通知测试商机 G8"));
    }

    @Test
    void aSaveAfterSomeoneElsesChangeShowsTheirChangeAndMergingKeepsBothChanges() throws IOException {
        Actor rep = actor("rep1");
        FormRecord customer = records.create(rep, "customer", Map.of("name", "并发编辑测试客户 E2",
                "customer_type", "smb", "industry", "it", "region", "east", "budget_range", "lt100k",
                "decision_role", "user", "source", "website", "key_contact_phone", "+86 10 1000 0001"));
        signIn("rep1", "demo");
        open("forms/customer/records/" + customer.id());
        type("nps", "80");

        // Meanwhile the manager changes the phone number.
        records.update(actor("manager"), "customer", customer.id(), customer.version(),
                Map.of("key_contact_phone", "+86 10 2000 0002"));
        click("save");

        WebElement theirChange = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='conflict'] [data-field='key_contact_phone'], "
                        + "vaadin-dialog-overlay li[data-field='key_contact_phone']")));
        assertThat(theirChange.getText()).contains("+86 10 1000 0001").contains("+86 10 2000 0002");
        screenshot("e1-conflict");
        assertThat(records.get(rep, "customer", customer.id()).values().get("nps"))
                .as("nothing of mine was written").isNull();

        click("conflict-merge");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-field='key_contact_phone'] input"),
                "value", "+86 10 2000 0002"));
        assertThat(browser.findElement(By.cssSelector("[data-field='nps'] input")).getAttribute("value"))
                .isEqualTo("80");
        click("save");
        wait.until(ExpectedConditions.urlMatches(".*/forms/customer$"));
        FormRecord saved = records.get(rep, "customer", customer.id());
        assertThat(saved.values()).containsEntry("key_contact_phone", "+86 10 2000 0002");
        assertThat((BigDecimal) saved.values().get("nps")).isEqualByComparingTo("80");
        assertThat(saved.version()).isEqualTo(customer.version() + 2);
    }

    /** A contract of rep1's, its approval started and the submit step done: the manager's step is next. */
    private FormRecord submittedContract(String title) {
        Actor rep = actor("rep1");
        FormRecord contract = records.create(rep, "contract", Map.of("title", title, "customer", anyCustomer(),
                "contract_amount", new BigDecimal("45000.00"), "payment_term_days", 30));
        workflow.start(rep, "contract_approval", "contract", contract.id());
        workflow.complete(rep, only(workflow.tasks(rep), contract.id()).id(), contract.version(), Map.of());
        return contract;
    }

    /** The real drag and drop of a card, not the "Move to…" menu. */
    @Test
    void anOpportunityDraggedOntoQuotationStaysWhileItsGateFilesAreMissingAndLandsOnceTheyAreAttached()
            throws IOException {
        refusedThenMovedToQuotation("看板拖拽商机 D3", "66000.00", "h", cardId -> drag(cardId, "quote"));
    }

    /**
     * A new opportunity in 方案演示 is moved to 方案报价 on the board by {@code move}: refused with both missing
     * gate files listed and the card (and the stored stage) unchanged; with the files attached, moved.
     */
    private long refusedThenMovedToQuotation(String name, String amount, String shots, Consumer<Long> move)
            throws IOException {
        Actor rep = actor("rep1");
        FormRecord opportunity = records.create(rep, "opportunity", Map.of("name", name,
                "customer", anyCustomer(), "amount", new BigDecimal(amount)));
        opportunity = records.moveStage(rep, "opportunity", opportunity.id(), opportunity.version(), "demo");
        long id = opportunity.id();

        signIn("rep1", "demo");
        open("forms/opportunity/kanban");
        By card = By.cssSelector("[data-testid='kanban-column-demo'] [data-testid='kanban-card-" + id + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(card));
        screenshot(shots + "1-board");
        move.accept(id);

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='move-problem']"), 2));
        List<String> shown = browser.findElements(By.cssSelector("[data-testid='move-problem']")).stream()
                .map(WebElement::getText).toList();
        assertThat(shown).containsExactlyInAnyOrder("上传需求评估报告", "上传客户签字页");
        screenshot(shots + "2-gates-unmet");
        assertThat(records.get(rep, "opportunity", id).stage()).isEqualTo("demo");
        click("move-problems-close");
        assertThat(browser.findElements(card)).as("the card stayed in its column").hasSize(1);

        FormRecord before = records.get(rep, "opportunity", id);
        records.update(rep, "opportunity", id, before.version(), Map.of(
                "needs_assessment", List.of(file(shots + "-needs-assessment.pdf")),
                "signature_page", List.of(file(shots + "-signature-page.pdf"))));
        open("forms/opportunity/kanban");
        wait.until(ExpectedConditions.presenceOfElementLocated(card));
        move.accept(id);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='kanban-column-quote'] [data-testid='kanban-card-" + id + "']")));
        screenshot(shots + "3-moved");
        assertThat(records.get(rep, "opportunity", id).stage()).isEqualTo("quote");
        assertThat(browser.findElements(card)).isEmpty();
        return id;
    }

    /**
     * Drags a card onto a column as a browser does: dragstart, dragenter, dragover, drop, dragend. Chromium
     * ignores Selenium's mouse drag for HTML5 drag and drop, so the page gets the events a user's drag fires,
     * sharing one DataTransfer.
     */
    private void drag(long id, String toStage) {
        WebElement source = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='kanban-card-" + id + "']")));
        WebElement target = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='kanban-column-" + toStage + "']")));
        browser.executeScript("""
                const [source, target] = arguments;
                const data = new DataTransfer();
                const fire = (element, type) => {
                  const box = element.getBoundingClientRect();
                  element.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, composed: true,
                      dataTransfer: data, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2}));
                };
                fire(source, 'dragstart');
                fire(target, 'dragenter');
                fire(target, 'dragover');
                fire(target, 'drop');
                fire(source, 'dragend');
                """, source, target);
    }

    @Test
    void theHomeLauncherGroupsTheFormsARepMayReadByInstalledAppAndPutsFormsOfNoAppUnderOther() throws IOException {
        publish("""
                {"key":"launcher_memo","label":{"en":"Launcher memo","zh-CN":"启动器备忘"},
                 "fields":[{"key":"text","type":"text","label":{"en":"Text"}}]}
                """);
        publish("""
                {"key":"launcher_finance_only","app":"crm","label":{"en":"Finance only","zh-CN":"仅财务"},
                 "permissions":{"read":["finance"]},"fields":[{"key":"text","type":"text","label":{"en":"Text"}}]}
                """);

        signIn("rep1", "demo");
        WebElement crm = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='home-launcher'] [data-testid='launcher-app-crm']")));
        assertThat(crm.findElement(By.tagName("h4")).getText()).isIn("Sales CRM (lead to payment)", "销售管理（线索到回款）");
        assertThat(crm.findElements(By.cssSelector("[data-testid='launcher-form-opportunity']"))).hasSize(1);
        assertThat(crm.findElements(By.cssSelector("[data-testid='launcher-form-customer']"))).hasSize(1);
        assertThat(crm.findElements(By.cssSelector("[data-testid='launcher-form-launcher_memo']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-testid='launcher-form-launcher_finance_only']")))
                .as("a form the rep may not read is not offered").isEmpty();
        WebElement other = browser.findElement(By.cssSelector("[data-testid='launcher-other']"));
        assertThat(other.findElements(By.cssSelector("[data-testid='launcher-form-launcher_memo']"))).hasSize(1);
        screenshot("i1-home-launcher");

        click("launcher-form-launcher_memo");
        wait.until(ExpectedConditions.urlContains("/forms/launcher_memo"));
    }

    private void publish(String formJson) {
        FormDefinition definition = FormJson.read(formJson);
        forms.create(Actor.system(), definition);
        forms.publish(Actor.system(), definition.key(), false);
    }

    private void moveOnBoard(long id, String stage) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='move-" + id + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='move-" + id + "-to-" + stage + "']"))).click();
    }

    private void type(String field, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-field='" + field + "'] input")));
        input.clear();
        input.sendKeys(text);
    }

    /** Picks an option of a combo box by its label, as a user does: type, then click the one match. */
    private void choose(String field, String label) {
        type(field, label);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-combo-box-item[normalize-space(.)='" + label + "']"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-field='" + field + "'] input"), "value",
                label));
    }

    private void click(String testId) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='" + testId + "']")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    private Actor actor(String username) {
        UserAccount user = users.byUsername(username).orElseThrow();
        return new Actor(user.id(), user.username(), user.roles(), ZH, ZoneId.of("Asia/Shanghai"));
    }

    private long anyCustomer() {
        return records.list(Actor.system(), "customer", RecordQuery.firstPage(1)).items().get(0).id();
    }

    private AttachmentRef file(String name) {
        byte[] pdf = ("%PDF-1.4\n% " + name + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        return attachments.store("rep1", name, "application/pdf", new ByteArrayInputStream(pdf), 1 << 20);
    }

    private List<FormRecord> named(String form, String name) {
        return records.list(Actor.system(), form, new RecordQuery(List.of(new RecordFilter("name", FilterOperator.EQ,
                List.of(name))), List.of(), 10, null, false, false)).items();
    }

    private static WorkTask only(List<WorkTask> tasks, long recordId) {
        List<WorkTask> about = tasks.stream().filter(t -> t.recordId() != null && t.recordId() == recordId).toList();
        assertThat(about).hasSize(1);
        return about.get(0);
    }
}
