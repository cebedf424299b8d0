package dev.webconsole.appender.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.support.ui.Select;

/**
 * Boosting and dumping publishing applications from the page, in real headless Chromium: an
 * application whose embedded hub takes publishers, two publishing logger contexts, real tabs.
 */
class PublisherControlPageTest extends BrowserPerClass {
    static final String TOKEN = "publisher-secret-0123456789";
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    private static String publishing(int port, String source) {
        return Log4jFixture.config("hub=\"ws://127.0.0.1:" + port + "\" source=\"" + source + "\" publisherToken=\"" + TOKEN + "\"",
                "info");
    }

    private boolean rowWith(String message, String source, String level) {
        return (Boolean) browser.js("return [...document.querySelectorAll('.row')].some(r =>"
                + " r.dataset.source === arguments[1] && r.dataset.level === arguments[2]"
                + " && r.querySelector('.msg').textContent === arguments[0])", message, source, level);
    }

    @Test
    void aBoostPickedFromASourcesRowActsInThatApplicationAndItsDumpComesFromIt() throws Exception {
        LoggerContext console = log4j.start(Log4jFixture.config("port=\"0\" publisherToken=\"" + TOKEN + "\"", "info"));
        ConsoleHub hub = Log4jFixture.hub(console);
        LoggerContext orders = log4j.start(publishing(hub.port(), "orders"));
        LoggerContext billing = log4j.start(publishing(hub.port(), "billing"));
        console.getLogger("com.acme.console").info("console ready");
        orders.getLogger("com.acme.orders.Cart").info("cart opened");
        billing.getLogger("com.acme.billing.Invoice").info("invoice sent");
        browser.open(hub.url().toString());
        browser.await("the page to connect", d -> "connected".equals(browser.js("return window.webconsole.state().connection")));
        browser.await("three rows", d -> ((List<?>) browser.js("return window.webconsole.rows()")).size() == 3);
        Select application = new Select(find(".boost-source"));
        browser.await("both sources offered", d -> application.getOptions().size() == 3);
        List<String> offered = application.getOptions().stream().map(WebElement::getText).toList();
        assertEquals("the hub's own application", offered.get(0), "the hub's own application comes first");
        assertEquals(java.util.Set.of("orders", "billing"), java.util.Set.copyOf(offered.subList(1, 3)));

        find(".boost-pick").click();
        find(".row[data-source='orders'] .logger[data-name='com.acme.orders.Cart']").click();
        assertEquals(3, ((List<?>) browser.js("return window.webconsole.rows()")).size(), "picking leaves the view as it is");
        assertEquals("com.acme.orders.Cart", find(".boost-logger").getDomProperty("value"));
        assertEquals("orders", application.getFirstSelectedOption().getDomProperty("value"), "the row's source is chosen");
        find(".boost-go").click();
        WebElement boost = find(".boost-list .boost[data-logger='com.acme.orders.Cart']");
        assertEquals("orders", boost.findElement(By.cssSelector(".boost-src")).getText());
        assertTrue(orders.getLogger("com.acme.orders.Cart").isDebugEnabled(), "the boost acts in orders");
        assertFalse(console.getLogger("com.acme.orders.Cart").isDebugEnabled(), "and not in the hub's own application");
        assertTrue(hub.boosts().isEmpty(), "the hub's own application has no boost");

        orders.getLogger("com.acme.orders.Cart").debug("item added");
        browser.await("the boosted DEBUG row from orders", d -> rowWith("item added", "orders", "DEBUG"));
        screenshot("publisher-boost.png");

        // Clicking the row's logger also filtered the page to it: open the whole console again.
        browser.open(hub.url().toString());
        browser.await("the page to reconnect", d -> "connected".equals(browser.js("return window.webconsole.state().connection")));
        WebElement listed = find(".boost-list .boost[data-logger='com.acme.orders.Cart']");
        assertEquals("orders", listed.findElement(By.cssSelector(".boost-src")).getText(), "a tab that opens later sees it too");
        Select again = new Select(find(".boost-source"));
        browser.await("billing offered", d -> again.getOptions().stream().anyMatch(o -> "billing".equals(o.getDomProperty("value"))));
        again.selectByValue("billing");
        find(".boost-dump").click();
        browser.await("billing's thread dump", d -> (Boolean) browser.js("return [...document.querySelectorAll('.row')].some(r =>"
                + " r.dataset.source === 'billing' && r.querySelector(\".logger[data-name='webconsole.threads']\") !== null)"));

        screenshot("publisher-dump.png");
        listed.findElement(By.cssSelector(".boost-revert")).click();
        browser.await("the boost to go", d -> d.findElements(By.cssSelector(".boost-list .boost")).isEmpty());
        assertFalse(orders.getLogger("com.acme.orders.Cart").isDebugEnabled());
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), browser.screenshot());
    }
}
