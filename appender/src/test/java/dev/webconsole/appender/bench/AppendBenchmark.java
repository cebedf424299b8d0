package dev.webconsole.appender.bench;

import dev.webconsole.appender.WebConsoleAppender;
import dev.webconsole.server.HubStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one {@code logger.info(...)} on the application thread, through a real
 * {@link LoggerContext} whose root logger has exactly one appender:
 *
 * <ul>
 *   <li>{@code null}: Log4j's NullAppender, the floor (the logger call and nothing else);
 *   <li>{@code async}: AsyncAppender {@code blocking="false"} in front of a NullAppender;
 *   <li>{@code socket}: SocketAppender (TCP, PatternLayout) to a loopback sink that discards;
 *   <li>{@code webconsole}: {@code <WebConsole>} with default settings and no tab;
 *   <li>{@code webconsole-10tabs}: the same with 10 connected tabs that read everything;
 *   <li>{@code webconsole-stalled}: the same with one connected tab that never reads;
 *   <li>{@code publish}: {@code <WebConsole hub="ws://...">} publishing to a hub in another JVM, one tab reading;
 *   <li>{@code publish-samejvm}: the same with the hub and its tab in this JVM, so that their threads and
 *       garbage collections are charged to the application (which publish mode exists to avoid).
 * </ul>
 *
 * Besides JMH's wall-clock time per call, {@link CallerCpu} measures the CPU time the calling thread
 * itself spends per call: on a machine with few cores the wall time also holds the time the caller
 * waited for a core while the hub's (or AsyncAppender's) threads used it.
 *
 * <p>Run it with {@link AppendBench}, which sets threads, iterations and the GC profiler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AppendBenchmark {
    static final String[] CONFIGS = {"null", "async", "socket", "webconsole", "webconsole-10tabs", "webconsole-stalled", "publish",
        "publish-samejvm"};

    private static final String ORDER = "A-10042";
    private static final String CUSTOMER = "customer-7";
    private static final String CARRIER = "express";

    @Param({"null", "async", "socket", "webconsole", "webconsole-10tabs", "webconsole-stalled", "publish", "publish-samejvm"})
    public String config;

    private LoggerContext context;
    private Logger logger;
    private TcpSink sink;
    private dev.webconsole.server.ConsoleHub publishHub;
    private HubProcess hubProcess;
    private final List<RawTab> tabs = new ArrayList<>();

    @Setup(Level.Trial)
    public void start() throws IOException {
        if (config.equals("socket")) {
            sink = new TcpSink();
        }
        if (config.equals("publish")) {
            hubProcess = HubProcess.start();
        }
        if (config.equals("publish-samejvm")) {
            publishHub = new dev.webconsole.server.ConsoleHub(dev.webconsole.server.HubConfig.builder().port(0)
                    .publisherToken(PublishLoad.TOKEN).build());
            publishHub.start();
            tabs.add(RawTab.open(publishHub.port(), true, "bench-tab-publish"));
        }
        context = new LoggerContext("bench-" + config);
        String xml = configuration(config, sink != null ? sink.port() : publishHub != null ? publishHub.port()
                : hubProcess != null ? hubProcess.port() : 0);
        ConfigurationSource source = new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        context.start(new XmlConfiguration(context, source));
        if (context.getConfiguration().getAppender("a") == null) {
            throw new IllegalStateException("appender for " + config + " did not start: " + xml);
        }
        logger = context.getLogger("com.acme.shop.OrderService");
        if (config.startsWith("webconsole-")) {
            WebConsoleAppender web = context.getConfiguration().getAppender("a");
            int port = web.url().getPort();
            boolean stalled = config.equals("webconsole-stalled");
            int count = stalled ? 1 : 10;
            for (int i = 0; i < count; i++) {
                tabs.add(RawTab.open(port, !stalled, "bench-tab-" + i));
            }
            awaitTabs(web, count);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        if (config.startsWith("webconsole")) {
            WebConsoleAppender web = context.getConfiguration().getAppender("a");
            HubStats s = web.hub().stats();
            long offered = s.published() + s.ingestDropped();
            System.out.printf("%nhub: %d events offered, %.1f%% dropped at the ingest queue, %d dropped from tab queues%n",
                    offered, offered == 0 ? 0.0 : 100.0 * s.ingestDropped() / offered, s.tabDropped());
        }
        context.stop(); // closes the tabs first, from the hub's side (a stalled one within the stop timeout)
        for (RawTab tab : tabs) {
            tab.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (publishHub != null) {
            HubStats s = publishHub.stats();
            System.out.printf("%nhub (publish): %d events received from the publisher%n", s.published());
            publishHub.stop();
        }
        if (hubProcess != null) {
            System.out.printf("%nhub (publish, its own JVM): %s%n", hubProcess.stop());
        }
    }

    @Benchmark
    public void info(CallerCpu cpu) {
        logger.info("order {} shipped to {} by {}", ORDER, CUSTOMER, CARRIER);
        cpu.calls++;
    }

    /** The calling thread's own CPU time and calls in one iteration; AppendBench divides them. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CallerCpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long calls;
        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void begin() {
            calls = 0;
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void end() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    static String configuration(String config, int sinkPort) {
        String appenders = switch (config) {
            case "null" -> "<Null name=\"a\"/>";
            case "async" -> "<Null name=\"sink\"/>"
                    + "<Async name=\"a\" blocking=\"false\"><AppenderRef ref=\"sink\"/></Async>";
            case "socket" -> "<Socket name=\"a\" host=\"127.0.0.1\" port=\"" + sinkPort + "\" protocol=\"TCP\">"
                    + "<PatternLayout pattern=\"%d %-5p %c [%t] %m%n\"/></Socket>";
            case "webconsole", "webconsole-10tabs", "webconsole-stalled" -> "<WebConsole name=\"a\" port=\"0\"/>";
            case "publish", "publish-samejvm" -> "<WebConsole name=\"a\" hub=\"ws://127.0.0.1:" + sinkPort + "\" publisherToken=\""
                    + PublishLoad.TOKEN + "\"/>";
            default -> throw new IllegalArgumentException("unknown config " + config);
        };
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>%s</Appenders>
                  <Loggers><Root level="info"><AppenderRef ref="a"/></Root></Loggers>
                </Configuration>
                """.formatted(appenders);
    }

    private static void awaitTabs(WebConsoleAppender web, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (web.hub().stats().tabs() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + web.hub().stats().tabs() + " of " + count + " tabs connected");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
