package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.subscribe;
import static dev.webconsole.server.testing.HubFixture.JSON;
import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.Events;
import dev.webconsole.server.testing.RawWebSocket;
import dev.webconsole.server.testing.WsClient;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a broken or hostile tab may send, beyond the cases in HubFaultTest: each gets a clear
 * error frame or close code, and the hub goes on serving the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadClientInputTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();


    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                Arguments.of(JSON.nullNode(), "expected a JSON object"),
                Arguments.of(JSON.getNodeFactory().textNode("subscribe"), "expected a JSON object"),
                Arguments.of(JSON.createObjectNode(), "missing \"type\""),
                Arguments.of(JSON.createObjectNode().put("type", 7), "missing \"type\""),
                Arguments.of(subscribe().put("since", "12"), "\"since\" must be a whole number"),
                Arguments.of(subscribe().put("since", 1.5), "\"since\" must be a whole number"),
                Arguments.of(subscribe().put("since", new BigInteger("1" + "0".repeat(30))), "\"since\" must be a whole number"),
                Arguments.of(subscribe().put("hub", 42), "\"hub\" must be a string"),
                Arguments.of(withFilter(JSON.createArrayNode()), "\"filter\" must be an object"),
                Arguments.of(withFilter(JSON.createObjectNode().set("loggers", JSON.createArrayNode().add(1))),
                        "\"loggers\" must hold only strings"),
                Arguments.of(withFilter(JSON.createObjectNode().set("exclude", JSON.createObjectNode())),
                        "\"exclude\" must be an array"),
                Arguments.of(withFilter(JSON.createObjectNode().put("level", 300)), "\"level\" must be a level name"),
                Arguments.of(withFilter(JSON.createObjectNode().put("level", "")), null));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void jsonOfTheWrongShapeGetsAnErrorAndThePreviousFilterStays(JsonNode message, String error) throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient tab = hubs.connect(hub, "level=WARN");
        WsClient other = hubs.connect(hub, "");
        tab.next("hello");
        other.next("hello");
        tab.send(JSON.writeValueAsString(message));
        if (error == null) {
            // An empty level is no threshold at all: accepted, and the tab now takes everything.
            hub.publish(info("app", "info"));
            assertEquals(List.of(1L), seqs(tab.events(1)));
            return;
        }
        JsonNode reply = tab.next("error");
        assertTrue(reply.path("message").asText().contains(error), () -> "error was: " + reply);

        hub.publish(info("app", "below the tab's threshold"));
        hub.publish(Events.of("WARN", Severity.WARN, "app", "at the threshold"));
        assertEquals(List.of(2L), seqs(tab.events(1)), "the tab's filter from before the bad message stays in force");
        assertEquals(List.of(1L, 2L), seqs(other.events(2)));
        assertEquals(1, hub.stats().rejectedMessages());
    }

    @Test
    void sinceNewerThanTheNewestEventGetsAnErrorAndTheWholeHistory() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        for (int i = 0; i < 10; i++) {
            hub.publish(info("app", "e" + i));
        }
        awaitCondition(() -> hub.stats().lastSeq() == 10, () -> "events should have seqs");
        WsClient tab = hubs.connect(hub, "");
        String hubId = tab.next("hello").path("hub").asText();
        assertEquals(range(1, 10), seqs(tab.events(10)));

        tab.send(JSON.writeValueAsString(subscribe().put("since", 1_000_000).put("hub", hubId)));
        assertEquals("since=1000000 is newer than the newest event (10); replaying the whole history",
                tab.next("error").path("message").asText());
        assertEquals(range(1, 10), seqs(tab.events(10)));
        hub.publish(info("app", "live"));
        assertEquals(List.of(11L), seqs(tab.events(1)));
    }

    @Test
    void aNegativeSinceInTheQueryStringIsRefusedWith1008() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient tab = hubs.connect(hub, "since=-1");
        assertTrue(tab.next("error").path("message").asText().contains("since=-1 is negative"));
        assertEquals(1008, tab.awaitClose());
    }

    @Test
    void aFilterWithTenThousandPrefixesIsRefusedAndThePreviousFilterStays() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient tab = hubs.connect(hub, "logger=kept");
        tab.next("hello");
        ArrayNode prefixes = JSON.createArrayNode();
        for (int i = 0; i < 10_000; i++) {
            prefixes.add("p");
        }
        ObjectNode filter = JSON.createObjectNode();
        filter.set("loggers", prefixes);
        tab.send(JSON.writeValueAsString(withFilter(filter)));
        assertEquals("too many logger prefixes in \"loggers\" (10000); at most 256 in all",
                tab.next("error").path("message").asText());
        hub.publish(info("p", "not for this tab"));
        hub.publish(info("kept.x", "for this tab"));
        assertEquals(List.of(2L), seqs(tab.events(1)));
    }

    @Test
    void aQueryStringOverTheRequestLimitIsRefusedBeforeTheUpgradeAndOthersGoOn() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient other = hubs.connect(hub, "");
        other.next("hello");
        String query = "logger=p&".repeat(10_000);
        try (RawWebSocket huge = RawWebSocket.connect(hub.port(), "/ws?" + query, 0)) {
            assertTrue(huge.status() == 414 || huge.status() == 431, "status " + huge.status());
        }
        hub.publish(info("app", "still serving"));
        assertEquals(List.of(1L), seqs(other.events(1)));
        assertEquals(1, hub.stats().tabs());
    }

    @Test
    void textThatIsNotValidUtf8ClosesWith1007AndOthersGoOn() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient other = hubs.connect(hub, "");
        other.next("hello");
        RawWebSocket bad = hubs.connectRaw(hub, "", 0);
        assertEquals("hello", bad.readJson().path("type").asText());
        byte[] prefix = "{\"type\":\"subscribe\",\"filter\":{\"loggers\":[\"".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ']', '}', '}'};
        byte[] payload = new byte[prefix.length + invalid.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(invalid, 0, payload, prefix.length, invalid.length);
        bad.sendFrame(true, RawWebSocket.OP_TEXT, payload);
        assertEquals(1007, bad.awaitClose());

        awaitTabs(hub, 1);
        hub.publish(info("app", "still serving"));
        assertEquals(List.of(1L), seqs(other.events(1)));
    }

    @Test
    void aFragmentedMessageOverTheSizeLimitClosesWith1009() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxInboundBytes(4_096));
        WsClient other = hubs.connect(hub, "");
        other.next("hello");
        RawWebSocket big = hubs.connectRaw(hub, "", 0);
        big.readJson();
        byte[] piece = "a".repeat(1_000).getBytes(StandardCharsets.US_ASCII);
        big.sendFrame(false, RawWebSocket.OP_TEXT, piece);
        for (int i = 0; i < 10; i++) {
            big.sendFrame(false, RawWebSocket.OP_CONTINUATION, piece); // each frame is small; the message is not
        }
        assertEquals(1009, big.awaitClose());

        awaitTabs(hub, 1);
        hub.publish(info("app", "still serving"));
        assertEquals(List.of(1L), seqs(other.events(1)));
    }

    @Test
    void aFloodOfSubscribesIsCappedAtTwentyPerSecondWithOneErrorASecond() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        WsClient flooding = hubs.connect(hub, "level=ERROR");
        WsClient other = hubs.connect(hub, "");
        flooding.next("hello");
        other.next("hello");
        int sent = 200;
        String same = JSON.writeValueAsString(withFilter(JSON.createObjectNode().put("level", "ERROR")));
        long start = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            flooding.send(same);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        // Once a refusal is counted its error frame is queued; an event published after it comes after it.
        awaitCondition(() -> hub.stats().rejectedMessages() > 0, () -> "the flood should be refused");
        hub.publish(new dev.webconsole.server.ConsoleEvent(1L, "ERROR", dev.webconsole.server.Severity.ERROR,
                "app", "main", "after the flood", null, null, null, null));
        long errors = 0;
        while (true) {
            JsonNode frame = flooding.next();
            if (frame.path("type").asText().equals("error")) {
                assertEquals("too many subscribe messages: at most 20 per second; further ones this second are ignored",
                        frame.path("message").asText(), frame::toString);
                errors++;
            } else if (frame.path("type").asText().equals("events")
                    && frame.path("events").get(frame.path("events").size() - 1).path("message").asText().equals("after the flood")) {
                break;
            }
        }

        // Messages from one tab are handled in order, and a binary one is refused without the rate
        // limit: once it has closed the tab, every subscribe before it has been counted.
        flooding.sendBinary(new byte[] {0});
        assertEquals(1003, flooding.awaitClose());
        long refused = hub.stats().rejectedMessages() - 1;
        long accepted = sent - refused;
        // The first 20 open a one-second window; at most 20 more fit in each window the burst touched.
        assertTrue(accepted >= 20 && accepted <= 20 * (seconds + 2), () -> "accepted " + accepted + " in " + seconds + " s");
        // One error per window the burst touched, however many were refused in it.
        assertTrue(errors >= 1 && errors <= seconds + 2, "errors " + errors + " in " + seconds + " s, refused " + refused);
        hub.publish(info("app", "still serving"));
        assertEquals(List.of(2L), seqs(other.events(2).subList(1, 2)));
    }

    private static ObjectNode withFilter(JsonNode filter) {
        ObjectNode message = subscribe();
        message.set("filter", filter);
        return message;
    }
}
