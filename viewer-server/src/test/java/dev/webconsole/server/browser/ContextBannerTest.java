package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Show in context puts its state in the address and says so in a banner with a way back. */
class ContextBannerTest extends BrowserTestBase {
    private ConsoleHub publishTwoLoggers() {
        ConsoleHub hub = startHub();
        for (int i = 1; i <= 6; i++) {
            hub.publish(event("INFO", Severity.INFO, i % 2 == 0 ? "com.acme.db" : "com.acme.web", "event " + i));
        }
        return hub;
    }

    private static List<Long> marked() {
        List<Object> seqs = browser.js("return [...document.querySelectorAll('#rows .row.marked')].map((r) => Number(r.dataset.seq))");
        return seqs.stream().map(o -> ((Number) o).longValue()).toList();
    }

    private static String address() {
        return browser.driver().getCurrentUrl();
    }

    @Test
    void showInContextPutsTheRowInTheAddressAndTheBannerLeadsBack() throws Exception {
        ConsoleHub hub = publishTwoLoggers();
        open(browser, hub, "?logger=com.acme.db");
        awaitRows(browser, List.of(2L, 4L, 6L));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='4'] .context")).click();
        awaitRows(browser, range(1, 6));
        assertTrue(address().contains("around=4"), address());
        assertFalse(address().contains("logger="), address());
        browser.await("the banner", d -> byId(browser, "context-banner").isDisplayed());
        assertTrue(byId(browser, "context-banner").getText().contains("#4 in context"), byId(browser, "context-banner").getText());
        AccessibilityAuditTest.screenshot("context-banner-" + browser.js("return document.documentElement.dataset.theme"));

        byId(browser, "context-back").click();
        awaitRows(browser, List.of(2L, 4L, 6L));
        assertTrue(address().contains("logger=com.acme.db") && !address().contains("around="), address());
        browser.await("no banner", d -> !byId(browser, "context-banner").isDisplayed());
        assertEquals(List.of(), marked(), "no row marked");

        browser.driver().navigate().forward();
        awaitRows(browser, range(1, 6));
        browser.await("Forward brings the banner back", d -> byId(browser, "context-banner").isDisplayed());
        browser.await("and the marked row", d -> List.of(4L).equals(marked()));
    }

    @Test
    void aBookmarkedContextViewShowsTheBannerAndItsCloseKeepsTheView() {
        ConsoleHub hub = publishTwoLoggers();
        open(browser, hub, "?around=3");
        awaitRows(browser, range(1, 6));
        browser.await("the banner", d -> byId(browser, "context-banner").isDisplayed());
        browser.await("row 3 marked once the replay brought it", d -> List.of(3L).equals(marked()));
        assertEquals("Close", byId(browser, "context-back").getText(), "no filtered view to go back to");
        byId(browser, "context-back").click();
        browser.await("no banner", d -> !byId(browser, "context-banner").isDisplayed());
        assertFalse(address().contains("around="), address());
        assertEquals(range(1, 6), rows(browser));
    }

    @Test
    void aNewFilterEndsTheContextView() {
        ConsoleHub hub = publishTwoLoggers();
        open(browser, hub, "?logger=com.acme.db");
        awaitRows(browser, List.of(2L, 4L, 6L));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='2'] .context")).click();
        browser.await("the banner", d -> byId(browser, "context-banner").isDisplayed());
        browser.driver().findElement(By.cssSelector(".level-toggle[data-level='INFO']")).click();
        browser.await("no banner", d -> !byId(browser, "context-banner").isDisplayed());
        assertFalse(address().contains("around="), address());
    }
}
