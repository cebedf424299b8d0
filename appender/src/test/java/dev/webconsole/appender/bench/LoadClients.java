package dev.webconsole.appender.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The client side of the fan-out load tool, run in its own JVM by {@link FanOutLoad}: N WebSocket
 * tabs (Jetty's core client, so no frame is decoded into a String), each checking completeness
 * from {@code seq} and measuring latency from the epoch microseconds the logger put at the start
 * of each message ({@code t=...}) to the arrival of the frame that carried it.
 *
 * <p>It talks to the parent over stdin/stdout, one line per message:
 * {@code RUN first last timeoutSeconds} (answered by {@code GO}, then {@code RESULT json} when every
 * tab has seen {@code last} or the timeout passed), {@code CEILING events} (a plain TCP reader for
 * the loopback ceiling: answered by {@code CEILING-PORT port}, then {@code RESULT json}), {@code QUIT}.
 */
public final class LoadClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_T = "\"message\":\"t=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENTS = "{\"type\":\"events\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GAP = "{\"type\":\"gap\"".getBytes(StandardCharsets.US_ASCII);
    /**
     * Bytes the scan may skip after seq's digits: every event of the load tool has the same level,
     * logger and thread, so its "time", "level", "logger" and "thread" fields take more than this.
     */
    private static final int SKIP_AFTER_SEQ = 80;
    /** And after the t= digits: the rest of the message ("order N shipped to customer-N by express"). */
    private static final int SKIP_AFTER_T = 30;

    private LoadClients() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean compression = Boolean.parseBoolean(args[2]);
        long since = Long.parseLong(args[3]);
        PrintStream out = System.out;
        WebSocketCoreClient client = new WebSocketCoreClient();
        client.start();
        List<Tab> tabs = new ArrayList<>();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + port + "/ws?since=" + since);
            for (int i = 0; i < count; i++) {
                Tab tab = new Tab();
                CoreClientUpgradeRequest request = request(client, uri, tab, compression, port);
                CoreSession session = connect(client, request, uri, tab, compression, port);
                boolean deflate = session.getNegotiatedExtensions().stream().anyMatch(e -> e.getName().equals("permessage-deflate"));
                if (deflate != compression) {
                    throw new IllegalStateException("asked for compression=" + compression + " but the hub negotiated " + deflate);
                }
                tabs.add(tab);
            }
            out.println("READY");
            out.flush();
            serve(tabs, out);
        } finally {
            for (Tab tab : tabs) {
                tab.close();
            }
            client.stop();
        }
    }

    /** Connects, waiting and retrying while the hub answers 429 (it takes 50 upgrades a second by default). */
    private static CoreSession connect(WebSocketCoreClient client, CoreClientUpgradeRequest first, URI uri, Tab tab,
            boolean compression, int port) throws Exception {
        CoreClientUpgradeRequest request = first;
        for (int attempt = 1; ; attempt++) {
            try {
                return client.connect(request).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 40 || e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains("429")) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                request = request(client, uri, tab, compression, port);
            }
        }
    }

    private static CoreClientUpgradeRequest request(WebSocketCoreClient client, URI uri, Tab tab, boolean compression, int port) {
        CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, tab);
        request.headers(h -> h.put(HttpHeader.ORIGIN, "http://127.0.0.1:" + port));
        if (compression) {
            request.addExtensions("permessage-deflate");
        }
        Configuration.ConfigurationCustomizer settings = new Configuration.ConfigurationCustomizer();
        settings.setMaxFrameSize(256L * 1024 * 1024);
        settings.setMaxTextMessageSize(256L * 1024 * 1024);
        settings.setIdleTimeout(Duration.ofMinutes(30));
        request.setConfiguration(settings);
        return request;
    }

    private static void serve(List<Tab> tabs, PrintStream out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "RUN" -> {
                    long first = Long.parseLong(words[1]);
                    long last = Long.parseLong(words[2]);
                    long timeoutSeconds = Long.parseLong(words[3]);
                    CountDownLatch done = new CountDownLatch(tabs.size());
                    List<TabRun> runs = new ArrayList<>();
                    for (Tab tab : tabs) {
                        TabRun run = new TabRun(first, last, done, tab.bytesIn());
                        runs.add(run);
                        tab.run = run;
                    }
                    out.println("GO");
                    out.flush();
                    boolean complete = done.await(timeoutSeconds, TimeUnit.SECONDS);
                    for (int i = 0; i < tabs.size(); i++) {
                        runs.get(i).bytesAtEnd = tabs.get(i).bytesIn();
                        tabs.get(i).run = null;
                    }
                    out.println("RESULT " + summary(runs, complete));
                    out.flush();
                }
                case "CEILING" -> ceiling(Long.parseLong(words[1]), out);
                case "QUIT" -> {
                    return;
                }
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
        }
    }

    /** Reads a plain TCP stream to its end, for the ceiling: nothing is parsed, only counted. */
    private static void ceiling(long events, PrintStream out) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            out.println("CEILING-PORT " + server.getLocalPort());
            out.flush();
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                long bytes = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes += n;
                }
                ObjectNode result = JSON.createObjectNode();
                result.put("bytes", bytes);
                result.put("events", events);
                result.put("endMicros", nowMicros());
                out.println("RESULT " + result);
                out.flush();
            }
        }
    }

    private static String summary(List<TabRun> runs, boolean complete) {
        LatencyHistogram all = new LatencyHistogram();
        double[] rates = new double[runs.size()];
        long delivered = 0;
        long gapEvents = 0;
        long gapFrames = 0;
        long eventFrames = 0;
        long holes = 0;
        long duplicates = 0;
        long bytes = 0;
        long firstMicros = Long.MAX_VALUE;
        long lastMicros = 0;
        int completeTabs = 0;
        for (int i = 0; i < runs.size(); i++) {
            TabRun r = runs.get(i);
            all.add(r.latency);
            delivered += r.delivered;
            gapEvents += r.gapEvents;
            gapFrames += r.gapFrames;
            eventFrames += r.eventFrames;
            holes += r.holes;
            duplicates += r.duplicates;
            bytes += r.bytesAtEnd - r.bytesAtStart;
            firstMicros = Math.min(firstMicros, r.firstLoggedMicros);
            lastMicros = Math.max(lastMicros, r.lastArrivalMicros);
            long span = Math.max(1, r.lastArrivalMicros - r.firstLoggedMicros);
            rates[i] = r.delivered == 0 ? 0 : r.delivered * 1e6 / span;
            completeTabs += r.next > r.last ? 1 : 0;
        }
        Arrays.sort(rates);
        ObjectNode result = JSON.createObjectNode();
        result.put("tabs", runs.size());
        result.put("complete", complete);
        result.put("completeTabs", completeTabs);
        result.put("delivered", delivered);
        result.put("gapEvents", gapEvents);
        result.put("gapFrames", gapFrames);
        result.put("eventFrames", eventFrames);
        result.put("holes", holes);
        result.put("duplicates", duplicates);
        result.put("wireBytes", bytes);
        result.put("minRate", rates.length == 0 ? 0 : rates[0]);
        result.put("medianRate", rates.length == 0 ? 0 : rates[rates.length / 2]);
        result.put("totalRate", delivered == 0 ? 0 : delivered * 1e6 / Math.max(1, lastMicros - firstMicros));
        result.put("p50", all.percentile(0.50));
        result.put("p99", all.percentile(0.99));
        result.put("p999", all.percentile(0.999));
        result.put("max", all.percentile(1.0));
        return result.toString();
    }

    static long nowMicros() {
        Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** One tab's counts for one run. Written by the tab's frame handler, read after the run. */
    static final class TabRun {
        final long first;
        final long last;
        final CountDownLatch done;
        final long bytesAtStart;
        final LatencyHistogram latency = new LatencyHistogram();
        long next;
        long delivered;
        long gapEvents;
        long gapFrames;
        long eventFrames;
        long holes;
        long duplicates;
        long firstLoggedMicros = Long.MAX_VALUE;
        long lastArrivalMicros;
        volatile long bytesAtEnd;

        TabRun(long first, long last, CountDownLatch done, long bytesAtStart) {
            this.first = first;
            this.last = last;
            this.next = first;
            this.done = done;
            this.bytesAtStart = bytesAtStart;
        }

        void event(long seq, long loggedMicros, long arrivalMicros) {
            if (seq < first || seq > last) {
                return; // before this run (history, an earlier run) or after it
            }
            if (seq < next) {
                duplicates++;
                return;
            }
            if (seq > next) {
                holes += seq - next;
            }
            delivered++;
            latency.record(arrivalMicros - loggedMicros);
            firstLoggedMicros = Math.min(firstLoggedMicros, loggedMicros);
            lastArrivalMicros = arrivalMicros;
            advanceTo(seq + 1);
        }

        void gap(long from, long to, long arrivalMicros) {
            long a = Math.max(from, first);
            long b = Math.min(to, last);
            if (a > b) {
                return;
            }
            gapFrames++;
            if (a > next) {
                holes += a - next;
            }
            gapEvents += b - Math.max(a, next) + 1;
            lastArrivalMicros = arrivalMicros;
            advanceTo(b + 1);
        }

        private void advanceTo(long seq) {
            boolean wasOpen = next <= last;
            next = Math.max(next, seq);
            if (wasOpen && next > last) {
                done.countDown();
            }
        }
    }

    /** One WebSocket connection. Jetty calls it for one frame at a time, each after a demand. */
    static final class Tab implements FrameHandler {
        private volatile CoreSession session;
        volatile TabRun run;
        private volatile boolean closing;
        private byte[] message = new byte[1 << 20];
        private int length;

        long bytesIn() {
            CoreSession s = session;
            return s instanceof WebSocketCoreSession core && core.getConnection() != null ? core.getConnection().getBytesIn() : 0;
        }

        @Override
        public void onOpen(CoreSession session, Callback callback) {
            this.session = session;
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            try {
                switch (frame.getOpCode()) {
                    case OpCode.TEXT, OpCode.CONTINUATION -> {
                        append(frame.getPayload());
                        if (frame.isFin()) {
                            onMessage(message, length, nowMicros());
                            length = 0;
                        }
                    }
                    case OpCode.PING -> {
                        Frame pong = new Frame(OpCode.PONG).setPayload(copy(frame.getPayload()));
                        session.sendFrame(pong, Callback.from(() -> { }, e -> System.err.println("bench: pong failed: " + e)), false);
                    }
                    default -> { }
                }
                callback.succeeded();
            } catch (RuntimeException e) {
                callback.failed(e);
                throw e;
            }
            session.demand();
        }

        private void append(ByteBuffer payload) {
            if (payload == null) {
                return;
            }
            int n = payload.remaining();
            if (length + n > message.length) {
                message = Arrays.copyOf(message, Math.max(message.length * 2, length + n));
            }
            payload.get(message, length, n);
            length += n;
        }

        private static ByteBuffer copy(ByteBuffer payload) {
            if (payload == null) {
                return ByteBuffer.allocate(0);
            }
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
            copy.put(payload.slice()).flip();
            return copy;
        }

        private void onMessage(byte[] text, int len, long arrivalMicros) {
            TabRun r = run;
            if (r == null) {
                return;
            }
            if (startsWith(text, len, EVENTS)) {
                r.eventFrames++;
                int i = EVENTS.length;
                while ((i = indexOf(text, len, SEQ, i)) >= 0) {
                    i += SEQ.length;
                    long seq = 0;
                    for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
                        seq = seq * 10 + (text[i] - '0');
                    }
                    int t = indexOf(text, len, MESSAGE_T, Math.min(i + SKIP_AFTER_SEQ, len));
                    if (t < 0) {
                        throw new IllegalStateException("an event without t= in its message: " + new String(text, 0, len, StandardCharsets.UTF_8));
                    }
                    i = t + MESSAGE_T.length;
                    long logged = 0;
                    for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
                        logged = logged * 10 + (text[i] - '0');
                    }
                    r.event(seq, logged, arrivalMicros);
                    i = Math.min(i + SKIP_AFTER_T, len);
                }
            } else if (startsWith(text, len, GAP)) {
                try {
                    JsonNode gap = JSON.readTree(text, 0, len);
                    r.gap(gap.path("from").asLong(), gap.path("to").asLong(), arrivalMicros);
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable gap frame", e);
                }
            }
        }

        private static boolean startsWith(byte[] text, int len, byte[] prefix) {
            if (len < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (text[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] text, int len, byte[] pattern, int from) {
            byte head = pattern[0];
            outer:
            for (int i = from, end = len - pattern.length; i <= end; i++) {
                if (text[i] != head) {
                    continue;
                }
                for (int k = 1; k < pattern.length; k++) {
                    if (text[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            if (!closing) {
                System.err.println("bench: a tab failed: " + cause);
            }
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }

        void close() {
            closing = true;
            CoreSession s = session;
            if (s != null && s.isOutputOpen()) {
                s.close(CloseStatus.NORMAL, "done", Callback.from(() -> { }, e -> System.err.println("bench: close failed: " + e)));
            }
        }
    }
}
