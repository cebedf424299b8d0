package dev.webconsole.appender.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A tab that sorts what the hub sends into events, {@code levels} frames and errors, since a
 * {@code levels} frame (a dispatcher command) and the control event (from the ingest queue) may
 * arrive in either order. Every wait is bounded by the client's.
 */
final class ControlTab {
    static final ObjectMapper JSON = new ObjectMapper();

    final WsClient ws;
    final JsonNode hello;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<JsonNode> levels = new ArrayList<>();
    private final List<JsonNode> errors = new ArrayList<>();

    ControlTab(WsClient ws) throws InterruptedException {
        this.ws = ws;
        this.hello = ws.next("hello");
    }

    void send(ObjectNode message) throws Exception {
        ws.send(JSON.writeValueAsString(message));
    }

    /** Asks for a boost and returns the next levels frame not yet taken. */
    JsonNode boost(String logger, String level, int minutes) throws Exception {
        send(setLevel(logger, level, minutes));
        return levels();
    }

    static ObjectNode setLevel(String logger, String level, int minutes) {
        return JSON.createObjectNode().put("type", "set-level").put("logger", logger).put("level", level).put("minutes", minutes);
    }

    static ObjectNode revert(String logger) {
        return JSON.createObjectNode().put("type", "revert-level").put("logger", logger);
    }

    static ObjectNode threadDump() {
        return JSON.createObjectNode().put("type", "thread-dump");
    }

    /** The first event (from the start, including ones already read) that matches. */
    JsonNode event(Predicate<JsonNode> matches) throws InterruptedException {
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (matches.test(events.get(seen))) {
                    return events.remove(seen);
                }
            }
            read();
        }
    }

    JsonNode eventWithMessage(String text) throws InterruptedException {
        return event(e -> e.path("message").asText().contains(text));
    }

    /** The next levels frame not yet taken. */
    JsonNode levels() throws InterruptedException {
        while (levels.isEmpty()) {
            read();
        }
        return levels.remove(0);
    }

    /**
     * The first levels frame not yet taken that lists {@code boosts} boosts; earlier lists still on
     * their way (the hub's own and the application's report of the same change) are passed over.
     */
    JsonNode levelsListing(int boosts) throws InterruptedException {
        JsonNode frame = levels();
        while (frame.path("boosts").size() != boosts) {
            frame = levels();
        }
        return frame;
    }

    /** The next error frame's message. */
    String error() throws InterruptedException {
        while (errors.isEmpty()) {
            read();
        }
        return errors.remove(0).path("message").asText();
    }

    /** Events received so far that were not taken. */
    List<JsonNode> received() {
        return List.copyOf(events);
    }

    /** Levels frames and errors received so far that were not taken. */
    List<JsonNode> otherFrames() {
        List<JsonNode> out = new ArrayList<>(levels);
        out.addAll(errors);
        return out;
    }

    private void read() throws InterruptedException {
        JsonNode frame = ws.next();
        switch (frame.path("type").asText()) {
            case "events" -> frame.path("events").forEach(events::add);
            case "levels" -> levels.add(frame);
            case "error" -> errors.add(frame);
            default -> assertEquals("events, levels or error", frame.path("type").asText(), frame.toString());
        }
    }
}
