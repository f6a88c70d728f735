package io.opensop.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.error.Problem;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.security.Actor;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One journey through the real UI in headless Chromium, against the app started on 127.0.0.1 at a
 * random port with the demo data: sign in, open the sample form, try to save a record without its
 * required name (the error shows on the field, nothing is stored), complete it, save, and find it in
 * the list. Screenshots go to target/screenshots/BrowserJourneyTest/. Waits on page conditions only.
 */
class BrowserJourneyTest extends BrowserTestBase {

    @Autowired
    RecordService records;

    @Test
    void signInCreateARecordThatFailsThenSucceedsAndFindItInTheList() throws IOException {
        int before = customersNamed(null);
        signIn("admin", "demo");
        screenshot("1-home");

        // The drawer lists the sample form (the demo admin's profile language is Chinese).
        WebElement formLink = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-side-nav-item[path='forms/demo_customer']")));
        formLink.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid"), "华东精密制造"));
        screenshot("2-list");

        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[data-testid='new-record']"))).click();
        WebElement phone = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-field[data-field='phone'] input")));
        phone.sendKeys("+86 21 5555 0199");
        browser.findElement(By.cssSelector("vaadin-big-decimal-field[data-field='budget'] input"))
                .sendKeys("88000.50");
        browser.findElement(By.cssSelector("vaadin-button[data-testid='save']")).click();

        String required = EngineMessages.render(Problem.of("name", "required"), Locale.SIMPLIFIED_CHINESE);
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("vaadin-text-field[data-field='name']"),
                "invalid", "true"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("vaadin-text-field[data-field='name'] [slot='error-message']"), required));
        screenshot("3-required-name");
        assertThat(customersNamed(null)).as("nothing saved").isEqualTo(before);

        browser.findElement(By.cssSelector("vaadin-text-field[data-field='name'] input")).sendKeys("浦江测试客户");
        browser.findElement(By.cssSelector("vaadin-button[data-testid='save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid"), "浦江测试客户"));
        screenshot("4-saved-in-list");
        assertThat(customersNamed("浦江测试客户")).isEqualTo(1);
        assertThat(customersNamed(null)).isEqualTo(before + 1);

        // Phone width: the drawer collapses and the form stacks in one column.
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[data-testid='new-record']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-field[data-field='name'] input")));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("vaadin-app-layout"), "overlay", "true"));
        screenshot("5-phone-form");
    }

    private int customersNamed(String name) {
        List<RecordFilter> filters = name == null ? List.of()
                : List.of(new RecordFilter("name", FilterOperator.EQ, List.of(name)));
        return records.list(Actor.system(), "demo_customer",
                new RecordQuery(filters, List.of(), 1000, null, false, false)).items().size();
    }
}
