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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** A 400 px wide window: the toolbar in one row with a "⋯" menu, the whole level strip, the tree as an overlay. */
class NarrowWindowTest extends BrowserTestBase {
    /** Every visible element of the toolbar, as [top, bottom, right] in CSS pixels. */
    private static final String TOOLBAR_BOXES = "return [...document.querySelectorAll('.toolbar > *')].filter(e => e.offsetParent !== null)"
            + ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.right, e.id || e.className]; })";

    @BeforeEach
    void narrow() {
        width(400);
    }

    private static void width(int px) {
        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", px, "height", 800, "deviceScaleFactor", 1, "mobile", false));
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

    /** Whether the tree is shown, and whether over a backdrop: "side panel", "overlay" or "closed". */
    private static String tree() {
        return browser.js("const s = document.getElementById('sidebar'), b = document.querySelector('.tree-backdrop');"
                + "return s.offsetParent === null ? 'closed' : b !== null && b.offsetParent !== null ? 'overlay' : 'side panel'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theTreeOverlayDimsTheLogAndAClickOnTheBackdropClosesItAndDoesNothingElse(String theme) throws Exception {
        openWithEveryLevel();
        AccessibilityAuditTest.setTheme(theme);
        byId(browser, "toggle-tree").click();
        browser.await("the tree opens over a backdrop", d -> "overlay".equals(tree()));
        // The backdrop is what lies over the log beside the tree; the tree is above it.
        assertEquals(List.of("tree-backdrop", "sidebar"), browser.js("const log = document.querySelector('.log').getBoundingClientRect();"
                + "const s = document.getElementById('sidebar').getBoundingClientRect();"
                + "const over = document.elementFromPoint((s.right + log.right) / 2, (log.top + log.bottom) / 2);"
                + "const under = document.elementFromPoint(s.left + 20, (log.top + log.bottom) / 2);"
                + "return [over.className, under.closest('#sidebar')?.id ?? under.className]"));
        AccessibilityAuditTest.screenshot("narrow-tree-backdrop-" + browser.js("return document.documentElement.dataset.theme"));

        WebElement row = browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1']"));
        double x = ((Number) browser.js("const r = arguments[0].getBoundingClientRect(), s = document.getElementById('sidebar').getBoundingClientRect();"
                + "return (s.right + r.right) / 2 - (r.left + r.width / 2)", row)).doubleValue();
        new Actions(browser.driver()).moveToElement(row, (int) x, 0).click().perform(); // on the backdrop, over a row
        browser.await("a click on the backdrop closes the tree", d -> "closed".equals(tree()));
        assertFalse(byId(browser, "detail").isDisplayed(), "the click went to the backdrop, not to the row under it");
        assertTrue(browser.driver().findElements(By.cssSelector("#rows .row.expanded")).isEmpty(), "no row expanded");
        assertEquals(range(1, 8), rows(browser));
    }

    @Test
    void theTreeIsASidePanelAsChosenInAWideWindowAndAnOverlayThatStartsClosedInANarrowOne() {
        openWithEveryLevel();
        browser.js("localStorage.removeItem('webconsole.tree')");
        try {
            width(1280);
            browser.await("a side panel at 1280 px, as by default", d -> "side panel".equals(tree()));
            width(400);
            browser.await("closed after shrinking to 400 px: the log is not covered", d -> "closed".equals(tree()));
            byId(browser, "toggle-tree").click();
            browser.await("an overlay when opened", d -> "overlay".equals(tree()));
            keys(Keys.ESCAPE);
            browser.await("closed by Esc", d -> "closed".equals(tree()));
            width(1280);
            browser.await("back at 1280 px the side panel is there again: closing the overlay was not a choice for wide windows",
                    d -> "side panel".equals(tree()));
            width(400);
            byId(browser, "toggle-tree").click();
            browser.await("an overlay at 400 px", d -> "overlay".equals(tree()));
            width(1280);
            browser.await("a side panel again at 1280 px", d -> "side panel".equals(tree()));
            keys(Keys.ESCAPE);
            assertEquals("side panel", tree(), "Esc does not close a side panel: it is no overlay any more");

            byId(browser, "toggle-tree").click();
            browser.await("hidden at 1280 px", d -> "closed".equals(tree()));
            width(400);
            byId(browser, "toggle-tree").click();
            browser.await("an overlay at 400 px", d -> "overlay".equals(tree()));
            width(1280);
            browser.await("hidden again at 1280 px, as chosen there", d -> "closed".equals(tree()));
            assertEquals("false", byId(browser, "toggle-tree").getDomAttribute("aria-expanded"));
        } finally {
            browser.js("localStorage.removeItem('webconsole.tree')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void aCollapsedRowShowsItsTagsAndItsWholeLevelName(String theme) throws Exception {
        ConsoleHub hub = startHub();
        long t = System.currentTimeMillis();
        Map<String, String> mdc = Map.of("user", "ann", "requestId", "req-1001");
        String[] levels = {"INFO", "CONFIG", "FINEST", "AUDIT_TRAIL", "WARN"};
        int[] severities = {Severity.INFO, 450, 700, 350, Severity.WARN};
        for (int i = 0; i < levels.length; i++) {
            hub.publish(new ConsoleEvent(t, levels[i], severities[i], "com.acme.shop.Checkout", "main", "order " + i + " placed",
                    null, mdc, "AUDIT", null));
        }
        open(browser, hub, "?level=ALL");
        awaitRows(browser, range(1, 5));
        AccessibilityAuditTest.setTheme(theme);
        List<List<Object>> cells = browser.js("return [...document.querySelectorAll('#rows .row')].map(r => {"
                + "const l = r.querySelector('.level'), row = r.getBoundingClientRect();"
                + "const seen = (e) => { const b = e.getBoundingClientRect(); return e.offsetParent !== null && b.width > 8 && b.right <= row.right + 0.5; };"
                + "return [l.textContent, l.scrollWidth <= l.clientWidth, seen(r.querySelector('.chip-mdc')), seen(r.querySelector('.chip-marker')),"
                + " r.querySelector('.msg').getBoundingClientRect().width]; })");
        assertEquals(5, cells.size(), cells::toString);
        for (List<Object> cell : cells) {
            assertEquals(Boolean.TRUE, cell.get(1), "the whole level name shows: " + cell);
            assertEquals(Boolean.TRUE, cell.get(2), "the MDC chip shows: " + cell);
            assertEquals(Boolean.TRUE, cell.get(3), "the marker chip shows: " + cell);
            assertTrue(((Number) cell.get(4)).doubleValue() > 60, "the message keeps room: " + cell);
        }
        AccessibilityAuditTest.screenshot("narrow-rows-tags-" + browser.js("return document.documentElement.dataset.theme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void anErrorRowShowsItsSourceFirstWhereThereIsNoSourceColumn(String theme) throws Exception {
        ConsoleHub hub = startHub();
        long t = System.currentTimeMillis();
        Map<String, String> mdc = Map.of("user", "ann", "requestId", "req-1001");
        ConsoleEvent.ThrownInfo thrown = new ConsoleEvent.ThrownInfo("java.util.concurrent.TimeoutException",
                "report query exceeded 30 s", "java.util.concurrent.TimeoutException: report query exceeded 30 s");
        hub.publish(new ConsoleEvent(t, "FATAL", Severity.FATAL, "com.acme.shop.jobs.NightlyReport", "main",
                "nightly report aborted", thrown, mdc, "AUDIT", "inventory"));
        hub.publish(new ConsoleEvent(t, "INFO", Severity.INFO, "com.acme.shop.Checkout", "main", "order 1 placed",
                null, mdc, "AUDIT", "inventory"));
        open(browser, hub, "?level=ALL");
        awaitRows(browser, range(1, 2));
        AccessibilityAuditTest.setTheme(theme);
        List<List<Object>> rows = browser.js("return [...document.querySelectorAll('#rows .row')].map(r => {"
                + "const cell = r.querySelector('.msg-cell').getBoundingClientRect(), s = r.querySelector('.chip-source');"
                + "const b = s.getBoundingClientRect();"
                + "const shown = (e) => e.offsetParent !== null && Math.abs(e.getBoundingClientRect().top - b.top) < 2;" // a tag with no room is on a hidden line
                + "const others = [...r.querySelectorAll('.tags > *')].filter(e => e !== s && shown(e));"
                + "return [s.offsetParent !== null && b.width >= 20 && b.left >= cell.left && b.right <= cell.right + 0.5,"
                + " others.every(e => e.getBoundingClientRect().left >= b.right), s.textContent,"
                + " r.querySelector('.msg').getBoundingClientRect().width,"
                + " others.every(e => e.getBoundingClientRect().right <= cell.right + 0.5), others.map(e => e.className)]; })");
        assertEquals(2, rows.size(), rows::toString);
        for (List<Object> row : rows) {
            assertEquals(Boolean.TRUE, row.get(0), "the source chip shows inside the row: " + row);
            assertEquals(Boolean.TRUE, row.get(1), "before the other tags: " + row);
            assertTrue(((Number) row.get(3)).doubleValue() > 60, "the message keeps room: " + row);
            assertEquals(Boolean.TRUE, row.get(4), "no tag shown is cut off at the row's end: " + row);
        }
        assertTrue(rows.get(0).get(5).toString().contains("exc"), "the error row shows its exception beside its source: " + rows);
        AccessibilityAuditTest.screenshot("narrow-error-row-source-" + theme);
    }

    @Test
    void theColumnsMenuListsOnlyTheColumnsANarrowWindowShows() {
        openWithEveryLevel();
        byId(browser, "columns-button").click();
        browser.await("the Columns menu", d -> byId(browser, "columns-menu").isDisplayed());
        assertEquals(List.of("time", "level", "wrap"), browser.js("return [...document.querySelectorAll('#columns-menu input')]"
                + ".filter(i => i.offsetParent !== null).map(i => i.dataset.col)"));
        assertEquals(List.of("Time", "Level", "Message"), browser.js("return [...document.querySelectorAll('#log-head .head-name')]"
                + ".filter(n => n.offsetParent !== null && n.textContent).map(n => n.textContent)"), "the header shows the same columns");
        assertTrue(byId(browser, "columns-menu").getText().contains("More columns in a wider window"));
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
