package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Diagnostics;
import dev.webconsole.server.internal.RemoteControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Sends one application's events to a hub over one WebSocket ({@code ws://} or {@code wss://}) at
 * {@code /publish}. Logging threads only put events in the {@link Outbox}; the one thread
 * {@code webconsole-publisher} connects, says who it is, sends batches, and takes the hub's acks.
 * After a lost connection it reconnects (backoff from 100 ms up to 5 s) and sends again what the
 * hub has not acknowledged. Trouble goes to the diagnostics (Log4j's StatusLogger), once per outage.
 * The hub's messages are read by a {@link HubListener}. Control requests the hub forwards from tabs
 * (level boosts, thread dumps) go to the {@link RemoteControl}, whose answers and {@code levels}
 * share the connection: messages go out one after another, whichever thread sends them.
 */
public final class Publisher {
    static final int MAX_BATCH = 2_000;
    /** Under the hub's 4 MiB message limit, in bytes of UTF-8. */
    static final int MAX_MESSAGE_BYTES = 4_000_000;
    /** As the hub's default maxMessageChars: no text in one event is longer. */
    public static final int MAX_EVENT_TEXT = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long PING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);
    /**
     * Events logged within this long of the last message join the next one: under a steady flow a
     * message carries many events (fewer frames, acks and wake-ups on both sides), and an event
     * after a quiet spell goes at once.
     */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Who the application is, as the hello says. */
    public record Identity(String source, String host, long pid, String jvm, long startTime) {}

    private final URI hub;
    private final String token;
    private final Identity identity;
    private final Outbox outbox;
    private final Diagnostics diagnostics;
    private final PublisherFrames frames = new PublisherFrames();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile WebSocket socket;
    /** The connection once the hub has welcomed this publisher, else null: control messages go only there. */
    private volatile WebSocket live;
    private volatile RemoteControl control;
    /** The last text send; the next waits for it (the JDK client takes one text send at a time). */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private boolean inOutage;
    /** Whether the hub welcomed the connection that ended last: a lost connection, not a refused one. */
    private boolean welcomed;
    /** The hub's last reason for refusing this publisher, until it welcomes it again: a retry refused alike is not said again. */
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();

    public Publisher(URI hub, String token, Identity identity, int outboxCapacity, Diagnostics diagnostics) {
        this.hub = hub.resolve("/publish");
        this.token = token;
        this.identity = identity;
        this.outbox = new Outbox(outboxCapacity);
        this.diagnostics = diagnostics;
        this.thread = new Thread(this::run, "webconsole-publisher");
        this.thread.setDaemon(true);
    }

    /** Where the hub's control requests go; set before {@link #start()}, or none (they are then refused). */
    public void control(RemoteControl control) {
        this.control = control;
    }

    public void start() {
        thread.start();
    }

    /** Any thread: sends a control message to the hub if connected; otherwise it is dropped (levels go again on reconnect). */
    public void toHub(String text) {
        WebSocket ws = live;
        if (ws != null) {
            sendControl(ws, text);
        }
    }

    private void sendControl(WebSocket ws, String text) {
        send(ws, text).exceptionally(error -> {
            diagnostics.report(System.Logger.Level.DEBUG, "WebConsole: a control message to " + hub + " was not sent", error);
            return null;
        });
    }

    /** The JDK client takes one send at a time: text and binary sends are chained. */
    private CompletableFuture<WebSocket> send(WebSocket ws, String text) {
        return chain(() -> ws.sendText(text, true));
    }

    private CompletableFuture<WebSocket> send(WebSocket ws, ByteBuffer bytes) {
        return chain(() -> ws.sendBinary(bytes, true));
    }

    private synchronized CompletableFuture<WebSocket> chain(Supplier<CompletableFuture<WebSocket>> send) {
        CompletableFuture<WebSocket> next = lastSend.handle((v, e) -> null).thenCompose(v -> send.get());
        lastSend = next;
        return next;
    }

    /**
     * Logging thread: keeps the event for sending; false if the outbox was full (the loss is counted
     * and named). Texts longer than {@link #MAX_EVENT_TEXT} are cut (the appender's copy is cut already).
     */
    public boolean offer(ConsoleEvent event) {
        return outbox.offer(event.truncatedTo(MAX_EVENT_TEXT));
    }

    /**
     * Logging thread: whether the outbox is full, read without a lock. An event logged now would be
     * dropped, so it is {@link #lose() lost} without being copied.
     */
    public boolean isFull() {
        return outbox.isFull();
    }

    /**
     * Logging thread: counts an event that is not offered (the outbox is full, or its copy failed).
     * It takes a number all the same, so the hub is told of it in a lost range and names it in a
     * {@code publisher-overflow} gap. No lock, no allocation: safe after an {@link OutOfMemoryError}.
     */
    public void lose() {
        outbox.lose();
    }

    /** Events dropped because the outbox was full or their copy failed. */
    public long dropped() {
        return outbox.dropped();
    }

    public URI hub() {
        return hub;
    }

    /** Waits up to the timeout for the hub to acknowledge what is held, then closes. True if nothing was left. */
    public boolean stop(long timeout, TimeUnit unit) {
        boolean flushed = false;
        try {
            flushed = outbox.awaitEmpty(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            try { // a normal close, so the hub shows the source as gone without calling it a failure
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "application stopping").get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                diagnostics.report(System.Logger.Level.DEBUG, "WebConsole: closing the connection to " + hub + " failed", e);
            }
        }
        thread.interrupt();
        if (ws != null) {
            ws.abort();
        }
        return flushed;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try {
                session();
                backoff = 100;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return; // stop() closed the connection under a send: not an outage
                }
                outage(e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(backoff); // the publisher's own thread waits before reconnecting
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** One connection: hello, welcome, then batches until it ends. */
    private void session() throws Exception {
        welcomed = false;
        HubListener listener = new HubListener(hub, outbox, frames, diagnostics, this::refused, () -> control, this::sendControl);
        WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(WAIT)
                .buildAsync(hub, listener).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        socket = ws;
        try {
            send(ws, frames.hello(identity)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long hubHas = listener.welcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            outbox.resendAfter(hubHas);
            live = ws;
            RemoteControl remote = control;
            if (remote != null) {
                toHub(remote.levels()); // a hub that restarted, or saw this connection die, learns the boosts again
            }
            welcomed = true;
            lastRefusal.set(null);
            if (inOutage) {
                inOutage = false;
                diagnostics.report(System.Logger.Level.WARNING, who() + "publishing to " + hub
                        + " again; what the outbox held is sent now", null);
            }
            long lastSent = System.nanoTime() - GATHER_NANOS;
            while (running && !listener.closed.isDone()) {
                Outbox.Take take = outbox.next(MAX_BATCH, TimeUnit.SECONDS.toNanos(1), lastSent + GATHER_NANOS);
                if (take == null) {
                    if (System.nanoTime() - lastSent > PING_EVERY_NANOS) {
                        ws.sendPing(ByteBuffer.allocate(0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                        lastSent = System.nanoTime();
                    }
                    continue;
                }
                lastSent = System.nanoTime();
                if (take.isLost()) {
                    send(ws, frames.lost(take.lostFrom(), take.lostTo())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } else {
                    sendEvents(ws, take.events(), take.seqs(), 0, take.events().size());
                }
            }
            if (listener.closed.isDone() && running) {
                throw new HubListener.HubClosed("the hub closed the connection (" + listener.closed.getNow("") + ")");
            }
        } finally {
            live = null;
            ws.abort();
        }
    }

    /**
     * Sends events [from, to) as one binary message of UTF-8 JSON, or in halves while the message
     * would be too large. Waits for each send: the next message reuses the buffer.
     */
    private void sendEvents(WebSocket ws, List<ConsoleEvent> events, long[] seqs, int from, int to)
            throws Exception {
        ByteBuffer bytes = frames.events(events.subList(from, to), Arrays.copyOfRange(seqs, from, to));
        if (bytes.remaining() > MAX_MESSAGE_BYTES && to - from > 1) {
            int mid = (from + to) >>> 1;
            sendEvents(ws, events, seqs, from, mid);
            sendEvents(ws, events, seqs, mid, to);
            return;
        }
        if (bytes.remaining() > MAX_MESSAGE_BYTES) { // one event with very many context entries: say so instead
            ConsoleEvent e = events.get(from);
            bytes = frames.events(List.of(new ConsoleEvent(e.time(), e.level(), e.severity(), e.logger(),
                    e.thread(), "[WebConsole: this event is too large to publish (" + bytes.remaining() + " bytes)]",
                    null, null, e.marker(), e.source(), true)), new long[] {seqs[from]});
        }
        send(ws, bytes).get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    /** Reports the hub's refusal, unless it is the one said last: a publisher retries every few seconds. */
    private void refused(String reason) {
        if (!reason.equals(lastRefusal.getAndSet(reason))) {
            diagnostics.report(System.Logger.Level.ERROR, who() + "the hub at " + hub + " refused this publisher: " + reason
                    + " (said again only if the reason changes)", null);
        }
    }

    private String who() {
        return "WebConsole (source \"" + identity.source() + "\"): ";
    }

    private void outage(Exception e) {
        if (inOutage) {
            return; // said once per outage
        }
        inOutage = true;
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String detail = cause instanceof HubListener.HubClosed ? cause.getMessage() : cause.toString();
        String why = cause instanceof WebSocketHandshakeException h
                ? "the hub answered " + h.getResponse().statusCode()
                        + (h.getResponse().statusCode() == 401 ? "; set publisherToken to the hub's publisher token" : "")
                : cause instanceof TimeoutException ? "no answer in time"
                : welcomed ? "the connection to the hub was lost (" + detail + ")"
                : cause instanceof java.net.ConnectException ? "no hub is listening there (" + detail + ")" : detail;
        diagnostics.report(System.Logger.Level.WARNING, who() + "cannot publish to " + hub + ": " + why
                + "; retrying, and keeping events until the outbox is full (then the loss is counted)", null);
    }
}
