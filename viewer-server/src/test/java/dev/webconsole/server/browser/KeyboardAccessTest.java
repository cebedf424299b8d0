package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** The page without a mouse: the skip link, `/`, Esc, the tree's controls, the Paused status and the help. */
class KeyboardAccessTest extends BrowserTestBase {
    private static final String ACTIVE = "const a = document.activeElement; return a === null ? '' : (a.id || a.className || a.tagName);";

    private ConsoleHub openWithTree() {
        ConsoleHub hub = startHub();
        hub.publish(event("INFO", Severity.INFO, "com.acme.shop.db", "query"));
        hub.publish(event("WARN", Severity.WARN, "com.acme.shop.web", "slow page"));
        hub.publish(event("ERROR", Severity.ERROR, "com.acme.pay", "declined"));
        open(browser, hub, "");
        awaitRows(browser, range(1, 3));
        browser.await("the tree", d -> node("com.acme.shop.web") != null);
        return hub;
    }

    private static void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private static String active() {
        return browser.js(ACTIVE);
    }

    private static Object node(String logger) {
        return browser.js("return document.querySelector(`#logger-tree .tree-node[data-logger=\"${arguments[0]}\"]`)", logger);
    }

    private static void focusTreeControl(String logger, String cls) {
        browser.js("document.querySelector(`#logger-tree .tree-node[data-logger=\"${arguments[0]}\"] .${arguments[1]}`).focus()", logger, cls);
    }

    private static String expanded(String logger) {
        return browser.js("return document.querySelector(`#logger-tree .tree-node[data-logger=\"${arguments[0]}\"] .twisty`).getAttribute('aria-expanded')", logger);
    }

    @Test
    void theFirstTabReachesASkipLinkThatMovesTheFocusToTheLog() {
        openWithTree();
        browser.js("document.activeElement.blur()");
        keys(Keys.TAB);
        assertEquals("skip-to-log", active());
        assertEquals("Skip to log", byId(browser, "skip-to-log").getText());
        assertTrue(((Number) browser.js("return document.activeElement.getBoundingClientRect().top")).doubleValue() >= 0, "shown while focused");
        keys(Keys.ENTER);
        assertEquals("scroller", active(), "past the toolbar and every tree button");
        assertFalse(browser.driver().getCurrentUrl().contains("#"), "the address keeps no #fragment");
    }

    @Test
    void slashFocusesTheSearchButIsTextInAField() {
        openWithTree();
        byId(browser, "scroller").click();
        keys("/");
        assertEquals("search", active());
        byId(browser, "logger-include").click();
        keys("a/b");
        assertEquals("logger-include", active());
        assertEquals("a/b", byId(browser, "logger-include").getDomProperty("value"));
    }

    @Test
    void escClosesTheHelpAndTheFocusGoesBackToWhereItWas() {
        openWithTree();
        byId(browser, "help-button").click();
        browser.await("help opens", d -> byId(browser, "help").isDisplayed());
        assertEquals("help-title", active(), "the focus is on the help's title");
        keys(Keys.TAB);
        assertEquals("help-close", active(), "Tab reaches Close");
        keys(Keys.TAB);
        assertEquals("help-close", active(), "the modal help keeps the focus");
        keys(Keys.ESCAPE);
        browser.await("help closes", d -> !byId(browser, "help").isDisplayed());
        assertEquals("help-button", active());
        keys(Keys.ESCAPE);
        assertFalse(byId(browser, "help").isDisplayed(), "a second Esc with nothing open does nothing");
    }

