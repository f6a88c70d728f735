package io.opensop.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.transfer.ExportFormat;
import io.opensop.engine.transfer.ExportService;
import io.opensop.engine.user.UserDirectory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The record list in headless Chromium: import a CSV with one bad row through the UI (dry-run report
 * with the exact row, column and reason; commit valid rows only), filter the list, save the filter as a
 * view, reload and pick it, and download the CSV export of that view. Screenshots go to
 * target/screenshots/RecordListBrowserTest/.
 */
class RecordListBrowserTest extends BrowserTestBase {

    private static final String PREFIX = "ListUi ";

    @Autowired
    RecordService records;
    @Autowired
    ExportService exports;
    @Autowired
    UserDirectory users;

    private Path downloads;

    @Override
    protected void customize(ChromeOptions options) {
        try {
            downloads = Files.createTempDirectory("opensop-downloads");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath()
                .toString(), "download.prompt_for_download", false));
    }

    @AfterEach
    void removeDownloads() throws Exception {
        if (downloads != null) {
            try (var files = Files.walk(downloads)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void importAFileWithABadRowThenFilterSaveAViewAndExportExactlyIt() throws Exception {
        Path csv = Files.createTempFile("listui-customers", ".csv");
        Files.writeString(csv, """
                Name,Industry,Budget,Key contact phone
                ListUi Alpha,Manufacturing,1000,+86 21 1
                ListUi Beta,Retail,lots,
                ListUi Gamma,IT,3000.50,
                """, StandardCharsets.UTF_8);
        signIn("admin", "demo");
        open("forms/demo_customer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid"), "华东精密制造"));

        // upload → mapping proposed from the English labels → dry run
        click("vaadin-button[data-testid='import']");
        WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("vaadin-upload[data-testid='import-upload']")));
        WebElement fileInput = upload.getShadowRoot().findElement(By.cssSelector("input[type='file']"));
        fileInput.sendKeys(csv.toAbsolutePath().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='import-mapping']")));
        screenshot("1-mapping");
        click("vaadin-button[data-testid='import-dry-run']");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-grid[data-testid='import-errors']")));
        // the demo admin works in Chinese: the reason is the engine's message in that language
        String reason = EngineMessages.format(Locale.SIMPLIFIED_CHINESE, "expected_type", "number", "text");
        List<String> errorCells = cells("vaadin-grid[data-testid='import-errors']");
        screenshot("2-dry-run-report");
        assertThat(errorCells).as("row, column, reason of the one bad cell").containsSubsequence("3", "Budget");
        assertThat(errorCells.get(errorCells.indexOf("Budget") + 1)).isEqualTo(reason);
        assertThat(text("[data-testid='import-summary']")).contains("3", "2", "1");
        assertThat(customers()).as("a dry run keeps nothing").isEmpty();

        // commit valid rows only (preselected because the dry run found errors)
        click("vaadin-button[data-testid='import-commit']");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='import-done']")));
        screenshot("3-committed");
        assertThat(customers()).extracting(r -> r.values().get("name"), r -> r.values().get("budget"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ListUi Alpha", new BigDecimal("1000.00")),
                        org.assertj.core.groups.Tuple.tuple("ListUi Gamma", new BigDecimal("3000.50")));
        click("vaadin-button[data-testid='import-close']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid[data-testid='records']"),
                "ListUi Gamma"));
        assertThat(cells("vaadin-grid[data-testid='records']")).contains("ListUi Alpha").doesNotContain("ListUi Beta");

        // filter: name contains "ListUi" and budget from 2000 → only Gamma
        addFilter("客户名称");
        find("[data-testid='filter-name'] vaadin-text-field input").sendKeys("ListUi");
        addFilter("预算");
        find("[data-testid='filter-budget-from'] input").sendKeys("2000");
        click("vaadin-button[data-testid='filter-apply']");
        waitForRows(List.of("ListUi Gamma"));
        screenshot("4-filtered");

        // save the filter as a view, reload, pick it
        click("vaadin-button[data-testid='view-save']");
        find("vaadin-text-field[data-testid='view-name'] input").sendKeys("ListUi rich ones");
        click("vaadin-button[data-testid='view-save-confirm']");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("vaadin-text-field[data-testid='view-name']")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid[data-testid='records']"),
                "ListUi Alpha"));
        click("vaadin-select[data-testid='view-picker']");
        click(By.xpath("//vaadin-select-item[normalize-space(.)='ListUi rich ones']"));
        waitForRows(List.of("ListUi Gamma"));
        assertThat(find("[data-testid='filter-budget-from'] input").getAttribute("value")).isEqualTo("2000");
        screenshot("5-view-picked");

        // CSV export of exactly this view
        click("[data-testid='export-csv'] vaadin-button");
        Path file = downloads.resolve("demo_customer.csv");
        wait.until(d -> Files.exists(file) && !Files.exists(downloads.resolve("demo_customer.csv.crdownload"))
                && file.toFile().length() > 0);
        String downloaded = Files.readString(file, StandardCharsets.UTF_8);
        Actor admin = adminInChinese();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        exports.prepare(admin, "demo_customer", List.of(
                        new RecordFilter("name", FilterOperator.CONTAINS, List.of("ListUi")),
                        new RecordFilter("budget", FilterOperator.GE, List.of("2000"))),
                List.of(new io.opensop.engine.record.RecordSort("id", true)), null, ExportFormat.CSV).writeTo(expected);
        assertThat(downloaded).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        assertThat(downloaded.lines().toList()).hasSize(2);
        assertThat(downloaded.lines().toList().get(1)).contains("ListUi Gamma", "3000.50").doesNotContain("Alpha");
    }

    private void addFilter(String label) {
        click("vaadin-select[data-testid='filter-add']");
        click(By.xpath("//vaadin-select-item[normalize-space(.)='" + label + "']"));
    }

    private void waitForRows(List<String> names) {
        wait.until(d -> {
            List<String> shown = cells("vaadin-grid[data-testid='records']").stream()
                    .filter(c -> c.startsWith(PREFIX)).toList();
            return shown.equals(names);
        });
    }

    private List<FormRecord> customers() {
        return records.list(Actor.system(), "demo_customer", new RecordQuery(List.of(new RecordFilter("name",
                FilterOperator.CONTAINS, List.of(PREFIX.trim()))), List.of(), 100, null, false, false)).items();
    }

    private Actor adminInChinese() {
        var account = users.byUsername("admin").orElseThrow();
        return new Actor(account.id(), account.username(), account.roles(), Locale.SIMPLIFIED_CHINESE,
                java.time.ZoneId.of(account.zoneId()));
    }

    /** The texts of a grid's cells, in DOM order (Vaadin renders them into the grid's light DOM). */
    private List<String> cells(String grid) {
        return browser.findElements(By.cssSelector(grid + " vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private String text(String css) {
        return find(css).getText();
    }

    private WebElement find(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    private void click(String css) {
        click(By.cssSelector(css));
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        // dialogs scroll inside their overlay, where the footer may cover a button at the bottom edge
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
