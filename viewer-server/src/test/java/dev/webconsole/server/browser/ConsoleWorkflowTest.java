package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** What a developer does in the page: search what Java logs carry, keys, statuses, history, outages. */
class ConsoleWorkflowTest extends BrowserTestBase {

    private static String text(String id) {
        return browser.js("return document.getElementById(arguments[0]).textContent", id);
    }

    private static boolean shown(String id) {
        return Boolean.TRUE.equals(browser.js("return !document.getElementById(arguments[0]).hidden", id));
    }

    private static void search(String q) {
        WebElement box = byId(browser, "search");
        box.clear();
        box.sendKeys(q, Keys.ENTER);
    }

    // ---- Space ----

    @Test
    void spaceAfterClearPausesInsteadOfClearingAgain() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO", Severity.INFO, "app", "one"));
        awaitRows(browser, seqs(1));
        byId(browser, "clear").click();
        awaitRows(browser, seqs());
        hub.publish(event("INFO", Severity.INFO, "app", "two"));
        awaitRows(browser, seqs(2));
        byId(browser, "clear").sendKeys(" "); // Space while Clear has the focus
        browser.await("Space pauses", d -> Boolean.TRUE.equals(state(browser, "paused")));
        assertEquals(seqs(2), rows(browser), "Space must not press Clear again");
    }

    @Test
    void spaceAfterTheThemeToggleDoesNotToggleItBack() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        byId(browser, "theme").click();
        String theme = browser.js("return document.documentElement.dataset.theme");
        byId(browser, "theme").sendKeys(" ");
        browser.await("Space pauses", d -> Boolean.TRUE.equals(state(browser, "paused")));
        assertEquals(theme, browser.js("return document.documentElement.dataset.theme"));
        byId(browser, "theme").sendKeys(" ");
        browser.await("Space resumes", d -> Boolean.FALSE.equals(state(browser, "paused")));
    }

    @Test
    void spaceInTheSearchBoxIsText() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        byId(browser, "search").sendKeys("a b");
        assertEquals("a b", byId(browser, "search").getAttribute("value"));
        assertEquals(Boolean.FALSE, state(browser, "paused"));
    }

    // ---- search ----

    @Test
    void searchFindsExceptionsStacksCausesContextMarkerAndSource() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "ERROR", Severity.ERROR, "com.acme.shop.Payments", "worker-1",
                "payment failed", new ConsoleEvent.ThrownInfo("java.net.SocketTimeoutException", "read timed out",
                        "java.net.SocketTimeoutException: read timed out\n\tat com.acme.Http.read(Http.java:10)\n"
                                + "Caused by: java.lang.IllegalStateException: deadlock in pool\n\tat com.acme.Pool.take(Pool.java:3)"),
                null, null, null));                                                                                     // 1
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "INFO", Severity.INFO, "com.acme.shop.Orders", "worker-2",
                "order placed", null, Map.of("orderId", "A-77"), "AUDIT", "Orders.java:42"));                           // 2
        hub.publish(event("INFO", Severity.INFO, "com.acme.shop.Cart", "cart updated"));                                  // 3
        awaitRows(browser, range(1, 3));

        search("timed out");
        awaitRows(browser, seqs(1));
        search("SocketTimeoutException");
        awaitRows(browser, seqs(1));
        search("deadlock");
        awaitRows(browser, seqs(1));
        assertEquals(1L, ((Number) browser.js("return document.querySelectorAll('#rows .row .badge.exc.hit').length")).longValue(),
                "the collapsed row says the match is in its exception");
        search("A-77");
        awaitRows(browser, seqs(2));
        search("orderId");
        awaitRows(browser, seqs(2));
        search("AUDIT");
        awaitRows(browser, seqs(2));
        search("Orders.java");
        awaitRows(browser, seqs(2));
        String placeholder = byId(browser, "search").getAttribute("placeholder");
        assertTrue(placeholder.contains("stacks") && placeholder.contains("MDC"), placeholder);
        String title = byId(browser, "search").getAttribute("title");
        for (String part : new String[] {"exceptions", "whole stack with causes", "MDC keys and values", "marker", "source"}) {
            assertTrue(title.contains(part), title);
        }
    }

    // ---- statuses ----

    @Test
    void aFilterNothingMatchesSaysHowManyCameFromOtherLoggers() {
        ConsoleHub hub = startHub();
        for (int i = 0; i < 7; i++) {
            hub.publish(event("INFO", Severity.INFO, "com.acme.shop.web", "request " + i));
        }
        open(browser, hub, "?logger=com.acme.shop.nothing");
        browser.await("the empty view to explain itself (has '" + text("empty") + "')",
                d -> text("empty").equals("No events match this filter yet; 7 from other loggers"));
    }

    @Test
    void aBadLevelInTheAddressIsNamedInAVisibleError() {
        ConsoleHub hub = startHub();
        open(browser, hub, "?level=LOUD");
        assertTrue(shown("url-error"));
        assertTrue(text("url-error").contains("level=LOUD is not a level"), text("url-error"));
        assertTrue(text("url-error").contains("TRACE, DEBUG, INFO, WARN, ERROR or FATAL"), text("url-error"));
    }

    @Test
    void theRateCountsLiveEventsNotReplayedHistory() {
        ConsoleHub hub = startHub();
        for (int i = 0; i < 500; i++) {
            hub.publish(event("INFO", Severity.INFO, "app", "old " + i));
        }
        open(browser, hub, "");
        awaitRows(browser, range(1, 500));
        assertEquals(0L, ((Number) state(browser, "rate")).longValue(), "history is not a rate");
        for (int i = 0; i < 10; i++) {
            hub.publish(event("INFO", Severity.INFO, "app", "live " + i));
        }
        awaitRows(browser, range(1, 510));
        assertTrue(((Number) state(browser, "rate")).longValue() > 0);
    }

    @Test
    void levelCountsCoverOnlyTheRowsTheLoggerFilterLetsThrough() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO", Severity.INFO, "com.acme.a", "a1"));
        hub.publish(event("INFO", Severity.INFO, "com.acme.a", "a2"));
        hub.publish(event("WARN", Severity.WARN, "com.acme.b", "b1"));
        hub.publish(event("WARN", Severity.WARN, "com.acme.b", "b2"));
        hub.publish(event("WARN", Severity.WARN, "com.acme.b", "b3"));
        awaitRows(browser, range(1, 5));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .logger")).click();
        awaitRows(browser, seqs(1, 2));
        browser.await("level counts over com.acme.a only", d -> "2".equals(levelCount("INFO")) && "0".equals(levelCount("WARN")));
    }

    private static String levelCount(String level) {
        return browser.js("return document.querySelector(`.level-toggle[data-level='${arguments[0]}'] .count`).textContent", level);
    }

    // ---- history ----

    @Test
    void backAndForwardUndoAndRedoAFilter() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO", Severity.INFO, "com.acme.a", "a"));
        hub.publish(event("INFO", Severity.INFO, "com.acme.b", "b"));
        awaitRows(browser, range(1, 2));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='2'] .logger")).click();
        awaitRows(browser, seqs(2));
        search("nothing like this");
        awaitRows(browser, seqs());

        browser.driver().navigate().back();
        awaitRows(browser, seqs(2));
        assertEquals("", byId(browser, "search").getAttribute("value"));
        browser.driver().navigate().back();
        awaitRows(browser, range(1, 2));
        assertFalse(browser.driver().getCurrentUrl().contains("logger="), browser.driver().getCurrentUrl());
        browser.driver().navigate().forward();
        awaitRows(browser, seqs(2));
        assertTrue(browser.driver().getCurrentUrl().contains("logger=com.acme.b"), browser.driver().getCurrentUrl());
    }

    @Test
    void typingASearchMakesOneHistoryEntry() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        long before = ((Number) browser.js("return history.length")).longValue();
        WebElement box = byId(browser, "search");
        for (String key : new String[] {"t", "i", "m", "e"}) {
            box.sendKeys(key);
            String typed = box.getAttribute("value");
            browser.await("the address to follow the typing", d -> d.getCurrentUrl().endsWith("q=" + typed));
        }
        box.sendKeys(Keys.ENTER);
        assertEquals(before + 1, ((Number) browser.js("return history.length")).longValue());
    }

    // ---- reconnect ----

    @Test
    void whileTheHubIsDownABannerSaysSoAndRetriesStayWithinAFewSeconds() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO", Severity.INFO, "app", "before"));
        awaitRows(browser, seqs(1));
        assertFalse(shown("outage"));
        hub.stop();
        browser.await("the banner", d -> shown("outage"));
        assertTrue(text("outage").contains("Not connected to the hub"), text("outage"));
        assertTrue(text("outage").contains("last event"), text("outage"));
        assertEquals("Reconnect now", byId(browser, "outage-reconnect").getText());
        // Four failed tries in a row: the old backoff would now wait 8 s or more.
        Number retryIn = browser.await("four failed tries", d -> browser.js(
                "const s = window.webconsole.state(); return s.attempt >= 4 && s.retryInMs !== null ? s.retryInMs : null"));
        assertTrue(retryIn.longValue() <= 3600, "next try in " + retryIn + " ms");
    }

    // ---- show in context ----

    @Test
    void showInContextOpensTheUnfilteredStreamAroundTheRowAndBackReturns() {
        ConsoleHub hub = startHub();
        for (int i = 1; i <= 90; i++) {
            hub.publish(event(i % 3 == 0 ? "WARN" : "INFO", i % 3 == 0 ? Severity.WARN : Severity.INFO,
                    i % 3 == 0 ? "com.acme.shop.db" : "com.acme.shop.web", "event " + i));
        }
        open(browser, hub, "?logger=com.acme.shop.db");
        awaitRows(browser, java.util.stream.LongStream.rangeClosed(1, 30).map(i -> i * 3).boxed().toList());
        browser.js("document.querySelector(\"#rows .row[data-seq='30']\").scrollIntoView({block: 'center'})");
        browser.click("#rows .row[data-seq='30'] .context"); // found again if the scroll's render built the row anew
        awaitRows(browser, range(1, 90));
        assertFalse(browser.driver().getCurrentUrl().contains("logger="), browser.driver().getCurrentUrl());
        browser.await("the row marked and in view", d -> Boolean.TRUE.equals(browser.js(
                "const row = document.querySelector(\"#rows .row[data-seq='30']\");"
                        + "if (!row || !row.classList.contains('marked')) return false;"
                        + "const r = row.getBoundingClientRect(), s = document.getElementById('scroller').getBoundingClientRect();"
                        + "return r.top >= s.top && r.bottom <= s.bottom;")));
        browser.await("its unfiltered neighbours are shown", d -> renderedMessages(browser).contains("event 29"));

        browser.driver().navigate().back();
        awaitRows(browser, java.util.stream.LongStream.rangeClosed(1, 30).map(i -> i * 3).boxed().toList());
        assertTrue(browser.driver().getCurrentUrl().contains("logger=com.acme.shop.db"), browser.driver().getCurrentUrl());
    }
}
