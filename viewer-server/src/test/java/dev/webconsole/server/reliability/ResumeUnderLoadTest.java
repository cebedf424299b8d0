package dev.webconsole.server.reliability;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tab that keeps dropping its connection while events flow resumes each time with no hole and no repeat. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResumeUnderLoadTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final int TOTAL = 100_000;

    @Test
    void reconnectingWithSinceWhileEventsFlowMissesNothingAndRepeatsNothing() throws Exception {
        // The history holds every event, so each resume is within the window.
        ConsoleHub hub = hubs.startHub(b -> b.history(TOTAL).tabQueue(TOTAL));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 1; i <= TOTAL; i++) {
                    if (!hub.publish(info("app", "e" + i), TimeUnit.SECONDS.toNanos(30))) {
                        throw new AssertionError("no room in the ingest queue for 30 s");
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "resume-publisher");
        publisher.setDaemon(true);

        SeqLedger ledger = new SeqLedger(); // spans every connection: the union must be 1..TOTAL exactly once
        Random random = new Random(42);
        String hubId = null;
        int connections = 0;
        publisher.start();
        while (ledger.next() <= TOTAL) {
            String query = hubId == null ? "" : "since=" + (ledger.next() - 1) + "&hub=" + hubId;
            try (WsClient tab = hubs.connect(hub, query)) {
                connections++;
                JsonNode hello = tab.next("hello");
                hubId = hello.path("hub").asText();
                long leaveAfter = ledger.events() + 500 + random.nextInt(5_000);
                while (ledger.events() < leaveAfter && ledger.next() <= TOTAL) {
                    ledger.accept(tab.next());
                }
            }
        }
        publisher.join(WsClient.WAIT.toMillis());

        assertNull(failed.get());
        assertEquals(TOTAL, ledger.events());
        assertEquals(Map.of(), ledger.gapFrames(), "no gap: every resume was within the history");
        assertTrue(connections > 10, "the tab reconnected " + connections + " times");
    }
}
