package dev.webconsole.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client for tests: it records every frame the hub sends into a queue, and every
 * wait on it is bounded. With {@code reading=false} it never asks for data, so the TCP window fills
 * and the hub sees a tab that stopped reading.
 */
public final class WsClient implements Session.Listener, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> sourcesFrames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile boolean reading;
    private volatile Session session;
    private volatile String closeReason;
    private final java.util.concurrent.atomic.AtomicInteger failedSends = new java.util.concurrent.atomic.AtomicInteger();

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    /** Connects and waits until the socket is open. */
    public static WsClient connect(WebSocketClient client, URI uri) throws Exception {
        return connect(client, uri, true);
    }

    public static WsClient connect(WebSocketClient client, URI uri, boolean reading) throws Exception {
        WsClient ws = new WsClient(reading);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        String scheme = "wss".equals(uri.getScheme()) ? "https" : "http";
        request.setHeader("Origin", scheme + "://" + uri.getHost() + ":" + uri.getPort()); // as the page's own would
        client.connect(ws, uri, request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return ws;
    }

    /** Connects with {@code Authorization: Bearer token}, as a publisher does; waits until the socket is open. */
    public static WsClient connectWithToken(WebSocketClient client, URI uri, String token) throws Exception {
        WsClient ws = new WsClient(true);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setHeader("Authorization", "Bearer " + token);
        client.connect(ws, uri, request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return ws;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        if (reading) {
            session.demand();
        }
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            JsonNode frame = MAPPER.readTree(message);
            // The hub's list of publishers comes whenever one connects or goes; tests about it read it apart.
            (frame.path("type").asText().equals("sources") ? sourcesFrames : frames).add(frame);
        } catch (JsonProcessingException e) {
            frames.add(MAPPER.createObjectNode().put("type", "unparseable").put("text", message));
        }
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeCode.complete(-1);
    }

    public void send(String text) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends without waiting for the send to complete; for floods. Failed sends are counted. */
    public void sendQuietly(String text) {
        session.sendText(text, Callback.from(() -> { }, error -> failedSends.incrementAndGet()));
    }

    /** Sends made with {@link #sendQuietly} that failed (after the hub closed the socket, say). */
    public int failedSends() {
        return failedSends.get();
    }

    public void sendBinary(byte[] bytes) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendBinary(java.nio.ByteBuffer.wrap(bytes), Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A client made with {@code reading=false} starts reading now. */
    public void startReading() {
        if (!reading) {
            reading = true;
            session.demand();
        }
    }

    /** The next frame, whatever its type. */
    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            fail("no frame from the hub within " + WAIT);
        }
        assertTrue(!frame.path("type").asText().equals("unparseable"), () -> "hub sent broken JSON: " + frame);
        return frame;
    }

    /** The next {@code sources} frame (these are kept apart from the others, which never include them). */
    public JsonNode nextSources() throws InterruptedException {
        JsonNode frame = sourcesFrames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            fail("no sources frame from the hub within " + WAIT);
        }
        return frame;
    }

    /** The next frame, which must be of this type. */
    public JsonNode next(String type) throws InterruptedException {
        JsonNode frame = next();
        assertEquals(type, frame.path("type").asText(), () -> "expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** Reads frames until {@code count} events have arrived; any other frame type fails the test. */
    public List<JsonNode> events(int count) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>(count);
        while (events.size() < count) {
            JsonNode frame = next();
            if (frame.path("type").asText().equals("hello")) {
                continue;
            }
            assertEquals("events", frame.path("type").asText(), () -> "expected events, got " + frame);
            frame.path("events").forEach(events::add);
        }
        assertEquals(count, events.size(), "more events arrived than expected");
        return events;
    }

    /** Whether a frame is waiting right now (does not wait). */
    public JsonNode poll() {
        return frames.poll();
    }

    /** Waits for the hub to close the socket and returns the close code. */
    public int awaitClose() throws Exception {
        return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close();
        }
    }
}
