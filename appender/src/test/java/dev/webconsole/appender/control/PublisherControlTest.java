package dev.webconsole.appender.control;

import static dev.webconsole.appender.control.ControlTab.revert;
import static dev.webconsole.appender.control.ControlTab.setLevel;
import static dev.webconsole.appender.control.ControlTab.threadDump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.HubFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control of a publishing application from a tab of the hub it publishes to: a real hub (with no
 * application of its own, or embedded in one), a real logger context with a publishing
 * {@code <WebConsole>} and real file appenders, and a real WebSocket tab.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherControlTest {
    static final String TOKEN = "publisher-secret-0123456789";

    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @TempDir
    Path dir;

    /** A publishing application: {@code <WebConsole hub=...>}, a file on the root at INFO, audit lines in their own file. */
    String publishing(int hubPort, String source, String attributes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" hub="ws://127.0.0.1:%d" source="%s" publisherToken="%s" %s/>
                    <File name="file" fileName="%s"><PatternLayout pattern="%%p %%c %%m%%n"/></File>
                    <File name="audit" fileName="%s"><PatternLayout pattern="%%p %%c %%m%%n"/></File>
                  </Appenders>
                  <Loggers>
                    <Logger name="dev.webconsole.control" level="info" additivity="false"><AppenderRef ref="audit"/></Logger>
                    <Root level="info"><AppenderRef ref="web"/><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(hubPort, source, TOKEN, attributes, dir.resolve(source + ".log"), dir.resolve(source + "-audit.log"));
    }

    String read(String name) throws Exception {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** A tab on the hub, once every one of {@code names} shows as connected in it. */
    ControlTab tabWith(int port, String... names) throws Exception {
        ControlTab tab = new ControlTab(log4j.connect(port, ""));
        JsonNode sources;
        do {
            sources = tab.ws.nextSources();
        } while (!connected(sources, names));
        return tab;
    }

    static boolean connected(JsonNode sources, String... names) {
        int found = 0;
        for (JsonNode s : sources.path("sources")) {
            if (java.util.Arrays.asList(names).contains(s.path("source").asText()) && s.path("connected").asBoolean()) {
                found++;
            }
        }
        return found == names.length;
    }

    static boolean control(JsonNode e, String action) {
        return e.path("logger").asText().equals("webconsole.control") && e.path("context").path("action").asText().equals(action);
    }

    @Test
    void aBoostOfAPublishingSourceActsInThatApplicationAndIsListedWithItsSource() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        LoggerContext orders = log4j.start(publishing(hub.port(), "orders", ""));
        ControlTab tab = tabWith(hub.port(), "orders");
        assertTrue(tab.hello.path("control").asBoolean(), tab.hello::toString);
        assertFalse(tab.hello.path("levelControl").asBoolean(), "a hub without an application has no level control of its own");

        tab.send(setLevel("com.acme.db", "DEBUG", 5).put("source", "orders"));
        JsonNode boost = tab.levelsListing(1).path("boosts").get(0);
        assertEquals("orders", boost.path("source").asText(), boost::toString);
        assertTrue(boost.path("connected").asBoolean(), boost::toString);
        assertEquals("com.acme.db", boost.path("logger").asText());
        assertEquals("DEBUG", boost.path("level").asText());
        assertTrue(boost.path("by").asText().startsWith("127.0.0.1:"), boost::toString);
        JsonNode started = tab.event(e -> control(e, "started"));
        assertEquals("orders", started.path("source").asText(), "the control event comes from the source's own stream");
        assertEquals("orders", started.path("context").path("source").asText());
        assertTrue(started.path("sourceSeq").asLong() > 0, started::toString);
        assertTrue(orders.getLogger("com.acme.db.Pool").isDebugEnabled(), "the boost acts in the publishing application");

        orders.getLogger("com.acme.db.Pool").debug("boosted in orders");
        orders.getLogger("com.acme.db.Pool").info("as always");
        JsonNode boosted = tab.eventWithMessage("boosted in orders");
        assertEquals("orders", boosted.path("source").asText());
        assertEquals("DEBUG", boosted.path("level").asText());
        tab.eventWithMessage("as always");
        assertFalse(read("orders.log").contains("boosted in orders"), "the application's file gets what it got before");
        assertTrue(read("orders.log").contains("as always"));
        assertTrue(read("orders-audit.log").contains("WebConsole: 127.0.0.1:"), this::toString);
        assertTrue(read("orders-audit.log").contains(" boosted com.acme.db at DEBUG until "), this::toString);

        tab.send(revert("com.acme.db").put("source", "orders"));
        // A levels frame from before the revert may still be on its way (the hub's and the application's own report):
        // the revert is seen when a later one lists no boost.
        tab.levelsListing(0);
        JsonNode ended = tab.event(e -> control(e, "ended"));
        assertEquals("orders", ended.path("source").asText());
        assertTrue(ended.path("message").asText().contains(" reverted by 127.0.0.1:"), ended::toString);
        assertFalse(orders.getLogger("com.acme.db.Pool").isDebugEnabled());
        assertTrue(read("orders-audit.log").contains("WebConsole: the boost of com.acme.db at DEBUG reverted by 127.0.0.1:"));
    }

    @Test
    void aBoostEndsInTheApplicationAtItsExpiryEvenWhenTheHubIsGone() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        // One minute of a request lasts 100 ms here, so a boost of 30 minutes lasts 3 seconds.
        LoggerContext orders = log4j.start(publishing(hub.port(), "orders", "boostMinute=\"100\""));
        ControlTab tab = tabWith(hub.port(), "orders");
        tab.send(setLevel("com.acme", "TRACE", 30).put("source", "orders"));
        assertEquals("orders", tab.levelsListing(1).path("boosts").get(0).path("source").asText());
        hub.stop();
        assertTrue(orders.getLogger("com.acme.Cart").isTraceEnabled(), "the hub stopping does not end the boost");
        Log4jFixture.awaitCondition(() -> !orders.getLogger("com.acme.Cart").isTraceEnabled(),
                () -> "the boost did not end in the application");
        Log4jFixture.awaitCondition(() -> {
            try {
                return read("orders-audit.log").contains("WebConsole: the boost of com.acme at TRACE expired");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "no audit line for the expiry");
    }

    @Test
    void anApplicationThatStopsPublishingEndsItsBoostsAndSaysSo() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        LoggerContext orders = log4j.start(publishing(hub.port(), "orders", ""));
        ControlTab tab = tabWith(hub.port(), "orders");
        tab.send(setLevel("com.acme", "DEBUG", 5).put("source", "orders"));
        tab.levelsListing(1);
        orders.stop();
        JsonNode ended = tab.event(e -> control(e, "ended"));
        assertEquals("orders", ended.path("source").asText());
        assertTrue(ended.path("message").asText().endsWith(" ended because the application stopped publishing"), ended::toString);
        tab.levelsListing(0);
    }

    @Test
    void aRestartedHubLearnsTheBoostsAgainWhenThePublisherReconnects() throws Exception {
        ConsoleHub first = hubs.startHub(b -> b.publisherToken(TOKEN));
        int port = first.port();
        LoggerContext orders = log4j.start(publishing(port, "orders", ""));
        ControlTab tab = tabWith(port, "orders");
        tab.send(setLevel("com.acme", "DEBUG", 5).put("source", "orders"));
        tab.levelsListing(1);
        first.stop();
        ConsoleHub second = hubs.startHub(b -> b.port(port).publisherToken(TOKEN));
        ControlTab again = tabWith(second.port(), "orders");
        JsonNode boost = again.levels().path("boosts").get(0);
        assertEquals("com.acme", boost.path("logger").asText());
        assertEquals("orders", boost.path("source").asText());
        assertTrue(boost.path("connected").asBoolean());
        assertTrue(orders.getLogger("com.acme.Cart").isDebugEnabled(), "the boost went on in the application meanwhile");
        again.send(revert("com.acme").put("source", "orders"));
        assertEquals(0, again.levels().path("boosts").size());
        assertFalse(orders.getLogger("com.acme.Cart").isDebugEnabled());
    }

    @Test
    void aThreadDumpOfASourceComesBackAsOneEventFromIt() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        log4j.start(publishing(hub.port(), "orders", ""));
        ControlTab tab = tabWith(hub.port(), "orders");
        tab.send(threadDump().put("source", "orders"));
        JsonNode dump = tab.event(e -> e.path("logger").asText().equals("webconsole.threads"));
        assertEquals("orders", dump.path("source").asText(), dump::toString);
        assertTrue(dump.path("sourceSeq").asLong() > 0);
        assertEquals("thread dump", dump.path("thrown").path("type").asText());
        assertTrue(dump.path("thrown").path("stack").asText().contains("\"webconsole-publisher\""),
                "the dump is of the publishing application's threads");
        assertTrue(dump.path("context").path("by").asText().startsWith("127.0.0.1:"), dump::toString);
    }

    @Test
    void aRequestTheApplicationRefusesGetsItsErrorAndChangesNothing() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        LoggerContext orders = log4j.start(publishing(hub.port(), "orders", "maxBoosts=\"1\""));
        LoggerContext billing = log4j.start(publishing(hub.port(), "billing", "control=\"false\""));
        ControlTab tab = tabWith(hub.port(), "orders", "billing");
        tab.send(setLevel("com.acme", "DEBUG", 5).put("source", "billing"));
        assertEquals("set-level refused: control is off in this application (control=\"false\" on its <WebConsole> appender)",
                tab.error());
        assertFalse(billing.getLogger("com.acme").isDebugEnabled());

        tab.send(setLevel("com.acme", "DEBUG", 5).put("source", "orders"));
        tab.levels();
        tab.send(setLevel("org.shop", "DEBUG", 5).put("source", "orders"));
        assertEquals("set-level refused: 1 boosts are active, the most maxBoosts allows; revert one first", tab.error());
        assertFalse(orders.getLogger("org.shop").isDebugEnabled());

        tab.send(setLevel("com.acme", "DEBUG", 5));
        String noOwnControl = tab.error();
        assertTrue(noOwnControl.matches("set-level refused: this hub has no level control of its own; add \"source\" naming one"
                + " of the publishing applications: (orders, billing|billing, orders)"), noOwnControl);
        tab.send(setLevel("com.acme", "DEBUG", 5).put("source", "search"));
        String notConnected = tab.error();
        assertTrue(notConnected.matches("set-level refused: \"source\" search is not connected to this hub; connected:"
                + " (orders, billing|billing, orders)"), notConnected);
        tab.send(revert("org.shop").put("source", "orders"));
        assertTrue(tab.error().startsWith("revert-level refused: \"logger\" org.shop has no active boost; active: com.acme"));
        assertEquals(5, hub.stats().rejectedMessages());
    }

    @Test
    void anEmbeddedHubWithPublishersListsTheBoostsOfEachSource() throws Exception {
        LoggerContext console = log4j.start(Log4jFixture.config("port=\"0\" publisherToken=\"" + TOKEN + "\"", "info"));
        int port = Log4jFixture.webConsole(console).url().getPort();
        LoggerContext orders = log4j.start(publishing(port, "orders", ""));
        ControlTab tab = tabWith(port, "orders");
        assertTrue(tab.hello.path("levelControl").asBoolean(), tab.hello::toString);

        tab.send(setLevel("com.acme", "DEBUG", 5));
        tab.levelsListing(1);
        tab.send(setLevel("org.shop", "TRACE", 5).put("source", "orders"));
        JsonNode levels = tab.levels();
        assertEquals(2, levels.path("boosts").size(), levels::toString);
        JsonNode own = levels.path("boosts").get(0);
        JsonNode published = levels.path("boosts").get(1);
        assertEquals("com.acme", own.path("logger").asText());
        assertTrue(own.path("source").isMissingNode(), "a boost of the hub's own application names no source");
        assertEquals("org.shop", published.path("logger").asText());
        assertEquals("orders", published.path("source").asText());

        assertTrue(console.getLogger("com.acme.x").isDebugEnabled());
        assertFalse(console.getLogger("org.shop.x").isDebugEnabled(), "a source's boost acts only in that source");
        assertTrue(orders.getLogger("org.shop.x").isTraceEnabled());
        assertFalse(orders.getLogger("com.acme.x").isDebugEnabled(), "the hub's boost acts only in its own application");
    }
}
