package dev.webconsole.appender.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.appender.WebConsoleAppender;
import dev.webconsole.server.HubStats;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/**
 * The fan-out load tool. This JVM runs the hub, fed by {@code <WebConsole>} from a real
 * LoggerContext; {@link LoadClients} runs N tabs in a second JVM started with the same classpath.
 * For each N it logs a fixed number of events as fast as the hub takes them ({@code whenFull="block"},
 * so the producer is held back rather than dropping), then the same at fixed steady rates; each run
 * reports delivered events/s per tab and in total, end-to-end latency (log call to arrival, epoch
 * microseconds in the message, both JVMs share the clock), gaps, holes and duplicates, bytes per
 * event on the wire, and the hub JVM's CPU per delivered event (process CPU minus the logging
 * thread). The loopback ceiling sends the same event bytes over a plain TCP socket to a reader in
 * the client JVM.
 *
 * <p>System properties: {@code bench.clients} (1,10,100), {@code bench.compression} (false,true),
 * {@code bench.events} (events of the as-fast-as-possible run, per entry of bench.clients:
 * 2000000,500000,100000), {@code bench.rates} (10,10000,target; "target" is the throughput target
 * for that N: 500000, 150000, 15000), {@code bench.steadySeconds} (5), {@code bench.slowSeconds}
 * (20, for rates below 100/s), {@code bench.ceilingEvents} (10000000), {@code bench.clientJvm}
 * (-Xmx1g). Memory run ({@code -Dbench=memory}): {@code bench.memorySeconds} (300),
 * {@code bench.memoryRate} (5000), {@code bench.memoryClients} (100).
 */
