package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.LevelControl;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The publishing application's side of control: a hub forwards a tab's {@code set-level},
 * {@code revert-level} or {@code thread-dump} over the {@code /publish} connection, and this applies
 * it here with the same checks, limits and expiry as a hub's own boosts ({@link ControlAsk},
 * {@link BoostBook}). The expiry timer runs in this JVM, so a boost ends on time even when the hub
 * is gone. Start and end events and thread dumps go into the application's own stream (its outbox),
 * audit lines into its own logs; every change of the boosts is reported to the hub as a
 * {@code levels} message. Public only for the appender; not API.
 */
public final class RemoteControl {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ThreadDumps dumps = new ThreadDumps();
    private final ScheduledThreadPoolExecutor timer;
    private final BoostBook book;
    private final boolean enabled;
    private final Consumer<ConsoleEvent> publish;

    /**
     * @param control applies and reverts boosts in the application's logging; null when it has none
     * @param enabled false when the application refuses control ({@code control="false"})
     * @param minute how long one minute of a request lasts (shorter only in tests)
     * @param source the application's source name, put in the context of its control events
     * @param publish puts an event into the application's stream to the hub
     * @param toHub sends a message to the hub (the {@code levels} message); dropped while not connected
     */
    public RemoteControl(LevelControl control, boolean enabled, int maxBoosts, Duration minute, String source,
            Consumer<ConsoleEvent> publish, Consumer<String> toHub) {
        this.enabled = enabled;
        this.publish = publish;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "webconsole-boosts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        BoostBook.Timer later = (task, delay) -> {
            ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        this.book = new BoostBook(control, enabled, maxBoosts, minute, later, publish,
                () -> toHub.accept(levels()), source, list -> { });
    }

    /**
     * Acts on a request from the hub and returns the {@code answer} to send back: with an
     * {@code error} when it was refused (nothing changed then), which the hub gives to the tab.
     */
    public String handle(JsonNode request) {
        ObjectNode answer = mapper.createObjectNode().put("type", "answer").put("id", request.path("id").asLong());
        String type = request.path("type").asText();
        try {
            if (!enabled) {
                throw new ClientMessages.BadMessageException(type + " refused: control is off in this application"
                        + " (control=\"false\" on its <WebConsole> appender)");
            }
            ControlAsk ask = ControlAsk.read(request);
            String by = request.path("by").asText("the hub");
            switch (type) {
                case "set-level" -> book.start(ask.logger(), ask.level(), ask.key(), ask.value(), ask.minutes(), by);
                case "revert-level" -> book.revert(ask.logger(), by);
                default -> publish.accept(dumps.take(by));
            }
        } catch (ClientMessages.BadMessageException e) {
            answer.put("error", e.getMessage());
        }
        return write(answer);
    }

    /** Whether the message from the hub is a control request this class takes. */
    public static boolean isRequest(JsonNode message) {
        return message != null && ControlAsk.TYPES.contains(message.path("type").asText());
    }

    /** The {@code levels} message: the boosts active in this application now. */
    public String levels() {
        return book.levelsFrame();
    }

    /** Ends every boost (the application stops logging to the hub) and the timer. */
    public void stop() {
        book.stop("ended because the application stopped publishing");
        timer.shutdownNow();
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a control answer could not be written", e);
        }
    }
}
