package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import static dev.webconsole.server.testing.HubFixture.threadsNamed;
import static dev.webconsole.server.testing.HubFixture.wsUri;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.Events;
import dev.webconsole.server.testing.RawWebSocket;
import dev.webconsole.server.testing.WsClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tabs come and go while the application logs as fast as it can: half leave with a proper close,
 * half vanish with a connection reset, half of each while taking the live stream. Nothing may pile
 * up with the number of cycles.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChurnTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final int CYCLES = 500;
    private static final int MEASURE_AT = 100;
    /** Far more than the hub's queues and history hold; a leak of even a small object per cycle stays below it. */
    private static final long HEAP_MARGIN = 24L * 1024 * 1024;
    /** Jetty's thread pools grow and shrink on their own within their bounds; a leak grows with the cycles. */
    private static final int THREAD_MARGIN = 16;

    @Test
    void fiveHundredConnectDisconnectCyclesWhileLoggingAtFullSpeedLeakNoSessionThreadOrMemory() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        ConsoleHub hub = hubs.startHub(b -> b.ingestQueue(4_096).history(1_000).maxUpgradesPerSecond(100_000).diagnostics((level, message, error) -> {
            if (level == System.Logger.Level.ERROR) {
                errors.add(message + ": " + error);
            }
        }));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong attempts = new AtomicLong();
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            try {
                // Bounded in time as well as by the flag, so it ends by itself whatever happens.
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!stop.get() && System.nanoTime() < end) {
                    for (int i = 0; i < 1_000; i++) {
                        hub.publish(info("app.churn", "event"));
                    }
                    attempts.addAndGet(1_000);
                    Thread.yield(); // flat out, but on 2 cores the tabs' threads still get their turn
                }
            } catch (Throwable t) {
                escaped.set(t);
            }
        }, "churn-publisher");
        publisher.setDaemon(true);
        publisher.start();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        cycle(hub, 0);
        cycle(hub, 1);
        awaitTabs(hub, 0);
        int baselineThreads = Thread.activeCount();
        long heapAtMeasure = 0;
        int threadsAtMeasure = 0;
        try {
            for (int i = 1; i <= CYCLES; i++) {
                cycle(hub, i);
                if (i == MEASURE_AT) {
                    awaitTabs(hub, 0);
                    heapAtMeasure = usedHeapAfterGc(memory);
                    threadsAtMeasure = Thread.activeCount();
                }
            }
            awaitTabs(hub, 0);
        } finally {
            stop.set(true);
            publisher.join(WsClient.WAIT.toMillis());
        }
        long heapAtEnd = usedHeapAfterGc(memory);
        int threadsAtEnd = Thread.activeCount();

        assertNull(escaped.get(), "publish never throws");
        assertTrue(attempts.get() > 0);
        assertEquals(List.of(), errors, "the hub reported no error");
        assertEquals(0, hub.stats().tabs());
        long heapMeasured = heapAtMeasure;
        assertTrue(heapAtEnd - heapMeasured < HEAP_MARGIN, () -> "heap after GC grew from "
                + mb(heapMeasured) + " MB at cycle " + MEASURE_AT + " to " + mb(heapAtEnd) + " MB at cycle " + CYCLES);
        int measured = threadsAtMeasure;
        assertTrue(threadsAtEnd <= measured + THREAD_MARGIN && threadsAtEnd <= baselineThreads + THREAD_MARGIN,
                () -> "threads: " + baselineThreads + " before, " + measured + " at cycle " + MEASURE_AT + ", "
                        + threadsAtEnd + " at cycle " + CYCLES);
        assertEquals(1, threadsNamed("webconsole-dispatcher").size(), "one hub, one dispatcher");

        WsClient after = hubs.connect(hub, "level=ERROR");
        after.next("hello");
        hub.publish(Events.of("ERROR", Severity.ERROR, "app", "still serving"));
        assertEquals("still serving", after.events(1).get(0).path("message").asText());
    }

    /**
     * One tab's life: connect, take hello, leave. The cycles take turns: an idle tab (FATAL only)
     * closed by Jetty's client, an idle one reset, a tab taking the live stream closed with the
     * close handshake while frames are still coming, and a streaming one reset mid-stream.
     */
    private void cycle(ConsoleHub hub, int i) throws Exception {
        switch (i % 4) {
            case 0 -> {
                try (WsClient tab = WsClient.connect(hubs.client(), wsUri(hub, "level=FATAL"))) {
                    tab.next("hello");
                }
            }
            case 1 -> raw(hub, "/ws?level=FATAL").abort();
            case 2 -> assertEquals(1000, raw(hub, "/ws").closeCleanly());
            default -> raw(hub, "/ws").abort();
        }
    }

    private static RawWebSocket raw(ConsoleHub hub, String path) throws Exception {
        RawWebSocket tab = RawWebSocket.connect(hub.port(), path, 0);
        assertEquals(101, tab.status());
        assertEquals("hello", tab.readJson().path("type").asText());
        return tab;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
