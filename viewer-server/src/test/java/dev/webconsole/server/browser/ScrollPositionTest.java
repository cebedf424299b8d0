package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/** Once the user scrolls away from the bottom, the list stays where they scrolled (it used to snap back). */
class ScrollPositionTest extends BrowserTestBase {

    private static long scrollTop() {
        return ((Number) browser.js("return Math.round(document.getElementById('scroller').scrollTop)")).longValue();
    }

    @Test
    void theViewStaysWhereTheUserScrolls() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        for (int i = 1; i <= 3000; i++) {
            hub.publish(event("INFO", Severity.INFO, "a", "line " + i));
        }
        awaitRows(browser, range(1, 3000));
        long bottom = scrollTop();

        new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(byId(browser, "scroller")), 0, -3000).perform();
        browser.await("following to stop", d -> Boolean.FALSE.equals(state(browser, "following")));
        browser.await("the view to move up (was " + bottom + ", is " + scrollTop() + ")", d -> scrollTop() < bottom - 1000);

        // A scrollbar drag or a jump sets scrollTop directly: the rows there are drawn, and it stays.
        browser.js("document.getElementById('scroller').scrollTop = 11000");
        browser.await("rows near the top to be drawn", d -> {
            List<Object> seqs = browser.js("return window.webconsole.renderedRows()");
            return !seqs.isEmpty() && ((Number) seqs.get(0)).longValue() < 1000;
        });
        assertEquals(11000, scrollTop());
        assertEquals(Boolean.FALSE, state(browser, "following"));
        List<Object> seqs = browser.js("return window.webconsole.renderedRows()");
        assertTrue(seqs.stream().noneMatch(s -> ((Number) s).longValue() > 1000), "rows near the top, not the old ones: " + seqs);
    }
}
