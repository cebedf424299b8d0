package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.awaitCondition;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * Sixteen application threads log through the real appender as fast as they can, into an ingest
 * queue far too small for them. append() must keep returning, and every event that could not be
 * queued must still get a seq and reach every tab as part of an ingest-overflow gap.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OverloadTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 20_000;
    private static final int ATTEMPTS = THREADS * PER_THREAD;
    private static final int TABS = 3;

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @Test
    void sixteenThreadsLoggingFlatOutNeverBlockAndEveryDroppedEventReachesEveryTabAsAnIngestOverflowGap()
            throws Exception {
        HubStats stats = overload("");
        assertTrue(stats.ingestDropped() > 0, "the queue of 1024 should have overflowed");
    }

    @Test
    void withWhenFullBlockSixteenThreadsAllReturnAndEveryEventIsAccountedFor() throws Exception {
        // Each append waits at most 1 s for room; the dispatcher makes room far sooner, so few or none are lost.
        overload("whenFull=\"block\" maxWaitMillis=\"1000\"");
    }

    /** Runs the overload against three tabs and checks that every attempt is accounted for, at the hub and in each tab. */
    private HubStats overload(String attributes) throws Exception {
        // Tabs' queues hold everything, so the only loss is at ingest.
        LoggerContext context = log4j.start(config("port=\"0\" ingestQueue=\"1024\" tabQueue=\"" + ATTEMPTS
                + "\" history=\"0\" " + attributes, "info"));
        ConsoleHub hub = Log4jFixture.hub(context);
        List<WsClient> tabs = new ArrayList<>();
        List<SeqLedger> ledgers = new ArrayList<>();
        for (int i = 0; i < TABS; i++) {
            WsClient tab = log4j.connect(context, "");
            SeqLedger ledger = new SeqLedger();
            ledger.accept(tab.next("hello"));
            tabs.add(tab);
            ledgers.add(ledger);
        }
        awaitCondition(() -> hub.stats().tabs() == TABS, () -> "tabs should be registered");

        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Logger logger = context.getLogger("app.worker" + t);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        logger.info("event {}", i);
                    }
                } catch (Throwable e) {
                    escaped.compareAndSet(null, e);
                }
            }, "overload-" + t);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(WsClient.WAIT.toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " is still in append()");
        }
        assertNull(escaped.get(), "nothing is thrown into the application");

        awaitCondition(() -> hub.stats().lastSeq() == ATTEMPTS,
                () -> "every attempt should have a seq, dropped ones in a gap: " + hub.stats());
        HubStats stats = hub.stats();
        assertEquals(ATTEMPTS, stats.published() + stats.ingestDropped());
        assertEquals(0, stats.tabDropped());

        for (int i = 0; i < TABS; i++) {
            SeqLedger ledger = ledgers.get(i);
            WsClient tab = tabs.get(i);
            while (ledger.next() <= ATTEMPTS) {
                ledger.accept(tab.next());
            }
            assertEquals(stats.published(), ledger.events(), "tab " + i + " got every queued event");
            assertEquals(stats.ingestDropped() == 0 ? Map.of() : Map.of("ingest-overflow", stats.ingestDropped()),
                    ledger.gapSeqs(), "tab " + i + " was told of every dropped event, as ingest-overflow");
        }
        return stats;
    }
}
