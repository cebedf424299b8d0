package dev.webconsole.server.browser;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.Severity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Performance benchmark of the console page (not a test: it asserts nothing and is not run by
 * {@code mvn verify}). It drives headless Chromium against a real {@link ConsoleHub} and prints
 * plain-text tables:
 *
 * <ol>
 *   <li><b>Steady rate.</b> For each rate in {@code pagebench.rates}, a fresh hub and page; a paced
 *       thread publishes realistic events for {@code pagebench.seconds} (the highest rate for
 *       {@code pagebench.topSeconds}). Every second it compares what was published with what the
 *       page holds ({@code webconsole.lastSeq()}) and reads {@code state().pending}. The page
 *       records long tasks (PerformanceObserver 'longtask') and frame times (requestAnimationFrame
 *       deltas). Every {@code pagebench.heapEverySeconds} the page's heap is measured after a forced
 *       GC (CDP {@code HeapProfiler.collectGarbage}, {@code Runtime.getHeapUsage}); the GC's own
 *       pause is left out of the frame and long-task figures.
 *   <li><b>{@code pagebench.rows} rows held</b> (default 100,000 = the page's default bound): time
 *       from the last input event in {@code #search} or the change of {@code #level} to the
 *       filtered view applied (first DOM change of {@code #rows}/{@code #shown}) and painted (next
 *       animation frame), {@code pagebench.samples} each, first with no events arriving, then while
 *       {@code pagebench.liveRate} events/s arrive; then, with no events arriving, scroll jumps and
 *       a fast sweep of {@code #scroller}: latency until rows cover the viewport, frame times,
 *       blank frames.
 * </ol>
 *
 * <p>Then one more run at the highest rate in a second browser started with Chromium's
 * {@code --trace-startup}, for the CPU time (not only the wall time) of the page's longest tasks
 * ({@code pagebench.traceSeconds}; 0 skips it). CPU time of Chromium's processes and of this JVM
 * comes from /proc.
 *
 * <p>Run: {@code mvn -B -Ppage-bench -pl viewer-server -am -DskipTests verify} (see
 * docs/PERFORMANCE.md, "Page: the console in the browser").
 */
public final class PageBenchmark {

    /** Recorders injected into the page before its scripts run (long tasks, frames, search latency, scroll sweeps). */
    static final String INSTRUMENT = resource("page-bench-instrument.js");

    private static String resource(String name) {
        try (var in = PageBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name + " next to PageBenchmark");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- settings ----

    record Settings(List<Integer> rates, int seconds, int topSeconds, int heapEverySeconds, int rows, int fillRate,
            int liveRate, int samples, int repeats, int traceSeconds, int width, int height, Path out) {

        static Settings fromSystemProperties() {
            List<Integer> rates = new ArrayList<>();
            for (String r : System.getProperty("pagebench.rates", "5000,10000,20000").split("[,\\s]+")) {
                if (!r.isBlank()) {
                    rates.add(Integer.parseInt(r.trim()));
                }
            }
            String out = System.getProperty("pagebench.out", "target/page-bench.txt");
            return new Settings(rates,
                    Integer.getInteger("pagebench.seconds", 30),
                    Integer.getInteger("pagebench.topSeconds", 60),
                    Integer.getInteger("pagebench.heapEverySeconds", 10),
                    Integer.getInteger("pagebench.rows", 100_000),
                    Integer.getInteger("pagebench.fillRate", 20_000),
                    Integer.getInteger("pagebench.liveRate", 5_000),
                    Integer.getInteger("pagebench.samples", 10),
                    Integer.getInteger("pagebench.repeats", 1),
                    Integer.getInteger("pagebench.traceSeconds", 15),
                    Integer.getInteger("pagebench.width", 1280),
                    Integer.getInteger("pagebench.height", 720),
                    out.isBlank() ? null : Path.of(out));
        }
    }

    // ---- realistic events ----

    static final class EventMix {
        private static final String[] LOGGERS = {
            "com.acme.shop.web.OrderController", "com.acme.shop.web.CartController", "com.acme.shop.db.Pool",
            "com.acme.shop.db.OrderRepository", "com.acme.shop.payment.Gateway", "com.acme.shop.cache.RedisCache",
            "com.acme.shop.mail.Notifier", "com.acme.shop.inventory.StockService", "com.acme.shop.auth.TokenFilter",
            "org.hibernate.SQL", "org.apache.kafka.clients.producer.KafkaProducer", "io.netty.channel.nio.NioEventLoop",
        };
        private static final String[] WAREHOUSES = {"berlin-2", "lyon-1", "leeds-4", "turin-3"};
        private static final String[] PROVIDERS = {"stripe", "adyen", "paypal"};
        private final ConsoleEvent[] templates;
        private int next;

        EventMix(int size, long seed) {
            Random r = new Random(seed);
            templates = new ConsoleEvent[size];
            for (int i = 0; i < size; i++) {
                templates[i] = make(r, i);
            }
        }

        private static ConsoleEvent make(Random r, int i) {
            int kind = r.nextInt(8);
            String logger = LOGGERS[(kind + r.nextInt(2) * 8) % LOGGERS.length];
            String message = switch (kind) {
                case 0 -> String.format(Locale.ROOT, "Order %d placed by customer %d: %d items, total %d.%02d EUR, shipping from warehouse %s",
                        100_000 + r.nextInt(900_000), r.nextInt(50_000), 1 + r.nextInt(12), r.nextInt(900), r.nextInt(100),
                        WAREHOUSES[r.nextInt(WAREHOUSES.length)]);
                case 1 -> String.format(Locale.ROOT, "GET /api/v2/orders/%d completed with status=%d in %d ms (bytes=%d, client=10.0.%d.%d)",
                        r.nextInt(1_000_000), r.nextInt(20) == 0 ? 500 : 200, r.nextInt(900), r.nextInt(90_000), r.nextInt(255), r.nextInt(255));
                case 2 -> String.format(Locale.ROOT, "Connection pool stats: active=%d idle=%d waiting=%d max=30, borrowed connection #%d in %d ms",
                        r.nextInt(30), r.nextInt(30), r.nextInt(5), r.nextInt(100_000), r.nextInt(40));
                case 3 -> String.format(Locale.ROOT, "select o.id, o.status, o.total from orders o where o.customer_id=%d and o.created > ? limit %d",
                        r.nextInt(50_000), 10 + r.nextInt(90));
                case 4 -> String.format(Locale.ROOT, "Payment authorization for order %d timed out after %d ms, retrying (attempt %d of 3) via %s",
                        100_000 + r.nextInt(900_000), 1000 + r.nextInt(4000), 1 + r.nextInt(3), PROVIDERS[r.nextInt(PROVIDERS.length)]);
                case 5 -> String.format(Locale.ROOT, "Cache miss for key product:%d:details, loaded from the database in %d ms, ttl=%ds, size=%d bytes",
                        r.nextInt(200_000), r.nextInt(80), 60 * (1 + r.nextInt(10)), 200 + r.nextInt(8000));
                case 6 -> String.format(Locale.ROOT, "Sent confirmation e-mail to customer %d <customer%d@example.com> for order %d, queue depth %d",
                        r.nextInt(50_000), r.nextInt(50_000), 100_000 + r.nextInt(900_000), r.nextInt(200));
                default -> String.format(Locale.ROOT, "Stock level for SKU-%05d dropped to %d units in warehouse %s, reorder threshold is %d units",
                        r.nextInt(100_000), r.nextInt(50), WAREHOUSES[r.nextInt(WAREHOUSES.length)], 20 + r.nextInt(30));
            };
            int p = r.nextInt(100);
            String level;
            int severity;
            if (p < 10) {
                level = "TRACE";
                severity = Severity.TRACE;
            } else if (p < 40) {
                level = "DEBUG";
                severity = Severity.DEBUG;
            } else if (p < 85) {
                level = "INFO";
                severity = Severity.INFO;
            } else if (p < 95) {
                level = "WARN";
                severity = Severity.WARN;
            } else {
                level = "ERROR";
                severity = Severity.ERROR;
            }
            Map<String, String> context = null;
            if (r.nextInt(100) < 40) {
                context = new LinkedHashMap<>();
                context.put("requestId", Long.toHexString(r.nextLong() & 0xffffffffffL));
                context.put("user", "user" + r.nextInt(5000));
            }
            ConsoleEvent.ThrownInfo thrown = null;
            if (severity == Severity.ERROR && r.nextInt(10) == 0) {
                thrown = new ConsoleEvent.ThrownInfo("java.net.SocketTimeoutException", "read timed out",
                        "java.net.SocketTimeoutException: read timed out\n"
                                + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
                                + "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n"
                                + "\tat com.acme.shop.payment.Gateway.authorize(Gateway.java:142)\n"
                                + "\tat com.acme.shop.web.OrderController.checkout(OrderController.java:88)\n");
            }
            String marker = logger.equals("org.hibernate.SQL") ? "SQL" : null;
            String thread = "http-nio-8080-exec-" + (1 + r.nextInt(24));
            return new ConsoleEvent(0, level, severity, logger, thread, message, thrown, context, marker, null);
        }

        /** The next event, stamped now. */
        ConsoleEvent next() {
            ConsoleEvent t = templates[next];
            next = (next + 1) % templates.length;
            return new ConsoleEvent(System.currentTimeMillis(), t.level(), t.severity(), t.logger(), t.thread(), t.message(),
                    t.thrown(), t.context(), t.marker(), t.source());
        }

        double averageMessageChars() {
            return Arrays.stream(templates).mapToInt(e -> e.message().length()).average().orElse(0);
        }
    }

    /** Publishes {@code total} events at {@code rate} per second from its own thread, paced with parkNanos. */
    static final class Publisher extends Thread {
        final AtomicLong sent = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        private final ConsoleHub hub;
        private final EventMix mix;
        private final long rate;
        private final long total;
        volatile long startNanos;
        volatile long endNanos;
        volatile long startMillis;
        /** Events published by each millisecond since startMillis (-1: no record for that ms). */
        private final long[] progress;

        Publisher(ConsoleHub hub, EventMix mix, long rate, long total) {
            super("page-bench-publisher");
            setDaemon(true);
            this.hub = hub;
            this.mix = mix;
            this.rate = rate;
            this.total = total;
            // Runs that end (all but the live stream behind the filter timings) keep a record per ms.
            long seconds = total < Long.MAX_VALUE / 4 ? total / Math.max(1, rate) + 60 : 0;
            this.progress = new long[(int) Math.min(seconds, 7200) * 1000 + 1];
            Arrays.fill(progress, -1);
        }

        /** Events published by wall-clock time {@code millis} (epoch ms). */
        long publishedAt(long millis) {
            long i = Math.min(progress.length - 1, millis - startMillis);
            for (; i >= 0; i--) {
                if (progress[(int) i] >= 0) {
                    return progress[(int) i];
                }
            }
            return 0;
        }

        @Override
        public void run() {
            startMillis = System.currentTimeMillis();
            startNanos = System.nanoTime();
            long n = 0;
            while (n < total && !stop.get()) {
                long due = Math.min(total, (System.nanoTime() - startNanos) * rate / 1_000_000_000L);
                while (n < due) {
                    hub.publish(mix.next());
                    n++;
                    sent.lazySet(n);
                }
                long ms = System.currentTimeMillis() - startMillis;
                if (ms >= 0 && ms < progress.length) {
                    progress[(int) ms] = n;
                }
                LockSupport.parkNanos(500_000);
            }
            long ms = System.currentTimeMillis() - startMillis;
            if (ms >= 0 && ms < progress.length) {
                progress[(int) ms] = n;
            }
            sent.set(n);
            endNanos = System.nanoTime();
        }
    }

    // ---- results ----

    record Sample(double seconds, long published, long received, long pending) {
        long lag() {
            return published - received;
        }
    }

    record HeapSample(double seconds, long held, double usedMb, long domNodes, double gcMillis) {}

    record RateRun(int rate, int seconds, long published, double achievedRate, long received, List<Sample> samples,
            List<HeapSample> heap, Map<String, Object> page, long gaps, HubStats stats, double drainMillis) {

        double lagMedian() {
            return median(samples.stream().mapToDouble(Sample::lag).toArray());
        }

        double lagMax() {
            return samples.stream().mapToDouble(Sample::lag).max().orElse(Double.NaN);
        }

        /** Median lag of the last third minus that of the first third (after the first 3 s). */
        double lagGrowth() {
            List<Sample> s = samples.stream().filter(x -> x.seconds() >= 3).toList();
            if (s.size() < 6) {
                return Double.NaN;
            }
            int third = s.size() / 3;
            double first = median(s.subList(0, third).stream().mapToDouble(Sample::lag).toArray());
            double last = median(s.subList(s.size() - third, s.size()).stream().mapToDouble(Sample::lag).toArray());
            return last - first;
        }

        long pendingMax() {
            return samples.stream().mapToLong(Sample::pending).max().orElse(0);
        }

        long dropped() {
            return stats.ingestDropped() + stats.tabDropped();
        }

        boolean keepsUp() {
            // Lag may not grow by more than 250 ms worth of events, nothing may be lost, and the page
            // must catch up within 2 s once publishing stops.
            return lagGrowth() <= rate * 0.25 && dropped() == 0 && gaps == 0 && drainMillis <= 2000 && received == published;
        }

        double num(String key) {
            Object v = page.get(key);
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    record Timing(String action, double[] applied, double[] painted, List<String> views) {
        String view() {
            List<String> distinct = views.stream().distinct().toList();
            return distinct.isEmpty() ? "" : distinct.size() == 1 ? distinct.get(0) : distinct.get(0) + " ... " + distinct.get(distinct.size() - 1);
        }
    }

    // ---- the run ----

    private final Settings settings;
    private final Browser browser;
    private final EventMix mix = new EventMix(8192, 42);
    private final StringBuilder report = new StringBuilder();

    private PageBenchmark(Settings settings, Browser browser) {
        this.settings = settings;
        this.browser = browser;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Browser browser;
        try {
            browser = Browser.start(settings.width(), settings.height());
        } catch (Exception | Error e) {
            System.err.println("page-bench: cannot start Chromium: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = 0;
        try {
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
            browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTRUMENT));
            new PageBenchmark(settings, browser).run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        } finally {
            browser.close();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        String chromium = String.valueOf(((org.openqa.selenium.HasCapabilities) browser.driver()).getCapabilities().getBrowserVersion());
        line("WebConsole page benchmark");
        line("  machine: %d cores (nproc), load average %.1f at start, Chromium %s headless, %dx%d window, Java %s",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                chromium, settings.width(), settings.height(), System.getProperty("java.version"));
        line("  events: %.0f-char messages on average, 12 loggers, TRACE 10%% DEBUG 30%% INFO 45%% WARN 10%% ERROR 5%%, MDC on 40%%",
                mix.averageMessageChars());
        line("  settings: rates=%s seconds=%d (highest rate %d s) heapEvery=%ds rows=%d samples=%d repeats=%d",
                settings.rates(), settings.seconds(), settings.topSeconds(), settings.heapEverySeconds(), settings.rows(),
                settings.samples(), settings.repeats());
        line("");

        warmUp();

        List<List<RateRun>> byRate = new ArrayList<>();
        int top = settings.rates().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int rate : settings.rates()) {
            List<RateRun> runs = new ArrayList<>();
            for (int i = 0; i < settings.repeats(); i++) {
                RateRun run = rateRun(rate, rate == top ? settings.topSeconds() : settings.seconds());
                System.out.printf(Locale.ROOT, "  [%d ev/s run %d] lag p50 %.0f, growth %.0f, longest task %.0f ms, frames p50/p95 %.1f/%.1f ms, heap %s MB, dropped %d, keeps up: %s%n",
                        rate, i + 1, run.lagMedian(), run.lagGrowth(), run.num("longest"), run.num("p50"), run.num("p95"),
                        heapSeries(run), run.dropped(), run.keepsUp() ? "yes" : "NO");
                runs.add(run);
            }
            byRate.add(runs);
        }
        rateTable(byRate);
        heapTable(byRate);
        if (settings.traceSeconds() > 0 && top > 0) {
            tracedRun(top, settings.traceSeconds());
        }
        if (!byRate.isEmpty()) {
            List<RateRun> topRuns = byRate.get(byRate.size() - 1);
            for (int i = 0; i < byRate.size(); i++) {
                if (byRate.get(i).get(0).rate() == top) {
                    topRuns = byRate.get(i);
                }
            }
            double[] spread = topRuns.stream().mapToDouble(r -> {
                double[] mb = r.heap().stream().filter(h -> h.held() >= r.num("maxRows")).mapToDouble(HeapSample::usedMb).toArray();
                return mb.length < 2 ? Double.NaN : Arrays.stream(mb).max().getAsDouble() - Arrays.stream(mb).min().getAsDouble();
            }).toArray();
            line("Targets at %,d ev/s: keeps up %d of %d runs; longest task %s (target < 100 ms); heap spread once %,.0f rows are held %s MB",
                    top, topRuns.stream().filter(RateRun::keepsUp).count(), topRuns.size(),
                    longest(topRuns), topRuns.get(0).num("maxRows"),
                    String.format(Locale.ROOT, "%.1f", median(spread)));
            line("");
        }

        if (settings.rows() > 0) {
            bigStoreRun();
        }
        line("  load average at the end: %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (settings.out() != null) {
            Files.createDirectories(settings.out().toAbsolutePath().getParent());
            Files.writeString(settings.out(), report);
            System.out.println("(written to " + settings.out().toAbsolutePath() + ")");
        }
    }

    /** A short run first, so that the JIT of the JVM and of the page are warm. */
    private void warmUp() {
        ConsoleHub hub = startHub();
        try {
            open(hub);
            Publisher p = new Publisher(hub, mix, 5000, 15_000);
            p.start();
            awaitCaughtUp(hub, p, Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            hub.stop();
        }
    }

    private RateRun rateRun(int rate, int seconds) throws Exception {
        ConsoleHub hub = startHub();
        try {
            open(hub);
            browser.js("window.__bench.start(); window.__bench.sampleSeqs(250)");
            Map<String, Double> metrics0 = metrics();
            Map<Long, Cpu> cpu0 = cpu();
            Publisher p = new Publisher(hub, mix, rate, (long) rate * seconds);
            long t0 = System.nanoTime();
            p.start();
            List<HeapSample> heap = new ArrayList<>();
            int nextHeap = settings.heapEverySeconds();
            while (p.isAlive()) {
                if (settings.heapEverySeconds() > 0 && nextHeap <= seconds) {
                    LockSupport.parkNanos(Math.max(0, t0 + nextHeap * 1_000_000_000L - System.nanoTime()));
                    heap.add(heapSample((System.nanoTime() - t0) / 1e9));
                    nextHeap += settings.heapEverySeconds();
                } else {
                    p.join(100);
                }
            }
            p.join();
            double achieved = p.sent.get() / ((p.endNanos - p.startNanos) / 1e9);
            Map<String, Object> page = browser.js("return window.__bench.stop()");
            Map<String, Double> metrics1 = metrics();
            Map<String, Double> cpuPerSecond = cpuPerSecond(cpu0, cpu(), (p.endNanos - p.startNanos) / 1e9);
            List<Object> raw = browser.js("return window.__bench.takeSeqs()");
            List<Sample> samples = new ArrayList<>();
            for (Object o : raw) {
                List<?> s = (List<?>) o;
                long at = num(s.get(0));
                if (at < p.startMillis || at > p.startMillis + seconds * 1000L) {
                    continue;
                }
                samples.add(new Sample((at - p.startMillis) / 1000.0, p.publishedAt(at), num(s.get(1)), num(s.get(2))));
            }
            Map<String, Object> pageAll = new LinkedHashMap<>(page);
            for (String k : List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")) {
                pageAll.put(k, (metrics1.getOrDefault(k, Double.NaN) - metrics0.getOrDefault(k, Double.NaN))
                        / ((p.endNanos - p.startNanos) / 1e9));
            }
            cpuPerSecond.forEach((k, v) -> pageAll.put("cpu." + k, v));
            pageAll.put("maxRows", browser.js("return window.webconsole.state().maxRows"));
            page = pageAll;
            long drainStart = System.nanoTime();
            awaitCaughtUp(hub, p, Duration.ofSeconds(30));
            double drain = (System.nanoTime() - drainStart) / 1e6;
            long received = num(browser.js("return window.webconsole.lastSeq()"));
            long gaps = num(browser.js("return window.webconsole.gaps().length"));
            return new RateRun(rate, seconds, p.sent.get(), achieved, received, samples, heap, page, gaps, hub.stats(), drain);
        } finally {
            hub.stop();
        }
    }

    /**
     * Wall time includes time the OS did not run the renderer (on a shared machine, much of it). A
     * second browser records a Chromium trace of one more run (--trace-startup): per task on the
     * page's main thread, wall time and CPU time (the trace's dur and tdur).
     */
    private void tracedRun(int rate, int seconds) throws Exception {
        Path dir = settings.out() != null ? settings.out().toAbsolutePath().getParent() : Path.of("target").toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve("page-bench-trace.json");
        Files.deleteIfExists(file);
        int traceFor = seconds + 12; // from the browser's start: page load, then the run
        Map<String, double[]> found;
        try (Browser traced = Browser.start(settings.width(), settings.height(),
                "--trace-startup=devtools.timeline,disabled-by-default-devtools.timeline", "--trace-startup-format=json",
                "--trace-startup-file=" + file, "--trace-startup-duration=" + traceFor)) {
            long started = System.nanoTime();
            ConsoleHub hub = startHub();
            try {
                traced.open(hub.url().toString());
                traced.await("the page to connect", d -> "connected".equals(traced.js("return window.webconsole.state().connection")));
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                traced.js("console.timeStamp('pagebench-start')");
                Publisher p = new Publisher(hub, mix, rate, (long) rate * seconds);
                p.start();
                p.join();
                traced.js("console.timeStamp('pagebench-end')");
                if ((System.nanoTime() - started) / 1e9 > traceFor - 1) {
                    line("Trace: the run outlasted the trace (%d s); try a smaller pagebench.traceSeconds", traceFor);
                    return;
                }
            } finally {
                hub.stop();
            }
            found = readTrace(file, Duration.ofSeconds(traceFor + 60).plusNanos(started - System.nanoTime()));
        }
        if (found == null) {
            line("Trace: no usable trace in %s", file);
            return;
        }
        double[] longest = found.get("longestWall");
        double[] mostCpu = found.get("mostCpu");
        double[] counts = found.get("counts");
        line("Trace of one more %d s run at %,d ev/s (Chromium --trace-startup; tasks on the page's main thread, wall / CPU ms):", seconds, rate);
        line("  %,.0f tasks; longest %.0f / %.0f; most CPU in one task %.0f / %.0f; tasks over 50 ms wall: %.0f, over 50 ms CPU: %.0f;"
                + " main thread CPU %.0f %% of the run", counts[0], longest[0], longest[1], mostCpu[0], mostCpu[1], counts[1], counts[2],
                counts[3]);
        line("");
    }

    /** Reads the renderer main thread's tasks between the two timestamps from a JSON trace; null when there is none yet. */
    private static Map<String, double[]> readTrace(Path file, Duration wait) throws Exception {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        while (true) {
            if (Files.exists(file)) {
                long size = Files.size(file);
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                if (size > 0 && size == Files.size(file)) {
                    try {
                        return summarizeTrace(json, file);
                    } catch (IOException e) {
                        // still being written
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private static Map<String, double[]> summarizeTrace(com.fasterxml.jackson.databind.ObjectMapper json, Path file) throws IOException {
        Map<String, String> threadNames = new java.util.HashMap<>();
        List<double[]> tasks = new ArrayList<>(); // pid, tid, ts, dur, tdur
        double start = Double.NaN;
        double end = Double.NaN;
        try (com.fasterxml.jackson.core.JsonParser parser = json.getFactory().createParser(file.toFile())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && "traceEvents".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        com.fasterxml.jackson.databind.JsonNode e = json.readTree(parser);
                        String name = e.path("name").asText();
                        String key = e.path("pid").asText() + "/" + e.path("tid").asText();
                        if ("thread_name".equals(name)) {
                            threadNames.put(key, e.path("args").path("name").asText());
                        } else if ("RunTask".equals(name) && "X".equals(e.path("ph").asText())) {
                            tasks.add(new double[] {e.path("pid").asDouble(), e.path("tid").asDouble(), e.path("ts").asDouble(),
                                e.path("dur").asDouble() / 1000, e.path("tdur").asDouble() / 1000});
                        } else if ("TimeStamp".equals(name)) {
                            String message = e.path("args").path("data").path("message").asText();
                            if ("pagebench-start".equals(message)) {
                                start = e.path("ts").asDouble();
                            } else if ("pagebench-end".equals(message)) {
                                end = e.path("ts").asDouble();
                            }
                        }
                    }
                }
            }
        }
        if (Double.isNaN(start) || Double.isNaN(end)) {
            return null;
        }
        final double from = start;
        final double to = end;
        // The page's main thread: the renderer main thread with the most tasks in the window.
        Map<String, List<double[]>> byThread = new java.util.HashMap<>();
        for (double[] t : tasks) {
            String key = (long) t[0] + "/" + (long) t[1];
            if (t[2] >= from && t[2] <= to && "CrRendererMain".equals(threadNames.get(key))) {
                byThread.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        List<double[]> main = byThread.values().stream().max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
        if (main.isEmpty()) {
            return null;
        }
        double[] longest = main.stream().max(java.util.Comparator.comparingDouble(t -> t[3])).get();
        double[] mostCpu = main.stream().max(java.util.Comparator.comparingDouble(t -> t[4])).get();
        double cpu = main.stream().mapToDouble(t -> t[4]).sum();
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("longestWall", new double[] {longest[3], longest[4]});
        out.put("mostCpu", new double[] {mostCpu[3], mostCpu[4]});
        out.put("counts", new double[] {main.size(), main.stream().filter(t -> t[3] > 50).count(),
            main.stream().filter(t -> t[4] > 50).count(), 100 * cpu / ((to - from) / 1000)});
        return out;
    }

    private HeapSample heapSample(double at) {
        double before = ((Number) browser.js("return performance.now()")).doubleValue();
        browser.cdp("HeapProfiler.collectGarbage", Map.of());
        double after = ((Number) browser.js("return performance.now()")).doubleValue();
        browser.js("window.__bench.exclude(arguments[0], arguments[1] + 50)", before, after);
        Map<String, Object> usage = browser.cdp("Runtime.getHeapUsage", Map.of());
        long nodes = metrics().getOrDefault("Nodes", -1.0).longValue();
        long held = num(browser.js("return window.webconsole.state().held"));
        return new HeapSample(at, held, ((Number) usage.get("usedSize")).doubleValue() / (1024 * 1024), nodes, after - before);
    }

    private void bigStoreRun() throws Exception {
        int rows = settings.rows();
        ConsoleHub hub = startHub();
        try {
            open(hub);
            long maxRows = num(browser.js("return window.webconsole.state().maxRows"));
            if (maxRows < rows) {
                WebElement input = byId("max-rows");
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(rows), Keys.ENTER);
            }
            Publisher p = new Publisher(hub, mix, settings.fillRate(), rows);
            long fill0 = System.nanoTime();
            p.start();
            awaitCaughtUp(hub, p, Duration.ofSeconds(120));
            double fillSeconds = (System.nanoTime() - fill0) / 1e9;
            long held = num(browser.js("return window.webconsole.state().held"));
            long gaps = num(browser.js("return window.webconsole.gaps().length"));
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());

            List<Timing> timings = new ArrayList<>();
            browser.js("window.__bench.start()");
            filterSamples(timings, "");
            Map<String, Object> filterPage = browser.js("return window.__bench.stop()");
            Map<String, Object> livePage = null;
            if (settings.liveRate() > 0) {
                Publisher live = new Publisher(hub, mix, settings.liveRate(), Long.MAX_VALUE / 2);
                live.start();
                try {
                    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
                    browser.js("window.__bench.start()");
                    filterSamples(timings, String.format(Locale.ROOT, ", live %,d ev/s", settings.liveRate()));
                    livePage = browser.js("return window.__bench.stop()");
                } finally {
                    live.stop.set(true);
                    live.join();
                }
                awaitCaughtUp(hub, live, Duration.ofSeconds(30));
                browser.js("document.getElementById('follow').click()");
                awaitQuiet();
            }

            Map<String, Object> scroll = browser.js("return window.__bench.scrollTest(arguments[0], arguments[1])", 20, 120);
            HeapSample heap = heapSample(0);
            bigStoreTable(rows, held, gaps, fillSeconds, timings, filterPage, livePage, scroll, heap);
        } finally {
            hub.stop();
        }
    }

    /** Types into #search and switches #level, {@code samples} times each; adds four timings. */
    private void filterSamples(List<Timing> timings, String suffix) {
        String[] queries = {"timed out", "customer 4", "status=500", "warehouse lyon", "pool stats", "exec-17", "SKU-0", "redis",
            "example.com", "attempt 3"};
        boolean live = !suffix.isEmpty();
        int n = settings.samples();
        WebElement search = byId("search");
        Timing typed = new Timing("search: type a word (incl. 120 ms debounce)" + suffix, new double[n], new double[n], new ArrayList<>());
        Timing cleared = new Timing("search: clear (back to all rows)" + suffix, new double[n], new double[n], new ArrayList<>());
        for (int i = 0; i < n; i++) {
            String q = queries[i % queries.length];
            measure(typed, i, true, live, () -> search.sendKeys(q));
            measure(cleared, i, false, live, () -> search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE));
        }
        Select level = new Select(byId("level"));
        Timing warn = new Timing("#level: TRACE -> WARN" + suffix, new double[n], new double[n], new ArrayList<>());
        Timing trace = new Timing("#level: WARN -> TRACE (hub replays history)" + suffix, new double[n], new double[n], new ArrayList<>());
        for (int i = 0; i < n; i++) {
            measure(warn, i, true, live, () -> level.selectByValue("WARN"));
            measure(trace, i, false, live, () -> level.selectByValue("TRACE"));
        }
        timings.addAll(List.of(typed, cleared, warn, trace));
    }

    /**
     * Performs an input and records, in ms after the last input event, when #shown first said the
     * view is (or is no longer) filtered, and the next frame after that (NaN on time-out).
     */
    private void measure(Timing into, int i, boolean filtered, boolean live, Runnable action) {
        browser.js("window.__bench.arm(arguments[0])", filtered);
        action.run();
        into.applied()[i] = Double.NaN;
        into.painted()[i] = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> r = browser.js("return window.__bench.result()");
            if (r.get("painted") instanceof Number painted && r.get("input") instanceof Number input) {
                double at = input.doubleValue();
                into.applied()[i] = ((Number) r.get("applied")).doubleValue() - at;
                into.painted()[i] = painted.doubleValue() - at;
                into.views().add(String.valueOf(r.get("shown")));
                break;
            }
            LockSupport.parkNanos(20_000_000);
        }
        if (live) {
            LockSupport.parkNanos(300_000_000L);
        } else {
            awaitQuiet(); // a wider filter asks the hub for a replay of its history
        }
    }

    /** Waits until the page has had nothing to apply for 300 ms. */
    private void awaitQuiet() {
        long quietSince = System.nanoTime();
        long deadline = quietSince + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!Boolean.TRUE.equals(browser.js("return window.webconsole.idle()"))) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 300_000_000L) {
                return;
            }
            LockSupport.parkNanos(30_000_000);
        }
    }

    // ---- helpers ----

    private static ConsoleHub startHub() {
        ConsoleHub hub = new ConsoleHub(HubConfig.builder().port(0).build());
        hub.start();
        return hub;
    }

    private void open(ConsoleHub hub) {
        browser.open(hub.url().toString());
        browser.await("the page to connect", d -> "connected".equals(browser.js("return window.webconsole.state().connection")));
        browser.cdp("Performance.enable", Map.of());
    }

    private void awaitCaughtUp(ConsoleHub hub, Publisher p, Duration limit) throws InterruptedException {
        p.join(limit.toMillis());
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long want = hub.stats().lastSeq();
            List<Object> s = browser.js("const w = window.webconsole; return [w.lastSeq(), w.idle()];");
            if (!p.isAlive() && num(s.get(0)) >= want && Boolean.TRUE.equals(s.get(1))) {
                return;
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (browser.cdp("Performance.getMetrics", Map.of()).get("metrics") instanceof List<?> list) {
            for (Object m : list) {
                if (m instanceof Map<?, ?> metric && metric.get("value") instanceof Number v) {
                    out.put(String.valueOf(metric.get("name")), v.doubleValue());
                }
            }
        }
        return out;
    }

    record Cpu(String type, long nanos) {}

    private static final java.util.regex.Pattern PROCESS_TYPE = java.util.regex.Pattern.compile("--type=([a-z-]+)");

    /** CPU time so far of this JVM (key 0) and of every process it started (chromedriver, Chromium's processes). */
    private static Map<Long, Cpu> cpu() {
        Map<Long, Cpu> out = new LinkedHashMap<>();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            out.put(0L, new Cpu("jvm", os.getProcessCpuTime()));
        }
        ProcessHandle.current().descendants().forEach(ph -> {
            long nanos = ph.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            if (nanos < 0) {
                return;
            }
            String type = "browser";
            try {
                String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(ph.pid()), "cmdline")));
                java.util.regex.Matcher m = PROCESS_TYPE.matcher(cmdline);
                if (m.find()) {
                    type = m.group(1);
                } else if (cmdline.contains("chromedriver")) {
                    type = "chromedriver";
                }
            } catch (IOException | RuntimeException e) {
                type = "other";
            }
            out.put(ph.pid(), new Cpu(type, nanos));
        });
        return out;
    }

    /** CPU ms per second of wall time between two snapshots, by process type ("renderer", "gpu-process", "browser", "jvm", ...). */
    private static Map<String, Double> cpuPerSecond(Map<Long, Cpu> before, Map<Long, Cpu> after, double seconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((pid, c) -> {
            Cpu b = before.get(pid);
            long delta = c.nanos() - (b == null ? 0 : b.nanos());
            out.merge(c.type(), delta / 1e6 / seconds, Double::sum);
        });
        return out;
    }

    private WebElement byId(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    static double quantile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    /** A long task's duration, or "<50 ms" when there was none. */
    private static String ms(Object longest) {
        double d = longest instanceof Number n ? n.doubleValue() : 0;
        return d <= 0 ? "<50 ms" : String.format(Locale.ROOT, "%.0f ms", d);
    }

    private static String heapSeries(RateRun run) {
        StringBuilder sb = new StringBuilder();
        for (HeapSample h : run.heap()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%.0f", h.usedMb()));
        }
        return sb.toString();
    }

    private void line(String format, Object... args) {
        String s = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }

    /** Median over repeats of a figure, with the worst in brackets when there are several. */
    private static String agg(List<RateRun> runs, java.util.function.ToDoubleFunction<RateRun> f, String fmt, boolean worstIsMax) {
        double[] v = runs.stream().mapToDouble(f).toArray();
        String m = String.format(Locale.ROOT, fmt, median(v));
        if (v.length < 2) {
            return m;
        }
        double worst = worstIsMax ? Arrays.stream(v).max().orElse(Double.NaN) : Arrays.stream(v).min().orElse(Double.NaN);
        return m + " (" + String.format(Locale.ROOT, fmt, worst) + ")";
    }

    /** The longest task, median over runs (worst); "<50 ms" when no task reached the Long Tasks API's 50 ms. */
    private static String longest(List<RateRun> runs) {
        double[] v = runs.stream().mapToDouble(r -> r.num("longest")).toArray();
        java.util.function.DoubleFunction<String> f = d -> d <= 0 ? "<50 ms" : String.format(Locale.ROOT, "%.0f ms", d);
        String m = f.apply(median(v));
        return v.length < 2 ? m : m + " (" + f.apply(Arrays.stream(v).max().orElse(0)) + ")";
    }

    private void rateTable(List<List<RateRun>> byRate) {
        line("Steady rate: one fresh hub and tab per run; lag = published - webconsole.lastSeq()%s",
                settings.repeats() > 1 ? "; median of " + settings.repeats() + " runs (worst)" : "");
        String cols = settings.repeats() > 1
                ? "| %-9s | %-15s | %-10s | %-13s | %-11s | %-7s | %-15s | %-10s | %-12s | %-12s | %-13s | %-9s | %-8s |"
                : "| %-9s | %-9s | %-10s | %-13s | %-11s | %-7s | %-12s | %-10s | %-12s | %-12s | %-12s | %-8s | %-8s |";
        String header = String.format(Locale.ROOT, cols,
                "rate ev/s", "achieved", "lag p50 ms", "lag growth ms", "pending max", "dropped", "longest task", "long tasks",
                "frame p50 ms", "frame p95 ms", "renderer CPU", "drain ms", "keeps up");
        line(header);
        line(header.replaceAll("[^|]", "-"));
        for (List<RateRun> runs : byRate) {
            RateRun r0 = runs.get(0);
            long keeping = runs.stream().filter(RateRun::keepsUp).count();
            line(cols,
                    String.format(Locale.ROOT, "%,d", r0.rate()),
                    agg(runs, RateRun::achievedRate, "%,.0f", false),
                    agg(runs, r -> r.lagMedian() * 1000.0 / r.rate(), "%,.0f", true),
                    agg(runs, r -> r.lagGrowth() * 1000.0 / r.rate(), "%,.0f", true),
                    agg(runs, r -> r.pendingMax(), "%.0f", true),
                    agg(runs, r -> r.dropped() + r.gaps(), "%.0f", true),
                    longest(runs),
                    agg(runs, r -> r.num("longCount"), "%.0f", true),
                    agg(runs, r -> r.num("p50"), "%.1f", true),
                    agg(runs, r -> r.num("p95"), "%.1f", true),
                    agg(runs, r -> r.num("cpu.renderer") / 10, "%.0f %%", true),
                    agg(runs, RateRun::drainMillis, "%.0f", true),
                    keeping == runs.size() ? "yes" : keeping == 0 ? "no" : keeping + "/" + runs.size());
        }
        line("  lag p50: events published but not yet in the page's store, sampled in the page every 250 ms, as ms at the rate;");
        line("  lag growth: median lag of the last third of the run minus that of the first third (after 3 s), ms at the rate;");
        line("  dropped: hub ingest + session drops + gap rows in the page; drain: time to catch up after publishing stops;");
        line("  keeps up: growth <= 250 ms of events, nothing dropped, every event received, drain <= 2 s.");
        line("  renderer CPU: CPU time of Chromium's renderer processes (/proc) per second of the run, in % of one core.");
        line("  CPU per second, ms (/proc, all processes this run started, and this JVM): %s",
                String.join("; ", byRate.stream().map(runs -> String.format(Locale.ROOT,
                        "%,d ev/s: renderer %s, GPU %s, browser %s, JVM (hub, publisher, WebDriver) %s", runs.get(0).rate(),
                        agg(runs, r -> r.num("cpu.renderer"), "%.0f", true),
                        agg(runs, r -> r.num("cpu.gpu-process"), "%.0f", true),
                        agg(runs, r -> r.num("cpu.browser"), "%.0f", true),
                        agg(runs, r -> r.num("cpu.jvm"), "%.0f", true))).toList()));
        line("  Main thread per second of the run (CDP Performance.getMetrics): %s",
                String.join("; ", byRate.stream().map(runs -> String.format(Locale.ROOT,
                        "%,d ev/s: busy %s ms (script %s, layout %s, style %s) wall time", runs.get(0).rate(),
                        agg(runs, r -> r.num("TaskDuration") * 1000, "%.0f", true),
                        agg(runs, r -> r.num("ScriptDuration") * 1000, "%.0f", true),
                        agg(runs, r -> r.num("LayoutDuration") * 1000, "%.0f", true),
                        agg(runs, r -> r.num("RecalcStyleDuration") * 1000, "%.0f", true))).toList()));
        line("  Longest animation frame over 50 ms (Long Animation Frames API, all runs): %s", String.join("; ", byRate.stream().map(runs -> {
            RateRun worst = runs.stream().max(java.util.Comparator.comparingDouble(r -> r.num("loafMs"))).get();
            String loaf = String.valueOf(worst.page().get("loaf"));
            return String.format(Locale.ROOT, "%,d ev/s %s", worst.rate(), loaf.isEmpty() ? "none" : loaf);
        }).toList()));
        line("  Long tasks and frame times leave out the forced GCs of the heap samples (longest GC-overlapping task: %s).",
                byRate.stream().flatMap(List::stream).map(r -> String.format(Locale.ROOT, "%.0f ms", r.num("gcLongest"))).toList());
        line("");
    }

    private void heapTable(List<List<RateRun>> byRate) {
        if (settings.heapEverySeconds() <= 0) {
            return;
        }
        line("JS heap after a forced GC (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage), MB, every %d s; rows held; DOM nodes",
                settings.heapEverySeconds());
        for (List<RateRun> runs : byRate) {
            for (int i = 0; i < runs.size(); i++) {
                RateRun r = runs.get(i);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %,7d ev/s%s:", r.rate(), runs.size() > 1 ? " #" + (i + 1) : ""));
                for (HeapSample h : r.heap()) {
                    sb.append(String.format(Locale.ROOT, "  %3.0fs %5.1f MB (%,d rows, %,d nodes)", h.seconds(), h.usedMb(), h.held(), h.domNodes()));
                }
                line("%s", sb.toString());
            }
        }
        line("");
    }

    private void bigStoreTable(int rows, long held, long gaps, double fillSeconds, List<Timing> timings, Map<String, Object> filterPage,
            Map<String, Object> livePage, Map<String, Object> scroll, HeapSample heap) {
        line("%,d rows held (filled at %,d ev/s in %.1f s; %,d held, %d gaps), %d samples each; ms from the last input event%s",
                rows, settings.fillRate(), fillSeconds, held, gaps, settings.samples(),
                settings.liveRate() > 0 ? String.format(Locale.ROOT, "; then again while %,d ev/s arrive (the bound trims as many)", settings.liveRate()) : "");
        String header = String.format(Locale.ROOT, "| %-60s | %-12s | %-12s | %-12s | %-12s | %-40s |",
                "action", "applied p50", "applied max", "painted p50", "painted max", "view after");
        line(header);
        line(header.replaceAll("[^|]", "-"));
        for (Timing t : timings) {
            line("| %-60s | %-12s | %-12s | %-12s | %-12s | %-40s |", t.action(),
                    String.format(Locale.ROOT, "%.0f", median(t.applied())),
                    String.format(Locale.ROOT, "%.0f", quantile(t.applied(), 1)),
                    String.format(Locale.ROOT, "%.0f", median(t.painted())),
                    String.format(Locale.ROOT, "%.0f", quantile(t.painted(), 1)),
                    t.view());
        }
        line("  applied: #shown first says the view is (not) filtered; painted: the next animation frame after that.");
        line("  longest task while filtering: %s (%s long tasks)%s", ms(filterPage.get("longest")), filterPage.get("longCount"),
                livePage == null ? "" : String.format(Locale.ROOT, "; with the live stream: %s (%s long tasks), frames p50/p95 %.1f/%.1f ms",
                        ms(livePage.get("longest")), livePage.get("longCount"),
                        ((Number) livePage.get("p50")).doubleValue(), ((Number) livePage.get("p95")).doubleValue()));
        @SuppressWarnings("unchecked")
        List<Object> lat = (List<Object>) scroll.get("latencies");
        double[] latencies = lat.stream().mapToDouble(o -> ((Number) o).doubleValue()).map(d -> d < 0 ? Double.NaN : d).toArray();
        @SuppressWarnings("unchecked")
        Map<String, Object> ss = (Map<String, Object>) scroll.get("summary");
        line("Scrolling #scroller (%,d px tall): %d jumps to far positions, then %s frames stepping %,d px each",
                num(scroll.get("height")), latencies.length, scroll.get("steps"), num(scroll.get("step")));
        line("  jump until rows cover the viewport: p50 %.0f ms, max %.0f ms; jumps where the view stayed at the new position: %s of %d;"
                + " sweep frames with the viewport blank: %s of %s",
                median(latencies), quantile(latencies, 1), scroll.get("moved"), latencies.length, scroll.get("blank"), scroll.get("steps"));
        line("  frames while scrolling: p50 %.1f ms, p95 %.1f ms, max %.1f ms; longest task %s (%s long tasks)",
                ((Number) ss.get("p50")).doubleValue(), ((Number) ss.get("p95")).doubleValue(), ((Number) ss.get("max")).doubleValue(),
                ms(ss.get("longest")), ss.get("longCount"));
        line("  heap after GC with %,d rows: %.1f MB, %,d DOM nodes", heap.held(), heap.usedMb(), heap.domNodes());
        line("");
    }
}
