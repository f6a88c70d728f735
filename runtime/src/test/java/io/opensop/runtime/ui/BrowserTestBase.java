package io.opensop.runtime.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: the demo app on 127.0.0.1 at a random port (one Spring context for
 * all browser test classes, because they share this exact configuration), a fresh headless Chromium per
 * test, sign-in, and screenshots under target/screenshots/&lt;TestClass&gt;/. Tests wait on page
 * conditions only, never on time. Data created by a test must use names no other test uses, since the
 * application (and its in-memory database) is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:ui;DB_CLOSE_DELAY=-1",
        "opensop.demo.enabled=true"})
public abstract class BrowserTestBase {

    private static final Path CHROMIUM = Path.of(System.getProperty("opensop.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("opensop.chromedriver",
            "/usr/bin/chromedriver"));

    @LocalServerPort
    protected int port;

    protected ChromeDriver browser;
    protected WebDriverWait wait;
    private Path profile;
    private Path screenshots;

    @BeforeEach
    void startBrowser(TestInfo test) throws IOException {
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
        customize(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(Long.getLong("opensop.ui.wait-seconds", 60)));
        screenshots = Path.of("target", "screenshots", getClass().getSimpleName());
        Files.createDirectories(screenshots);
    }

    @AfterEach
    void stopBrowser(TestInfo test) throws IOException {
        if (browser != null) {
            // Whatever happened, keep the last page as an artifact: a failure is explained by it.
            String name = test.getTestMethod().map(m -> m.getName()).orElse("test");
            screenshot(name + "-last");
            Files.writeString(screenshots.resolve(name + "-last.html"), browser.getPageSource());
            Files.writeString(screenshots.resolve(name + "-console.txt"), String.join("\n",
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString).toList()));
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** A test class's extra browser options (e.g. a download folder); none by default. */
    protected void customize(ChromeOptions options) {
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Opens the app, signs in through the login form and waits for the main layout. */
    protected void signIn(String username, String password) {
        browser.get(baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement user = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']")));
        user.sendKeys(username);
        browser.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-app-layout")));
    }

    /** Opens a route of the signed-in app (e.g. "forms/customer") and waits for the layout. */
    protected void open(String route) {
        browser.get(baseUrl() + "/" + route);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-app-layout")));
    }

    protected void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
