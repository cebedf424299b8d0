package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.HubFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The detail panel: a row's whole story, opened by a click or Enter, closed by Esc, beside the log under the toolbar. */
class DetailPanelTest extends BrowserTestBase {
    private static final long TIME = 1_763_712_000_123L;
    private static final String STACK = String.join("\n",
            "java.lang.IllegalStateException: order 42 failed",
            "\tat com.acme.shop.OrderService.place(OrderService.java:88)",
            "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
            "\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
            "\tat org.springframework.aop.support.AopUtils.invokeJoinpointUsingReflection(AopUtils.java:355)",
            "\tat com.acme.shop.web.OrderController.post(OrderController.java:31)",
            "Caused by: java.sql.SQLException: timeout",
            "\tat com.acme.db.Pool.take(Pool.java:3)",
            "\t... 5 more",
            "\tSuppressed: java.io.IOException: close failed",
            "\t\tat com.acme.db.Pool.close(Pool.java:9)");

    /** 1: the error with every field; 2: another request; 3: the same request, SQL; 4: no context. */
    private static void publishOrders(ConsoleHub hub) {
        hub.publish(new ConsoleEvent(TIME, "ERROR", Severity.ERROR, "com.acme.shop.OrderService", "http-nio-8080-exec-1",
                "placing order 42 failed\nsecond line of the message",
                new ConsoleEvent.ThrownInfo("java.lang.IllegalStateException", "order 42 failed", STACK),
                Map.of("requestId", "abc123"), "ORDERS", "shop"));
        hub.publish(withContext("other request", Map.of("requestId", "zzz999"), "SQL"));
        hub.publish(withContext("same request", Map.of("requestId", "abc123"), "SQL"));
        hub.publish(withContext("no context", null, null));
    }

    private static ConsoleEvent withContext(String message, Map<String, String> context, String marker) {
        return new ConsoleEvent(TIME, "INFO", Severity.INFO, "com.acme.shop.Cart", "main", message, null, context, marker, "shop");
    }

    private static WebElement panel() {
        return browser.driver().findElement(By.id("detail"));
    }

