package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.RawWebSocket;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that completes the WebSocket handshake by hand and then never reads: its TCP window
 * closes, the hub's send to it never completes, and its bounded queue overflows. Only it may lose
 * events, and it must be told which.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StalledPeerTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final int TOTAL = 200_000;
    /** Less than the session queue, so the normal tab's queue never overflows between confirmations. */
    private static final int CHUNK = 500;
    /** Small, so the stalled peer's window closes after a few KB. */
    private static final int STALLED_RECEIVE_BUFFER = 4 * 1024;

    @Test
    void aNormalTabGetsAllEventsWithoutAGapWhileAStalledPeerLosesOnlyItsOwn() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.tabQueue(1_000).maxFramesPerSecond(1_000));
        RawWebSocket stalled = hubs.connectRaw(hub, "", STALLED_RECEIVE_BUFFER);
        assertEquals(101, stalled.status());
        assertEquals("hello", stalled.readJson().path("type").asText());
        WsClient normal = hubs.connect(hub, "");
        SeqLedger ledger = new SeqLedger();
        ledger.accept(normal.next("hello"));
        awaitTabs(hub, 2);

        long refused = 0;
        for (int sent = 0; sent < TOTAL; sent += CHUNK) {
            for (int i = 0; i < CHUNK; i++) {
                if (!hub.publish(info("app", "e"))) { // returns at once, whatever the stalled peer does
                    refused++;
                }
            }
            // The normal tab confirms each chunk before the next: it is never the slow one.
            while (ledger.next() <= sent + CHUNK) {
                ledger.accept(normal.next());
            }
        }

        assertEquals(0, refused, "the ingest queue always had room");
        assertEquals(TOTAL, ledger.events(), "the normal tab got every event, in order");
        assertEquals(Map.of(), ledger.gapFrames(), "the normal tab was never told of a gap");
        awaitCondition(() -> hub.stats().tabDropped() > 0, () -> "the stalled peer should have lost events");
        assertEquals(0, hub.stats().ingestDropped());
        assertEquals(2, hub.stats().tabs(), "a stalled peer is not disconnected for being slow");
    }

    @Test
    void aStalledPeerThatReadsAgainIsToldExactlyWhatItLostWithASlowConsumerGap() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.tabQueue(1_000));
        RawWebSocket stalled = hubs.connectRaw(hub, "", STALLED_RECEIVE_BUFFER);
        SeqLedger ledger = new SeqLedger();
        ledger.accept(stalled.readJson());
        awaitTabs(hub, 1);

        for (int i = 0; i < TOTAL; i++) {
            // The bounded wait paces this publisher by the dispatcher, so no event is lost to ingest.
            assertTrue(hub.publish(info("app", "e"), TimeUnit.SECONDS.toNanos(30)));
        }
        awaitCondition(() -> hub.stats().lastSeq() == TOTAL, () -> "the dispatcher should have assigned every seq");
        awaitCondition(() -> hub.stats().tabDropped() > 0, () -> "the stalled peer should have lost events");

        while (ledger.next() <= TOTAL) {
            ledger.accept(stalled.readJson());
        }
        assertTrue(ledger.gapFrames("slow-consumer") > 0, () -> "expected a slow-consumer gap: " + ledger.gapFrames());
        assertEquals(Map.of("slow-consumer", hub.stats().tabDropped()), ledger.gapSeqs(),
                "the gaps cover exactly the events its queue dropped");
        assertEquals(TOTAL, ledger.events() + hub.stats().tabDropped());
    }
}
