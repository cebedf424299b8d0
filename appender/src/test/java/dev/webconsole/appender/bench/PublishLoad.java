package dev.webconsole.appender.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * {@code mvn -Pbench -Dbench=publish}: events logged in other JVMs, read by tabs in this one, with
 * the hub embedded in the logging JVM (the baseline) or the standalone hub ({@code HubMain}) in a JVM
 * of its own, fed by publishing appenders.
 * Part 1: one logging JVM at fixed offered rates, one tab that must get every event without a gap.
 * Part 2: 30,000 events/s to 10 tabs: embedded, one JVM at 30,000/s; publish, three JVMs at
 * 10,000/s each; latency from the log call to the tab (messages carry the call's epoch microseconds).
 * Each logging JVM first logs {@code bench.warmupSeconds} (20) at the same rate, not measured, and
 * in publish mode logging starts once the hub has every publisher connected. {@code bench.appJvm}
 * holds the logging JVMs' options, separated by {@code |}; {@code bench.timeline=true} prints the
 * worst latency of each half second.
 */
public final class PublishLoad {
    static final String TOKEN = "bench-publisher-token";

    private PublishLoad() {}

    static void run() throws Exception {
        String[] rates = System.getProperty("bench.publishRates", "100000,200000,300000").split(",");
        int seconds = Integer.getInteger("bench.publishSeconds", 5);
        int spread = Integer.getInteger("bench.spreadRate", 10_000);
        int spreadSeconds = Integer.getInteger("bench.spreadSeconds", 10);
        int spreadJvms = Integer.getInteger("bench.spreadJvms", 3);
        WebSocketCoreClient client = new WebSocketCoreClient();
        client.start();
        try {
            System.out.printf("%-9s %-22s %10s %12s %10s %6s %6s %8s %8s %8s %6s%n", "mode", "load", "events", "delivered/s",
                    "gap-lost", "holes", "tabs", "p50 ms", "p99 ms", "max ms", "cores");
            for (String rate : rates) {
                if (rate.isBlank() || rate.equals("none")) {
                    continue; // only the 10-tab part
                }
                long r = Long.parseLong(rate.strip());
                for (String mode : List.of("embedded", "publish")) {
                    report(mode, "1 JVM at " + r + "/s, 1 tab", run(client, mode, 1, r, r * seconds, 1));
                }
            }
            if (spread <= 0) {
                return; // only the 1-tab part
            }
            if (!Boolean.getBoolean("bench.publishOnly")) {
                report("embedded", "1 JVM at " + 3 * spread + "/s, 10 tabs",
                        run(client, "embedded", 1, 3L * spread, 3L * spread * spreadSeconds, 10));
            }
            report("publish", spreadJvms + " JVMs at " + 3 * spread / spreadJvms + "/s, 10 tabs",
                    run(client, "publish", spreadJvms, 3L * spread / spreadJvms, 3L * spread / spreadJvms * spreadSeconds, 10));
        } finally {
            client.stop();
        }
    }

    /** {@code cores}: CPU time of every JVM of the run (loggers, hub, tabs) per wall time while the measured events flowed. */
    private record Result(long events, double deliveredPerSecond, long gapLost, long holes, int tabs, LatencyHistogram latency,
            double cores) {}

    private static void report(String mode, String load, Result r) {
        System.out.printf("%-9s %-22s %10d %12.0f %10d %6d %6d %8s %8s %8s %6.2f%n", mode, load, r.events,
                r.deliveredPerSecond, r.gapLost, r.holes, r.tabs, millis(r.latency.percentile(0.5)),
                millis(r.latency.percentile(0.99)), millis(r.latency.percentile(1.0)), r.cores);
    }

    private static long cpuNanos(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** Microseconds as milliseconds; the histogram's last bucket holds everything over 10 s. */
    private static String millis(long micros) {
        return micros > 10_000_000 ? ">10000" : String.format("%.2f", micros / 1000.0);
    }

    private static Result run(WebSocketCoreClient client, String mode, int jvms, long rate, long perJvm, int tabCount)
            throws Exception {
        Process hub = null;
        List<Process> apps = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        List<Tab> tabs = new ArrayList<>();
        try {
            int port = 0;
            if (mode.equals("publish")) { // the standalone hub, in a JVM of its own as the tabs' embedded hub is
                hub = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                        "dev.webconsole.server.HubMain", "--port", "0", "--publisher-token", TOKEN,
                        "--ingest-queue", "262144", "--tab-queue", "200000")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                port = hubPort(hub);
            }
            long warm = rate * Integer.getInteger("bench.warmupSeconds", 20);
            for (int i = 0; i < jvms; i++) {
                List<String> command = new ArrayList<>(List.of(java()));
                command.addAll(List.of(System.getProperty("bench.appJvm", "-Xmx1g").split("\\|")));
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), PublishLoadApp.class.getName(), mode,
                        String.valueOf(port), String.valueOf(rate), String.valueOf(perJvm), "app-" + i,
                        String.valueOf(warm)));
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                apps.add(p);
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                outs.add(out);
                String line;
                while (!(line = out.readLine()).equals("ready")) {
                    if (line.startsWith("port ")) {
                        port = Integer.parseInt(line.substring(5));
                    }
                }
            }
            for (int t = 0; t < tabCount; t++) {
                Tab tab = new Tab();
                CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, URI.create("ws://127.0.0.1:" + port + "/ws"), tab);
                Configuration.ConfigurationCustomizer settings = new Configuration.ConfigurationCustomizer();
                settings.setMaxFrameSize(16L * 1024 * 1024); // the hub's frames reach 256 KiB
                settings.setIdleTimeout(Duration.ofMinutes(10));
                request.setConfiguration(settings);
                client.connect(request).get(30, TimeUnit.SECONDS);
                tabs.add(tab);
            }
            // A publisher connects on its own thread after its LoggerContext starts: begin once the hub has them all.
            long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mode.equals("publish") && tabs.get(0).connectedSources < jvms && System.nanoTime() < connectBy) {
                TimeUnit.MILLISECONDS.sleep(20); // the tool's own wait, not a test
            }
            long startMicros = LoadClients.nowMicros();
            for (Tab tab : tabs) {
                tab.startMicros = startMicros;
            }
            for (Process p : apps) {
                OutputStream in = p.getOutputStream();
                in.write('\n');
                in.flush();
            }
            long expected = (warm + perJvm) * jvms;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((warm + perJvm) / Math.max(1, rate) + 60);
            List<ProcessHandle> all = new ArrayList<>(apps.stream().map(Process::toHandle).toList());
            if (hub != null) {
                all.add(hub.toHandle());
            }
            all.add(ProcessHandle.current());
            while (tabs.get(0).measured == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5); // the tool's own wait, not a test
            }
            long cpuFrom = cpuNanos(all);
            long wallFrom = System.nanoTime();
            for (Tab tab : tabs) {
                while (tab.events + tab.gapLost < expected && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20); // the tool's own wait, not a test
                }
            }
            double cores = (cpuNanos(all) - cpuFrom) / (double) (System.nanoTime() - wallFrom);
            LatencyHistogram latency = new LatencyHistogram();
            long lost = 0;
            long holes = 0;
            double perTab = 0;
            for (Tab tab : tabs) {
                latency.add(tab.latency);
                lost += tab.gapLost;
                holes += tab.holes;
                perTab += tab.measured / ((tab.lastArrivalMicros - tab.firstLoggedMicros) / 1e6) / tabs.size();
            }
            if (Boolean.getBoolean("bench.timeline")) {
                timeline(tabs);
            }
            for (Process p : apps) {
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
            }
            return new Result(perJvm * jvms, perTab, lost, holes, tabCount, latency, cores);
        } finally {
            for (Process p : apps) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            if (hub != null) {
                hub.destroy();
                hub.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The port in the standalone hub's first line, {@code WebConsole hub: open http://127.0.0.1:PORT/}. */
    private static int hubPort(Process hub) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("WebConsole hub: open ")) {
            hub.destroyForcibly();
            throw new java.io.IOException("the hub did not say its address: " + line);
        }
        return URI.create(line.substring("WebConsole hub: open ".length()).strip()).getPort();
    }

    /** The worst latency (ms) of the events logged in each half second of the run, over all tabs: where the tail sits. */
    private static void timeline(List<Tab> tabs) {
        long[] worst = new long[Tab.SLOTS];
        int used = 0;
        for (Tab tab : tabs) {
            for (int i = 0; i < Tab.SLOTS; i++) {
                worst[i] = Math.max(worst[i], tab.worstBySlot[i]);
                used = tab.worstBySlot[i] > 0 ? Math.max(used, i + 1) : used;
            }
        }
        StringBuilder line = new StringBuilder("  worst ms per 0.5 s logged:");
        for (int i = 0; i < used; i++) {
            line.append(' ').append(worst[i] / 1000);
        }
        System.out.println(line);
    }

    /**
     * A tab that scans each message's bytes for seq numbers, gaps and the log call's time, without
     * decoding text or parsing JSON (as {@link LoadClients}' tabs do): the tool's own cost per
     * event stays small next to the hub's, which runs in this JVM in publish mode.
     */
    public static final class Tab implements FrameHandler {
        static final int SLOTS = 240;
        private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] MESSAGE_T = "\"message\":\"t=".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENTS = "{\"type\":\"events\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] GAP = "{\"type\":\"gap\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] FROM = "\"from\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TO = "\"to\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SOURCES = "{\"type\":\"sources\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONNECTED = "\"connected\":true".getBytes(StandardCharsets.US_ASCII);
        final LatencyHistogram latency = new LatencyHistogram();
        final long[] worstBySlot = new long[SLOTS];
        volatile long startMicros;
        volatile long events;
        volatile long gapLost;
        volatile long holes;
        /** Events logged after the warm-up (with t= in the message), the first one's log call, and the last arrival. */
        volatile long measured;
        volatile long firstLoggedMicros = Long.MAX_VALUE;
        volatile long lastArrivalMicros;
        volatile int connectedSources;
        private volatile CoreSession session;
        private long lastSeq;
        private byte[] message = new byte[1 << 20];
        private int length;

        @Override
        public void onOpen(CoreSession session, org.eclipse.jetty.util.Callback callback) {
            this.session = session;
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, org.eclipse.jetty.util.Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT || frame.getOpCode() == OpCode.CONTINUATION) {
                ByteBuffer payload = frame.getPayload();
                int n = payload == null ? 0 : payload.remaining();
                if (length + n > message.length) {
                    message = Arrays.copyOf(message, Math.max(message.length * 2, length + n));
                }
                if (n > 0) {
                    payload.get(message, length, n);
                }
                length += n;
                if (frame.isFin()) {
                    onMessage(LoadClients.nowMicros());
                    length = 0;
                }
            } else if (frame.getOpCode() == OpCode.PING) { // the hub's pings, answered as a browser would
                ByteBuffer data = ByteBuffer.allocate(frame.getPayload() == null ? 0 : frame.getPayload().remaining());
                if (frame.getPayload() != null) {
                    data.put(frame.getPayload().slice()).flip();
                }
                session.sendFrame(new Frame(OpCode.PONG).setPayload(data),
                        org.eclipse.jetty.util.Callback.from(() -> { }, e -> System.err.println("bench: pong failed: " + e)), false);
            }
            callback.succeeded();
            session.demand();
        }

        private void onMessage(long now) {
            if (startsWith(GAP)) {
                long from = number(indexOf(FROM, 0) + FROM.length);
                long to = number(indexOf(TO, 0) + TO.length);
                gapLost += to - from + 1;
                lastSeq = to;
                return;
            }
            if (startsWith(SOURCES)) {
                int connected = 0;
                for (int i = indexOf(CONNECTED, 0); i >= 0; i = indexOf(CONNECTED, i + 1)) {
                    connected++;
                }
                connectedSources = connected;
                return;
            }
            if (!startsWith(EVENTS)) {
                return;
            }
            long m = measured;
            long n = events;
            for (int i = indexOf(SEQ, EVENTS.length, length); i >= 0; ) {
                long seq = number(i + SEQ.length);
                if (seq != lastSeq + 1) {
                    holes++;
                }
                lastSeq = seq;
                int next = indexOf(SEQ, i + SEQ.length, length);
                int t = indexOf(MESSAGE_T, i, next < 0 ? length : next); // in this event only: warm-up events have none
                if (t > 0) {
                    long logged = number(t + MESSAGE_T.length);
                    long micros = Math.max(0, now - logged);
                    latency.record(micros);
                    int slot = (int) Math.min(SLOTS - 1, Math.max(0, (logged - startMicros) / 500_000));
                    worstBySlot[slot] = Math.max(worstBySlot[slot], micros);
                    firstLoggedMicros = Math.min(firstLoggedMicros, logged);
                    lastArrivalMicros = now;
                    m++;
                }
                n++;
                i = next;
            }
            events = n;
            measured = m;
        }

        private boolean startsWith(byte[] prefix) {
            return length >= prefix.length && Arrays.equals(message, 0, prefix.length, prefix, 0, prefix.length);
        }

        private int indexOf(byte[] pattern, int from) {
            return indexOf(pattern, from, length);
        }

        /** The first place of {@code pattern} at or after {@code from} that ends before {@code until}, or -1. */
        private int indexOf(byte[] pattern, int from, int until) {
            outer:
            for (int i = from, end = until - pattern.length; i <= end; i++) {
                for (int k = 0; k < pattern.length; k++) {
                    if (message[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private long number(int at) {
            long v = 0;
            for (int i = at; i < length && message[i] >= '0' && message[i] <= '9'; i++) {
                v = v * 10 + (message[i] - '0');
            }
            return v;
        }

        @Override
        public void onError(Throwable cause, org.eclipse.jetty.util.Callback callback) {
            System.err.println("bench: a tab failed: " + cause);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, org.eclipse.jetty.util.Callback callback) {
            callback.succeeded();
        }
    }
}
