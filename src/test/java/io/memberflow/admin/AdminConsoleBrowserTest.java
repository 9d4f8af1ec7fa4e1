package io.memberflow.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in headless Chromium, on a service with customers in different states: one signed up through a
 * signed webhook (a live workflow), the rest written straight into the tables the console reads. Screenshots go
 * to target/screenshots/ (and to -Dmemberflow.screenshots=docs for the README).
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.MethodName.class)
class AdminConsoleBrowserTest implements DatabaseTest {
    static final String TOKEN = "console-admin-token";
    static final String U = Long.toString(System.nanoTime() % 100_000, 36);
    static final String LIVE = "cus_live_" + U;
    static final String ATTENTION = "cus_jordan_" + U;
    static final String REASON = "Billing says active, but price price_x is in no configured plan, so there are no Circle"
            + " groups to grant. Fix the plans configuration (memberflow.plans), then send retrySync.";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN,
                "memberflow.plans.pro.stripe-price-ids", "price_console",
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001",
                "memberflow.kit.lifecycle-tag-ids.blocked", "9103",
                "memberflow.temporal.ui-url", "http://127.0.0.1:8233");
    }

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    private WebDriver browser;

    @BeforeAll
    void seedAndSignIn() throws Exception {
        browser = HeadlessChromium.start(1280, 1900);
        StripeEvents events = new StripeEvents(LIVE, "avery.live@example.com", System.currentTimeMillis() / 1000);
        assertThat(HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.checkoutCompleted("sub_live", "price_console")))
                .status()).isEqualTo(200);
        Instant now = Instant.now();
        ConsoleSeed seed = new ConsoleSeed(dataSource);
        seed.customer(ATTENTION, "jordan.lee@example.com", "ACTIVE", "pro", "[]", "[]", REASON, now.minusSeconds(600));
        seed.openTask(ATTENTION, "plan_unknown", "price price_x is in no configured plan", now.minus(Duration.ofMinutes(130)));
        seed.customer("cus_riley_" + U, "riley@example.com", "PAST_DUE", "pro", "[101]", "[9001]", null, now.minusSeconds(3600));
        for (int i = 0; i < 55; i++) {
            seed.customer("cus_pause_" + U + "_" + (char) ('a' + i / 26) + (char) ('a' + i % 26),
                    "paused" + i + "@example.org", "PAUSED", "pro", "[]", "[]", null, now.minusSeconds(7200));
        }
        seed.audit(ATTENTION, "failure", "circle grant access groups [101] failed: Circle answered HTTP 403 (the API token"
                + " was revoked)", now.minus(Duration.ofMinutes(10)));
        seed.inbox("evt_parked_" + U, "charge.dispute.created", "NEEDS_CUSTOMER", now.minus(Duration.ofMinutes(25)));
        for (int i = 0; i < 20; i++) {
            seed.inbox("evt_seen_" + U + "_" + i, "invoice.paid", "DISPATCHED", now.minus(Duration.ofMinutes(3L * i + 1)));
        }
        Eventually.await("live customer projected with access", Duration.ofSeconds(20),
                () -> HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/" + LIVE).bearerAuth(TOKEN)).body(),
                body -> body != null && body.contains("\"accessGranted\":true"));
        browser.get(server.getURL() + "/admin/login");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("sign-in")).click();
        HeadlessChromium.awaitText(browser, By.id("sign-out"));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void a_givenCustomersInSeveralStates_thenTheOverviewCountsThemAndSaysWhatIsWrong() throws Exception {
        browser.get(server.getURL() + "/admin/ui");
        assertThat(Long.parseLong(text("count-PAUSED"))).isGreaterThanOrEqualTo(55);
        assertThat(Long.parseLong(text("count-PAST_DUE"))).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElements(By.cssSelector("#states-chart rect.PAUSED"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#events-sparkline polyline"))).hasSize(1);
        assertThat(text("banner-embedded-temporal")).contains("keeps nothing across restarts");
        assertThat(text("banner-shadow-mode")).contains("Circle and Kit run in shadow mode");
        assertThat(text("banner-no-stripe-key")).contains("STRIPE_API_KEY is not set");
        assertThat(text("vendor-circle")).contains("Circle answered HTTP 403 (the API token was revoked)").contains("10 min ago");
        HeadlessChromium.screenshotForDocs(browser, "admin-overview");
        assertThat(HeadlessChromium.epochLikeNumber(browser)).as("times are words, not epoch numbers").isNull();
    }

    @Test
    void ab_givenAReconciliationRunUnderWay_thenTheOverviewShowsItsProgressWhatItFoundAndWhatItDid() throws Exception {
        Instant now = Instant.now();
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("ok", 4100);
        counts.put("circle_missing", 12);
        counts.put("kit_tag_extra", 3);
        counts.put("circle_unknown_member", 2);
        var runs = new io.memberflow.reconcile.ReconcileRuns(
                io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource), mapper);
        runs.save(new io.memberflow.reconcile.ReconcileRun("drift-reconcile-" + U, "repair", "schedule", "running",
                now.minus(Duration.ofMinutes(7)), now, null, 10_000, 4_117, "cus_x", counts, java.util.List.of(),
                java.util.Map.of("circle", 101L, "kit", 12L), 15, 2, null));

        browser.get(server.getURL() + "/admin/ui");

        assertThat(text("drift")).contains("drift-reconcile-" + U).contains("(repair)").contains("7 min ago");
        assertThat(text("drift-progress")).contains("4117 of 10000 customers checked").contains("left");
        assertThat(text("drift-found")).contains("12 customer(s) missing from a Circle group")
                .contains("2 Circle member(s) in a paid group with no Stripe customer").doesNotContain("4100");
        assertThat(text("drift")).contains("15 customer(s) sent to their workflow for repair");
        assertThat(browser.findElements(By.cssSelector("#drift-progress-bar rect"))).hasSize(2);
        HeadlessChromium.screenshotForDocs(browser, "admin-overview-drift");
    }

    @Test
    void b_givenAParkedEvent_thenTheOverviewListsItWithWhatToDo() {
        browser.get(server.getURL() + "/admin/ui");
        assertThat(text("parked")).contains("evt_parked_" + U).contains("charge.dispute.created").contains("25 min ago")
                .contains("Set STRIPE_API_KEY").contains("block them by hand");
    }

    @Test
    void c_givenACustomerNeedingAttentionAndAnOpenTask_thenTheOverviewSaysWhyAndForHowLong() {
        browser.get(server.getURL() + "/admin/ui");
        assertThat(text("attention")).contains("jordan.lee@example.com").contains(REASON).contains("2 h 10 min ago");
        assertThat(text("open-tasks")).contains("plan_unknown").contains("2 h 10 min");
    }

    @Test
    void d_givenTheJsonOverview_thenThePageShowsTheSameFigures() throws Exception {
        browser.get(server.getURL() + "/admin/ui");
        JsonNode json = new ObjectMapper().readTree(HttpResult.exchange(http.toBlocking(),
                HttpRequest.GET("/admin/overview").bearerAuth(TOKEN)).body());
        json.get("membersByState").fields().forEachRemaining(e ->
                assertThat(text("count-" + e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asText()));
        assertThat(text("count-all")).isEqualTo(json.get("members").asText());
        JsonNode intake = json.get("intake");
        assertThat(text("relay-backlog")).isEqualTo(intake.get("relayBacklog").asText());
        assertThat(text("parked-count")).isEqualTo(intake.get("parkedCount").asText());
        assertThat(text("events-last-hour")).isEqualTo(intake.get("eventsLastHour").asText());
        assertThat(text("not-2xx")).isEqualTo(OverviewPage.share(new ObjectMapper().findAndRegisterModules()
                .treeToValue(intake, Overview.Intake.class)));
        assertThat(json.get("attention").size()).isEqualTo(browser.findElements(By.cssSelector("#attention tr")).size() - 1);
        assertThat(json.get("openTasks").size()).isEqualTo(browser.findElements(By.cssSelector("#open-tasks tr")).size() - 1);
        assertThat(HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/overview")).status())
                .as("the JSON overview wants the bearer token").isEqualTo(401);
    }

    @Test
    void e_givenAStateLink_thenItListsThatStatePagedAndTheSearchFindsPartOfAnEmail() throws Exception {
        browser.get(server.getURL() + "/admin/ui");
        browser.findElement(By.cssSelector("a[href='/admin/ui/members?state=PAUSED']")).click();
        assertThat(HeadlessChromium.awaitText(browser, By.id("showing"))).startsWith("1–50 of ");
        assertThat(browser.findElements(By.cssSelector("#members tr"))).hasSize(51);
        HeadlessChromium.screenshot(browser, "admin-members");
        assertThat(HeadlessChromium.epochLikeNumber(browser)).isNull();
        browser.findElement(By.id("next")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("showing")).getText().startsWith("51–"));
        browser.findElement(By.id("q")).sendKeys("PAUSED5");
        browser.findElement(By.id("search")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("q=PAUSED5"));
        assertThat(HeadlessChromium.awaitText(browser, By.id("members"))).contains("paused5@example.org").contains("paused54@example.org")
                .doesNotContain("paused4@example.org");
        browser.get(server.getURL() + "/admin/ui/members?q=" + ATTENTION.substring(0, ATTENTION.length() - 1));
        assertThat(text("members")).contains("jordan.lee@example.com");
    }

    @Test
    void f_givenALiveCustomer_thenThePageNamesPlansGroupsAndTagsAndLinksOut() throws Exception {
        browser.get(server.getURL() + "/admin/ui/customers/" + LIVE);
        assertThat(text("plan")).isEqualTo("pro (price_console)");
        assertThat(text("entitlements")).contains("Circle groups pro (101) pro (101)").contains("Kit tags pro (9001) pro (9001)");
        assertThat(browser.findElements(By.cssSelector("#entitlements .missing, #entitlements .extra"))).isEmpty();
        assertThat(browser.findElement(By.id("stripe-link")).getAttribute("href"))
                .isEqualTo("https://dashboard.stripe.com/customers/" + LIVE);
        assertThat(browser.findElement(By.id("temporal-link")).getAttribute("href"))
                .isEqualTo("http://127.0.0.1:8233/namespaces/default/workflows/customer-" + LIVE);
        assertThat(browser.findElement(By.cssSelector("#timeline time")).getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(text("timeline").lines().skip(1)).allMatch(l -> l.startsWith("just now") || l.matches("^\\S.* ago .*"));
        HeadlessChromium.screenshotForDocs(browser, "admin-customer");
        assertThat(HeadlessChromium.epochLikeNumber(browser)).isNull();
    }

    @Test
    void g_givenABlockReviewed_thenTheConfirmationSaysWhatHappensAndTheTimelineShowsItOnceApplied() throws Exception {
        browser.get(server.getURL() + "/admin/ui/customers/" + LIVE);
        new Select(browser.findElement(By.id("action"))).selectByValue("block");
        browser.findElement(By.id("actor")).sendKeys("sam");
        browser.findElement(By.id("reason")).sendKeys("dispute dp_1 on ch_1");
        browser.findElement(By.id("review")).click();
        assertThat(HeadlessChromium.awaitText(browser, By.id("what-will-happen"))).isEqualTo("Block avery.live@example.com (state BLOCKED) until unblocked:"
                + " removes Circle groups pro (101); adds Kit tags blocked tag (9103); removes Kit tags pro (9001)");
        HeadlessChromium.screenshot(browser, "admin-confirm");
        browser.findElement(By.id("confirm")).click();
        assertThat(HeadlessChromium.awaitText(browser, By.id("flash"))).contains("block sent");
        Eventually.await("block applied", Duration.ofSeconds(20), () -> {
            browser.navigate().refresh();
            return text("state");
        }, "BLOCKED"::equals);
        assertThat(text("timeline")).contains("block: dispute dp_1 on ch_1").contains("sam");
    }

    @Test
    void h_givenACustomerWithoutAWorkflow_thenThePageSaysRequiredIsUnknownAndShowsTheProjection() {
        browser.get(server.getURL() + "/admin/ui/customers/" + ATTENTION);
        assertThat(text("no-live-state")).contains("did not answer");
        assertThat(text("entitlements")).contains("unknown");
        assertThat(text("attention")).isEqualTo(REASON);
        assertThat(HeadlessChromium.epochLikeNumber(browser)).isNull();
    }
}
