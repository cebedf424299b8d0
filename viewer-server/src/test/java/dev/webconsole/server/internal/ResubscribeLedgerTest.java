package dev.webconsole.server.internal;

import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.webconsole.server.Diagnostics;
import dev.webconsole.server.internal.RecordingTransport.Send;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real dispatcher and tab, with a connection whose sends complete only when the test says so:
 * the one way to hold a gap frame "on its way" while a subscribe arrives.
 */
class ResubscribeLedgerTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final Counters counters = new Counters();
    private final EventEncoder encoder = new EventEncoder("test");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Dispatcher dispatcher;
    private Thread thread;

    @BeforeEach
    void start() {
        dispatcher = new Dispatcher(1024, 10_000, encoder, counters, Diagnostics.platform(), "hub-1", (task, delay) -> { });
        thread = new Thread(dispatcher, "test-dispatcher");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.stop();
        thread.join(WsClient.WAIT.toMillis());
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aSubscribeWhileAnIngestGapIsOnItsWayDoesNotReplayThatGap() throws Exception {
        Tab tab = heldTab();
        SeqLedger ledger = new SeqLedger();
        dispatcher.open(tab, Subscription.ALL);
        complete(ledger, "hello");
        dispatcher.publish(info("a", "first"));
        Send first = next("events"); // seq 1, on its way: what follows waits behind it
        for (int i = 2; i <= 5; i++) {
            dispatcher.publish(info("a", "then " + i));
        }
        for (int i = 0; i < 3; i++) {
            dispatcher.dropped(); // seqs 6..8 lost before the hub: an ingest-overflow gap for every tab
        }
        HubFixture.awaitCondition(() -> dispatcher.lastSeq() == 8, "the lost events should get their seqs");
        ledger.accept(first.frame());
        first.succeeded().run();
        Send events = next("events"); // 2..5
        ledger.accept(events.frame());
        events.succeeded().run();
        Send gap = next("gap");
        assertEquals("ingest-overflow", gap.frame().path("reason").asText());
        dispatcher.resubscribe(tab, new Subscription(TabFilter.ALL, ledger.next() - 1, "hub-1"));
        dispatcher.publish(info("a", "after the subscribe"));
        HubFixture.awaitCondition(() -> dispatcher.lastSeq() == 9, "the subscribe should be handled");
        ledger.accept(gap.frame());
        gap.succeeded().run();
        while (ledger.next() <= 9) {
            Send send = transport.sends.poll(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(send, "the tab should be told about every seq up to 9; it has " + (ledger.next() - 1));
            ledger.accept(send.frame()); // fails on the gap coming again
            send.succeeded().run();
        }
        assertEquals(3L, ledger.gapSeqs().get("ingest-overflow"), "seqs 6..8, each once: " + ledger.gapSeqs());
        assertEquals(6, ledger.events());
    }

    private Tab heldTab() {
        return new Tab(10, 5, 1000, encoder, pool, (task, delay, unit) -> timer.schedule(task, delay, unit), counters,
                transport);
    }

    @Test
    void aSubscribeWhileAGapIsOnItsWayDoesNotReplayTheGapsRange() throws Exception {
        Tab tab = heldTab();
        SeqLedger ledger = new SeqLedger();
        dispatcher.open(tab, Subscription.ALL);
        complete(ledger, "hello");
        for (int i = 1; i <= 5; i++) {
            dispatcher.publish(info("a", "first " + i));
        }
        Send first = next("events"); // on its way, not yet completed: the tab's queue fills behind it
        for (int i = 1; i <= 45; i++) {
            dispatcher.publish(info("a", "flood " + i));
        }
        HubFixture.awaitCondition(() -> counters.snapshot(0).tabDropped() > 0, "the tab's queue should overflow");
        HubFixture.awaitCondition(() -> dispatcher.lastSeq() == 50, "all 50 events dispatched");
        ledger.accept(first.frame());
        first.succeeded().run();
        Send gap = next("gap"); // the slow-consumer gap is now on its way
        // The tab has seen events up to 5 and resumes from there, as a page does.
        dispatcher.resubscribe(tab, new Subscription(TabFilter.ALL, ledger.next() - 1, "hub-1"));
        dispatcher.publish(info("a", "after the subscribe"));
        // Commands run before the batch they arrive with: seq 51 means the subscribe has been handled.
        HubFixture.awaitCondition(() -> dispatcher.lastSeq() == 51, "the subscribe should be handled");
        ledger.accept(gap.frame());
        gap.succeeded().run();
        while (ledger.next() <= 51) {
            Send send = transport.sends.poll(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(send, "the tab should be told about every seq up to 51; it has " + (ledger.next() - 1));
            ledger.accept(send.frame()); // fails on a seq that comes twice
            send.succeeded().run();
        }
        assertEquals(52, ledger.next());
    }

    private Send next(String type) throws InterruptedException {
        Send send = transport.sends.poll(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(send, "expected a " + type + " frame");
        assertEquals(type, send.frame().path("type").asText(), send.frame().toString());
        return send;
    }

    private void complete(SeqLedger ledger, String type) throws InterruptedException {
        Send send = next(type);
        ledger.accept(send.frame());
        send.succeeded().run();
    }
}
