package io.opensop.runtime.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.aggregate.AggregateFunction;
import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.aggregate.Measure;
import io.opensop.designer.render.RenderMessages;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.BrowserTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sales funnel dashboard in headless Chromium, for the demo manager and a rep: the numbers,
 * the table and the chart's plotted values equal what {@link AggregateService} computes for that
 * user, and the ECharts canvas is drawn. Screenshots in target/screenshots/DashboardBrowserTest/.
 */
class DashboardBrowserTest extends BrowserTestBase {

    @Autowired
    AggregateService aggregates;
    @Autowired
    UserDirectory users;
    @Autowired
    DashboardService dashboards;
    @Autowired
    FormService forms;

    @Test
    void theSalesFunnelShowsTheManagerTheTeamsNumbersAndARepOnlyTheirOwn() throws IOException {
        signIn("manager", "demo");
        open("dashboards/sales_funnel");
        Actor manager = actor("manager");
        long teamCount = count(manager);
        assertThat(teamCount).as("the demo team has opportunities").isPositive();

        assertNumbersMatch(manager, teamCount);
        screenshot("1-manager-funnel");

        // Phone width: the widgets stack and still show the same numbers.
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(ExpectedConditions.attributeToBe(value("open_count"), "data-value", Long.toString(teamCount)));
        screenshot("2-manager-phone");

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1280, 900));
        signIn("rep1", "demo");
        open("dashboards/sales_funnel");
        Actor rep = actor("rep1");
        long ownCount = count(rep);
        assertThat(ownCount).as("rep1 sees fewer than the team").isLessThan(teamCount);
        assertNumbersMatch(rep, ownCount);
        screenshot("3-rep-funnel");
    }

    @Test
    void everySalesCrmDashboardDrawsAllItsChartsForTheDirector() throws IOException {
        signIn("director", "demo");
        for (String key : List.of("payment_countdown", "stage_dwell", "rebate_progress", "sales_funnel", "weekly_targets")) {
            open("dashboards/" + key);
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='dashboard-title']"),
                    dashboards.get(actor("director"), key).definition().title().in(actor("director").locale())));
            wait.until(d -> {
                List<WebElement> charts = d.findElements(By.cssSelector("opensop-echart"));
                return !charts.isEmpty() && charts.stream().allMatch(c -> "true".equals(c.getAttribute("data-rendered")));
            });
            assertThat(browser.findElements(By.cssSelector("[data-testid='widget-note']")))
                    .as(key + ": no widget fails for the director").isEmpty();
            screenshot("8-" + key);
        }
    }

    @Test
    void aDesignerGetsTheBuilderAndARepIsRefusedIt() throws IOException {
        signIn("designer", "demo");
        open("dashboard-builder");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='builder-form']")));
        assertThat(browser.findElements(By.cssSelector("[data-testid='builder-save']"))).hasSize(1);
        screenshot("4-designer-builder");

        browser.manage().deleteAllCookies();
        signIn("rep1", "demo");
        open("dashboard-builder");
        WebElement builder = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='dashboard-builder']")));
        assertThat(builder.findElements(By.cssSelector("[data-testid='builder-save']"))).isEmpty();
        assertThat(builder.findElements(By.cssSelector("[data-testid='builder-form']"))).isEmpty();
        screenshot("5-rep-builder-refused");
    }

    @Test
    void anAdminBuildsAWidgetWithALivePreviewAndSavesItToADashboard() throws IOException {
        signIn("admin", "demo");
        open("dashboard-builder");
        Actor admin = actor("admin");
        Locale locale = admin.locale();
        String formLabel = forms.current("opportunity").orElseThrow().definition().label().in(locale)
                + " (opportunity)";
        choose("builder-form", formLabel);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='builder-preview'] [data-testid='widget-preview-chart']")));
        choose("builder-group", RenderMessages.get(locale, "dashboard.system.stage"));

        AggregateResult byStage = aggregates.run(admin, AggregateQuery.of("opportunity", Measure.count(), "stage"));
        By preview = By.cssSelector("[data-testid='builder-preview'] [data-testid='widget-preview-chart']");
        wait.until(ExpectedConditions.attributeToBe(preview, "data-rendered", "true"));
        String firstStage = byStage.rows().get(0).labels().get(0);
        wait.until(d -> firstStage.equals(Json.read(d.findElement(preview).getAttribute("data-chart"), JsonNode.class)
                .path("categories").path(0).asText()));
        JsonNode plotted = Json.read(browser.findElement(preview).getAttribute("data-chart"), JsonNode.class);
        for (int i = 0; i < byStage.rows().size(); i++) {
            assertThat(plotted.path("series").get(0).path("values").get(i).asLong())
                    .isEqualTo(byStage.rows().get(i).value(0));
        }
        screenshot("6-builder-preview");

        Dashboard before = dashboards.get(admin, "stage_dwell");
        choose("builder-dashboard", before.definition().title().in(locale) + " (stage_dwell)");
        WebElement key = browser.findElement(By.cssSelector("[data-testid='builder-widget-key'] input"));
        key.sendKeys("built_in_browser", Keys.TAB);
        browser.findElement(By.cssSelector("[data-testid='builder-save']")).click();
        wait.until(d -> dashboards.get(admin, "stage_dwell").version() == before.version() + 1);
        var saved = dashboards.get(admin, "stage_dwell").definition().widget("built_in_browser").orElseThrow();
        assertThat(saved.query().form()).isEqualTo("opportunity");
        assertThat(saved.query().groupBy()).containsExactly("stage");
        screenshot("7-builder-saved");
    }

    /** Picks a combo box item by typing its label and clicking it in the opened list, as a user would. */
    private void choose(String testId, String label) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-combo-box[data-testid='" + testId + "'] input")));
        input.sendKeys(label);
        WebElement item = wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(e -> e.isDisplayed() && label.equals(e.getText().trim())).findFirst().orElse(null));
        item.click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream().noneMatch(WebElement::isDisplayed));
    }

    private void assertNumbersMatch(Actor actor, long count) {
        wait.until(ExpectedConditions.attributeToBe(value("open_count"), "data-value", Long.toString(count)));
        BigDecimal amount = (BigDecimal) aggregates.run(actor, AggregateQuery.of("opportunity",
                Measure.of(AggregateFunction.SUM, "amount"))).single();
        assertThat(new BigDecimal(browser.findElement(value("open_amount")).getAttribute("data-value")))
                .isEqualTo(amount);

        // The funnel's plotted values: one per stage, in stage order, as the service groups them.
        AggregateResult byStage = aggregates.run(actor, AggregateQuery.of("opportunity", Measure.count(), "stage"));
        By funnel = By.cssSelector("[data-testid='widget-funnel-chart']");
        wait.until(ExpectedConditions.attributeToBe(funnel, "data-rendered", "true"));
        JsonNode plotted = Json.read(browser.findElement(funnel).getAttribute("data-chart"), JsonNode.class);
        assertThat(plotted.path("series").get(0).path("values")).hasSize(byStage.rows().size());
        for (int i = 0; i < byStage.rows().size(); i++) {
            assertThat(plotted.path("series").get(0).path("values").get(i).asLong())
                    .isEqualTo(byStage.rows().get(i).value(0));
            assertThat(plotted.path("categories").get(i).asText()).isEqualTo(byStage.rows().get(i).labels().get(0));
        }

        // The table shows every stage's label with its count.
        WebElement table = browser.findElement(By.cssSelector("[data-testid='widget-stage_table-table']"));
        for (var row : byStage.rows()) {
            wait.until(ExpectedConditions.textToBePresentInElement(table, row.labels().get(0)));
        }
    }

    private static By value(String widget) {
        return By.cssSelector("[data-testid='widget-" + widget + "-value']");
    }

    private long count(Actor actor) {
        return (Long) aggregates.run(actor, AggregateQuery.of("opportunity", Measure.count())).single();
    }

    private Actor actor(String username) {
        UserAccount account = users.byUsername(username).orElseThrow();
        return new Actor(account.id(), account.username(), account.roles(), Locale.forLanguageTag(account.locale()),
                ZoneId.of(account.zoneId()));
    }
}
