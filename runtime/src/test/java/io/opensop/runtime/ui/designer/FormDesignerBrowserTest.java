package io.opensop.runtime.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.ui.BrowserTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The designer builds a form from scratch in the browser (a money field, a formula field whose typo is
 * fixed by completing the word at the caret, a rule),
 * publishes it after seeing the schema preview, and the record page then enforces the rule on the
 * field and shows the computed formula value. Screenshots: target/screenshots/FormDesignerBrowserTest/.
 */
class FormDesignerBrowserTest extends BrowserTestBase {

    private static final String FORM = "bt_fd_visit";
    private static final String RULE_MESSAGE = "Amount at least 100 / 金额至少 100";

    @Autowired
    FormService forms;

    @Autowired
    RecordService records;

    @Test
    void theDesignerBuildsAndPublishesAFormWhoseRuleAndFormulaTheRecordPageThenApplies() throws IOException {
        signIn("designer", "demo");
        click("vaadin-side-nav-item[data-testid='nav-designer-forms']");
        type("vaadin-text-field[data-testid='new-form-key'] input", FORM);
        type("vaadin-text-field[data-testid='new-form-label-en'] input", "Designer visit");
        type("vaadin-text-field[data-testid='new-form-label-zh'] input", "设计器拜访");
        click("vaadin-button[data-testid='new-form-create']");
        wait.until(ExpectedConditions.urlContains("designer/forms/" + FORM));
        screenshot("1-empty-form");

        // A money field, renamed and required.
        click("vaadin-button[data-testid='palette-money']");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='field-row-money_1']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='prop-currency']")));
        replace("vaadin-text-field[data-testid='prop-key'] input", "amount");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='field-row-amount']")));
        replace("vaadin-text-field[data-testid='prop-label-en'] input", "Amount");
        replace("vaadin-text-field[data-testid='prop-label-zh-CN'] input", "金额");
        click("vaadin-checkbox[data-testid='prop-required']");

        // A formula field: a typo is underlined where it is, then fixed.
        click("vaadin-button[data-testid='palette-formula']");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='prop-formula']")));
        replace("vaadin-text-field[data-testid='prop-key'] input", "commission");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='field-row-commission']")));
        replace("[data-testid='prop-formula'] vaadin-text-area textarea", "ROUND(amont * 10%, 2)");
        WebElement underline = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='prop-formula'] [data-testid='formula-underline']")));
        assertThat(underline.getText()).isEqualTo("amont");
        screenshot("2-formula-error-underlined");
        // The typo is fixed where it is: the caret goes back into "amont", and the suggestion for what is
        // typed before the caret replaces that word and keeps the rest.
        WebElement formula = visible("[data-testid='prop-formula'] vaadin-text-area textarea");
        formula.click();
        formula.sendKeys(Keys.HOME);
        for (int i = 0; i < "ROUND(amo".length(); i++) {
            formula.sendKeys(Keys.ARROW_RIGHT);
        }
        click("[data-testid='prop-formula'] [data-testid='suggestion-amount']");
        wait.until(ExpectedConditions.attributeToBe(formula, "value", "ROUND(amount * 10%, 2)"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='prop-formula'] [data-testid='formula-ok']")));
        replace("vaadin-integer-field[data-testid='prop-scale'] input", "2");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='designer-preview'] [data-field='commission']")));
        screenshot("3-fields-and-preview");

        // A rule that blames the amount field.
        click("vaadin-tab[data-testid='tab-rules']");
        click("vaadin-button[data-testid='add-rule']");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='rule-0']")));
        replace("[data-testid='rule-expression-0'] vaadin-text-area textarea", "amount >= 100");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='rule-expression-0'] [data-testid='formula-ok']")));
        replace("vaadin-text-field[data-testid='rule-message-en-0'] input", RULE_MESSAGE);
        replace("vaadin-text-field[data-testid='rule-message-zh-CN-0'] input", RULE_MESSAGE);
        click("vaadin-multi-select-combo-box[data-testid='rule-fields-0'] input");
        wait.until(d -> d.findElements(By.cssSelector("vaadin-multi-select-combo-box-item")).stream()
                .filter(item -> item.getText().strip().equals("amount")).findFirst().map(item -> {
                    item.click();
                    return true;
                }).orElse(false));
        browser.findElement(By.cssSelector("vaadin-multi-select-combo-box[data-testid='rule-fields-0'] input"))
                .sendKeys(Keys.ESCAPE);
        screenshot("4-rule");

        // Publishing shows what happens to the data first.
        click("vaadin-button[data-testid='designer-publish']");
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='publish-summary']")));
        assertThat(summary.getText()).isNotBlank();
        screenshot("5-publish-preview");
        assertThat(forms.current(FORM)).as("nothing is published before the confirmation").isEmpty();
        click("vaadin-button[data-testid='publish-confirm']");
        wait.until(d -> forms.current(FORM).isPresent());
        FormDefinition published = forms.current(FORM).orElseThrow().definition();
        assertThat(published.field("commission").orElseThrow().formula()).isEqualTo("ROUND(amount * 10%, 2)");
        assertThat(published.ruleList()).singleElement().satisfies(rule ->
                assertThat(rule.fields()).containsExactly("amount"));
        screenshot("6-published");

        // The record page refuses a record that breaks the rule, on the field.
        open("forms/" + FORM + "/records/new");
        type("vaadin-big-decimal-field[data-field='amount'] input", "50");
        click("vaadin-button[data-testid='save']");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("vaadin-big-decimal-field[data-field='amount']"),
                "invalid", "true"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("vaadin-big-decimal-field[data-field='amount'] [slot='error-message']"), RULE_MESSAGE));
        screenshot("7-rule-refuses");
        assertThat(stored()).isEmpty();

        // A good one is saved with its formula computed, and the record page shows it.
        replace("vaadin-big-decimal-field[data-field='amount'] input", "1234.50");
        click("vaadin-button[data-testid='save']");
        wait.until(d -> stored().size() == 1);
        FormRecord saved = stored().get(0);
        assertThat((BigDecimal) saved.values().get("commission")).isEqualByComparingTo("123.45");
        open("forms/" + FORM + "/records/" + saved.id());
        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector("vaadin-big-decimal-field[data-field='commission'] input"), "value", "123.45"));
        screenshot("8-formula-computed");
    }

    private List<FormRecord> stored() {
        return records.list(Actor.system(), FORM, new RecordQuery(List.of(), List.of(), 100, null, false, false))
                .items();
    }

    private void click(String css) {
        visible(css).click();
    }

    private void type(String css, String text) {
        visible(css).sendKeys(text);
    }

    /** Waits for the element and scrolls it to the middle of its scrolling container (the layout's content). */
    private WebElement visible(String css) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
        return wait.until(ExpectedConditions.elementToBeClickable(element));
    }

    /** Replaces the input's text and leaves it (Tab), which is when Vaadin fields report a change. */
    private void replace(String css, String text) {
        WebElement input = visible(css);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text, Keys.TAB);
    }
}
