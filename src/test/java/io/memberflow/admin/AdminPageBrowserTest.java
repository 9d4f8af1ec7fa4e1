package io.memberflow.admin;

import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page in a real headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run). */
@MicronautTest
class AdminPageBrowserTest implements DatabaseTest {
    static final String TOKEN = "browser-admin-token";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN,
                "memberflow.plans.pro.stripe-price-ids", "price_browser",
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    private WebDriver browser;

    @BeforeAll
    void openBrowser() throws Exception {
        browser = HeadlessChromium.start(1280, 1400);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return server.getURL() + path;
    }

    @Test
    void givenAnOperator_whenTheySignInFindACustomerAndRevokeAccess_thenThePageShowsIt() throws Exception {
        String customer = "cus_browser" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, "browser.member@example.com", System.currentTimeMillis() / 1000);
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.checkoutCompleted("sub_b", "price_browser")));

        browser.get(url("/admin/ui"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("sign-in")).click();

        Eventually.await("customer searchable", Duration.ofSeconds(15), () -> {
            browser.get(url("/admin/ui?q=Browser.Member@example.com"));
            return browser.findElements(By.cssSelector("a[href='/admin/ui/customers/" + customer + "']"));
        }, links -> !links.isEmpty());
        browser.findElement(By.cssSelector("a[href='/admin/ui/customers/" + customer + "']")).click();
        Eventually.await("access granted on the page", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("access")).getText();
        }, "granted"::equals);
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("checkout.session.completed");

        HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.invoice("invoice.payment_failed", "sub_b", "price_browser", 0)));
        Eventually.await("past due on the page", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("state")).getText();
        }, "PAST_DUE"::equals);
        Eventually.await("the tag in the timeline", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("timeline")).getText();
        }, text -> text.contains("kit add tags"));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).as("groups and tags by name, the id beside")
                .contains("circle grant access groups pro (101) done").contains("kit add tags pro (9001) done")
                .doesNotContainPattern("\\[\\d+(, \\d+)*\\]");
        assertThat(timeline).as("times in words, no epoch number").contains("past due until in 3 days")
                .doesNotContainPattern("\\b\\d{10,13}\\b");
        assertThat(browser.findElement(By.cssSelector("#timeline tr td:nth-child(5) time")).getAttribute("title"))
                .as("the exact time in the tooltip").endsWith(" UTC");
        HeadlessChromium.screenshot(browser, "admin-customer-timeline");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("action"))).selectByValue("revokeAccess");
        browser.findElement(By.id("actor")).sendKeys("sam");
        browser.findElement(By.id("reason")).sendKeys("asked to pause membership");
        browser.findElement(By.id("review")).click();
        assertThat(HeadlessChromium.awaitText(browser, By.id("what-will-happen")))
                .isEqualTo("Revoke Circle access for browser.member@example.com whatever billing says, until the override"
                        + " is cleared: removes Circle groups pro (101); removes Kit tags pro (9001)");
        browser.findElement(By.id("confirm")).click();
        assertThat(HeadlessChromium.awaitText(browser, By.id("flash"))).contains("revokeAccess sent");

        Eventually.await("access revoked on the page", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("access")).getText();
        }, "none"::equals);
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("revokeAccess: asked to pause membership").contains("sam");

        Path target = HeadlessChromium.screenshot(browser, "admin-customer-revoked");
        assertThat(Files.size(target)).isGreaterThan(10_000);

        browser.findElement(By.id("sign-out")).click();
        Eventually.await("signed out", Duration.ofSeconds(5), browser::getCurrentUrl, u -> u.endsWith("/admin/login"));
        browser.get(url("/admin/ui"));
        assertThat(browser.getCurrentUrl()).as("signed out: the page asks to sign in again").endsWith("/admin/login");
    }
}
