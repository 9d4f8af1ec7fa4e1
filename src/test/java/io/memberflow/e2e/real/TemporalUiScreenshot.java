package io.memberflow.e2e.real;

import io.memberflow.support.Eventually;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Opens the Temporal Web UI's workflow list filtered by a search-attribute query and saves a PNG. */
final class TemporalUiScreenshot {
    private TemporalUiScreenshot() {
    }

    static void take(String uiUrl, String query, String mustShow, Path png) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new AssertionError("chromium and chromium-driver are needed for the Temporal UI screenshot (.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,900", "--user-data-dir=" + Files.createTempDirectory("memberflow-e2e-chromium"));
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options);
        try {
            String url = uiUrl + "/namespaces/default/workflows?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            Eventually.await("the Temporal UI to list " + mustShow, Duration.ofSeconds(60), () -> {
                browser.get(url);
                sleep(2500);
                return browser.getPageSource();
            }, page -> page.contains(mustShow));
            Files.createDirectories(png.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), png,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
