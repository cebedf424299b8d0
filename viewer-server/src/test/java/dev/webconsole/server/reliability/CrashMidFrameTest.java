package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.RawWebSocket;
import dev.webconsole.server.testing.WsClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client that dies (connection reset, no close handshake) while a large frame is on its way to it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrashMidFrameTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final int BIG = 8_000_000;

    @Test
    void aClientResetInsideALargeFrameIsCleanedUpAndOtherTabsGoOn() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxMessageChars(10_000_000));
        WsClient other = hubs.connect(hub, "");
        other.next("hello");
        awaitTabs(hub, 1);
        int before = hub.stats().tabs();

        RawWebSocket crashing = hubs.connectRaw(hub, "", 4 * 1024);
        assertEquals("hello", crashing.readJson().path("type").asText());
        awaitTabs(hub, before + 1);
        hub.publish(info("app", "x".repeat(BIG)));
        byte[] start = crashing.readBytes(64 * 1024);
        assertEquals(RawWebSocket.OP_TEXT, start[0] & 0x0f, "the large event's frame has started");
        crashing.abort();

        awaitTabs(hub, before);
        List<JsonNode> big = other.events(1);
        assertEquals(BIG, big.get(0).path("message").asText().length(), "the other tab got the large event whole");
        hub.publish(info("app", "after the crash"));
        assertEquals(List.of(2L), seqs(other.events(1)));
        assertTrue(other.isOpen());
    }

    @Test
    void aClientResetWhileFramesAreQueuedBehindALargeOneIsCleanedUp() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxMessageChars(10_000_000));
        RawWebSocket crashing = hubs.connectRaw(hub, "", 4 * 1024);
        crashing.readJson();
        awaitTabs(hub, 1);
        hub.publish(info("app", "y".repeat(BIG)));
        for (int i = 0; i < 10_000; i++) {
            hub.publish(info("app", "queued behind " + i));
        }
        crashing.readBytes(1_024);
        crashing.abort();

        awaitTabs(hub, 0);
        awaitCondition(() -> hub.stats().lastSeq() == 10_001, () -> "every event should have a seq");
        WsClient late = hubs.connect(hub, "since=" + (10_001 - 5));
        late.next("hello");
        assertEquals(List.of(9_997L, 9_998L, 9_999L, 10_000L, 10_001L), seqs(late.events(5)), "the hub still serves");
    }
}
