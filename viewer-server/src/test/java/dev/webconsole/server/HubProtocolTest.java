package dev.webconsole.server;

import static dev.webconsole.server.testing.HubFixture.subscribe;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.Events;
import dev.webconsole.server.testing.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubProtocolTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();


    @Test
    void helloThenEventsWithEveryField() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        JsonNode hello = tab.next("hello");
        assertEquals(1, hello.path("version").asInt());
        assertEquals("webconsole/0.1.0", hello.path("server").asText());
        assertEquals(0, hello.path("lastSeq").asLong());
        assertFalse(hello.path("hub").asText().isEmpty());

        hub.publish(new ConsoleEvent(1_763_712_000_123L, "WARN", Severity.WARN, "com.acme.db.Pool", "main",
                "pool exhausted", new ConsoleEvent.ThrownInfo("java.sql.SQLException", "timeout",
                        "java.sql.SQLException: timeout\n\tat x.y(Z.java:1)"),
                Map.of("user", "ann"), "SQL", "orders"));
        JsonNode event = tab.events(1).get(0);
        assertEquals(1, event.path("seq").asLong());
        assertEquals(1_763_712_000_123L, event.path("time").asLong());
        assertEquals("WARN", event.path("level").asText());
        assertEquals("com.acme.db.Pool", event.path("logger").asText());
        assertEquals("main", event.path("thread").asText());
        assertEquals("pool exhausted", event.path("message").asText());
        assertEquals("java.sql.SQLException", event.path("thrown").path("type").asText());
        assertEquals("timeout", event.path("thrown").path("message").asText());
        assertTrue(event.path("thrown").path("stack").asText().contains("\tat x.y(Z.java:1)"));
        assertEquals("ann", event.path("context").path("user").asText());
        assertEquals("SQL", event.path("marker").asText());
        assertEquals("orders", event.path("source").asText());
    }

    @Test
    void optionalFieldsAreLeftOutWhenEmpty() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        hub.publish(info("a.b", "plain"));
        JsonNode event = tab.events(1).get(0);
        for (String field : List.of("thrown", "context", "marker", "source", "truncated")) {
            assertFalse(event.has(field), () -> field + " should be absent: " + event);
        }
    }

    @Test
    void manyEventsShareFewFrames() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxFramesPerSecond(10));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        for (int i = 0; i < 1_000; i++) {
            hub.publish(info("a", "event " + i));
        }
        int frames = 0;
        int events = 0;
        while (events < 1_000) {
            events += tab.next("events").path("events").size();
            frames++;
        }
        assertEquals(1_000, events);
        // At 10 frames a second the first frame goes at once and the rest wait their turn together.
        assertTrue(frames < 1_000 / 10, "1000 events came in " + frames + " frames");
    }

    @Test
    void twoTabsWithDifferentFiltersGetExactlyTheirSubsetsInOrder() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient db = hubs.connect(hub, "logger=com.acme.db&exclude=com.acme.db.noisy");
        WsClient warnings = hubs.connect(hub, "level=WARN");
        db.next("hello");
        warnings.next("hello");

        String[] loggers = {"com.acme.db", "com.acme.db.Pool", "com.acme.db.noisy.Chatter", "com.acmex", "com.acme.web"};
        String[][] levels = {{"DEBUG", "500"}, {"INFO", "400"}, {"WARN", "300"}, {"ERROR", "200"}};
        List<Long> expectDb = new java.util.ArrayList<>();
        List<Long> expectWarn = new java.util.ArrayList<>();
        long seq = 0;
        for (int i = 0; i < 400; i++) {
            String logger = loggers[i % loggers.length];
            String[] level = levels[i % levels.length];
            hub.publish(Events.of(level[0], Integer.parseInt(level[1]), logger, "m" + i));
            seq++;
            if (logger.equals("com.acme.db") || logger.equals("com.acme.db.Pool")) {
                expectDb.add(seq);
            }
            if (Integer.parseInt(level[1]) <= Severity.WARN) {
                expectWarn.add(seq);
            }
        }
        assertEquals(expectDb, seqs(db.events(expectDb.size())));
        assertEquals(expectWarn, seqs(warnings.events(expectWarn.size())));
        hub.publish(info("zzz", "marker event: both tabs must see nothing before it that they should not"));
        hub.publish(Events.of("ERROR", Severity.ERROR, "com.acme.db", "last"));
        assertEquals(List.of(402L), seqs(db.events(1)));
        assertEquals(List.of(402L), seqs(warnings.events(1)));
    }

    @Test
    void aLateTabGetsHistoryThenLiveEventsWithNoHoleOrDuplicate() throws Exception {
        ConsoleHub hub = hubs.startHub();
        for (int i = 1; i <= 100; i++) {
            hub.publish(info("a", "before " + i));
        }
        WsClient tab = hubs.connect(hub, "");
        JsonNode hello = tab.next("hello");
        for (int i = 1; i <= 50; i++) {
            hub.publish(info("a", "after " + i));
        }
        assertEquals(range(1, 150), seqs(tab.events(150)));
        assertTrue(hello.path("lastSeq").asLong() <= 100);
    }

    @Test
    void resumingWithSinceReplaysOnlyWhatWasMissed() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient first = hubs.connect(hub, "");
        String hubId = first.next("hello").path("hub").asText();
        for (int i = 1; i <= 30; i++) {
            hub.publish(info("a", "e" + i));
        }
        assertEquals(range(1, 30), seqs(first.events(30)));
        first.close();
        for (int i = 31; i <= 60; i++) {
            hub.publish(info("a", "e" + i));
        }
        WsClient resumed = hubs.connect(hub, "since=30&hub=" + hubId);
        resumed.next("hello");
        assertEquals(range(31, 60), seqs(resumed.events(30)));
    }

    @Test
    void sinceOlderThanHistoryGivesAHistoryOverflowGapFirst() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.history(50));
        for (int i = 1; i <= 200; i++) {
            hub.publish(info("a", "e" + i));
        }
        WsClient tab = hubs.connect(hub, "since=10");
        tab.next("hello");
        JsonNode gap = tab.next("gap");
        assertEquals(11, gap.path("from").asLong());
        assertEquals(150, gap.path("to").asLong());
        assertEquals("history-overflow", gap.path("reason").asText());
        assertEquals(range(151, 200), seqs(tab.events(50)));
    }

    @Test
    void aSubscribeReplacesTheFilterAndReplaysMatchingHistory() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "logger=a");
        tab.next("hello");
        hub.publish(info("a", "1"));
        hub.publish(info("b", "2"));
        hub.publish(info("a.x", "3"));
        assertEquals(List.of(1L, 3L), seqs(tab.events(2)));
        tab.send("{\"type\":\"subscribe\",\"filter\":{\"loggers\":[\"b\"]}}");
        assertEquals(List.of(2L), seqs(tab.events(1)));
        hub.publish(info("a", "4"));
        hub.publish(info("b.y", "5"));
        assertEquals(List.of(5L), seqs(tab.events(1)));
    }

    @Test
    void aTraceThresholdLeavesOutFinestAndAllLetsItThroughInQueryAndSubscribe() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient trace = hubs.connect(hub, "level=TRACE");
        WsClient all = hubs.connect(hub, "level=all");
        WsClient unfiltered = hubs.connect(hub, "");
        trace.next("hello");
        all.next("hello");
        unfiltered.next("hello");
        hub.publish(Events.of("FINEST", 700, "a", "finest"));
        hub.publish(Events.of("CONFIG", 450, "a", "config"));
        assertEquals(List.of(2L), seqs(trace.events(1)));
        List<JsonNode> both = all.events(2);
        assertEquals(List.of(1L, 2L), seqs(both));
        assertEquals(700, both.get(0).path("severity").asInt());
        assertEquals(List.of(1L, 2L), seqs(unfiltered.events(2)), "no level means ALL");
        trace.send("{\"type\":\"subscribe\",\"filter\":{\"level\":\"ALL\"}}");
        List<JsonNode> replay = trace.events(2);
        assertEquals(List.of(1L, 2L), seqs(replay), "the wider filter replays the history with FINEST");
        assertEquals("FINEST", replay.get(0).path("level").asText());
    }

    @Test
    void aSinceFromAnotherHubReplaysTheWholeHistory() throws Exception {
        ConsoleHub hub = hubs.startHub();
        hub.publish(info("a", "1"));
        hub.publish(info("a", "2"));
        WsClient tab = hubs.connect(hub, "since=5000&hub=0123456789abcdef");
        tab.next("hello");
        assertEquals(List.of(1L, 2L), seqs(tab.events(2)));
    }

    @Test
    void theConsolePageIsServed() throws Exception {
        ConsoleHub hub = hubs.startHub();
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(hub.url()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<html"), response.body());
        assertTrue(response.headers().firstValue("Server").isEmpty(), "the Server header gives the version away");
        var stats = http.send(java.net.http.HttpRequest.newBuilder(hub.url().resolve("stats")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().contains("\"ingestDropped\":0"), stats.body());
    }
}
