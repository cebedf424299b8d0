package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Log text and level names built to disguise themselves, and a widening replay that overflows the tab's queue. */
class PageHardeningTest extends BrowserTestBase {
    /** Text nodes and title attributes anywhere on the page that carry a bidi control as it is. */
    private static final String RAW_CONTROLS = "const re = /[\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c]/;"
            + "const out = [];"
            + "const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
            + "for (let n = walk.nextNode(); n; n = walk.nextNode()) if (re.test(n.nodeValue)) out.push('text: ' + n.nodeValue);"
            + "for (const e of document.querySelectorAll('[title]')) if (re.test(e.title)) out.push('title of ' + e.className + ': ' + e.title);"
            + "return out;";

    @Test
    void everyPlaceThatShowsLogTextShowsBidiOverridesInsteadOfObeyingThem() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        String rlo = "\u202E";
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "WARN", Severity.WARN, "com.evil.inv" + rlo + "gnp",
                "worker" + rlo + "1", "message", new ConsoleEvent.ThrownInfo("x.Err" + rlo + "gnp", "boom" + rlo + "exe",
                        "x.Err: boom\n\tat x.Y(Y.java:1)"),
                Map.of("user", "ann" + rlo + "exe"), "mk" + rlo + "gnp.exe", "src" + rlo + "exe"));
        awaitRows(browser, seqs(1));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .chip-marker")).click();
        // A collapsed row folds its context values into one chip; it shows them one by one.
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .chip-mdc")).click();
        browser.await("the context chip", d -> d.findElements(By.cssSelector("#rows .row[data-seq='1'] .chip-ctx")).size() == 1);
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .chip-ctx")).click();
        browser.await("the filter chips", d -> d.findElements(By.cssSelector("#active-filters .filter-chip")).size() == 2);
        browser.await("the logger in the tree", d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('.tree-name')].some(n => n.textContent.includes('gnp'))"));
        List<Object> raw = browser.js(RAW_CONTROLS);
        assertEquals(List.of(), raw, "log text must reach the page with its controls made visible");
        String chips = byId(browser, "active-filters").getText();
        assertTrue(chips.contains("marker:mk\u27e8U+202E\u27e9gnp.exe"), chips);
        assertTrue((Boolean) browser.js("return [...document.querySelectorAll('.tree-name')]"
                + ".some(n => n.textContent === 'inv\u27e8U+202E\u27e9gnp' && n.title === 'com.evil.inv\u27e8U+202E\u27e9gnp')"));
    }

    @Test
    void theAddressProblemsTheEmptyTextAndShowInContextShowBidiOverridesToo() {
        ConsoleHub hub = startHub();
        String rlo = "\u202E";
        String logger = "com.evil.inv" + rlo + "gnp";
        String query = "?logger=" + java.net.URLEncoder.encode(logger, StandardCharsets.UTF_8)
                + "&level=WA" + java.net.URLEncoder.encode(rlo, StandardCharsets.UTF_8) + "RN";
        open(browser, hub, query);
        hub.publish(event("INFO", Severity.INFO, "app" + rlo + "exe", "from another logger " + rlo));
        browser.await("the count of events from other loggers", d -> byId(browser, "empty").getText().contains("1 from other loggers"));
        String problems = byId(browser, "url-error").getText();
        assertTrue(problems.contains("level=WA\u27e8U+202E\u27e9RN is not a level"), problems);
        assertEquals(List.of(), browser.js(RAW_CONTROLS), "the address's problems and the empty text");

        hub.publish(event("WARN", Severity.WARN, logger, "mine " + rlo + "exe"));
        awaitRows(browser, seqs(2));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='2'] .context")).click();
        awaitRows(browser, seqs(1, 2));
        browser.await("the tree to show the other logger", d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('.tree-name')].some(n => n.textContent.startsWith('app'))"));
        assertEquals(List.of(), browser.js(RAW_CONTROLS), "rows shown in context, the tree and every tooltip");
    }

    @Test
    void aCustomLevelNameNeverBecomesClassNames() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(event("INFO offscreen gap", Severity.INFO, "app", "where am I"));
        awaitRows(browser, seqs(1));
        List<Object> classes = browser.js("return [...document.querySelector(\"#rows .row[data-seq='1']\").classList]");
        assertFalse(classes.contains("offscreen"), classes.toString());
        assertFalse(classes.contains("gap"), classes.toString());
        assertTrue(classes.contains("lvl-custom"), classes.toString());
        Number left = browser.js("return document.querySelector(\"#rows .row[data-seq='1']\").getBoundingClientRect().left");
        assertTrue(left.doubleValue() >= 0, "the row stays on screen: left=" + left);
        assertEquals("INFO offscreen gap", browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .level")).getText());
    }

    @Test
    void wideningTheFilterNeverShowsAGapOverRowsThePageHolds() {
        // The widening's replay (4,000 events) is far larger than the tab's queue (300), which the
        // 200 ERROR events before it fit into: only the replay overflows.
        ConsoleHub hub = startHub(b -> b.history(5000).tabQueue(300));
        open(browser, hub, "?level=ERROR");
        List<Long> errors = new ArrayList<>();
        for (int i = 1; i <= 4000; i++) {
            boolean error = i % 20 == 0;
            hub.publish(event(error ? "ERROR" : "INFO", error ? Severity.ERROR : Severity.INFO, "app", "event " + i));
            if (error) {
                errors.add((long) i);
            }
        }
        awaitRows(browser, errors);
        new Select(byId(browser, "level")).selectByValue("INFO");
        // A ledger of the tab: every seq from 1 to 4000 is held as a row or inside a gap row, exactly once.
        String ledger = "const held = window.webconsole.rows(); const gaps = window.webconsole.gaps();"
                + "const seen = new Map();"
                + "for (const s of held) seen.set(s, (seen.get(s) ?? 0) + 1);"
                + "for (const g of gaps) for (let s = g.from; s <= g.to; s++) seen.set(s, (seen.get(s) ?? 0) + 1);"
                + "let missing = 0; const twice = [];"
                + "for (let s = 1; s <= 4000; s++) { const n = seen.get(s) ?? 0; if (n === 0) missing++; if (n > 1) twice.push(s); }"
                + "return {missing, twice: twice.length, first: twice.slice(0, 5).join(','), gaps: gaps.length, idle: window.webconsole.idle()};";
        browser.await("every seq held or in a gap", d -> {
            Map<String, Object> l = browser.js(ledger);
            return ((Number) l.get("missing")).longValue() == 0 && Boolean.TRUE.equals(l.get("idle")) ? l : null;
        });
        Map<String, Object> l = browser.js(ledger);
        assertEquals(0L, ((Number) l.get("twice")).longValue(), "seqs both held and inside a gap row: " + l);
        assertTrue(((Number) l.get("gaps")).longValue() > 0, "the replay did overflow the tab's queue: " + l);
    }

    @Test
    void aLinkFromAnotherSitesPageGets403ThatSaysWhatToDo() throws Exception {
        ConsoleHub hub = startHub();
        // Another site: a page on localhost (not 127.0.0.1) that links to the console.
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!doctype html><a id='go' href='" + hub.url() + "'>the console</a>").getBytes(StandardCharsets.UTF_8);
        other.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            browser.open("http://localhost:" + other.getAddress().getPort() + "/");
            browser.driver().findElement(By.id("go")).click();
            String body = browser.await("the console's answer to the link", d -> {
                String text = browser.js("return location.port === arguments[0] ? document.body.innerText : null",
                        String.valueOf(hub.port()));
                return text == null || text.isEmpty() ? null : text;
            });
            assertEquals("403 Forbidden: requests from other sites are refused; open the console's address directly"
                    + " (type or paste it into the address bar)", body.strip());
        } finally {
            other.stop(0);
        }
        open(browser, hub, ""); // opened by its address, the same page loads and connects
        assertEquals(0L, hub.stats().published());
    }
}
