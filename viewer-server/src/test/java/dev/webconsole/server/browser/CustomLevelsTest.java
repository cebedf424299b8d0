package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** JUL's CONFIG and FINEST, as log4j-jul maps them, on the level strip and under the threshold. */
class CustomLevelsTest extends BrowserTestBase {
    private static ConsoleEvent at(String level, int severity, String message) {
        return event(level, severity, "com.acme.Legacy", message);
    }

    /** Seqs 1 INFO, 2 CONFIG, 3 DEBUG, 4 FINEST, 5 TRACE, 6 CONFIG. */
    private static void publishJulLevels(ConsoleHub hub) {
        hub.publish(at("INFO", Severity.INFO, "info"));
        hub.publish(at("CONFIG", 450, "config"));
        hub.publish(at("DEBUG", Severity.DEBUG, "debug"));
        hub.publish(at("FINEST", 700, "finest"));
        hub.publish(at("TRACE", Severity.TRACE, "trace"));
        hub.publish(at("CONFIG", 450, "config again"));
    }

    private static WebElement chip(String level) {
        return browser.driver().findElement(By.cssSelector(".level-toggle[data-level='" + level + "']"));
    }

    private static List<String> strip() {
        return browser.js("return [...document.querySelectorAll('#levels .level-toggle')].map((b) => b.dataset.level)");
    }

    private static String count(String level) {
        return chip(level).findElement(By.className("count")).getText();
    }

    @Test
    void customLevelChipsAppearWithCountsInSeverityOrder() throws Exception {
        ConsoleHub hub = startHub();
        open(browser, hub, "?level=ALL");
        publishJulLevels(hub);
        awaitRows(browser, range(1, 6));
        browser.await("custom chips", d -> strip().size() == 8);
        assertEquals(List.of("FINEST", "TRACE", "DEBUG", "CONFIG", "INFO", "WARN", "ERROR", "FATAL"), strip());
        browser.await("CONFIG counted", d -> count("CONFIG").equals("2"));
        assertEquals("1", count("FINEST"));
        assertEquals("1", count("INFO"));
        assertTrue(chip("CONFIG").getAttribute("class").contains("lvl-custom"), chip("CONFIG").getAttribute("class"));
        assertEquals("true", chip("FINEST").getAttribute("aria-pressed"));
        Path shot = Path.of("target", "custom-levels-strip.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.screenshot());
        browser.js("document.documentElement.dataset.theme = 'dark'");
        Files.write(Path.of("target", "custom-levels-strip-dark.png"), browser.screenshot());
    }

    @Test
    void togglingConfigHidesExactlyItsRowsAndBackAndTheAddressKeepIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "?level=ALL");
        publishJulLevels(hub);
        awaitRows(browser, range(1, 6));
        browser.await("the CONFIG chip", d -> strip().contains("CONFIG"));
        chip("CONFIG").click();
        awaitRows(browser, seqs(1, 3, 4, 5));
        assertEquals("false", chip("CONFIG").getAttribute("aria-pressed"));
        String url = browser.driver().getCurrentUrl();
        assertTrue(url.contains("hide=CONFIG"), url);
        chip("INFO").click();
        awaitRows(browser, seqs(3, 4, 5));

        browser.driver().navigate().back();
        awaitRows(browser, seqs(1, 3, 4, 5));
        assertEquals("false", chip("CONFIG").getAttribute("aria-pressed"));
        browser.driver().navigate().back();
        awaitRows(browser, range(1, 6));
        assertEquals("true", chip("CONFIG").getAttribute("aria-pressed"));

        open(browser, hub, "?level=ALL&hide=CONFIG");
        awaitRows(browser, seqs(1, 3, 4, 5));
        assertFalse(byId(browser, "url-error").isDisplayed(), "a custom name in hide is not a bad parameter");
        browser.await("the CONFIG chip", d -> strip().contains("CONFIG"));
        assertEquals("false", chip("CONFIG").getAttribute("aria-pressed"));
    }

    @Test
    void aTraceThresholdHidesFinestAndAllShowsIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "?level=ALL");
        publishJulLevels(hub);
        awaitRows(browser, range(1, 6));
        Select level = new Select(byId(browser, "level"));
        level.selectByValue("TRACE");
        awaitRows(browser, seqs(1, 2, 3, 5, 6));
        browser.await("FINEST below the threshold", d -> chip("FINEST").getAttribute("class").contains("below"));
        level.selectByValue("ALL");
        awaitRows(browser, range(1, 6));
        assertTrue(browser.driver().getCurrentUrl().contains("level=ALL"), browser.driver().getCurrentUrl());

        level.selectByValue("INFO");
        awaitRows(browser, seqs(1));
        chip("CONFIG").click();
        awaitRows(browser, seqs(1, 2, 3, 6));
        assertEquals("DEBUG", byId(browser, "level").getAttribute("value"), "CONFIG needs DEBUG+");
        chip("FINEST").click();
        awaitRows(browser, range(1, 6));
        assertEquals("ALL", byId(browser, "level").getAttribute("value"), "FINEST needs ALL");
    }
}
