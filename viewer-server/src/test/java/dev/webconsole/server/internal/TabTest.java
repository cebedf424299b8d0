package dev.webconsole.server.internal;

import static dev.webconsole.server.internal.RecordingTransport.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One tab through its seams: the pool, the timer and the connection are in the test's hand, so
 * every drain, delay and send completion happens when the test says.
 */
class TabTest {
    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final Queue<Runnable> timer = new ArrayDeque<>();
    private final List<Long> delaysNanos = new ArrayList<>();
        private final Counters counters = new Counters();

    private final RecordingTransport transport = new RecordingTransport();

    private Tab tab(int capacity, int maxFramesPerSecond) {
        Tab tab = new Tab(capacity, 100, maxFramesPerSecond, new EventEncoder("test"), pool::add,
                (task, delay, unit) -> {
                    delaysNanos.add(unit.toNanos(delay));
                    timer.add(task);
                }, counters, transport);
        tab.filter(TabFilter.ALL);
        return tab;
    }

    private static Outgoing event(long seq) {
        return Outgoing.event(seq, 400, "app", ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    private List<RecordingTransport.Send> sends() {
        return List.copyOf(transport.sends);
    }

    private static void runAll(Queue<Runnable> tasks) {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    @Test
    void theFirstEventGoesAtOnceAndAPartFrameRightAfterWaitsForThePace() {
        Tab tab = tab(100, 1); // one frame a second
        tab.offer(event(1));
        runAll(pool);
        assertEquals(List.of(1L), seqs(sends().get(0).frame()));
        tab.offer(event(2)); // queued behind the send in flight
        sends().get(0).succeeded().run();
        assertTrue(pool.isEmpty(), "the next part frame must not go before the pace allows");
        assertEquals(1, timer.size());
        assertTrue(delaysNanos.get(0) > 0 && delaysNanos.get(0) <= TimeUnit.SECONDS.toNanos(1), delaysNanos.toString());
        runAll(timer); // the timer only hands the drain to the pool
        assertEquals(1, transport.sends.size());
        runAll(pool);
        assertEquals(List.of(2L), seqs(sends().get(1).frame()));
    }

    @Test
    void aFullQueueDropsTheOldestAndSaysWhichSeqsInOneGapBeforeTheRest() {
        Tab tab = tab(3, 1_000);
        for (long seq = 1; seq <= 5; seq++) {
            tab.offer(event(seq)); // the drain is scheduled but does not run yet
        }
        runAll(pool);
        JsonNode gap = sends().get(0).frame();
        assertEquals("gap", gap.path("type").asText());
        assertEquals(1, gap.path("from").asLong());
        assertEquals(2, gap.path("to").asLong());
        assertEquals("slow-consumer", gap.path("reason").asText());
        sends().get(0).succeeded().run();
        runAll(timer);
        runAll(pool);
        assertEquals(List.of(3L, 4L, 5L), seqs(sends().get(1).frame()));
        assertEquals(2, counters.snapshot(0).tabDropped());
    }

    @Test
    void aFailedSendClosesTheTabWith1011AndCountsIt() {
        Tab tab = tab(100, 1_000);
        tab.offer(event(1));
        runAll(pool);
        sends().get(0).failed().accept(new IOException("broken pipe"));
        assertEquals(List.of("1011 send failed: IOException"), transport.closes);
        assertTrue(tab.isClosed());
        assertEquals(1, counters.snapshot(0).sendFailed());
        tab.offer(event(2));
        runAll(timer);
        runAll(pool);
        assertEquals(1, transport.sends.size(), "a closed tab sends nothing more");
    }

    @Test
    void aTabClosedDuringASendSendsNothingAfterIt() {
        Tab tab = tab(100, 1_000);
        tab.offer(event(1));
        runAll(pool);
        tab.offer(event(2));
        tab.close();
        sends().get(0).succeeded().run();
        runAll(timer);
        runAll(pool);
        assertEquals(1, transport.sends.size(), "the event queued before the close is not sent");
        assertTrue(transport.closes.isEmpty(), "the connection is closed by its owner, not by the tab");
    }
}
