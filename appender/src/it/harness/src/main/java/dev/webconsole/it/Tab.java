package dev.webconsole.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A browser tab's view of the hub: the JDK's WebSocket client, every frame parsed into a queue. */
final class Tab implements WebSocket.Listener {
    private final BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    Tab(URI page, String query) throws Exception {
        URI ws = URI.create("ws://" + page.getHost() + ":" + page.getPort() + "/ws" + query);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://" + page.getHost() + ":" + page.getPort())
                .buildAsync(ws, this)
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add((Map<String, Object>) Json.parse(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The next frame, or null after the timeout. */
    Map<String, Object> next(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    void close() {
        socket.abort();
    }
}
