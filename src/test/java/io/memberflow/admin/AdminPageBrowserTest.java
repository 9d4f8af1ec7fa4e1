package io.memberflow.admin;

import io.memberflow.simulate.StripeEvents;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page in a real headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run). */
@MicronautTest
class AdminPageBrowserTest implements DatabaseTest {
    static final String TOKEN = "browser-admin-token";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

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
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
                        "--user-data-dir=" + Files.createTempDirectory("memberflow-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
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
            return browser.findElements(By.linkText(customer));
        }, links -> !links.isEmpty());
        browser.findElement(By.linkText(customer)).click();
        Eventually.await("access granted on the page", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("access")).getText();
        }, "granted"::equals);
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("checkout.session.completed");

        WebElement revoke = browser.findElement(By.id("do-revokeAccess")).findElement(By.xpath("./.."));
        revoke.findElement(By.name("actor")).sendKeys("sam");
        revoke.findElement(By.name("reason")).sendKeys("asked to pause membership");
        browser.findElement(By.id("do-revokeAccess")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).contains("revokeAccess sent");

        Eventually.await("access revoked on the page", Duration.ofSeconds(15), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("access")).getText();
        }, "none"::equals);
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("revokeAccess: asked to pause membership").contains("sam");

        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target/screenshots/admin-customer.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);

        browser.findElement(By.id("sign-out")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        browser.get(url("/admin/ui"));
        assertThat(browser.getCurrentUrl()).as("signed out: the page asks to sign in again").endsWith("/admin/login");
    }
}
