package dev.webconsole.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The logger catalogue: every logger the hub has seen, with counts per level, for the tabs that ask. */
class LoggerCatalogueTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    @Test
    void aTabOpenedWithALoggerFilterLearnsItsSiblingLoggersWithCounts() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publish(hub, "com.acme.shop.db", "INFO", Severity.INFO, 2);
        publish(hub, "com.acme.shop.db", "WARN", Severity.WARN, 1);
        publish(hub, "com.acme.shop.web", "INFO", Severity.INFO, 3);
        publish(hub, "com.acme.pay", "ERROR", Severity.ERROR, 1);
        WsClient tab = hubs.connect(hub, "logger=com.acme.shop.db");
        tab.next("hello");
        assertEquals(3, tab.events(3).size(), "the filter lets only the db logger's events through");

        tab.send("{\"type\":\"loggers\"}");
        JsonNode loggers = nextLoggers(tab, new ArrayList<>()).path("loggers");
        assertEquals(3, loggers.size(), loggers::toString);
        assertEquals(2, loggers.path("com.acme.shop.db").path("INFO").asLong());
        assertEquals(1, loggers.path("com.acme.shop.db").path("WARN").asLong());
        assertEquals(3, loggers.path("com.acme.shop.web").path("INFO").asLong());
        assertEquals(1, loggers.path("com.acme.pay").path("ERROR").asLong());
        assertFalse(loggers.path("com.acme.shop.web").has("WARN"), "zero counts are left out");
    }

    @Test
    void aTabThatAskedGetsTheCatalogueAgainWhenItChangesAndOtherTabsNever() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient asking = hubs.connect(hub, "logger=com.acme.shop.db");
        WsClient silent = hubs.connect(hub, "");
        asking.next("hello");
        silent.next("hello");
        asking.send("{\"type\":\"loggers\"}");
        assertEquals(0, nextLoggers(asking, new ArrayList<>()).path("loggers").size());

        publish(hub, "com.acme.shop.web", "DEBUG", Severity.DEBUG, 4);
        List<JsonNode> events = new ArrayList<>();
        JsonNode refreshed = nextLoggers(asking, events);
        assertEquals(4, refreshed.path("loggers").path("com.acme.shop.web").path("DEBUG").asLong(), refreshed::toString);
        assertEquals(List.of(), events, "the db filter keeps the web logger's events away");

        List<JsonNode> seen = new ArrayList<>();
        while (seen.stream().mapToInt(f -> f.path("events").size()).sum() < 4) {
            JsonNode frame = silent.next();
            assertTrue(List.of("events").contains(frame.path("type").asText()), () -> "a tab that did not ask got " + frame);
            seen.add(frame);
        }
    }

    @Test
    void theHubsOwnEventsAreNotListedAsLoggers() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publish(hub, "com.acme.shop.db", "INFO", Severity.INFO, 1);
        WsClient tab = hubs.connect(hub, "logger=com.acme.shop.db");
        tab.next("hello");
        tab.send("{\"type\":\"loggers\"}");
        assertEquals(1, nextLoggers(tab, new ArrayList<>()).path("loggers").size());

        // A thread dump is an event of the hub's own (webconsole.threads), numbered before the web logger's.
        tab.send("{\"type\":\"thread-dump\"}");
        HubFixture.awaitCondition(() -> hub.stats().lastSeq() >= 2, "the dump to be numbered");
        publish(hub, "com.acme.shop.web", "INFO", Severity.INFO, 1);
        JsonNode loggers;
        do {
            loggers = nextLoggers(tab, new ArrayList<>()).path("loggers");
            assertFalse(loggers.has("webconsole.threads"), loggers::toString);
        } while (!loggers.has("com.acme.shop.web"));
        List<String> names = new ArrayList<>();
        loggers.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("com.acme.shop.db", "com.acme.shop.web"), names.stream().sorted().toList());
    }

    /** Reads frames until a loggers frame, keeping the events that come before it. */
    private static JsonNode nextLoggers(WsClient tab, List<JsonNode> events) throws InterruptedException {
        for (JsonNode frame = tab.next(); ; frame = tab.next()) {
            String type = frame.path("type").asText();
            if (type.equals("loggers")) {
                return frame;
            }
            assertEquals("events", type, frame::toString);
            frame.path("events").forEach(events::add);
        }
    }

    private static void publish(ConsoleHub hub, String logger, String level, int severity, int count) throws InterruptedException {
        long before = hub.stats().lastSeq();
        for (int i = 0; i < count; i++) {
            assertTrue(hub.publish(new ConsoleEvent(System.currentTimeMillis(), level, severity, logger, "main",
                    level + " " + i, null, null, null, null)));
        }
        HubFixture.awaitCondition(() -> hub.stats().lastSeq() >= before + count, "the hub to number the events");
    }
}
