package dev.webconsole.appender.bench;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * {@code mvn -Pbench -Dbench=publish}: events logged in other JVMs, read by tabs in this one, with
 * the hub embedded in the logging JVM (the baseline) or here, fed by publishing appenders.
 * Part 1: one logging JVM at fixed offered rates, one tab that must get every event without a gap.
 * Part 2: 30,000 events/s to 10 tabs: embedded, one JVM at 30,000/s; publish, three JVMs at
 * 10,000/s each; latency from the log call to the tab (messages carry the call's epoch microseconds).
 */
public final class PublishLoad {
    static final String TOKEN = "bench-publisher-token";

    private PublishLoad() {}

    static void run() throws Exception {
        String[] rates = System.getProperty("bench.publishRates", "100000,200000,300000").split(",");
        int seconds = Integer.getInteger("bench.publishSeconds", 5);
        int spread = Integer.getInteger("bench.spreadRate", 10_000);
        int spreadSeconds = Integer.getInteger("bench.spreadSeconds", 10);
        WebSocketClient client = new WebSocketClient();
        client.setMaxTextMessageSize(16 * 1024 * 1024); // the hub's frames reach 256 KiB
        client.start();
        try {
            System.out.printf("%-9s %-22s %10s %12s %10s %6s %6s %8s %8s %8s%n", "mode", "load", "events", "delivered/s",
                    "gap-lost", "holes", "tabs", "p50 ms", "p99 ms", "max ms");
            for (String rate : rates) {
                long r = Long.parseLong(rate.strip());
                for (String mode : List.of("embedded", "publish")) {
                    report(mode, "1 JVM at " + r + "/s, 1 tab", run(client, mode, 1, r, r * seconds, 1));
                }
            }
            report("embedded", "1 JVM at " + 3 * spread + "/s, 10 tabs",
                    run(client, "embedded", 1, 3L * spread, 3L * spread * spreadSeconds, 10));
            report("publish", "3 JVMs at " + spread + "/s, 10 tabs",
                    run(client, "publish", 3, spread, (long) spread * spreadSeconds, 10));
        } finally {
            client.stop();
        }
    }

    private record Result(long events, double deliveredPerSecond, long gapLost, long holes, int tabs, LatencyHistogram latency) {}

    private static void report(String mode, String load, Result r) {
        System.out.printf("%-9s %-22s %10d %12.0f %10d %6d %6d %8.2f %8.2f %8.2f%n", mode, load, r.events,
                r.deliveredPerSecond, r.gapLost, r.holes, r.tabs, r.latency.percentile(0.5) / 1000.0,
                r.latency.percentile(0.99) / 1000.0, r.latency.percentile(1.0) / 1000.0);
    }

    private static Result run(WebSocketClient client, String mode, int jvms, long rate, long perJvm, int tabCount)
            throws Exception {
        ConsoleHub hub = null;
        List<Process> apps = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        List<Tab> tabs = new ArrayList<>();
        try {
            int port = 0;
            if (mode.equals("publish")) {
                hub = new ConsoleHub(HubConfig.builder().port(0).publisherToken(TOKEN).ingestQueue(262_144)
                        .tabQueue(200_000).build());
                hub.start();
                port = hub.port();
            }
            for (int i = 0; i < jvms; i++) {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-cp", System.getProperty("java.class.path"), PublishLoadApp.class.getName(), mode,
                        String.valueOf(port), String.valueOf(rate), String.valueOf(perJvm), "app-" + i)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
                client.connect(tab, URI.create("ws://127.0.0.1:" + port + "/ws")).get(30, TimeUnit.SECONDS);
                tabs.add(tab);
            }
            long start = System.nanoTime();
            for (Process p : apps) {
                OutputStream in = p.getOutputStream();
                in.write('\n');
                in.flush();
            }
            long expected = perJvm * jvms;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(perJvm / Math.max(1, rate) + 60);
            for (Tab tab : tabs) {
                while (tab.events + tab.gapLost < expected && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20); // the tool's own wait, not a test
                }
            }
            LatencyHistogram all = new LatencyHistogram();
            long lost = 0;
            long holes = 0;
            long last = 0;
            long events = 0;
            for (Tab tab : tabs) {
                all.add(tab.latency);
                lost += tab.gapLost;
                holes += tab.holes;
                last = Math.max(last, tab.lastArrival);
                events += tab.events;
            }
            double seconds = (last - start) / 1e9;
            for (Process p : apps) {
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
            }
            return new Result(expected, events / (double) tabs.size() / seconds * 1, lost, holes, tabCount, all);
        } finally {
            for (Process p : apps) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            if (hub != null) {
                hub.stop();
            }
        }
    }

    /** A tab that scans frames for seq numbers, gaps and the log call's time, without parsing JSON. */
    public static final class Tab implements Session.Listener.AutoDemanding {
        final LatencyHistogram latency = new LatencyHistogram();
        volatile long events;
        volatile long gapLost;
        volatile long holes;
        volatile long lastArrival;
        private long lastSeq;

        @Override
        public void onWebSocketText(String frame) {
            long now = LoadClients.nowMicros();
            if (frame.startsWith("{\"type\":\"gap\"")) {
                long from = number(frame, frame.indexOf("\"from\":") + 7);
                long to = number(frame, frame.indexOf("\"to\":") + 5);
                gapLost += to - from + 1;
                lastSeq = to;
                return;
            }
            if (!frame.startsWith("{\"type\":\"events\"")) {
                return;
            }
            long n = events;
            for (int i = frame.indexOf("{\"seq\":"); i >= 0; i = frame.indexOf("{\"seq\":", i + 7)) {
                long seq = number(frame, i + 7);
                if (seq != lastSeq + 1) {
                    holes++;
                }
                lastSeq = seq;
                int t = frame.indexOf("\"message\":\"t=", i);
                if (t > 0) {
                    latency.record(Math.max(0, now - number(frame, t + 13)));
                }
                n++;
            }
            events = n;
            lastArrival = System.nanoTime();
        }

        private static long number(String s, int at) {
            long v = 0;
            for (int i = at; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return v;
        }
    }
}
