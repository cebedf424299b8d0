package dev.webconsole.appender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.server.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tab on the JDK's own WebSocket client: for tests where the application's Jetty logs at TRACE
 * into the console, a Jetty client would log about every frame it receives, and so feed itself.
 */
public final class JdkTab implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private JdkTab(int port, String query) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + port)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), this)
                .get(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public static JdkTab connect(int port, String query) throws Exception {
        return new JdkTab(port, query);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(MAPPER.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("the hub sent a frame that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    /** The next frame, which must be of this type; waits at most {@link WsClient#WAIT}. */
    public JsonNode next(String type) throws InterruptedException {
        JsonNode frame = frames.poll(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(frame, () -> "no \"" + type + "\" frame within " + WsClient.WAIT);
        assertEquals(type, frame.path("type").asText(), () -> "frame: " + frame);
        return frame;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
