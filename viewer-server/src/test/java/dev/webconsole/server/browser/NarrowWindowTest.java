package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** A 400 px wide window: the toolbar in one row with a "⋯" menu, the whole level strip, the tree as an overlay. */
class NarrowWindowTest extends BrowserTestBase {
    /** Every visible element of the toolbar, as [top, bottom, right] in CSS pixels. */
    private static final String TOOLBAR_BOXES = "return [...document.querySelectorAll('.toolbar > *')].filter(e => e.offsetParent !== null)"
            + ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.right, e.id || e.className]; })";

    @BeforeEach
    void narrow() {
        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 400, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterEach
    void wide() {
        browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private ConsoleHub openWithEveryLevel() {
        ConsoleHub hub = startHub();
        long t = System.currentTimeMillis();
        String[] levels = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
        int[] severities = {Severity.TRACE, Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR, Severity.FATAL};
        for (int i = 0; i < levels.length; i++) {
            hub.publish(new ConsoleEvent(t, levels[i], severities[i], "com.acme.shop.Checkout", "main", "event " + i, null, null, null, null));
        }
        hub.publish(new ConsoleEvent(t, "CONFIG", 450, "com.acme.legacy.Jul", "main", "a JUL level", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "AUDIT_TRAIL", 350, "com.acme.audit", "main", "a custom level", null, null, null, null));
        open(browser, hub, "");
        awaitRows(browser, range(1, 8));
        assertEquals(400L, ((Number) browser.js("return window.innerWidth")).longValue());
        return hub;
    }

    private static void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private static boolean menuOpen() {
        return byId(browser, "toolbar-more").isDisplayed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theToolbarFitsOneRowWithTheRestInTheMenu(String theme) throws Exception {
        openWithEveryLevel();
        AccessibilityAuditTest.setTheme(theme);
        List<List<Object>> boxes = browser.js(TOOLBAR_BOXES);
        double top = ((Number) boxes.get(0).get(0)).doubleValue();
        for (List<Object> box : boxes) {
            assertTrue(Math.abs(((Number) box.get(0)).doubleValue() - top) < 8, "one row: " + boxes);
            assertTrue(((Number) box.get(2)).doubleValue() <= 400, "inside the window: " + boxes);
        }
        assertTrue(byId(browser, "search").isDisplayed());
        assertFalse(byId(browser, "level").isDisplayed(), "the level is in the menu");
        assertFalse(byId(browser, "pause").isDisplayed(), "the actions are in the menu");

        byId(browser, "toolbar-menu").click();
        browser.await("the menu opens", d -> menuOpen());
        assertEquals("true", byId(browser, "toolbar-menu").getDomAttribute("aria-expanded"));
        for (String id : List.of("level", "logger-include", "logger-exclude", "pause", "clear", "download-log", "theme", "help-button")) {
            assertTrue(byId(browser, id).isDisplayed(), id + " in the menu");
            double right = ((Number) browser.js("return arguments[0].getBoundingClientRect().right", byId(browser, id))).doubleValue();
            assertTrue(right <= 400, id + " inside the window, right edge at " + right);
        }
        AccessibilityAuditTest.screenshot("narrow-menu-" + browser.js("return document.documentElement.dataset.theme"));
        keys(Keys.ESCAPE);
        browser.await("Esc closes the menu", d -> !menuOpen());
        assertEquals("toolbar-menu", browser.js("return document.activeElement.id"), "the focus returns to the menu button");
    }

    @Test
    void theMenuClosesAfterAChoiceAndOnAClickOutside() {
        openWithEveryLevel();
        byId(browser, "toolbar-menu").click();
        browser.await("the menu opens", d -> menuOpen());
        byId(browser, "pause").click();
        browser.await("paused", d -> Boolean.TRUE.equals(state(browser, "paused")));
        assertFalse(menuOpen(), "a button in the menu closes it");

        byId(browser, "toolbar-menu").click();
        browser.await("the menu opens", d -> menuOpen());
        byId(browser, "rate").click();
        browser.await("a click outside closes the menu", d -> !menuOpen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theLevelStripShowsEveryLevelInsideTheWindow(String theme) throws Exception {
        openWithEveryLevel();
        AccessibilityAuditTest.setTheme(theme);
        browser.await("8 level chips", d -> ((Number) browser.js("return document.querySelectorAll('#levels .level-toggle').length")).intValue() == 8);
        List<List<Object>> chips = browser.js("return [...document.querySelectorAll('#levels .level-toggle')].map(b => {"
                + "const r = b.getBoundingClientRect(); const s = b.closest('.subbar').getBoundingClientRect();"
                + "return [b.dataset.level, r.left, r.right, r.bottom <= s.bottom + 0.5 && r.top >= s.top - 0.5]; })");
        for (List<Object> chip : chips) {
            assertTrue(((Number) chip.get(1)).doubleValue() >= 0 && ((Number) chip.get(2)).doubleValue() <= 400, "not clipped: " + chip);
            assertEquals(Boolean.TRUE, chip.get(3), "inside the sub bar: " + chip);
        }
        assertEquals(Boolean.TRUE, browser.js("const l = document.getElementById('levels'); return l.scrollWidth <= l.clientWidth"),
                "nothing scrolled out of sight");
        AccessibilityAuditTest.screenshot("narrow-levels-" + browser.js("return document.documentElement.dataset.theme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theTreeOverlayClosesOnEscOnAClickOutsideAndAfterAChoice(String theme) throws Exception {
        openWithEveryLevel();
        AccessibilityAuditTest.setTheme(theme);
        assertFalse(byId(browser, "sidebar").isDisplayed(), "hidden at first in a narrow window");
        byId(browser, "toggle-tree").click();
        browser.await("the tree opens", d -> byId(browser, "sidebar").isDisplayed());
        AccessibilityAuditTest.screenshot("narrow-tree-" + browser.js("return document.documentElement.dataset.theme"));
        keys(Keys.ESCAPE);
        browser.await("Esc closes the tree", d -> !byId(browser, "sidebar").isDisplayed());
        assertEquals("toggle-tree", browser.js("return document.activeElement.id"));

        byId(browser, "toggle-tree").click();
        browser.await("the tree opens", d -> byId(browser, "sidebar").isDisplayed());
        browser.driver().findElement(By.cssSelector(".subbar")).click();
        browser.await("a click outside closes the tree", d -> !byId(browser, "sidebar").isDisplayed());

        byId(browser, "toggle-tree").click();
        browser.await("the tree opens", d -> byId(browser, "sidebar").isDisplayed());
        browser.driver().findElement(By.cssSelector("#logger-tree .tree-node[data-logger='com.acme.audit'] .tree-name")).click();
        browser.await("only com.acme.audit", d -> rows(browser).equals(List.of(8L)));
        assertFalse(byId(browser, "sidebar").isDisplayed(), "a choice closes the tree");
    }

    @Test
    void placeholdersFitTheirFields() {
        openWithEveryLevel();
        assertEquals(List.of(), PlaceholderCheck.cutOff(browser), "at 400 px");
        byId(browser, "toolbar-menu").click();
        browser.await("the menu opens", d -> menuOpen());
        assertEquals(List.of(), PlaceholderCheck.cutOff(browser), "at 400 px, in the menu");
        byId(browser, "toggle-tree").click();
        browser.await("the tree opens", d -> byId(browser, "sidebar").isDisplayed());
        assertEquals(List.of(), PlaceholderCheck.cutOff(browser), "at 400 px, the tree open");
    }
}
