package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Errors from several sources, as the errors panel shows them: each group names the sources it came
 * from, in the legend's colours, with a count each when there is more than one; and eight sources in
 * eight colours.
 */
class SourceErrorsTest extends BrowserTestBase {
    private static final String PUBLISHER_TOKEN = "publisher-token-for-the-errors";
    private static final long TIME = 1_763_712_000_000L;
    private static final String NPE = "java.lang.NullPointerException";
    private static final String PLACE = "com.acme.orders.OrderService.place(OrderService.java:88)";
    private static final String SAVE = "com.acme.billing.InvoiceRepository.save(InvoiceRepository.java:42)";

    @RegisterExtension
    final HubFixture clients = new HubFixture();

    private WsClient publisher(ConsoleHub hub, String source) throws Exception {
        return clients.publisher(hub, PUBLISHER_TOKEN, source);
    }

    /** Sends `count` errors with an exception of `type` thrown at `frame`, or (type null) ERRORs without one. */
    private static void errors(WsClient publisher, long firstSourceSeq, int count, String type, String frame) throws Exception {
        ObjectNode batch = HubFixture.JSON.createObjectNode().put("type", "events");
        ArrayNode events = batch.putArray("events");
        for (int i = 0; i < count; i++) {
            ObjectNode e = events.addObject().put("sourceSeq", firstSourceSeq + i).put("time", TIME + firstSourceSeq + i)
                    .put("level", "ERROR").put("severity", Severity.ERROR).put("logger", "com.acme.Service").put("thread", "main")
                    .put("message", "request failed");
            if (type != null) {
                e.putObject("thrown").put("type", type).put("message", "boom")
                        .put("stack", type + ": boom\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)\n\tat " + frame);
            }
        }
        publisher.send(batch.toString());
        publisher.next("ack");
    }

    /** Each group as "count | its source chips' texts". */
    private static List<String> groups() {
        return browser.js("return [...document.querySelectorAll('#errors-list .error-group')].map((b) =>"
                + " b.querySelector('.eg-count').textContent + ' | '"
                + " + [...b.querySelectorAll('.eg-sources .chip')].map((c) => c.textContent).join(', '))");
    }

    private static void awaitGroups(List<String> expected) {
        try {
            browser.await("the groups " + expected, d -> groups().equals(expected));
        } catch (AssertionError timedOut) {
            assertEquals(expected, groups(), "the errors panel's groups");
            throw timedOut;
        }
    }

    private static void openPanel() {
        if (!byId(browser, "errors-button").isDisplayed()) {
            byId(browser, "toolbar-menu").click(); // a narrow window keeps the actions in the menu
        }
        byId(browser, "errors-button").click();
        browser.await("the errors panel", d -> byId(browser, "errors-panel").isDisplayed());
    }

    private static void closePanel() {
        byId(browser, "errors-close").click();
        browser.await("the errors panel closed", d -> !byId(browser, "errors-panel").isDisplayed());
    }

