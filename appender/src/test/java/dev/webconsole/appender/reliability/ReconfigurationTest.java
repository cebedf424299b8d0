package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * Reconfiguration (monitorInterval, Configurator.reconfigure) again and again while a tab
 * watches: the same hub serves throughout, the tab stays connected and keeps receiving, and no
 * thread, socket or memory is left behind per cycle.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReconfigurationTest {
    private static final int CYCLES = 50;
    private static final int THREAD_MARGIN = 8;
    private static final long HEAP_MARGIN = 16L * 1024 * 1024;

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @Test
    void fiftyReconfigurationsKeepTheTabConnectedOnTheSameHubAndLeakNoThreadSocketOrMemory() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\"", "info"));
        ConsoleHub hub = Log4jFixture.hub(context);
        WsClient tab = log4j.connect(context, "");
        SeqLedger ledger = new SeqLedger();
        ledger.accept(tab.next("hello"));
        String hubId = ledger.hub();

        reconfigure(context, 0); // the first one may load classes and start pools: measure after it
        expect(context, tab, ledger, 0);
        int threadsBefore = Thread.activeCount();
        long socketsBefore = openSockets();
        long heapBefore = 0;
        for (int i = 1; i <= CYCLES; i++) {
            reconfigure(context, i);
            assertSame(hub, Log4jFixture.hub(context), "cycle " + i + ": the running hub is shared, not replaced");
            expect(context, tab, ledger, i);
            if (i == 10) {
                heapBefore = usedHeapAfterGc();
            }
        }
        long heapAfter = usedHeapAfterGc();

        assertTrue(tab.isOpen());
        assertEquals(Map.of(), ledger.gapFrames());
        assertEquals(CYCLES + 1, ledger.events());
        int threadsAfter = Thread.activeCount();
        assertTrue(threadsAfter <= threadsBefore + THREAD_MARGIN, "threads: " + threadsBefore + " -> " + threadsAfter);
        assertEquals(1, threadsNamed("webconsole-dispatcher"), "one hub, one dispatcher");
        assertEquals(socketsBefore, openSockets(), "no socket was opened and left open");
        long grown = heapAfter - heapBefore;
        assertTrue(grown < HEAP_MARGIN, "heap after GC grew by " + grown / 1024 + " KB over " + (CYCLES - 10) + " cycles");

        WsClient another = log4j.connect(context, "");
        assertEquals(hubId, another.next("hello").path("hub").asText(), "the hub that answers is the one from the start");
        another.close();
    }

    private void reconfigure(LoggerContext context, int cycle) throws IOException {
        // Same port attribute; something else changes, as an edited file would.
        String level = cycle % 2 == 0 ? "info" : "debug";
        context.setConfigLocation(log4j.write(config("port=\"0\"", level)));
    }

    private static void expect(LoggerContext context, WsClient tab, SeqLedger ledger, int cycle) throws InterruptedException {
        context.getLogger("app").info("after reconfiguration {}", cycle);
        long before = ledger.events();
        while (ledger.events() == before) {
            ledger.accept(tab.next());
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    /** This process's open sockets (Linux), counted from its file descriptors. */
    private static long openSockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        try (Stream<Path> list = Files.list(fds)) {
            return list.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
