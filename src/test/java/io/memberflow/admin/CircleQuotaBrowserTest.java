package io.memberflow.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.persistence.CircleQuotaStore;
import io.memberflow.quota.CircleQuota;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's "Circle quota" section in headless Chromium, with Circle configured (the faithful stand-in; this
 * month's usage seeded in {@code circle_quota_usage} as other processes would have added it): used against the
 * quota, by purpose, projected at month end, background work's share; the same figures as {@code GET /admin/overview}.
 */
@MicronautTest(transactional = false)
class CircleQuotaBrowserTest implements DatabaseTest {
    static final String TOKEN = "quota-admin-token";
    static final CircleStandIn CIRCLE = start();

    private static CircleStandIn start() {
        try {
            return new CircleStandIn("circle-token", Duration.ZERO, 0, 0).accessGroup(101);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN, "memberflow.circle.api-token", "circle-token",
                "memberflow.circle.api-url", CIRCLE.baseUrl());
    }

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    CircleQuotaStore store;
    @Inject
    CircleQuota quota;

    private WebDriver browser;

    @BeforeAll
    void seedAndSignIn() throws Exception {
        browser = HeadlessChromium.start(1280, 1900);
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        store.add(month, "live", 1_800, Instant.now());
        store.add(month, "background", 1_200, Instant.now());
        quota.flush();
        browser.get(server.getURL() + "/admin/login");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("sign-in")).click();
        HeadlessChromium.awaitText(browser, By.id("sign-out"));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
        CIRCLE.close();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void givenThisMonthsCircleRequests_thenTheOverviewShowsThemAgainstTheQuotaWithTheProjectionAsTheJsonDoes() throws Exception {
        browser.get(server.getURL() + "/admin/ui");
        JsonNode q = new ObjectMapper().readTree(HttpResult.exchange(http.toBlocking(),
                HttpRequest.GET("/admin/overview").bearerAuth(TOKEN)).body()).path("circleQuota");

        assertThat(q.path("configured").asBoolean()).isTrue();
        assertThat(q.path("quota").asInt()).isEqualTo(5_000);
        assertThat(q.path("live").asLong()).isGreaterThanOrEqualTo(1_800);
        assertThat(q.path("background").asLong()).isGreaterThanOrEqualTo(1_200);
        assertThat(q.path("backgroundBudget").asLong()).isEqualTo(2_500);
        assertThat(text("quota-used")).isEqualTo(String.format(Locale.ROOT, "%,d of 5,000", q.path("used").asLong()));
        assertThat(text("quota-live")).isEqualTo(String.format(Locale.ROOT, "%,d", q.path("live").asLong()));
        assertThat(text("quota-background")).isEqualTo(String.format(Locale.ROOT, "%,d", q.path("background").asLong()));
        assertThat(text("quota-background-left")).contains(String.format(Locale.ROOT, "%,d left", q.path("backgroundLeft").asLong()));
        if (q.path("projected").isNull()) {
            assertThat(text("quota-projected")).contains("not known yet");
        } else {
            assertThat(text("quota-projected")).startsWith(String.format(Locale.ROOT, "%,d at this pace", q.path("projected").asLong()));
        }
        assertThat(text("circle-quota")).contains("kept for live grants and revokes, which are never refused")
                .contains("Count starts again");
        assertThat(browser.findElements(By.cssSelector("#quota-bar rect"))).hasSize(2);
        HeadlessChromium.screenshotForDocs(browser, "admin-overview-quota");
        assertThat(HeadlessChromium.epochLikeNumber(browser)).as("times are words, not epoch numbers").isNull();
    }
}
