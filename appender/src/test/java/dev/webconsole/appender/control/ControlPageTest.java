package dev.webconsole.appender.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.browser.BrowserPerClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The boost panel and the thread dump in real headless Chromium, against a real appender's hub. */
class ControlPageTest extends BrowserPerClass {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    private LoggerContext open(String attributes) throws Exception {
        return open(attributes, "", 2);
    }

    private LoggerContext open(String attributes, String query, int rows) throws Exception {
        LoggerContext context = log4j.start(Log4jFixture.config("port=\"0\" " + attributes, "info"));
        context.getLogger("com.acme.db.Pool").info("pool ready");
        context.getLogger("com.acme.web").info("listening");
        browser.open(Log4jFixture.webConsole(context).url() + query);
        browser.await("the page to connect", d -> "connected".equals(browser.js("return window.webconsole.state().connection")));
        browser.await(rows + " rows", d -> ((List<?>) browser.js("return window.webconsole.rows()")).size() == rows);
        return context;
    }

    /** The view: its filter, the address, its rows, expanded rows, an open detail panel; picking a boost's logger leaves it as it is. */
    private static List<Object> view() {
        return List.of(browser.js("const f = window.webconsole.filter(); return [f.loggers, f.exclude].join('|')"),
                browser.driver().getCurrentUrl(), browser.js("return window.webconsole.rows().length"),
                browser.js("return document.querySelectorAll('.row.expanded').length"),
                browser.driver().findElements(By.cssSelector("#detail")).stream().anyMatch(WebElement::isDisplayed));
    }

    /** Picks a logger with the panel's Pick button and a click on `css`; the view does not change. */
    private void pick(String css) {
        List<Object> before = view();
        find(".boost-pick").click();
        assertEquals("true", find(".boost-pick").getDomAttribute("aria-pressed"));
        find(css).click();
        assertEquals("false", find(".boost-pick").getDomAttribute("aria-pressed"), "one click picks");
        assertEquals(before, view(), "picking a boost's logger leaves the filter, the address and the rows as they were");
    }

    @Test
    void aBoostFromTheTreeCountsDownAndIsRevertedFromThePage() throws Exception {
        LoggerContext context = open("");
        ConsoleHub hub = Log4jFixture.hub(context);
        pick("#logger-tree [data-logger='com.acme.db'] .tree-name");
        assertEquals("com.acme.db", find(".boost-logger").getDomProperty("value"));
        assertEquals("5", find(".boost-minutes").getDomProperty("value"), "5 minutes by default");
        find(".boost-go").click();

        WebElement boost = find(".boost-list .boost[data-logger='com.acme.db']");
        String left = boost.findElement(By.cssSelector(".boost-left")).getText();
        assertTrue(left.matches("[45]:\\d\\d"), left);
        String until = boost.findElement(By.cssSelector(".boost-left")).getDomAttribute("title");
        assertTrue(until.matches("until \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \u00b7 asked by .*"), "the page's one time format: " + until);
        assertEquals("DEBUG", boost.findElement(By.cssSelector(".boost-lvl")).getText());
        assertEquals(1, hub.boosts().size());
        browser.await("the countdown to move", d -> !left.equals(boost.findElement(By.cssSelector(".boost-left")).getText()));

        context.getLogger("com.acme.db.Pool").debug("connection checked out");
        browser.await("the boosted DEBUG row", d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('.row.lvl-debug .msg')].some(m => m.textContent === 'connection checked out')"));
        screenshot("boost.png");

        boost.findElement(By.cssSelector(".boost-revert")).click();
        browser.await("the boost to go", d -> d.findElements(By.cssSelector(".boost-list .boost")).isEmpty());
        assertTrue(hub.boosts().isEmpty());
        assertTrue(!context.getLogger("com.acme.db.Pool").isDebugEnabled());
    }