    @Test
    void eachGroupShowsItsSourcesInTheLegendColoursWithCountsWhenMoreThanOne() throws Exception {
        ConsoleHub hub = startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
        WsClient orders = publisher(hub, "orders");
        WsClient billing = publisher(hub, "billing");
        WsClient search = publisher(hub, "search");
        open(browser, hub, "");
        errors(orders, 1, 3, NPE, PLACE);
        errors(billing, 1, 1, NPE, PLACE);
        errors(billing, 2, 2, "java.sql.SQLException", SAVE);
        errors(search, 1, 1, null, null);
        WsClient auth = publisher(hub, "auth"); // a fourth source, started later
        errors(auth, 1, 1, NPE, PLACE);
        awaitRows(browser, range(1, 8));
        openPanel();
        awaitGroups(List.of("2 | billing", "5 | orders 3, auth 1, billing 1", "1 | search")); // the group seen last first

        // The same colour as the legend's, and the rows' Source column; the four sources' colours all differ.
        List<String> dots = browser.js("return [...document.querySelectorAll('.sources .source .source-name')]"
                + ".map((b) => getComputedStyle(b, '::before').backgroundColor)");
        assertEquals(4, new HashSet<>(dots).size(), "four sources, four colours: " + dots);
        List<String> mismatched = browser.js("const out = [];"
                + "const dot = (name) => getComputedStyle(document.querySelector(`.sources .source[data-source='${name}'] .source-name`),"
                + " '::before').backgroundColor;"
                + "for (const c of document.querySelectorAll('#errors-list .eg-sources .chip, #rows .row .src')) {"
                + "  const name = c.dataset.source ?? c.textContent; const color = getComputedStyle(c).color;"
                + "  if (color !== dot(name)) out.push(name + ': ' + color + ', in the legend ' + dot(name)); }"
                + "return out;");
        assertEquals(List.of(), mismatched, "chips and source cells in their legend colour");

        for (String theme : List.of("dark", "light")) {
            AccessibilityAuditTest.setTheme(theme);
            assertEquals(List.of(), browser.js(ContrastTest.MEASURE, List.of("#errors-list .eg-sources .chip", "#rows .row .src")),
                    "source names under 4.5:1 in the " + theme + " theme");
            AccessibilityAuditTest.assertNoBlockingViolations("the errors panel with sources, " + theme);
        }
        closePanel();
        screenshots("source-errors-1280");

        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 400, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.await("the narrow layout", d -> ((Number) browser.js("return window.innerWidth")).intValue() == 400);
            openPanel();
            List<String> outside = browser.js("const p = document.getElementById('errors-panel').getBoundingClientRect(); const out = [];"
                    + "for (const c of document.querySelectorAll('#errors-list .eg-sources .chip')) { const r = c.getBoundingClientRect();"
                    + "  if (r.left < p.left || r.right > p.right || r.width < 20) out.push(c.textContent + ' ' + r.left + '-' + r.right); }"
                    + "return p.left >= 0 && p.right <= 400 ? out : ['the panel at ' + p.left + '-' + p.right];");
            assertEquals(List.of(), outside, "at 400 px the chips are whole and inside the panel");
            closePanel();
            screenshots("source-errors-400");
        } finally {
            browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void aConsoleOfOneApplicationShowsNoSourcesInItsGroups() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(new ConsoleEvent(TIME, "ERROR", Severity.ERROR, "com.acme.Service", "main", "request failed", null, null, null, null));
        hub.publish(new ConsoleEvent(TIME + 1, "ERROR", Severity.ERROR, "com.acme.Service", "main", "request failed", null, null, null, null));
        awaitRows(browser, range(1, 2));
        openPanel();
        awaitGroups(List.of("2 | "));
        assertEquals(0, ((Number) browser.js("return document.querySelectorAll('#errors-list .eg-sources').length")).intValue());
    }

    @Test
    void eightSourcesGetEightColoursReadableInBothThemes() throws Exception {
        ConsoleHub hub = startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
        List<String> names = List.of("orders", "billing", "search", "auth", "cart", "mail", "stock", "gateway");
        open(browser, hub, "");
        for (String name : names) {
            errors(publisher(hub, name), 1, 1, null, null);
        }
        awaitRows(browser, range(1, 8));
        browser.await("eight sources in the legend", d -> ((Number) browser.js("return document.querySelectorAll('.sources .source').length"))
                .intValue() == 8);
        for (String theme : List.of("dark", "light")) {
            AccessibilityAuditTest.setTheme(theme);
            List<String> cells = browser.js("return [...document.querySelectorAll('#rows .row .src')].map((c) => getComputedStyle(c).color)");
            assertEquals(8, new HashSet<>(cells).size(), "eight colours in the " + theme + " theme: " + cells);
            assertEquals(List.of(), browser.js(ContrastTest.MEASURE, List.of("#rows .row .src")), "source names under 4.5:1, " + theme);
            Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("eight-sources-" + theme + ".png"),
                    browser.screenshot());
        }
        openPanel(); // one group from eight sources: the three with the most errors, and one chip for the rest
        awaitGroups(List.of("8 | auth 1, billing 1, cart 1, +5 more"));
        assertEquals("gateway 1\nmail 1\norders 1\nsearch 1\nstock 1",
                browser.js("return document.querySelector('#errors-list .eg-more-sources').title"));
    }

    /** With the panel open, in both themes, for a person to look at. */
    private static void screenshots(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        openPanel();
        for (String theme : List.of("dark", "light")) {
            AccessibilityAuditTest.setTheme(theme);
            Files.write(dir.resolve(name + "-" + theme + ".png"), browser.screenshot());
        }
        closePanel();
        assertTrue(Files.size(dir.resolve(name + "-light.png")) > 0);
    }
}
