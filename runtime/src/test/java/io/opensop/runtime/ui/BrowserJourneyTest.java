package io.opensop.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensop.engine.error.Problem;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.security.Actor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * One journey through the real UI in headless Chromium, against the app started on 127.0.0.1 at a
 * random port with the demo data: sign in, open the sample form, try to save a record without its
 * required name (the error shows on the field, nothing is stored), complete it, save, and find it in
 * the list. Screenshots go to target/screenshots/. Waits on page conditions only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:ui;DB_CLOSE_DELAY=-1",
        "opensop.demo.enabled=true"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrowserJourneyTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("opensop.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("opensop.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    RecordService records;

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        // CI installs Chromium (.ci/run); elsewhere the test says why it did not run.
        assumeTrue(System.getenv("CI") != null || Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("opensop-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(Long.getLong("opensop.ui.wait-seconds", 60)));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser(org.junit.jupiter.api.TestInfo test) throws IOException {
        if (browser != null) {
            // Whatever happened, keep the last page as an artifact: a failure is explained by it.
            screenshot("last");
            Files.writeString(SCREENSHOTS.resolve("last.html"), browser.getPageSource());
            Files.writeString(SCREENSHOTS.resolve("last-console.txt"), String.join("\n",
                    browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                            .map(Object::toString).toList()));
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void signInCreateARecordThatFailsThenSucceedsAndFindItInTheList() throws IOException {
        String base = "http://127.0.0.1:" + port;
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']")));
        username.sendKeys("admin");
        browser.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("demo", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-app-layout")));
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
        assertThat(customersNamed(null)).as("nothing saved").isEqualTo(3);

        browser.findElement(By.cssSelector("vaadin-text-field[data-field='name'] input")).sendKeys("浦江测试客户");
        browser.findElement(By.cssSelector("vaadin-button[data-testid='save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-grid"), "浦江测试客户"));
        screenshot("4-saved-in-list");
        assertThat(customersNamed("浦江测试客户")).isEqualTo(1);
        assertThat(customersNamed(null)).isEqualTo(4);

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
                new RecordQuery(filters, List.of(), 100, null, false, false)).items().size();
    }

    private void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