    @Test
    void aScopedBoostFromARow() throws Exception {
        LoggerContext context = open("");
        pick(".row .logger[data-name='com.acme.web']");
        assertEquals("com.acme.web", find(".boost-logger").getDomProperty("value"));
        find(".boost-scope").sendKeys("user=42");
        find(".boost-level").sendKeys("TRACE");
        find(".boost-go").click();
        WebElement boost = find(".boost-list .boost[data-logger='com.acme.web']");
        assertEquals("user=42", boost.findElement(By.cssSelector(".chip")).getText());
        assertEquals("TRACE", boost.findElement(By.cssSelector(".boost-lvl")).getText());
        var active = Log4jFixture.hub(context).boosts();
        assertEquals(1, active.size());
        assertEquals("user", active.get(0).contextKey());
        assertEquals("42", active.get(0).contextValue());
    }

    @Test
    void aBoostShowsBidiOverridesInItsNamesInsteadOfObeyingThem() throws Exception {
        LoggerContext context = open("");
        String rlo = "\u202E";
        context.getLogger("com.acme.inv" + rlo + "gnp").info("disguised");
        pick(".row .logger[data-name='com.acme.inv" + rlo + "gnp']");
        find(".boost-scope").sendKeys("user=ann" + rlo + "exe");
        find(".boost-go").click();
        String shown = browser.await("the boost, or the panel's message", d -> {
            List<WebElement> names = d.findElements(By.cssSelector(".boost-list .boost .boost-name"));
            String message = d.findElement(By.cssSelector(".boost-message")).getText();
            return !names.isEmpty() ? names.get(0).getDomProperty("textContent") : message.isEmpty() ? null : "message: " + message;
        });
        assertEquals("com.acme.inv\u27e8U+202E\u27e9gnp", shown);
        assertEquals("user=ann\u27e8U+202E\u27e9exe",
                browser.driver().findElement(By.cssSelector(".boost-list .boost .chip")).getDomProperty("textContent"));
        assertEquals(List.of(), browser.js("const re = /[\\u202a-\\u202e\\u2066-\\u2069]/; const out = [];"
                + "for (const e of document.querySelectorAll('.boosts *'))"
                + " { if (e.children.length === 0 && re.test(e.textContent)) out.push(e.className + ': ' + e.textContent);"
                + " if (re.test(e.title ?? '')) out.push('title of ' + e.className); }"
                + "return out;"), "the boost panel shows log text with its controls made visible");
    }

    @Test
    void picksEndOnEscAndAClickElsewhereDoesWhatItDoes() throws Exception {
        open("");
        find(".boost-pick").click();
        browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.await("Esc ends picking", d -> "false".equals(find(".boost-pick").getDomAttribute("aria-pressed")));
        assertEquals("", browser.driver().findElement(By.cssSelector(".boost-message")).getDomProperty("textContent"), "the hint goes");
        find(".boost-pick").click();
        find("#tree-reset").click(); // outside the tree's nodes and the rows
        assertEquals("false", find(".boost-pick").getDomAttribute("aria-pressed"));
        find("#logger-tree [data-logger='com.acme.web'] .tree-name").click();
        browser.await("not picking: the name filters the view", d -> List.of("com.acme.web").equals(browser.js("return window.webconsole.filter().loggers")));
        assertEquals("", find(".boost-logger").getDomProperty("value"), "only Pick fills the boost's logger");
    }

