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
        assertEquals("help-close", active());
        keys(Keys.TAB);
        assertEquals("help-close", active(), "the modal help keeps the focus");
        keys(Keys.ESCAPE);
        browser.await("help closes", d -> !byId(browser, "help").isDisplayed());
        assertEquals("help-button", active());
        keys(Keys.ESCAPE);
        assertFalse(byId(browser, "help").isDisplayed(), "a second Esc with nothing open does nothing");
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
                "Level strip", "Level boosts", "Thread dump", "Show in context", "Tree")) {
            assertTrue(help.contains(expected), "the help names " + expected + ":\n" + help);
        }
        assertTrue(browser.driver().findElements(By.cssSelector("#help kbd")).size() >= 10, "keys are marked as keys");
    }
}
