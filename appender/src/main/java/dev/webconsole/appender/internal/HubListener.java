package dev.webconsole.appender.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.Diagnostics;
import dev.webconsole.server.internal.RemoteControl;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads one connection's messages from the hub for a {@link Publisher}: the welcome (how far the
 * hub has this source), acks (the outbox forgets what they cover), refusals (to {@code refused}), and control
 * requests, answered through {@code reply} on the connection they came on.
 */
final class HubListener implements WebSocket.Listener {
    /** The hub ended the connection; the message says how, with its close code and reason. */
    static final class HubClosed extends Exception {
        HubClosed(String message) {
            super(message);
        }
    }

    final CompletableFuture<Long> welcome = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final URI hub;
    private final Outbox outbox;
    private final PublisherFrames frames;
    private final Diagnostics diagnostics;
    private final Consumer<String> refused;
    private final Supplier<RemoteControl> control;
    private final BiConsumer<WebSocket, String> reply;
    private final StringBuilder partial = new StringBuilder();

    HubListener(URI hub, Outbox outbox, PublisherFrames frames, Diagnostics diagnostics, Consumer<String> refused,
            Supplier<RemoteControl> control, BiConsumer<WebSocket, String> reply) {
        this.hub = hub;
        this.outbox = outbox;
        this.frames = frames;
        this.diagnostics = diagnostics;
        this.refused = refused;
        this.control = control;
        this.reply = reply;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            handle(ws, partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    private void handle(WebSocket ws, String text) {
        JsonNode message = frames.read(text);
        if (RemoteControl.isRequest(message)) {
            controlRequest(ws, message);
            return;
        }
        String type = message == null ? "" : message.path("type").asText();
        switch (type) {
            case "welcome" -> welcome.complete(message.path("lastSourceSeq").asLong());
            case "ack" -> outbox.acknowledged(message.path("sourceSeq").asLong());
            case "error" -> refused.accept(message.path("message").asText());
            default -> diagnostics.report(System.Logger.Level.WARNING,
                    "WebConsole: the hub at " + hub + " sent something a publisher does not understand; ignored", null);
        }
    }

    /** Answers on the connection the request came on, which may not be the publisher's live one yet (just before welcome). */
    private void controlRequest(WebSocket ws, JsonNode request) {
        RemoteControl remote = control.get();
        reply.accept(ws, remote != null ? remote.handle(request)
                : frames.answer(request.path("id").asLong(), request.path("type").asText()
                        + " refused: this application has no Log4j configuration to control"));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        welcome.completeExceptionally(new HubClosed(
                "the hub closed the connection before welcoming this publisher (" + statusCode + " " + reason + ")"));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(error.toString());
        welcome.completeExceptionally(error);
    }
}
