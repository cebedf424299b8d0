package dev.webconsole.server.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by Debian's chromedriver; no browser is downloaded. Without
 * them the calling test is skipped with a message, except under {@code CI=true}, where it fails.
 */
public final class Browser implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** The browser's local time zone: not UTC, so local and UTC times differ on the page. */
    public static final String TIME_ZONE = "Asia/Kolkata";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser, or skips (fails under CI=true) when Chromium or its driver is missing. */
    public static Browser start(int width, int height) throws Exception {
        return start(width, height, new String[0]);
    }

    /** As {@link #start(int, int)}, with more Chromium command-line switches (for benchmarks). */
    public static Browser start(int width, int height, String... extraArguments) throws Exception {
        File chromium = new File(System.getProperty("webconsole.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("webconsole.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            String message = "browser tests need Chromium at " + chromium + " and chromedriver at " + chromedriver
                    + ": apt-get install chromium chromium-driver (bash .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory("webconsole-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver).usingAnyFreePort()
                .withEnvironment(java.util.Map.of("TZ", TIME_ZONE)).build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs a script in the page and returns its result. */
    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Waits (bounded) until the condition holds, and returns its value. A condition that meets an
     * element the page re-rendered meanwhile (stale) is tried again, finding it anew.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    /**
     * Clicks the first element that matches {@code css}, once there is one. When the page re-renders
     * it between the find and the click, it is found again and clicked (bounded by {@link #WAIT}).
     */
    public void click(String css) {
        await("to click " + css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            found.get(0).click();
            return true;
        });
    }

    /** Sends a Chrome DevTools Protocol command to the current page and returns its result. */
    public java.util.Map<String, Object> cdp(String command, java.util.Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