    @Test
    void theHelpOpensAtItsTopWithTheShortcutsInView() {
        openWithTree();
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 560));
        try {
            keys("?");
            browser.await("help opens", d -> byId(browser, "help").isDisplayed());
            assertTrue((Boolean) browser.js("const d = document.querySelector('#help .dialog'); return d.scrollHeight > d.clientHeight + 40"),
                    "the help is taller than the window, so where it opens matters");
            assertEquals(0L, ((Number) browser.js("return document.querySelector('#help .dialog').scrollTop")).longValue(), "it opens at its top");
            assertEquals("help-title", active());
            assertTrue((Boolean) browser.js("const d = document.querySelector('#help .dialog').getBoundingClientRect();"
                    + "const k = document.querySelector('#help .keys kbd').getBoundingClientRect(); return k.top >= d.top && k.bottom <= d.bottom;"),
                    "the first shortcut is in view");
            keys(Keys.TAB);
            assertEquals("help-close", active(), "Close is a Tab away");
            keys(Keys.ESCAPE);
            browser.await("help closes", d -> !byId(browser, "help").isDisplayed());
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
        }
    }

    @Test
    void escInTheSearchBoxClearsItThenMovesTheFocusToTheLog() {
        openWithTree();
        byId(browser, "search").click();
        keys("declined");
        browser.await("the search applied", d -> rows(browser).equals(List.of(3L)));
        keys(Keys.ESCAPE);
        browser.await("Esc clears the search", d -> rows(browser).equals(List.of(1L, 2L, 3L)));
        assertEquals("", byId(browser, "search").getDomProperty("value"));
        assertEquals("search", active(), "the focus stays in the search box");
        keys(Keys.ESCAPE);
        assertEquals("scroller", active(), "Esc in the empty box: the focus goes to the log, not to the page");
        byId(browser, "logger-include").click();
        keys("com.acme.pay");
        keys(Keys.ESCAPE);
        assertEquals("", byId(browser, "logger-include").getDomProperty("value"), "Esc puts back what is applied");
        assertEquals("logger-include", active());
        keys(Keys.ESCAPE);
        assertEquals("scroller", active());
    }

    @Test
    void tabReachesEveryControlOfATreeBranch() {
        openWithTree();
        byId(browser, "tree-reset").click();
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 40 && !reached.contains("tree-exclude com.acme.shop"); i++) {
            keys(Keys.TAB);
            reached.add(browser.js("const a = document.activeElement; const n = a.closest('.tree-node');"
                    + "return a.className + (n ? ' ' + n.dataset.logger : '')"));
        }
        assertTrue(reached.containsAll(List.of("twisty com.acme.shop", "tree-name com.acme.shop", "tree-include com.acme.shop",
                "tree-exclude com.acme.shop")), "Tab order: " + reached);
    }

    @Test
    void enterOnATwistyFoldsAndUnfoldsTheBranch() {
        openWithTree();
        assertEquals("true", expanded("com.acme.shop"));
        focusTreeControl("com.acme.shop", "twisty");
        keys(Keys.ENTER);
        browser.await("com.acme.shop folded", d -> node("com.acme.shop.web") == null);
        assertEquals("false", expanded("com.acme.shop"));
        assertEquals("twisty", active(), "the focus stays on the twisty");
        keys(Keys.ENTER);
        browser.await("com.acme.shop unfolded", d -> node("com.acme.shop.web") != null);
        assertEquals("true", expanded("com.acme.shop"));
    }

    @Test
    void enterOnABranchNameShowsOnlyThatBranchAndLeavesItUnfolded() {
        openWithTree();
        focusTreeControl("com.acme.shop", "tree-name");
        keys(Keys.ENTER);
        browser.await("only com.acme.shop", d -> rows(browser).equals(List.of(1L, 2L)));
        assertEquals(List.of("com.acme.shop"), browser.js("return window.webconsole.filter().loggers"));
        assertEquals("true", expanded("com.acme.shop"));
        assertTrue(node("com.acme.shop.db") != null, "its children are still shown");
    }

    @Test
    void enterOnPlusAndMinusIncludesAndExcludesABranch() {
        openWithTree();
        focusTreeControl("com.acme.pay", "tree-include");
        keys(Keys.ENTER);
        browser.await("only com.acme.pay", d -> rows(browser).equals(List.of(3L)));
        focusTreeControl("com.acme.pay", "tree-include");
        keys(Keys.ENTER);
        focusTreeControl("com.acme.shop.web", "tree-exclude");
        keys(Keys.ENTER);
        browser.await("com.acme.shop.web hidden", d -> rows(browser).equals(List.of(1L, 3L)));
        assertEquals("true", browser.js("return document.querySelector(`#logger-tree .tree-node[data-logger='com.acme.shop.web'] .tree-exclude`)"
                + ".getAttribute('aria-pressed')"));
    }

    @Test
    void theStatusBarSaysPausedWhilePaused() {
        openWithTree();
        assertFalse(byId(browser, "paused-note").isDisplayed());
        byId(browser, "scroller").click();
        keys(Keys.SPACE);
        browser.await("Paused in the status bar", d -> byId(browser, "paused-note").isDisplayed());
        assertEquals("Paused", byId(browser, "paused-note").getText());
        keys(Keys.SPACE);
        browser.await("no Paused after resuming", d -> !byId(browser, "paused-note").isDisplayed());
    }

    @Test
    void theHelpListsEveryKeyAndThePanels() {
        openWithTree();
        keys("?");
        browser.await("help opens", d -> byId(browser, "help").isDisplayed());
        String help = byId(browser, "help").getText();
        for (String expected : List.of("/", "Space", "End", "PgUp", "PgDn", "Home", "Enter", "Esc", "Tab", "?", "Skip to log",
                "Level strip", "Level boosts", "Thread dump", "Show in context", "Tree", "\u2192", "\u2190")) {
            assertTrue(help.contains(expected), "the help names " + expected + ":\n" + help);
        }
        assertTrue(browser.driver().findElements(By.cssSelector("#help kbd")).size() >= 10, "keys are marked as keys");
        String chip = browser.js("return [...document.querySelectorAll('#help dt')].find((dt) => dt.textContent === 'Chip on a row').nextElementSibling.textContent");
        assertTrue(chip.startsWith("Filter this tab on that context value or marker"), "a row's chip filters this tab: " + chip);
        String details = browser.js("return [...document.querySelectorAll('#help dt')].find((dt) => dt.textContent.startsWith('Row, or')).nextElementSibling.textContent");
        assertTrue(details.contains("A context value or the marker there opens a new tab filtered to it"), "the details' buttons open a tab: " + details);
    }
}
