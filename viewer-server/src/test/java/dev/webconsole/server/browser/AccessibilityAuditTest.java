package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deque's axe-core on the page as a user sees it: rows of every level, the logger tree and the boost
 * panel open, then the help dialog open, in both themes. Any serious or critical violation fails.
 */
class AccessibilityAuditTest extends BrowserTestBase {
    private static final List<String> BLOCKING = List.of("serious", "critical");

    private static void publishEveryKind(ConsoleHub hub) {
        long t = System.currentTimeMillis();
        hub.publish(new ConsoleEvent(t, "TRACE", Severity.TRACE, "com.acme.shop.db.OrderRepository", "worker-1", "row read", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "DEBUG", Severity.DEBUG, "com.acme.shop.db.OrderRepository", "worker-2", "query took 3 ms", null,
                Map.of("requestId", "abc123"), "SQL", null));
        hub.publish(new ConsoleEvent(t, "INFO", Severity.INFO, "com.acme.shop.web.Checkout", "http-nio-8080-exec-1", "order placed", null,
                Map.of("user", "ann"), null, null));
        hub.publish(new ConsoleEvent(t, "WARN", Severity.WARN, "com.acme.pay.Gateway", "main", "retrying", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "ERROR", Severity.ERROR, "com.acme.pay.Gateway", "main", "payment failed",
                new ConsoleEvent.ThrownInfo("java.io.IOException", "reset", "java.io.IOException: reset\n\tat com.acme.pay.Gateway.call(Gateway.java:42)"),
                null, null, null));
        hub.publish(new ConsoleEvent(t, "FATAL", Severity.FATAL, "com.acme.App", "main", "giving up", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "CONFIG", 450, "com.acme.legacy.Jul", "main", "a JUL level", null, null, null, null));
    }

    private void openWithRows(String theme) {
        ConsoleHub hub = startHub();
        publishEveryKind(hub);
        open(browser, hub, "");
        awaitRows(browser, range(1, 7));
        setTheme(theme);
        assertEquals(theme, browser.js("return document.documentElement.dataset.theme"));
        browser.await("the boost panel", d -> byId(browser, "boosts").isDisplayed());
        assertTrue(byId(browser, "sidebar").isDisplayed(), "the tree is open");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void thePageWithRowsTreeAndBoostPanelHasNoSeriousViolation(String theme) throws Exception {
        openWithRows(theme);
        screenshot("axe-rows-tree-" + theme);
        assertNoBlockingViolations("rows, tree and boost panel, " + theme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theHelpDialogHasNoSeriousViolation(String theme) throws Exception {
        openWithRows(theme);
        byId(browser, "help-button").click();
        browser.await("the help dialog", d -> byId(browser, "help").isDisplayed());
        screenshot("axe-help-" + theme);
        assertNoBlockingViolations("help dialog open, " + theme);
    }

    @Test
    void anExpandedRowHasNoSeriousViolation() {
        openWithRows("dark");
        browser.driver().findElement(org.openqa.selenium.By.cssSelector("#rows .row[data-seq='5'] .expand")).click();
        browser.await("the row expanded", d -> Boolean.TRUE.equals(browser.js("const r = document.querySelector(\"#rows .row[data-seq='5']\"); return r !== null && r.classList.contains('expanded')")));
        assertNoBlockingViolations("an expanded error row, dark");
    }

    @Test
    void placeholdersFitTheirFieldsInAWideWindow() {
        openWithRows("dark");
        assertEquals(List.of(), PlaceholderCheck.cutOff(browser), "at 1280 px, the tree open");
        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 1000, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        try {
            assertEquals(List.of(), PlaceholderCheck.cutOff(browser), "at 1000 px");
        } finally {
            browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Each hub has its own port, so its own origin and storage: the theme is chosen on the page. */
    static void setTheme(String theme) {
        if (!theme.equals(browser.js("return document.documentElement.dataset.theme"))) {
            browser.js("document.getElementById('theme').click()"); // in a narrow window it is in the closed menu
        }
    }

    static void assertNoBlockingViolations(String where) {
        Results results = new AxeBuilder().analyze(browser.driver());
        List<Rule> blocking = results.getViolations().stream().filter(r -> BLOCKING.contains(r.getImpact())).toList();
        assertTrue(blocking.isEmpty(), "axe-core, " + where + ":\n" + describe(blocking));
    }

    static String describe(List<Rule> rules) {
        return rules.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + "\n" + r.getNodes().stream()
                .limit(40).map(AccessibilityAuditTest::node).collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"));
    }

    private static String node(CheckedNode n) {
        String summary = n.getFailureSummary() == null ? "" : n.getFailureSummary().replace('\n', ' ');
        return "    " + n.getTarget() + "  " + summary;
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.screenshot());
    }
}
