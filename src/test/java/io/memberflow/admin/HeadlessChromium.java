package io.memberflow.admin;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's headless Chromium through chromedriver, with screenshots under target/screenshots (and -Dmemberflow.screenshots). */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A number of 10 or more digits standing alone: an epoch time shown raw. */
    static final Pattern EPOCH_LIKE = Pattern.compile("(?<![\\w.])\\d{10,}(?![\\w])");

    private HeadlessChromium() {
    }

    static WebDriver start(int width, int height) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                        "--window-size=" + width + "," + height,
                        "--user-data-dir=" + Files.createTempDirectory("memberflow-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return browser;
    }

    /** Saves the page as target/screenshots/{name}.png. */
    static Path screenshot(WebDriver browser, String name) throws IOException {
        return save(browser, name, false);
    }

    /** Saves the page as target/screenshots/{name}.png and, with -Dmemberflow.screenshots=docs, as docs/{name}.png. */
    static Path screenshotForDocs(WebDriver browser, String name) throws IOException {
        return save(browser, name, true);
    }

    private static Path save(WebDriver browser, String name, boolean forDocs) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target/screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        String extra = System.getProperty("memberflow.screenshots");
        if (forDocs && extra != null && !extra.isBlank()) {
            Path copy = Path.of(extra, name + ".png");
            Files.createDirectories(copy.getParent());
            Files.copy(shot, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        return target;
    }

    /** Waits (up to 10 s) for the page that a click is loading to show the element; returns its text. */
    static String awaitText(WebDriver browser, By by) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    /** The first epoch-like number in the page's visible text, or null. */
    static String epochLikeNumber(WebDriver browser) {
        Matcher m = EPOCH_LIKE.matcher(browser.findElement(By.tagName("body")).getText());
        return m.find() ? m.group() : null;
    }
}
