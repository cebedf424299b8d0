package dev.webconsole.appender.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.appender.WebConsoleAppender;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A long run of the real appender at a steady rate with many tabs connected, printing one table
 * row per interval so that growth (heap, threads) or loss shows up:
 *
 * <pre>mvn -B -Psoak -pl appender -am -DskipTests verify [-Dsoak.minutes=10] [-Dsoak.rate=2000] [-Dsoak.tabs=20]</pre>
 *
 * <p>Columns: heap used after a full GC, live threads, events delivered in the interval summed
 * over tabs, events dropped so far (ingest + session queues, from the hub's counters), gap frames
 * seen so far, seqs lost silently or repeated (neither delivered nor in a gap, or delivered twice:
 * must stay 0), tab reconnects,
 * and the latency from the log call to a tab's receipt of the event. At the end every tab must
 * have accounted for every seq; the exit code is 1 if one did not, or if anything was lost silently.
 *
 * <p>System properties: {@code soak.minutes} (10), {@code soak.rate} events per second (2000),
 * {@code soak.tabs} (20), {@code soak.intervalSeconds} between rows (60).
 */
public final class Soak {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int rate;
    private final int tabCount;
    private final long intervalNanos;
    private final long durationNanos;
    private final Latencies latencies = new Latencies();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong silent = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Tab> tabs = new ArrayList<>();
    private WebSocketClient client;
    private URI ws;

    private Soak(int rate, int tabCount, long intervalNanos, long durationNanos) {
        this.rate = rate;
        this.tabCount = tabCount;
        this.intervalNanos = intervalNanos;
        this.durationNanos = durationNanos;
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        int rate = Integer.getInteger("soak.rate", 2_000);
        int tabs = Integer.getInteger("soak.tabs", 20);
        long interval = TimeUnit.SECONDS.toNanos(Long.getLong("soak.intervalSeconds", 60));
        boolean ok = false;
        try {
            ok = new Soak(rate, tabs, interval, (long) (minutes * 60e9)).run();
        } catch (Throwable e) {
            e.printStackTrace();
        }
        System.exit(ok ? 0 : 1); // whatever Jetty's client threads are doing

    }

    private boolean run() throws Exception {
        Path config = Files.createTempFile("webconsole-soak", ".xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" port="0" maxTabs="%d"/>
                  </Appenders>
                  <Loggers>
                    <!-- Jetty logs through SLF4J into this context too; the appender never shows it. -->
                    <Logger name="org.eclipse.jetty" level="info"/>
                    <Root level="debug"><AppenderRef ref="web"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(tabCount + 8));
        // The default context, as in an application: Jetty's SLF4J logging lands here as well.
        LoggerContext context = Configurator.initialize("webconsole-soak", config.toUri().toString());
        try {
            WebConsoleAppender appender = context.getConfiguration().getAppender("web");
            if (appender == null) {
                System.err.println("Soak: the <WebConsole> appender did not start; see the status messages above");
                return false;
            }
            ConsoleHub hub = appender.hub();
            ws = URI.create("ws://127.0.0.1:" + appender.url().getPort() + "/ws");
            client = new WebSocketClient();
            client.setMaxTextMessageSize(64L * 1024 * 1024);
            client.start();
            for (int i = 0; i < tabCount; i++) {
                Tab tab = new Tab(i);
                tabs.add(tab);
                tab.connect();
            }
            System.out.printf(Locale.ROOT, "Soak: %d events/s through <WebConsole> to %d tabs for %.1f min; a row every %d s%n%n",
                    rate, tabCount, durationNanos / 60e9, TimeUnit.NANOSECONDS.toSeconds(intervalNanos));
            System.out.println("| minute | heap MB | threads | delivered | dropped | gaps | silent | reconnects | p50 ms | p99 ms | max ms |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

            Thread publisher = new Thread(() -> publish(context), "soak-publisher");
            publisher.start();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long start = System.nanoTime();
            long end = start + durationNanos;
            long firstHeap = -1;
            long lastHeap = 0;
            int firstThreads = -1;
            int lastThreads = 0;
            long lastDelivered = 0;
            for (long next = start + intervalNanos; next <= end + intervalNanos / 2; next += intervalNanos) {
                sleepUntil(Math.min(next, end));
                System.gc();
                System.gc();
                long heap = memory.getHeapMemoryUsage().getUsed();
                int threads = Thread.activeCount();
                HubStats stats = hub.stats();
                long nowDelivered = delivered.get();
                Latencies.Snapshot lat = latencies.takeSnapshot();
                System.out.printf(Locale.ROOT, "| %.1f | %.1f | %d | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f |%n",
                        (System.nanoTime() - start) / 60e9, heap / 1048576.0, threads, nowDelivered - lastDelivered,
                        stats.ingestDropped() + stats.tabDropped(), gaps.get(), silent.get(), reconnects.get(),
                        lat.p50(), lat.p99(), lat.max());
                System.out.flush();
                lastDelivered = nowDelivered;
                if (firstHeap < 0) {
                    firstHeap = heap;
                    firstThreads = threads;
                }
                lastHeap = heap;
                lastThreads = threads;
            }
            stopping.set(true);
            publisher.join(TimeUnit.SECONDS.toMillis(30));

            // Every tab must account for every seq: delivered or inside a gap.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && hub.stats().lastSeq() < hub.stats().published() + hub.stats().ingestDropped()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            long lastSeq = hub.stats().lastSeq();
            while (System.nanoTime() < deadline && tabs.stream().anyMatch(t -> t.next() <= lastSeq)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            HubStats stats = hub.stats();
            long behind = tabs.stream().filter(t -> t.next() <= lastSeq).count();
            System.out.printf(Locale.ROOT, "%nSoak: published %d, ingest-dropped %d, session-dropped %d, last seq %d;"
                            + " delivered %d of %d (tabs x seqs), %d gap frames, %d seqs lost silently, %d tabs behind%n",
                    stats.published(), stats.ingestDropped(), stats.tabDropped(), stats.lastSeq(), delivered.get(),
                    tabCount * lastSeq, gaps.get(), silent.get(), behind);
            System.out.printf(Locale.ROOT, "Soak: heap after GC %.1f MB at the first row, %.1f MB at the last; threads %d and %d%n",
                    firstHeap / 1048576.0, lastHeap / 1048576.0, firstThreads, lastThreads);
            return silent.get() == 0 && behind == 0;
        } finally {
            stopping.set(true);
            for (Tab tab : tabs) {
                tab.close();
            }
            if (client != null) {
                client.stop();
            }
            Configurator.shutdown(context);
            Files.deleteIfExists(config);
        }
    }

    /** Logs {@code rate} events per second in 1 ms ticks, from loggers in a small package tree. */
    private void publish(LoggerContext context) {
        Logger[] loggers = {
            context.getLogger("com.acme.shop.web.OrderController"), context.getLogger("com.acme.shop.db.Pool"),
            context.getLogger("com.acme.shop.payment.Gateway"), context.getLogger("com.acme.shop.cache.Products")};
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(1);
        double perTick = rate / 1000.0;
        double owed = 0;
        long i = 0;
        long next = System.nanoTime();
        while (!stopping.get()) {
            owed += perTick;
            for (; owed >= 1; owed--, i++) {
                Logger logger = loggers[(int) (i % loggers.length)];
                ThreadContext.put("order", Long.toString(i));
                if (i % 500 == 0) {
                    logger.warn("payment retry {} sent={}", i, System.nanoTime(),
                            new IllegalStateException("card declined", new IOException("read timed out")));
                } else if (i % 3 == 0) {
                    logger.debug("cache lookup {} for product-{} sent={}", i, i % 97, System.nanoTime());
                } else {
                    logger.info("order {} placed by user-{} with {} items sent={}", i, i % 13, 1 + i % 5, System.nanoTime());
                }
            }
            ThreadContext.clearMap();
            next += tickNanos;
            sleepUntil(next);
        }
    }

    private static void sleepUntil(long nanoTime) {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * One tab: checks seq continuity, counts, measures latency, and reconnects with since/hub if
     * closed. Public, as Jetty requires of an endpoint class.
     */
    public final class Tab implements Session.Listener.AutoDemanding {
        private final int index;
        private volatile long next = 1;
        private volatile String hub;
        private volatile Session session;

        Tab(int index) {
            this.index = index;
        }

        long next() {
            return next;
        }

        void connect() throws Exception {
            String query = hub == null ? "" : "?since=" + (next - 1) + "&hub=" + hub;
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setHeader("Origin", "http://" + ws.getHost() + ":" + ws.getPort());
            client.connect(this, URI.create(ws + query), request).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String text) {
            long received = System.nanoTime();
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                System.err.println("Soak: tab " + index + " got broken JSON: " + e.getMessage());
                silent.incrementAndGet();
                return;
            }
            switch (frame.path("type").asText()) {
                case "hello" -> hub = frame.path("hub").asText();
                case "events" -> {
                    for (JsonNode event : frame.path("events")) {
                        long seq = event.path("seq").asLong();
                        if (seq > next) {
                            silent.addAndGet(seq - next); // a hole no gap announced
                        } else if (seq < next) {
                            silent.incrementAndGet(); // a repeat
                        }
                        if (seq >= next) {
                            next = seq + 1;
                            delivered.incrementAndGet();
                            String message = event.path("message").asText();
                            int at = message.lastIndexOf("sent=");
                            if (at >= 0) {
                                latencies.record(received - Long.parseLong(message.substring(at + 5)));
                            }
                        }
                    }
                }
                case "gap" -> {
                    gaps.incrementAndGet();
                    long from = frame.path("from").asLong();
                    if (from > next) {
                        silent.addAndGet(from - next);
                    }
                    next = Math.max(next, frame.path("to").asLong() + 1);
                }
                default -> { }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (!stopping.get()) {
                reconnects.incrementAndGet();
                System.err.println("Soak: tab " + index + " closed (" + statusCode + " " + reason + "); reconnecting");
                Thread reconnect = new Thread(() -> {
                    try {
                        connect();
                    } catch (Exception e) {
                        System.err.println("Soak: tab " + index + " could not reconnect: " + e);
                    }
                }, "soak-reconnect-" + index);
                reconnect.setDaemon(true);
                reconnect.start();
            }
        }

        void close() {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close();
            }
        }
    }

    /** A fixed histogram of latencies: 10 µs steps to 10 ms, then 1 ms steps to 60 s. */
    private static final class Latencies {
        private static final int FINE = 1_000;
        private static final int COARSE = 60_000;
        private final AtomicLongArray counts = new AtomicLongArray(FINE + COARSE);

        record Snapshot(double p50, double p99, double max) {}

        void record(long nanos) {
            long micros = Math.max(0, nanos / 1_000);
            int bucket = micros < 10_000 ? (int) (micros / 10) : FINE + (int) Math.min(COARSE - 1, (micros - 10_000) / 1_000);
            counts.incrementAndGet(bucket);
        }

        /** Percentiles since the last snapshot, in milliseconds; resets the counts. */
        Snapshot takeSnapshot() {
            long[] taken = new long[counts.length()];
            long total = 0;
            for (int i = 0; i < taken.length; i++) {
                taken[i] = counts.getAndSet(i, 0);
                total += taken[i];
            }
            return new Snapshot(percentile(taken, total, 0.50), percentile(taken, total, 0.99), percentile(taken, total, 1.0));
        }

        private static double percentile(long[] taken, long total, double p) {
            if (total == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(total * p));
            long seen = 0;
            for (int i = 0; i < taken.length; i++) {
                seen += taken[i];
                if (seen >= rank) {
                    return upperMillis(i);
                }
            }
            return upperMillis(taken.length - 1);
        }

        /** The upper edge of a bucket, in ms. */
        private static double upperMillis(int bucket) {
            return bucket < FINE ? (bucket + 1) * 0.01 : 10 + (bucket - FINE + 1);
        }
    }
}
