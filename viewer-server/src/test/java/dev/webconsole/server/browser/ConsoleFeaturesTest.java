package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The page's other controls, each as a person would use it. */
class ConsoleFeaturesTest extends BrowserTestBase {
    /** 2025-11-21T08:00:00.123Z; in the browser's zone (UTC+05:30) 13:30:00.123. */
    private static final long TIME = 1_763_712_000_123L;

    private static ConsoleEvent withContext(String level, int severity, String message, Map<String, String> context,
            String marker) {
        return new ConsoleEvent(TIME, level, severity, "com.acme.Svc", "worker-1", message, null, context, marker, null);
    }

    private static void publishUsers(ConsoleHub hub) {
        hub.publish(withContext("INFO", Severity.INFO, "ann logs in", Map.of("user", "ann"), null));     // 1
        hub.publish(withContext("DEBUG", Severity.DEBUG, "bob logs in", Map.of("user", "bob"), null));   // 2
        hub.publish(withContext("WARN", Severity.WARN, "ann pays", Map.of("user", "ann"), "AUDIT"));     // 3
        hub.publish(withContext("ERROR", Severity.ERROR, "bob fails", Map.of("user", "bob"), "AUDIT"));  // 4
    }

    @Test
    void perLevelTogglesHideAndShowALevelAndCountIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishUsers(hub);
        awaitRows(browser, range(1, 4));
        WebElement info = browser.driver().findElement(By.cssSelector(".level-toggle[data-level='INFO']"));
        assertTrue(info.getText().contains("1"), info.getText());
        info.click();
        awaitRows(browser, seqs(2, 3, 4));
        browser.driver().findElement(By.cssSelector(".level-toggle[data-level='INFO']")).click();
        awaitRows(browser, range(1, 4));
    }

    @Test
    void clickingAContextOrMarkerChipFiltersOnIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishUsers(hub);
        awaitRows(browser, range(1, 4));
        // A collapsed row folds its context values into one chip; it shows them one by one.
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .chip-mdc")).click();
        browser.await("the context chip", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='1'] .chip-ctx")).isEmpty());
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .chip-ctx[data-ctx='user=ann']")).click();
        awaitRows(browser, seqs(1, 3));
        assertTrue(browser.driver().getCurrentUrl().contains("ctx=user"), browser.driver().getCurrentUrl());
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='3'] .chip-marker[data-marker='AUDIT']")).click();
        awaitRows(browser, seqs(3));
    }

    @Test
    void keyboardShortcutsSearchPauseHelpAndFollow() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishUsers(hub);
        awaitRows(browser, range(1, 4));
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys("/");
        assertEquals("search", browser.js("return document.activeElement.id"));
        browser.js("document.activeElement.blur()");

        body.sendKeys(" ");
        browser.await("space pauses", d -> Boolean.TRUE.equals(state(browser, "paused")));
        body.sendKeys(" ");
        browser.await("space resumes", d -> Boolean.FALSE.equals(state(browser, "paused")));

        body.sendKeys("?");
        browser.await("help opens", d -> byId(browser, "help").isDisplayed());
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.await("help closes", d -> !byId(browser, "help").isDisplayed());
        browser.js("document.activeElement.blur()");

        for (int i = 0; i < 200; i++) {
            hub.publish(withContext("INFO", Severity.INFO, "more " + i, null, null));
        }
        awaitRows(browser, range(1, 204));
        new Actions(browser.driver()).scrollFromOrigin(
                org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromElement(byId(browser, "scroller")), 0, -2000).perform();
        browser.await("scrolling up stops following", d -> Boolean.FALSE.equals(state(browser, "following")));
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.END);
        browser.await("End follows again", d -> Boolean.TRUE.equals(state(browser, "following")));
    }

    @Test
    void theThemeToggleSwitchesAndIsRemembered() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        String before = browser.js("return document.documentElement.dataset.theme");
        byId(browser, "theme").click();
        String after = browser.js("return document.documentElement.dataset.theme");
        assertNotEquals(before, after);
        open(browser, hub, "");
        assertEquals(after, browser.js("return document.documentElement.dataset.theme"), "remembered across a reload");
        byId(browser, "theme").click(); // leave the browser's preference as it was for other tests
    }

    @Test
    void timesShowMillisecondsInLocalTimeOrUtc() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(withContext("INFO", Severity.INFO, "at a known time", null, null));
        awaitRows(browser, seqs(1));
        By time = By.cssSelector("#rows .row[data-seq='1'] .time");
        boolean utcFirst = byId(browser, "utc").getText().contains("UTC");
        String first = browser.driver().findElement(time).getText();
        byId(browser, "utc").click();
        // Read in one script: the row is rebuilt when the zone changes, so a found element can go stale.
        browser.await("the time to change", d -> !first.equals(browser.js(
                "return document.querySelector(\"#rows .row[data-seq='1'] .time\").textContent")));
        String second = browser.driver().findElement(time).getText();
        String local = utcFirst ? second : first;
        String utc = utcFirst ? first : second;
        assertTrue(local.contains("13:30:00.123"), "local: " + local);
        assertTrue(utc.contains("08:00:00.123"), "utc: " + utc);
        if (!utcFirst) {
            byId(browser, "utc").click(); // back to local for other tests
        }
    }

    @Test
    void clearEmptiesTheViewAndNewRowsStillCome() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishUsers(hub);
        awaitRows(browser, range(1, 4));
        byId(browser, "clear").click();
        awaitRows(browser, List.of());
        hub.publish(withContext("INFO", Severity.INFO, "after clear", null, null));
        awaitRows(browser, seqs(5));
    }

    @Test
    void copyPutsTheRowOnTheClipboard() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishUsers(hub);
        awaitRows(browser, range(1, 4));
        browser.js("window.__copied = []; navigator.clipboard.writeText = (t) => { window.__copied.push(t); return Promise.resolve(); };");
        WebElement row = browser.driver().findElement(By.cssSelector("#rows .row[data-seq='3']"));
        new Actions(browser.driver()).moveToElement(row).perform();
        row.findElement(By.cssSelector(".copy")).click();
        browser.await("a copy", d -> ((Number) browser.js("return window.__copied.length")).intValue() == 1);
        String copied = browser.js("return window.__copied[0]");
        assertTrue(copied.contains("WARN") && copied.contains("com.acme.Svc") && copied.contains("ann pays"), copied);
    }

    @Test
    void lostEventsShowAsAGapRow() {
        ConsoleHub hub = startHub(b -> b.ingestQueue(1));
        open(browser, hub, "");
        int accepted = 0;
        for (int i = 0; i < 200_000 && hub.stats().ingestDropped() == 0; i++) {
            if (hub.publish(withContext("INFO", Severity.INFO, "flood " + i, null, null))) {
                accepted++;
            }
        }
        assertTrue(hub.stats().ingestDropped() > 0, "the one-slot ingest queue should overflow");
        WebElement gap = browser.await("a gap row", d -> d.findElements(By.cssSelector("#rows .gap")).stream().findFirst().orElse(null));
        assertEquals("ingest-overflow", gap.getAttribute("data-reason"));
        assertTrue(gap.getText().contains("not delivered"), gap.getText());
        assertFalse(accepted == 0);
    }

    @Test
    void theStatusLineShowsTheConnectionAndTheRate() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        assertEquals("connected", byId(browser, "status").getAttribute("data-state"));
        assertTrue(byId(browser, "rate").getText().matches(".*\\d+ ev/s.*"), byId(browser, "rate").getText());
        hub.stop();
        browser.await("the status to say so", d -> List.of("reconnecting", "closed").contains(byId(browser, "status").getAttribute("data-state")));
        assertFalse(byId(browser, "status").getText().isBlank());
    }

    @Test
    void aNarrowWindowStillShowsRowsAndFilters() throws Exception {
        ConsoleHub hub = startHub();
        try (Browser narrow = Browser.start(400, 800)) {
            open(narrow, hub, "");
            publishUsers(hub);
            awaitRows(narrow, range(1, 4));
            WebElement search = narrow.driver().findElement(By.id("search"));
            assertTrue(search.isDisplayed());
            search.sendKeys("bob");
            awaitRows(narrow, seqs(2, 4));
            long overflow = ((Number) narrow.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertEquals(0, overflow, "the page does not scroll sideways at 400 px");
        }
    }
}
