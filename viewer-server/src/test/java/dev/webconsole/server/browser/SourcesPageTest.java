package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Three publishers into one hub, as the page shows them: the legend, the source column, the source filter. */
class SourcesPageTest extends BrowserTestBase {
    private static final String PUBLISHER_TOKEN = "publisher-token-for-the-page";

    @RegisterExtension
    final HubFixture clients = new HubFixture();

    private WsClient publisher(ConsoleHub hub, String source) throws Exception {
        return clients.publisher(hub, PUBLISHER_TOKEN, source);
    }

    private static void send(WsClient publisher, String logger, long from, long to) throws Exception {
        ObjectNode batch = HubFixture.JSON.createObjectNode().put("type", "events");
        ArrayNode events = batch.putArray("events");
        for (long n = from; n <= to; n++) {
            events.addObject().put("sourceSeq", n).put("time", 1_763_712_000_000L + n).put("level", n % 5 == 0 ? "WARN" : "INFO")
                    .put("severity", n % 5 == 0 ? 300 : 400).put("logger", logger).put("thread", "main")
                    .put("message", logger + " did thing " + n);
        }
        publisher.send(batch.toString());
        publisher.next("ack");
    }

    private static List<String> legend() {
        return browser.js("return [...document.querySelectorAll('.sources .source')].map(li => "
                + "li.dataset.source + ':' + li.querySelector('.source-state').textContent)");
    }

    @Test
    void theLegendShowsEachSourceItsColumnAndAClickShowsOnlyThatSource() throws Exception {
        ConsoleHub hub = startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
        WsClient orders = publisher(hub, "orders");
        WsClient billing = publisher(hub, "billing");
        WsClient search = publisher(hub, "search");
        open(browser, hub, "");
        send(orders, "com.acme.orders.Checkout", 1, 4);
        send(billing, "com.acme.billing.Invoices", 1, 4);
        send(search, "com.acme.search.Index", 1, 4);
        awaitRows(browser, range(1, 12));
        browser.await("three connected sources", d -> legend().equals(
                List.of("orders:connected", "billing:connected", "search:connected")));
        // Read in one wait: the row may be built again between two reads.
        assertEquals("billing", browser.await("row 5's source cell shown", d -> {
            WebElement cell = d.findElement(By.cssSelector("#rows .row[data-seq='5'] .src"));
            return cell.isDisplayed() ? cell.getText() : null;
        }));
        assertEquals(Boolean.FALSE, browser.js("const c = document.querySelector(\"#rows .row[data-seq='5'] .chip-source\");"
                + " return c !== null && c.getClientRects().length > 0"), "beside its Source column a row has no source chip");
        Files.write(Path.of("target", "three-sources.png"), browser.screenshot());
        assertEquals(List.of(List.of("time+", "level+", "src+", "logger+", "thread+", "wrap-"),
                List.of("Time", "Level", "Source", "Logger", "Thread", "Message")), ConsoleRowsTest.menuAndHeader(),
                "with sources the menu lists Source, as the header shows it");

        browser.click(".sources .source[data-source='billing'] .source-name"); // the legend is re-rendered as sources change
        awaitRows(browser, range(5, 8));
        assertTrue(browser.driver().getCurrentUrl().contains("source=billing"), browser.driver().getCurrentUrl());
        assertEquals("billing", browser.js("return document.querySelector('.boost-source').value"),
                "a boost or a dump is for the application the tab shows");
        send(orders, "com.acme.orders.Checkout", 5, 5);
        send(billing, "com.acme.billing.Invoices", 5, 5);
        awaitRows(browser, List.of(5L, 6L, 7L, 8L, 14L));

        search.close();
        browser.await("search shown as gone", d -> legend().contains("search:gone"));
        Files.write(Path.of("target", "three-sources-one-gone.png"), browser.screenshot());

        hub.stop(); // the tab no longer hears from the hub: the legend does not claim to know
        browser.await("the legend's states not known", d -> legend().equals(
                List.of("orders:not known", "billing:not known", "search:not known")));
    }

    @Test
    void aSourceFilterInTheAddressShowsOnlyThoseSourcesAndMarksThemInTheLegend() throws Exception {
        ConsoleHub hub = startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
        WsClient orders = publisher(hub, "orders");
        WsClient billing = publisher(hub, "billing");
        send(orders, "com.acme.orders.Checkout", 1, 3);
        send(billing, "com.acme.billing.Invoices", 1, 3);
        open(browser, hub, "?source=orders");
        awaitRows(browser, range(1, 3));
        browser.await("orders chosen in the legend", d -> Boolean.TRUE.equals(browser.js(
                "return document.querySelector(\".sources .source[data-source='orders']\")?.classList.contains('selected')")));
        browser.await("billing, outside the filter, without a rate of its own", d -> "\u2014".equals(browser.js(
                "return document.querySelector(\".sources .source[data-source='billing'] .source-rate\")?.textContent")));
        assertTrue(((String) browser.js("return document.querySelector(\".sources .source[data-source='orders'] .source-rate\")"
                + ".textContent")).endsWith("/s"));
        // The filter shows as a chip under the toolbar, as a context or marker filter does; a click removes it.
        assertEquals("source:orders \u00d7", browser.js("return document.querySelector(\"#active-filters .filter-chip[data-kind='source']\")?.textContent"));
        browser.click("#active-filters .filter-chip[data-kind='source']");
        awaitRows(browser, range(1, 6));
        assertTrue(!browser.driver().getCurrentUrl().contains("source="), browser.driver().getCurrentUrl());
    }
}
