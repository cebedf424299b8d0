package dev.webconsole.server;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.subscribe;
import static dev.webconsole.server.testing.HubFixture.JSON;
import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import static dev.webconsole.server.testing.HubFixture.threadsNamed;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.WsClient;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubFaultTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();


    @Test
    void aTabThatStopsReadingGetsAGapAndDoesNotDelayAnother() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.tabQueue(100).ingestQueue(100_000));
        WsClient stalled = hubs.connectNotReading(hub, "");
        WsClient healthy = hubs.connect(hub, "");
        healthy.next("hello");
        awaitTabs(hub, 2);

        String padding = "x".repeat(2_000);
        int chunk = 100; // the healthy tab reads each chunk before the next: it is never the slow one
        int total = 40_000; // about 80 MB: more than loopback's socket buffers hold
        long seq = 1;
        for (int sent = 0; sent < total; sent += chunk) {
            for (int i = 0; i < chunk; i++) {
                assertTrue(hub.publish(info("a", padding)), "publish never blocks and the ingest queue had room");
            }
            assertEquals(range(seq, seq + chunk - 1), seqs(healthy.events(chunk)), "the healthy tab gets every event in order");
            seq += chunk;
        }
        awaitCondition(() -> hub.stats().tabDropped() > 0, "the stalled tab should have lost events");
        assertEquals(0, hub.stats().ingestDropped());
        assertTrue(stalled.isOpen());
    }

    @Test
    void aSlowTabIsToldWhatItLost() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.tabQueue(100));
        WsClient slow = hubs.connectNotReading(hub, "");
        awaitTabs(hub, 1);
        String padding = "y".repeat(2_000);
        int total = 40_000;
        for (int i = 0; i < total; i++) {
            hub.publish(info("a", padding));
        }
        awaitCondition(() -> hub.stats().tabDropped() > 0, "the slow tab should have lost events");
        slow.startReading();
        // Everything the tab is told adds up: each seq arrives as an event or inside a gap, once, in order.
        long expected = 1;
        boolean sawGap = false;
        while (expected <= total) {
            JsonNode frame = slow.next();
            switch (frame.path("type").asText()) {
                case "hello" -> { }
                case "gap" -> {
                    sawGap = true;
                    assertEquals("slow-consumer", frame.path("reason").asText());
                    assertEquals(expected, frame.path("from").asLong(), "a gap starts where delivery stopped");
                    expected = frame.path("to").asLong() + 1;
                }
                case "events" -> {
                    for (JsonNode e : frame.path("events")) {
                        assertEquals(expected++, e.path("seq").asLong());
                    }
                }
                default -> throw new AssertionError("unexpected frame " + frame);
            }
        }
        assertTrue(sawGap);
    }

    @Test
    void stopClosesTabsWithGoingAwayAndFreesThePort() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        int port = hub.port();
        hub.stop();
        assertEquals(1001, tab.awaitClose());
        ConsoleHub again = hubs.startHub(b -> b.port(port));
        assertEquals(port, again.port());
        WsClient next = hubs.connect(again, "");
        next.next("hello");
        again.publish(info("a", "after restart"));
        assertEquals(List.of(1L), seqs(next.events(1)));
    }

    @Test
    void stopEndsTheHubsThreads() throws Exception {
        ConsoleHub hub = hubs.startHub();
        hubs.connect(hub, "").next("hello");
        hub.stop();
        assertEquals(List.of(), threadsNamed("webconsole-"));
    }

    @Test
    void aBusyPortNamesThePortAndTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ConsoleHub hub = new ConsoleHub(HubConfig.builder().port(taken.getLocalPort()).build());
            HubStartException e = assertThrows(HubStartException.class, hub::start);
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("set port=\"0\""), e.getMessage());
        }
    }

    @Test
    void malformedJsonGetsAnErrorAndTheHubGoesOn() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient bad = hubs.connect(hub, "");
        WsClient other = hubs.connect(hub, "");
        bad.next("hello");
        other.next("hello");
        bad.send("{not json");
        assertTrue(bad.next("error").path("message").asText().startsWith("malformed JSON"));
        bad.send("{\"type\":\"shout\"}");
        assertEquals("unknown message type \"shout\"; expected \"subscribe\", \"loggers\", \"set-level\", \"revert-level\" or \"thread-dump\"", bad.next("error").path("message").asText());
        bad.send("[1,2]");
        assertTrue(bad.next("error").path("message").asText().startsWith("expected a JSON object"));
        bad.send("{\"type\":\"subscribe\",\"filter\":{\"level\":\"LOUD\"}}");
        assertEquals("unknown level \"LOUD\"; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL",
                bad.next("error").path("message").asText());
        bad.send("{\"type\":\"subscribe\",\"since\":-5}");
        assertTrue(bad.next("error").path("message").asText().contains("negative"));
        bad.send("{\"type\":\"subscribe\",\"filter\":{\"loggers\":\"a\"}}");
        assertTrue(bad.next("error").path("message").asText().contains("must be an array"));

        hub.publish(info("a", "still serving"));
        assertEquals(List.of(1L), seqs(bad.events(1)));
        assertEquals(List.of(1L), seqs(other.events(1)));
        assertEquals(6, hub.stats().rejectedMessages());
    }

    @Test
    void aBadFilterInTheQueryStringIsRefusedWithItsReason() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "level=LOUD");
        assertEquals("unknown level \"LOUD\"; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL",
                tab.next("error").path("message").asText());
        assertEquals(1008, tab.awaitClose());
    }

    @Test
    void anOversizedMessageClosesWith1009AndOthersGoOn() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxInboundBytes(4096));
        WsClient big = hubs.connect(hub, "");
        WsClient other = hubs.connect(hub, "");
        big.next("hello");
        other.next("hello");
        big.send("{\"type\":\"subscribe\",\"filter\":{\"loggers\":[\"" + "a".repeat(10_000) + "\"]}}");
        assertEquals(1009, big.awaitClose());
        hub.publish(info("a", "still serving"));
        assertEquals(List.of(1L), seqs(other.events(1)));
    }

    @Test
    void aBinaryMessageClosesWith1003() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        tab.sendBinary(new byte[] {1, 2, 3});
        assertEquals(1003, tab.awaitClose());
        assertTrue(tab.closeReason().contains("binary"), tab.closeReason());
    }

    @Test
    void longMessagesAreTruncatedAndMarked() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxMessageChars(1_000));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        hub.publish(info("a", "z".repeat(50_000)));
        JsonNode event = tab.events(1).get(0);
        assertTrue(event.path("truncated").asBoolean());
        assertTrue(event.path("message").asText().length() < 1_100);
        assertTrue(event.path("message").asText().endsWith("[49000 more characters truncated]"));
        assertEquals(1, hub.stats().truncated());
    }

    @Test
    void everyTextInAnEventIsCutToTheLimit() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxMessageChars(1_000));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        String big = "q".repeat(20_000);
        hub.publish(new ConsoleEvent(1L, "ERROR", Severity.ERROR, "a." + big, "t" + big, "short",
                new ConsoleEvent.ThrownInfo("java.io.IOException", "body: " + big, "java.io.IOException\n\tat x"),
                java.util.Map.of("response", big), "M" + big, "S" + big));
        JsonNode event = tab.events(1).get(0);
        assertTrue(event.path("truncated").asBoolean());
        for (String text : List.of(event.path("logger").asText(), event.path("thread").asText(),
                event.path("thrown").path("message").asText(), event.path("context").path("response").asText(),
                event.path("marker").asText(), event.path("source").asText())) {
            assertTrue(text.length() < 1_100, () -> "not cut: " + text.length() + " characters");
        }
        assertEquals("short", event.path("message").asText());
    }

    @Test
    void aMessageFloodIsAnsweredOnceASecondAndThenClosed() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        for (int i = 0; i < 1_000 && tab.isOpen(); i++) {
            tab.sendQuietly("{\"type\":\"subscribe\"}");
        }
        // The hub closes the tab. The client, still writing, may see the reset before the close
        // frame (-1); when a close code does arrive it is 1008.
        int code = tab.awaitClose();
        if (code != -1) {
            assertEquals(1008, code);
        }
        awaitTabs(hub, 0);
        assertTrue(hub.stats().rejectedMessages() > 180, "the flood was refused: " + hub.stats().rejectedMessages());
        int errors = 0;
        for (JsonNode frame = tab.poll(); frame != null; frame = tab.poll()) {
            if (frame.path("type").asText().equals("error")) {
                errors++;
            }
        }
        assertTrue(errors <= 2, "one error per second at most, got " + errors);
    }
}