    private static void openRow(long seq) {
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='" + seq + "'] .msg")).click();
        browser.await("the detail panel", d -> panel().isDisplayed());
    }

    private static String field(String name) {
        return panel().findElement(By.cssSelector(".detail-fields dd.detail-" + name)).getText();
    }

    @Test
    void aClickOnARowShowsEveryFieldAndTheWholeMessage() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        assertFalse(panel().isDisplayed());
        openRow(1);
        assertEquals("1", field("seq"));
        assertEquals("2025-11-21 13:30:00.123 +05:30", field("time"));
        assertEquals("ERROR", field("level"));
        assertEquals("com.acme.shop.OrderService", field("logger"));
        assertEquals("http-nio-8080-exec-1", field("thread"));
        assertEquals("shop", field("source"));
        assertTrue(field("marker").startsWith("ORDERS"), field("marker"));
        assertEquals("placing order 42 failed\nsecond line of the message",
                panel().findElement(By.cssSelector(".detail-message")).getText());
        assertEquals("abc123 \u2197", panel().findElement(By.cssSelector(".detail-context .detail-filter-ctx")).getText());
    }

    @Test
    void escClosesThePanelAndGivesTheFocusBackToTheRowWhereEnterOpensItAgain() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(3);
        assertEquals("detail-title", browser.js("return document.activeElement.id"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("the panel to close", d -> !panel().isDisplayed());
        assertEquals("scroller", browser.js("return document.activeElement.id"), "the log has the focus back");
        assertEquals("3", browser.js("return document.querySelector('#rows .row.current').dataset.seq"), "with the row as its current row");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.await("Enter on the row to open the panel", d -> panel().isDisplayed());
        assertEquals("same request", panel().findElement(By.cssSelector(".detail-message")).getText());
        panel().findElement(By.cssSelector(".detail-close")).click();
        browser.await("× to close the panel", d -> !panel().isDisplayed());
    }

    /** Whether row `seq` is drawn and expanded (`true`) or drawn and collapsed (`false`). */
    private static boolean drawn(long seq, boolean expanded) {
        return Boolean.valueOf(expanded).equals(browser.js("const r = document.querySelector(`#rows .row[data-seq='${arguments[0]}']`);"
                + "return r === null ? null : r.classList.contains('expanded')", seq));
    }

    private static boolean expanded(long seq) {
        return drawn(seq, true);
    }

    private static boolean collapsed(long seq) {
        return drawn(seq, false);
    }

    /** Whether the element the user sees at the centre of the element `css` selects is that element (or inside it). */
    private static boolean inReach(String css) {
        return Boolean.TRUE.equals(browser.js("const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect();"
                + "return e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));", css));
    }

    private static double rect(String css, String side) {
        return ((Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect()[arguments[1]]", css, side)).doubleValue();
    }

    @Test
    void aClickOnARowOpensOnlyItsDetailsAndItsArrowOrTheArrowKeysOnlyExpandItInPlace() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(1);
        browser.await("the layout to settle", d -> Boolean.TRUE.equals(browser.js("return window.webconsole.idle()")));
        assertTrue(collapsed(1), "the click opened the details and did not also expand the row");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("the panel to close", d -> !panel().isDisplayed());

        WebElement arrow = browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .expand"));
        assertEquals("false", arrow.getDomAttribute("aria-expanded"));
        arrow.click();
        browser.await("the row expanded in place", d -> expanded(1)
                && !d.findElements(By.cssSelector("#rows .row[data-seq='1'] .stack")).isEmpty());
        assertFalse(panel().isDisplayed(), "the arrow expands the row and opens no panel");
        assertEquals("true", browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .expand")).getDomAttribute("aria-expanded"));
        browser.driver().findElement(By.cssSelector("#rows .row[data-seq='1'] .expand")).click();
        browser.await("the row collapsed", d -> collapsed(1));
        assertTrue(browser.driver().findElements(By.cssSelector("#rows .row[data-seq='2'] .expand")).isEmpty(), "a one-line row has no arrow");

        browser.js("document.getElementById('scroller').focus()");
        WebElement scroller = byId(browser, "scroller");
        assertEquals("1", browser.js("return document.querySelector('#rows .row.current').dataset.seq"));
        scroller.sendKeys(Keys.ARROW_RIGHT);
        browser.await("→ expands the current row", d -> expanded(1));
        assertFalse(panel().isDisplayed());
        scroller.sendKeys(Keys.ARROW_LEFT);
        browser.await("← collapses it", d -> collapsed(1));
        scroller.sendKeys(Keys.ENTER);
        browser.await("Enter opens its details, as a click does", d -> panel().isDisplayed());
        assertTrue(collapsed(1), "Enter does not also expand it");
    }

    @Test
    void thePanelStartsUnderTheToolbarWhoseButtonsStayInReachAndTheRowStaysInSightBesideIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(1);
        assertTrue(rect("#detail", "top") >= rect(".toolbar", "bottom") - 0.5,
                "the panel starts at " + rect("#detail", "top") + ", under the toolbar ending at " + rect(".toolbar", "bottom"));
        for (String button : List.of("#errors-button", "#pause", "#follow", "#help-button")) {
            assertTrue(inReach(button), button + " is not covered");
        }
        assertTrue(inReach("#rows .row[data-seq='1'] .time") && inReach("#rows .row[data-seq='1'] .level"), "the row shown is in sight beside the panel");
        byId(browser, "pause").click();
        browser.await("paused with the panel open", d -> Boolean.TRUE.equals(state(browser, "paused")) && panel().isDisplayed());
        byId(browser, "pause").click();
        browser.await("resumed", d -> Boolean.FALSE.equals(state(browser, "paused")));
    }

    @Test
    void inANarrowWindowThePanelTakesTheLowerPartAndTheRowIsScrolledIntoViewAboveIt() {
        ConsoleHub hub = startHub();
        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 400, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        try {
            open(browser, hub, "");
            if (byId(browser, "sidebar").isDisplayed()) {
                byId(browser, "toggle-tree").click(); // the tree is an overlay there
            }
            for (int i = 1; i <= 60; i++) {
                hub.publish(withContext("request " + i, Map.of("requestId", "r" + i), null));
            }
            awaitRows(browser, range(1, 60));
            openRow(60); // the last row, at the bottom of the log, where the panel comes
            assertTrue(rect("#detail", "top") >= rect(".toolbar", "bottom") - 0.5, "the panel starts under the toolbar");
            assertTrue(inReach("#toolbar-menu"), "the toolbar's menu button is not covered");
            String row = "#rows .row[data-seq='60']";
            browser.await("the row scrolled into view above the panel", d -> {
                try {
                    return rect(row, "bottom") <= rect("#detail", "top") + 0.5 && rect(row, "top") >= rect("#scroller", "top") && inReach(row + " .time");
                } catch (org.openqa.selenium.JavascriptException notDrawn) {
                    return false;
                }
            });
        } finally {
            browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void aFailedCopySaysSoInTheErrorColourReadableInBothThemes() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(1);
        // The browser refuses the clipboard: both ways the page tries fail.
        browser.js("navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));"
                + "document.execCommand = () => false;");
        panel().findElement(By.cssSelector(".detail-copy-text")).click();
        browser.await("the failure said", d -> panel().findElement(By.cssSelector(".detail-copied")).getText().startsWith("Copy failed"));
        for (String theme : List.of("dark", "light")) {
            AccessibilityAuditTest.setTheme(theme);
            List<String> colours = browser.js("const c = document.querySelector('#detail .detail-copied');"
                    + "const probe = document.createElement('span'); probe.style.color = 'var(--error)'; c.parentElement.append(probe);"
                    + "const want = getComputedStyle(probe).color; probe.remove(); return [getComputedStyle(c).color, want];");
            assertEquals(colours.get(1), colours.get(0), "the failure is in the error colour, " + theme);
            List<String> low = browser.js(ContrastTest.MEASURE, List.of("#detail .detail-copied"));
            assertEquals(List.of(), low, "contrast of the failure, " + theme);
        }
    }

    @Test
    void theStackShowsItsCauseChainWithFrameworkFramesFoldedUntilExpanded() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(1);
        List<String> chain = new ArrayList<>();
        for (WebElement li : panel().findElements(By.cssSelector(".detail-chain li"))) {
            chain.add(li.getText());
        }
        assertEquals(List.of("thrown java.lang.IllegalStateException: order 42 failed",
                "caused by java.sql.SQLException: timeout", "suppressed java.io.IOException: close failed"), chain);
        String stack = panel().findElement(By.cssSelector(".detail-stack")).getText();
        assertTrue(stack.contains("at com.acme.shop.OrderService.place(OrderService.java:88)"), stack);
        assertTrue(stack.contains("at com.acme.shop.web.OrderController.post(OrderController.java:31)"), stack);
        assertTrue(stack.contains("Caused by: java.sql.SQLException: timeout"), stack);
        assertTrue(stack.contains("\u2026 3 framework frames"), stack);
        assertFalse(stack.contains("java.lang.reflect.Method.invoke"), "framework frames are folded: " + stack);
        WebElement fold = panel().findElement(By.cssSelector(".stack-fold > summary"));
        fold.click();
        browser.await("the fold to open", d -> panel().findElement(By.cssSelector(".detail-stack")).getText()
                .contains("at java.base/java.lang.reflect.Method.invoke(Method.java:580)"));
    }

    @Test
    void aContextValueOpensANewTabThatTheHubFiltersHistoryIncludedUntilItsChipIsRemoved() {
        ConsoleHub hub = startHub();
        publishOrders(hub);
        open(browser, hub, "");
        awaitRows(browser, range(1, 4));
        String first = browser.driver().getWindowHandle();
        openRow(1);
        panel().findElement(By.cssSelector(".detail-context .detail-filter-ctx")).click();
        String tab = browser.await("a new tab", d -> d.getWindowHandles().stream().filter(h -> !h.equals(first)).findFirst().orElse(null));
        try {
            browser.driver().switchTo().window(tab);
            awaitConnected(browser);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/?ctx=requestId%3Aabc123"), browser.driver().getCurrentUrl());
            awaitRows(browser, seqs(1, 3));
            assertEquals(2L, ((Number) state(browser, "held")).longValue(), "the hub sent only the matching history");
            assertTrue(browser.driver().findElement(By.id("active-filters")).getText().contains("requestId=abc123"));
            hub.publish(withContext("live, same request", Map.of("requestId", "abc123"), null));
            hub.publish(withContext("live, other request", Map.of("requestId", "zzz999"), null));
            awaitRows(browser, seqs(1, 3, 5));
            browser.driver().findElement(By.cssSelector("#active-filters .filter-chip[data-kind='ctx']")).click();
            awaitRows(browser, range(1, 6)); // the hub replays what the context filter had left out
            assertFalse(browser.driver().getCurrentUrl().contains("ctx="), browser.driver().getCurrentUrl());
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(first);
        }
    }

    @Test
    void theMarkerOpensANewTabWithThatMarker() {
        ConsoleHub hub = startHub();
        publishOrders(hub);
        open(browser, hub, "");
        awaitRows(browser, range(1, 4));
        String first = browser.driver().getWindowHandle();
        openRow(2);
        panel().findElement(By.cssSelector(".detail-fields .detail-filter-marker")).click();
        String tab = browser.await("a new tab", d -> d.getWindowHandles().stream().filter(h -> !h.equals(first)).findFirst().orElse(null));
        try {
            browser.driver().switchTo().window(tab);
            awaitConnected(browser);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/?marker=SQL"), browser.driver().getCurrentUrl());
            awaitRows(browser, seqs(2, 3));
            assertEquals(2L, ((Number) state(browser, "held")).longValue(), "the hub sent only the matching history");
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(first);
        }
    }

    @Test
    void copyAsTextAndAsJsonPutTheEventOnTheClipboardAndSaySo() throws Exception {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        browser.cdp("Browser.grantPermissions", Map.of("origin", "http://127.0.0.1:" + hub.port(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        openRow(1);
        panel().findElement(By.cssSelector(".detail-copy-json")).click();
        browser.await("the JSON copy confirmed", d -> "Copied as JSON".equals(panel().findElement(By.cssSelector(".detail-copied")).getText()));
        JsonNode json = HubFixture.JSON.readTree((String) browser.js("return navigator.clipboard.readText()"));
        assertEquals(1, json.path("seq").asLong());
        assertEquals("abc123", json.path("context").path("requestId").asText());
        assertEquals(STACK, json.path("thrown").path("stack").asText());
        panel().findElement(By.cssSelector(".detail-copy-text")).click();
        browser.await("the text copy confirmed", d -> "Copied as text".equals(panel().findElement(By.cssSelector(".detail-copied")).getText()));
        String text = browser.js("return navigator.clipboard.readText()");
        assertTrue(text.contains("ERROR") && text.contains("com.acme.shop.OrderService") && text.contains("placing order 42 failed"), text);
        assertTrue(text.contains("Caused by: java.sql.SQLException: timeout"), text);
    }

    @Test
    void screenshotsAtWideAndNarrowInBothThemes() throws Exception {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishOrders(hub);
        awaitRows(browser, range(1, 4));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        try {
            for (int width : new int[] {1280, 400}) {
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 720));
                if (browser.driver().findElement(By.id("sidebar")).isDisplayed() && width < 600) {
                    browser.driver().findElement(By.id("toggle-tree")).click(); // the tree covers the rows there
                    browser.await("the tree to close", d -> !d.findElement(By.id("sidebar")).isDisplayed());
                }
                for (String theme : List.of("dark", "light")) {
                    browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
                    openRow(1);
                    panel().findElement(By.cssSelector(".stack-fold > summary")).click();
                    Files.write(dir.resolve("detail-" + width + "-" + theme + ".png"), browser.screenshot());
                    panel().findElement(By.cssSelector(".detail-close")).click();
                    browser.await("the panel to close", d -> !panel().isDisplayed());
                }
            }
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
        }
        assertTrue(Files.size(dir.resolve("detail-400-light.png")) > 0);
    }
}