    @Test
    void aBoostShowsItsWholeLoggerAndTheHubsOwnEventsAddNoLoggerToTheTree() throws Exception {
        LoggerContext context = open("", "?logger=com.acme.web", 1);
        String logger = "com.acme.inventory.warehouse.replenishment.StockLevelService";
        find(".boost-logger").sendKeys(logger);
        find(".boost-go").click();
        WebElement name = find(".boost-list .boost[data-logger='" + logger + "'] .boost-name");
        assertEquals(logger, name.getDomProperty("textContent"));
        try {
            for (int width : new int[] {1280, 400}) {
                browser.cdp("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", 720, "deviceScaleFactor", 1, "mobile", false));
                if (width == 400) {
                    find("#toggle-tree").click(); // the tree, with the boost panel, is an overlay there
                }
                for (String theme : List.of("dark", "light")) {
                    browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
                    assertEquals(Boolean.TRUE, browser.js("const n = document.querySelector('.boost-list .boost-name'), w = n.closest('.boost');"
                            + "const b = n.getBoundingClientRect(), c = w.getBoundingClientRect();"
                            + "return n.offsetParent !== null && n.scrollWidth <= n.clientWidth + 1 && b.left >= c.left - 0.5 && b.right <= c.right + 0.5"
                            + " && b.bottom <= c.bottom + 0.5"), width + " px, " + theme + ": the whole name is in sight, not cut");
                    screenshot("boost-long-name-" + width + "-" + theme + ".png");
                }
            }
        } finally {
            browser.cdp("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }

        // The boost's start is an event of webconsole.control, which the tab's filter keeps away; a logger
        // first seen after it comes with a later catalogue, which would list webconsole.control too.
        context.getLogger("com.acme.mail").info("sent");
        browser.await("com.acme.mail in the tree", d -> (Boolean) browser.js(
                "return document.querySelector(\"#logger-tree .tree-node[data-logger='com.acme.mail']\") !== null"));
        assertEquals(List.of(), browser.js("return [...document.querySelectorAll('#logger-tree .tree-node')].map(n => n.dataset.logger)"
                + ".filter(l => l === 'webconsole' || l.startsWith('webconsole.'))"), "no tree node of the hub's own events");
    }

    @Test
    void aRefusedBoostShowsTheHubsReasonInThePanel() throws Exception {
        open("");
        find(".boost-logger").sendKeys("dev.webconsole.server");
        find(".boost-go").click();
        browser.await("the refusal", d -> d.findElement(By.cssSelector(".boost-message.error")).getText()
                .startsWith("set-level refused: \"logger\" dev.webconsole.server is one of the hub's own loggers"));
    }

    @Test
    void aThreadDumpIsARowThatExpands() throws Exception {
        open("");
        find(".boost-dump").click();
        WebElement dump = find(".row[data-level='INFO'] .logger[data-name='webconsole.threads']");
        WebElement row = dump.findElement(By.xpath("./ancestor::div[contains(concat(' ', @class, ' '), ' row ')][1]"));
        assertTrue(row.getDomAttribute("class").contains("expandable"), row.getDomAttribute("class"));
        assertTrue(row.getText().contains("Thread dump: "), row.getText());
        row.findElement(By.cssSelector(".expand")).click(); // the row's arrow expands it in place
        WebElement expanded = find(".row.expanded .detail .stack");
        assertTrue(expanded.getText().contains("java.lang.Thread.State: "), expanded.getText());
        assertTrue(expanded.getText().contains("\"webconsole-dispatcher\""), expanded.getText());
        browser.js("document.querySelector('.row.expanded .msg').click()"); // its details: a listing, not an exception
        browser.await("the dump's details", d -> List.of("Thread dump").equals(browser.js(
                "return [...document.querySelectorAll('#detail .detail-heading')].map(h => h.textContent).filter(t => t === 'Thread dump' || t === 'Exception')")));
        assertTrue(((String) browser.js("return document.querySelector('#detail .detail-dump').textContent"))
                .contains("java.lang.Thread.State: "));
        assertEquals("", browser.js("return document.getElementById('errors-count').textContent"), "a dump without a deadlock is no error");
        browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.js("document.getElementById('scroller').scrollTop = 0");
        browser.await("the dump's first line on screen", d -> (Boolean) browser.js(
                "const r = document.querySelector('.row.expanded'); return r !== null && r.getBoundingClientRect().top < 200"));
        screenshot("thread-dump.png");
    }

    @Test
    void withControlOffThePanelIsHidden() throws Exception {
        open("control=\"false\"");
        assertEquals(Boolean.TRUE, browser.js("return document.getElementById('boosts').hidden"));
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), browser.screenshot());
    }
}
