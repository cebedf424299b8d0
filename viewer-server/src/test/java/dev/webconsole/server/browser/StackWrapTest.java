package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Long names in a stack wrap between their parts (after a dot, `$`, `(` or a space), never inside a
 * word: in an expanded row, in the detail panel and in the errors panel, at 1280 and 400 px.
 */
class StackWrapTest extends BrowserTestBase {
    private static final String TYPE = "org.springframework.dao.DataIntegrityViolationException";
    private static final String STACK = TYPE + ": could not execute statement; constraint [orders_pk]"
            + "\n\tat com.acme.shop.checkout.payment.gateway.internal.RetryingPaymentGatewayClient$Attempt.authorizeAndCapture(RetryingPaymentGatewayClient.java:412)"
            + "\n\tat com.acme.shop.checkout.CheckoutOrchestrator.lambda$placeOrder$3(CheckoutOrchestrator.java:97)"
            + "\n\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)"
            + "\nCaused by: java.lang.IllegalStateException: connection pool com.acme.shop.db.ConnectionPool exhausted"
            + "\n\tat com.acme.shop.db.ConnectionPool.borrowConnectionOrThrow(ConnectionPool.java:88)";

    @AfterEach
    void wide() {
        browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static void assertWrapsOnlyBetweenParts(String where, String css) {
        assertFalse(LineBreaks.all(browser, css).isEmpty(), where + ": the text wraps somewhere, so the check can fail");
        assertEquals(List.of(), LineBreaks.insideWords(browser, css), where + ": wraps inside a word");
    }

    @ParameterizedTest
    @ValueSource(ints = {1280, 400})
    void longNamesWrapBetweenTheirPartsInRowsDetailsAndErrors(int width) throws Exception {
        browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        if (width < 760 && byId(browser, "sidebar").isDisplayed()) {
            byId(browser, "toggle-tree").click(); // the tree is an overlay there
        }
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "ERROR", Severity.ERROR,
                "com.acme.shop.checkout.payment.gateway.internal.RetryingPaymentGatewayClient", "http-nio-8080-exec-12",
                "payment failed", new ConsoleEvent.ThrownInfo(TYPE, "could not execute statement", STACK), null, null, null));
        awaitRows(browser, range(1, 1));

        browser.js("document.querySelector(\"#rows .row[data-seq='1'] .expand\").click()");
        browser.await("the expanded stack", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='1'] .stack")).isEmpty()
                && Boolean.TRUE.equals(browser.js("return window.webconsole.idle()")));
        assertWrapsOnlyBetweenParts("the expanded row at " + width, "#rows .row .stack");

        browser.js("document.querySelector(\"#rows .row[data-seq='1'] .msg\").click()");
        browser.await("the detail panel", d -> d.findElement(By.id("detail")).isDisplayed());
        browser.js("document.querySelectorAll('#detail .stack-fold').forEach((f) => { f.open = true; })");
        assertWrapsOnlyBetweenParts("the detail panel at " + width, "#detail .stack-line, #detail .chain-type, #detail .detail-fields dd");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("the panel to close", d -> !d.findElement(By.id("detail")).isDisplayed());

        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        browser.js("document.getElementById('errors-button').click()"); // in a narrow window it is in the closed menu
        browser.await("the errors panel", d -> d.findElement(By.id("errors-panel")).isDisplayed()
                && !d.findElements(By.cssSelector("#errors-list .eg-frame")).isEmpty());
        assertWrapsOnlyBetweenParts("the errors panel at " + width, "#errors-list .eg-type, #errors-list .eg-frame");
        for (String theme : List.of("dark", "light")) {
            browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
            Files.write(dir.resolve("errors-wrap-" + width + "-" + theme + ".png"), browser.screenshot());
        }
    }
}
