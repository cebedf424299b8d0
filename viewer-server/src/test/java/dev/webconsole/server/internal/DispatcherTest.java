package dev.webconsole.server.internal;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.internal.RecordingTransport.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.Diagnostics;
import dev.webconsole.server.testing.Events;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher thread with real tabs whose pool and connection are in the test's hand: a send
 * stays in flight until the test completes it.
 */
class DispatcherTest {
    private static final String HUB_ID = "hub-a";

    private final BlockingQueue<Runnable> pool = new LinkedBlockingQueue<>();
        private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private final EventEncoder encoder = new EventEncoder("test");
    private final Diagnostics diagnostics = (level, message, error) -> reports.add(message);
    private final Dispatcher dispatcher = new Dispatcher(1024, 100, encoder, counters, diagnostics, HUB_ID, (task, delay) -> { });
    private final Thread thread = new Thread(dispatcher, "test-dispatcher");

    private final RecordingTransport transport = new RecordingTransport();

    @BeforeEach
    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(reports.isEmpty(), reports::toString);
        assertTrue(transport.closes.isEmpty(), transport.closes::toString);
    }

    /** A tab whose drains run when {@link #nextSend()} runs the pool; the pace is too fast to matter. */
    private Tab openTab() throws InterruptedException {
        Tab tab = new Tab(100, 100, 1_000_000, encoder, pool::add, (task, delay, unit) -> pool.add(task), counters,
                transport);
        dispatcher.open(tab, Subscription.ALL);
        RecordingTransport.Send hello = nextSend();
        assertEquals("hello", hello.frame().path("type").asText());
        hello.succeeded().run();
        return tab;
    }

    /** Runs pool tasks until a frame is sent; bounded. */
    private RecordingTransport.Send nextSend() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transport.sends.isEmpty()) {
            Runnable task = pool.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(task, "no frame was sent");
            task.run();
        }
        return transport.sends.poll();
    }

    private void publishAndWait(long upToSeq) throws InterruptedException {
        for (long seq = dispatcher.lastSeq() + 1; seq <= upToSeq; seq++) {
            dispatcher.publish(Events.info("app", "event " + seq));
        }
        awaitCondition(() -> dispatcher.lastSeq() == upToSeq, () -> "the dispatcher should reach seq " + upToSeq);
    }

    @Test
    void aResubscribeDuringASendDoesNotSendTheInFlightEventsAgain() throws InterruptedException {
        Tab tab = openTab();
        publishAndWait(3);
        RecordingTransport.Send inFlight = nextSend();
        assertEquals(List.of(1L, 2L, 3L), seqs(inFlight.frame()));
        dispatcher.resubscribe(tab, new Subscription(TabFilter.ALL, 0L, HUB_ID)); // asks for everything again
        publishAndWait(4);
        inFlight.succeeded().run();
        assertEquals(List.of(4L), seqs(nextSend().frame()), "1 to 3 are on their way already");
    }

    @Test
    void aStopDuringASendClosesTheTabAndSendsNothingAfterIt() throws InterruptedException {
        Tab tab = openTab();
        publishAndWait(1);
        RecordingTransport.Send inFlight = nextSend();
        publishAndWait(2); // queued behind the send in flight
        dispatcher.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(tab.isClosed());
        assertEquals(0, counters.snapshot(0).tabs());
        inFlight.succeeded().run();
        for (Runnable task; (task = pool.poll()) != null; ) {
            task.run();
        }
        assertTrue(transport.sends.isEmpty(), "nothing is sent after the stop: " + transport.sends);
    }

}
