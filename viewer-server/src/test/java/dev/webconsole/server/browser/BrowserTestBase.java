package dev.webconsole.server.browser;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.testing.HubFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** One headless Chromium per test class; hubs on port 0 from {@link HubFixture}, stopped after each test. */
abstract class BrowserTestBase extends BrowserPerClass {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    protected ConsoleHub startHub(UnaryOperator<HubConfig.Builder> settings) {
        return hubs.startHub(settings);
    }

    protected ConsoleHub startHub() {
        return hubs.startHub();
    }

    /** Opens the page with a query string and waits until it is connected. */
    protected static void open(Browser b, ConsoleHub hub, String query) {
        b.open(hub.url() + query);
        awaitConnected(b);
    }

    protected static void awaitConnected(Browser b) {
        b.await("the page to connect", d -> "connected".equals(b.js("return window.webconsole.state().connection")));
    }

    /** Seqs of the events that pass the page's filter, in order. */
    protected static List<Long> rows(Browser b) {
        List<Object> seqs = b.js("return window.webconsole.rows()");
        List<Long> out = new ArrayList<>(seqs.size());
        for (Object seq : seqs) {
            out.add(((Number) seq).longValue());
        }
        return out;
    }

    protected static void awaitRows(Browser b, List<Long> expected) {
        b.await("rows " + expected + " (have " + rows(b) + ")", d -> rows(b).equals(expected) && Boolean.TRUE.equals(b.js("return window.webconsole.idle()")));
    }

    protected static Object state(Browser b, String key) {
        return b.js("return window.webconsole.state()[arguments[0]]", key);
    }

    protected static WebElement byId(Browser b, String id) {
        return b.driver().findElement(By.id(id));
    }

    /** Texts of the message cells of the rows now in the DOM, in order (read at once, so no row re-renders meanwhile). */
    protected static List<String> renderedMessages(Browser b) {
        return b.js("return [...document.querySelectorAll('#rows .row .msg')].map(m => m.textContent)");
    }

    protected static ConsoleEvent event(String level, int severity, String logger, String message) {
        return new ConsoleEvent(System.currentTimeMillis(), level, severity, logger, "worker-1", message, null, null, null, null);
    }

}