final class FanOutLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGGER = "com.acme.shop.OrderService";

    private FanOutLoad() {}

    record Run(boolean compression, int clients, String name, long events, double offeredRate, JsonNode result,
            double hubCpuMicrosPerEvent) {}

    static void run(boolean memory) throws Exception {
        if (memory) {
            memory();
            return;
        }
        int[] clients = ints(System.getProperty("bench.clients", "1,10,100"));
        long[] events = Arrays.stream(System.getProperty("bench.events", "2000000,500000,100000").split(","))
                .mapToLong(Long::parseLong).toArray();
        String[] rates = System.getProperty("bench.rates", "10,10000,target").split(",");
        String[] compressions = System.getProperty("bench.compression", "false,true").split(",");
        long ceilingEvents = Long.getLong("bench.ceilingEvents", 10_000_000);

        List<Run> runs = new ArrayList<>();
        String before = AppendBench.machine();
        double ceilingRate = 0;
        int plainJsonBytes = plainEventJson(1, System.currentTimeMillis() * 1000).length;
        for (String c : compressions) {
            boolean compression = Boolean.parseBoolean(c);
            try (Hub hub = new Hub(compression, 2 * Arrays.stream(clients).max().orElse(1) + 10)) {
                for (int ci = 0; ci < clients.length; ci++) {
                    int n = clients[ci];
                    long count = events[Math.min(ci, events.length - 1)];
                    try (Child child = new Child(hub.port(), n, compression, hub.nextSeq() - 1)) {
                        if (ceilingRate == 0) {
                            ceilingRate = ceiling(child, ceilingEvents);
                        }
                        hub.run(child, "warm-up", Math.max(20_000, count / 5), 0); // JIT in both JVMs
                        runs.add(hub.record(child, n, "max", count, 0));
                        for (String r : rates) {
                            double rate = r.equals("target") ? target(n) : Double.parseDouble(r);
                            double seconds = rate < 100 ? Double.parseDouble(System.getProperty("bench.slowSeconds", "20"))
                                    : Double.parseDouble(System.getProperty("bench.steadySeconds", "5"));
                            runs.add(hub.record(child, n, "rate " + (long) rate, Math.max(1, (long) (rate * seconds)), rate));
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println(table(runs, ceilingRate, plainJsonBytes));
        System.out.println("machine before: " + before + "; after: " + AppendBench.machine());
    }

    static double target(int clients) {
        return clients <= 1 ? 500_000 : clients <= 10 ? 150_000 : 15_000;
    }

    /** 100 tabs at a steady rate for minutes; the hub's heap after each GC is sampled every 10 s. */
    private static void memory() throws Exception {
        int n = Integer.getInteger("bench.memoryClients", 100);
        long seconds = Long.getLong("bench.memorySeconds", 300);
        double rate = Double.parseDouble(System.getProperty("bench.memoryRate", "5000"));
        boolean compression = Boolean.parseBoolean(System.getProperty("bench.compression", "false"));
        List<String> samples = new ArrayList<>();
        Run run;
        try (Hub hub = new Hub(compression, n + 10); Child child = new Child(hub.port(), n, compression, hub.nextSeq() - 1)) {
            long start = System.nanoTime();
            hub.sampler = () -> samples.add(String.format(Locale.ROOT, "%8.0f %14.1f %12.1f %12.1f",
                    (System.nanoTime() - start) / 1e9, heapAfterGcMb(), heapUsedMb(),
                    Runtime.getRuntime().maxMemory() / 1048576.0));
            run = hub.record(child, n, "memory " + (long) rate + "/s " + seconds + " s", (long) (rate * seconds), rate);
        }
        StringBuilder out = new StringBuilder("\nMemory: the hub JVM's heap, sampled every 10 s\n");
        out.append(String.format("%8s %14s %12s %12s%n", "s", "after GC MB", "used MB", "max MB"));
        samples.forEach(s -> out.append(s).append('\n'));
        out.append(table(List.of(run), 0, plainEventJson(1, LoadClients.nowMicros()).length));
        System.out.println(out);
    }

    private static double heapAfterGcMb() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && usage != null) {
                used += usage.getUsed();
            }
        }
        return used / 1048576.0;
    }

    private static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** The loopback ceiling: the same event bytes, a Java sender, a plain TCP reader in the client JVM. */
    private static double ceiling(Child child, long events) throws IOException, InterruptedException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int perChunk = 1_000;
        try (SequenceWriter writer = JSON.writer().withRootValueSeparator(",").writeValues(chunk)) {
            for (int i = 0; i < perChunk; i++) {
                writer.write(JSON.readTree(plainEventJson(1_000_000 + i, LoadClients.nowMicros())));
            }
        }
        byte[] bytes = chunk.toByteArray();
        long chunks = Math.max(1, events / perChunk);
        child.send("CEILING " + chunks * perChunk);
        int port = Integer.parseInt(child.expect("CEILING-PORT ").trim());
        long start;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            start = LoadClients.nowMicros();
            for (long i = 0; i < chunks; i++) {
                out.write(bytes);
            }
            socket.shutdownOutput();
            JsonNode result = JSON.readTree(child.expect("RESULT "));
            if (result.path("bytes").asLong() != chunks * bytes.length) {
                throw new IllegalStateException("the ceiling reader got " + result.path("bytes") + " of " + chunks * bytes.length + " bytes");
            }
            double rate = chunks * perChunk * 1e6 / (result.path("endMicros").asLong() - start);
            System.out.printf(Locale.ROOT, "ceiling: %d events (%d bytes) over loopback TCP at %.0f events/s%n",
                    chunks * perChunk, chunks * bytes.length, rate);
            return rate;
        }
    }

    /** An event as the hub encodes it, as one plain JSON object, for the ceiling and the size comparison. */
    static byte[] plainEventJson(long seq, long micros) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("seq", seq);
        event.put("time", micros / 1000);
        event.put("level", "INFO");
        event.put("logger", LOGGER);
        event.put("thread", "main");
        event.put("message", message(micros, seq));
        return JSON.writeValueAsBytes(event);
    }

    private static String message(long micros, long i) {
        return "t=" + micros + " order " + i + " shipped to customer-" + (i % 1000) + " by express";
    }

    static String table(List<Run> runs, double ceilingRate, int plainJsonBytes) {
        StringBuilder out = new StringBuilder();
        out.append("Fan-out: hub JVM fed by <WebConsole>, tabs in a second JVM; latency = log call to arrival\n");
        out.append(String.format("%-8s %5s %-12s %9s %10s %11s %11s %11s %8s %8s %8s %9s %6s %6s %8s %8s %9s %6s%n",
                "deflate", "tabs", "run", "events", "offered/s", "tab min/s", "tab med/s", "total/s", "p50 ms",
                "p99 ms", "p99.9 ms", "gap-lost", "holes", "dups", "ev/frame", "B/event", "CPU us/ev", "done"));
        for (Run r : runs) {
            JsonNode j = r.result();
            long delivered = j.path("delivered").asLong();
            out.append(String.format(Locale.ROOT,
                    "%-8s %5d %-12s %9d %10.0f %11.0f %11.0f %11.0f %8.2f %8.2f %8.2f %9d %6d %6d %8.1f %8.1f %9.2f %6s%n",
                    r.compression() ? "on" : "off", r.clients(), r.name(), r.events(), r.offeredRate(),
                    j.path("minRate").asDouble(), j.path("medianRate").asDouble(), j.path("totalRate").asDouble(),
                    j.path("p50").asLong() / 1000.0, j.path("p99").asLong() / 1000.0, j.path("p999").asLong() / 1000.0,
                    j.path("gapEvents").asLong(), j.path("holes").asLong(), j.path("duplicates").asLong(),
                    j.path("eventFrames").asLong() == 0 ? 0.0 : (double) delivered / j.path("eventFrames").asLong(),
                    delivered == 0 ? 0.0 : j.path("wireBytes").asDouble() / delivered, r.hubCpuMicrosPerEvent(),
                    j.path("completeTabs").asInt() + "/" + j.path("tabs").asInt()));
        }
        out.append(String.format(Locale.ROOT, "plain JSON object per event: %d bytes%n", plainJsonBytes));
        if (ceilingRate > 0) {
            out.append(String.format(Locale.ROOT, "loopback TCP ceiling, same bytes: %.0f events/s%n", ceilingRate));
            for (Run r : runs) {
                if (r.clients() == 1 && r.name().equals("max")) {
                    out.append(String.format(Locale.ROOT, "1 tab as fast as possible (deflate %s): %.0f events/s = %.1f%% of the ceiling%n",
                            r.compression() ? "on" : "off", r.result().path("totalRate").asDouble(),
                            100 * r.result().path("totalRate").asDouble() / ceilingRate));
                }
            }
        }
        return out.toString();
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The hub side: a LoggerContext with one {@code <WebConsole>} on port 0. */
    static final class Hub implements AutoCloseable {
        private final LoggerContext context;
        private final WebConsoleAppender appender;
        private final Logger logger;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runnable sampler;

        Hub(boolean compression, int maxTabs) throws IOException {
            String xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Configuration status="warn">
                      <Appenders>
                        <WebConsole name="web" port="0" maxTabs="%d" whenFull="block" maxWaitMillis="10000" compression="%s"/>
                      </Appenders>
                      <Loggers><Root level="info"><AppenderRef ref="web"/></Root></Loggers>
                    </Configuration>
                    """.formatted(maxTabs, compression);
            context = new LoggerContext("bench-fanout");
            context.start(new XmlConfiguration(context,
                    new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
            appender = context.getConfiguration().getAppender("web");
            if (appender == null) {
                throw new IllegalStateException("<WebConsole> did not start; see the status messages above");
            }
            logger = context.getLogger(LOGGER);
        }

        int port() {
            return appender.url().getPort();
        }

        /** The seq the next event will get: every event offered gets one, as an event or inside a gap. */
        long nextSeq() {
            HubStats s = appender.hub().stats();
            return s.published() + s.ingestDropped() + 1;
        }

        Run record(Child child, int clients, String name, long count, double rate) throws Exception {
            long cpu0 = os.getProcessCpuTime();
            long app0 = threads.getCurrentThreadCpuTime();
            long[] offered = new long[1];
            JsonNode result = run(child, name, count, rate, offered);
            long hubCpu = os.getProcessCpuTime() - cpu0 - (threads.getCurrentThreadCpuTime() - app0);
            long delivered = result.path("delivered").asLong();
            Run r = new Run(appender.hub().config().compression(), clients, name, count, count * 1e9 / offered[0], result,
                    delivered == 0 ? 0 : hubCpu / 1000.0 / delivered);
            System.out.println(table(List.of(r), 0, 0).lines().skip(2).findFirst().orElse(""));
            return r;
        }

        JsonNode run(Child child, String name, long count, double rate) throws Exception {
            return run(child, name, count, rate, new long[1]);
        }

        private JsonNode run(Child child, String name, long count, double rate, long[] logNanos) throws Exception {
            long first = nextSeq();
            long last = first + count - 1;
            double expectedSeconds = rate > 0 ? count / rate : count / 100_000.0;
            long timeout = (long) (expectedSeconds * 3) + 60;
            child.send("RUN " + first + " " + last + " " + timeout);
            child.expect("GO");
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
            long nextSample = start + TimeUnit.SECONDS.toNanos(10);
            for (long i = 0; i < count; ) {
                long now = System.nanoTime();
                long due = rate > 0 ? Math.min(count, (long) ((now - start) * rate / 1e9) + 1) : count;
                while (i < due) {
                    logger.info("t={} order {} shipped to customer-{} by express", LoadClients.nowMicros(), i, i % 1000);
                    i++;
                    if (rate == 0 && (i & 0xFFF) == 0 && System.nanoTime() > deadline) {
                        break;
                    }
                }
                if (sampler != null && now >= nextSample) {
                    sampler.run();
                    nextSample += TimeUnit.SECONDS.toNanos(10);
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("bench: " + name + " did not finish logging within " + timeout + " s");
                    break;
                }
                if (i < count && rate > 0) {
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            logNanos[0] = Math.max(1, System.nanoTime() - start);
            JsonNode result = JSON.readTree(child.expect("RESULT "));
            if (sampler != null) {
                sampler.run();
            }
            return result;
        }

        @Override
        public void close() {
            context.stop();
        }
    }

    /** The client JVM: {@link LoadClients} with the same classpath, spoken to line by line. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintStream in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(int port, int clients, boolean compression, long since) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(System.getProperty("bench.clientJvm", "-Xmx1g").trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadClients.class.getName(),
                    String.valueOf(port), String.valueOf(clients), String.valueOf(compression), String.valueOf(since)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    System.err.println("bench: lost the client JVM's output: " + e);
                }
            }, "bench-child-output");
            reader.setDaemon(true);
            reader.start();
            expect("READY");
        }

        void send(String line) {
            in.println(line);
        }

        /** The rest of the next line that starts with the prefix; other lines are passed to stderr. */
        String expect(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (true) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the client JVM said nothing starting with " + prefix
                                + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
                    }
                    continue;
                }
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
                System.err.println("client: " + line);
            }
        }

        @Override
        public void close() throws InterruptedException {
            send("QUIT");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }
}
