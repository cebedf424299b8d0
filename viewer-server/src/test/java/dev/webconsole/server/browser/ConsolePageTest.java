package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.Select;

class ConsolePageTest extends BrowserTestBase {

    private static void publishMix(ConsoleHub hub) {
        hub.publish(event("INFO", Severity.INFO, "com.acme.db.Pool", "pool ready"));           // 1
        hub.publish(event("DEBUG", Severity.DEBUG, "com.acme.db.noisy.Chatter", "chatter"));   // 2
        hub.publish(event("WARN", Severity.WARN, "com.acme.web.Api", "slow request timeout")); // 3
        hub.publish(event("ERROR", Severity.ERROR, "org.x.Client", "timed out"));              // 4
        hub.publish(event("INFO", Severity.INFO, "com.acmex.Other", "not under com.acme"));    // 5
        hub.publish(event("TRACE", Severity.TRACE, "com.acme.db.Pool", "pool trace"));         // 6
    }

    @Test
    void rowsAppear() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        assertEquals(List.of("pool ready", "chatter", "slow request timeout", "timed out", "not under com.acme", "pool trace"),
                renderedMessages(browser));
    }

    @Test
    void loggerIncludeAndExcludeFromTheUrlGiveExactlyTheirRows() {
        ConsoleHub hub = startHub();
        publishMix(hub);
        open(browser, hub, "?logger=com.acme&exclude=com.acme.db.noisy");
        awaitRows(browser, seqs(1, 3, 6));
    }

    @Test
    void clickingTreeBranchesIncludesAndExcludes() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        browser.await("the tree to show com.acme.db", d -> !d.findElements(By.cssSelector("[data-logger='com.acme.db'] .tree-include")).isEmpty());
        browser.driver().findElement(By.cssSelector("[data-logger='com.acme.db'] .tree-include")).click();
        awaitRows(browser, seqs(1, 2, 6));
        browser.await("the tree to show com.acme.db.noisy", d -> !d.findElements(By.cssSelector("[data-logger='com.acme.db.noisy'] .tree-exclude")).isEmpty());
        browser.driver().findElement(By.cssSelector("[data-logger='com.acme.db.noisy'] .tree-exclude")).click();
        awaitRows(browser, seqs(1, 6));
        assertTrue(browser.driver().getCurrentUrl().contains("exclude=com.acme.db.noisy"), browser.driver().getCurrentUrl());
    }

    @Test
    void clickingALoggerInARowFiltersToIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='4'] .logger")).click();
        awaitRows(browser, seqs(4));
    }

    @Test
    void theLevelThresholdHidesLessSevereRows() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        new Select(byId(browser, "level")).selectByValue("WARN");
        awaitRows(browser, seqs(3, 4));
        assertTrue(browser.driver().getCurrentUrl().contains("level=WARN"), browser.driver().getCurrentUrl());
    }

    @Test
    void aRegexSearchFiltersAndHighlights() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        byId(browser, "regex").click();
        byId(browser, "search").sendKeys("time(out|d)");
        awaitRows(browser, seqs(3, 4));
        List<WebElement> marks = browser.driver().findElements(By.cssSelector("#rows .row .msg mark"));
        assertEquals(List.of("timeout", "timed"), marks.stream().map(WebElement::getText).toList());
    }

    @Test
    void anInvalidRegexShowsAnErrorAndKeepsThePageWorking() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishMix(hub);
        awaitRows(browser, range(1, 6));
        byId(browser, "regex").click();
        byId(browser, "search").sendKeys("([");
        browser.await("the search error", d -> byId(browser, "search-error").isDisplayed());
        assertFalse(byId(browser, "search-error").getText().isBlank());
        hub.publish(event("INFO", Severity.INFO, "a", "after the bad regex"));
        byId(browser, "search").clear();
        byId(browser, "search").sendKeys(Keys.BACK_SPACE);
        awaitRows(browser, range(1, 7));
        browser.await("the search error to go", d -> !byId(browser, "search-error").isDisplayed());
    }

    @Test
    void aUrlOpensWithItsFilterApplied() {
        ConsoleHub hub = startHub();
        publishMix(hub);
        open(browser, hub, "?logger=com.acme&logger=org.x&level=WARN&q=time");
        awaitRows(browser, seqs(3, 4));
        assertEquals("WARN", byId(browser, "level").getAttribute("value"));
        assertEquals("time", byId(browser, "search").getAttribute("value"));
    }

    @Test
    void twoTabsWithDifferentFiltersAreIndependent() throws Exception {
        ConsoleHub hub = startHub();
        try (Browser second = Browser.start(1280, 720)) {
            open(browser, hub, "?logger=com.acme.db");
            open(second, hub, "?level=ERROR");
            publishMix(hub);
            awaitRows(browser, seqs(1, 2, 6));
            awaitRows(second, seqs(4));
        }
    }

    @Test
    void pauseKeepsReceivingAndResumeLosesNothing() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO", Severity.INFO, "a", "before pause"));
        awaitRows(browser, seqs(1));
        byId(browser, "pause").click();
        browser.await("paused", d -> Boolean.TRUE.equals(state(browser, "paused")));
        for (int i = 0; i < 50; i++) {
            hub.publish(event("INFO", Severity.INFO, "a", "while paused " + i));
        }
        browser.await("50 new rows counted", d -> ((Number) state(browser, "newCount")).intValue() == 50);
        assertTrue(byId(browser, "new-count").getText().contains("50"), byId(browser, "new-count").getText());
        byId(browser, "pause").click();
        awaitRows(browser, range(1, 51));
        browser.await("resumed", d -> Boolean.FALSE.equals(state(browser, "paused")));
    }

    @Test
    void scrollingUpStopsFollowingAndJumpResumes() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        for (int i = 1; i <= 300; i++) {
            hub.publish(event("INFO", Severity.INFO, "a", "line " + i));
        }
        awaitRows(browser, range(1, 300));
        assertEquals(Boolean.TRUE, state(browser, "following"));
        WebElement scroller = byId(browser, "scroller");
        new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(scroller), 0, -3000).perform();
        browser.await("following to stop", d -> Boolean.FALSE.equals(state(browser, "following")));
        long top = ((Number) browser.js("return document.getElementById('scroller').scrollTop")).longValue();
        for (int i = 301; i <= 600; i++) {
            hub.publish(event("INFO", Severity.INFO, "a", "line " + i));
        }
        awaitRows(browser, range(1, 600));
        assertEquals(top, ((Number) browser.js("return document.getElementById('scroller').scrollTop")).longValue(),
                "the view stays where the user left it");
        assertEquals(Boolean.FALSE, state(browser, "following"));
        byId(browser, "follow").click();
        browser.await("following again", d -> Boolean.TRUE.equals(state(browser, "following")));
        browser.await("the last row in view", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='600']")).isEmpty());
    }

    @Test
    void theViewKeepsFollowingAHighRateWhileTheUserDoesNotScroll() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        int total = 20_000;
        for (int i = 1; i <= total; i++) {
            hub.publish(event(i % 10 == 0 ? "WARN" : "INFO", i % 10 == 0 ? Severity.WARN : Severity.INFO,
                    "com.acme.svc" + (i % 7), "line " + i + " of a burst; multi-line every so often" + (i % 50 == 0 ? "\nsecond line" : "")));
        }
        awaitRows(browser, range(1, total));
        assertEquals(Boolean.TRUE, state(browser, "following"));
        browser.await("the newest row in view", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='" + total + "']")).isEmpty());
    }

    @Test
    void theRowBoundTrimsTheOldest() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        WebElement maxRows = byId(browser, "max-rows");
        maxRows.sendKeys(Keys.chord(Keys.CONTROL, "a"), "100", Keys.ENTER); // as a person edits it
        browser.await("the bound to apply", d -> ((Number) state(browser, "maxRows")).intValue() == 100);
        for (int i = 1; i <= 250; i++) {
            hub.publish(event("INFO", Severity.INFO, "a", "line " + i));
        }
        awaitRows(browser, range(151, 250));
        assertEquals(150, ((Number) state(browser, "trimmed")).intValue());
        assertTrue(byId(browser, "trimmed").getText().contains("150"), byId(browser, "trimmed").getText());
    }

    @Test
    void aStackTraceExpandsInPlaceOnTheRowsArrow() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "ERROR", Severity.ERROR, "com.acme.Pay", "worker-1",
                "payment failed", new ConsoleEvent.ThrownInfo("java.lang.IllegalStateException", "declined",
                        "java.lang.IllegalStateException: declined\n\tat com.acme.Pay.charge(Pay.java:42)\n"
                                + "Caused by: java.net.SocketTimeoutException: read timed out\n\tat x.Y.z(Y.java:1)"),
                Map.of("user", "ann"), "PAY", null));
        awaitRows(browser, seqs(1));
        WebElement row = browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1']"));
        assertFalse(row.getText().contains("Caused by"), "collapsed to one line");
        row.findElement(By.cssSelector(".expand")).click();
        browser.await("the stack to show", d -> d.findElement(By.cssSelector("#rows .row[data-seq='1']")).getText()
                .contains("Caused by: java.net.SocketTimeoutException: read timed out"));
    }

    @Test
    void downloadsHoldExactlyTheFilteredRows() {
        ConsoleHub hub = startHub();
        publishMix(hub);
        open(browser, hub, "?level=WARN");
        awaitRows(browser, seqs(3, 4));
        browser.js("window.__downloads = []; const real = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__downloads.push(blob); return real(blob); };");
        byId(browser, "download-jsonl").click();
        byId(browser, "download-log").click();
        browser.await("two downloads", d -> ((Number) browser.js("return window.__downloads.length")).intValue() == 2);
        String jsonl = blobText(0);
        String log = blobText(1);
        List<String> lines = jsonl.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), jsonl);
        assertTrue(lines.get(0).contains("\"seq\":3") && lines.get(1).contains("\"seq\":4"), jsonl);
        List<String> logLines = log.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, logLines.size(), log);
        assertTrue(logLines.get(0).contains("slow request timeout") && logLines.get(1).contains("timed out"), log);
    }

    private static String blobText(int index) {
        // WebDriver waits for a returned promise.
        return browser.js("return window.__downloads[arguments[0]].text()", index);
    }
}
