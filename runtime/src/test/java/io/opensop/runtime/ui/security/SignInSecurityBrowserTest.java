package io.opensop.runtime.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.runtime.ui.BrowserTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Signing in through the real login page: a new session id, and the content security policy lets Vaadin run. */
class SignInSecurityBrowserTest extends BrowserTestBase {

    @Test
    void signingInReplacesTheSessionIdAndTheOldIdOpensNothing() throws IOException, InterruptedException {
        browser.get(baseUrl() + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name='username']")));
        Cookie before = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(before).as("the login page starts a session").isNotNull();

        signIn("rep1", "demo");
        screenshot("signed-in");
        Cookie after = browser.manage().getCookieNamed("JSESSIONID");

        assertThat(after.getValue()).as("session fixation: the id changes on sign-in").isNotEqualTo(before.getValue());
        assertThat(after.isHttpOnly()).isTrue();
        assertThat(home(before.getValue()).statusCode()).as("the pre-login id is anonymous").isEqualTo(302);
        assertThat(home(after.getValue()).statusCode()).isEqualTo(200);
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    private HttpResponse<Void> home(String sessionId) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/"))
                .header("Cookie", "JSESSIONID=" + sessionId).GET().build(), HttpResponse.BodyHandlers.discarding());
    }
}
