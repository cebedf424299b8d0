package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what publishers send ({@code hello}, {@code events}, {@code lost}, and about control:
 * {@code levels}, {@code answer}) and writes what the hub sends them ({@code welcome}, {@code ack},
 * {@code error}, a forwarded control request) and the {@code publisher-overflow} gap tabs get. See docs/PROTOCOL.md, "Publishers". A message that is not as described is refused
 * with a {@link ClientMessages.BadMessageException} that says what was wrong.
 */
final class PublisherMessages {
    /** At most this many events in one {@code events} message. */
    static final int MAX_BATCH = 10_000;
    static final int MAX_NAME_CHARS = 200;
    /** At most this many boosts in one {@code levels} message (an application has at most its maxBoosts). */
    static final int MAX_LISTED_BOOSTS = 100;

    /** How publishers begin an events message; such a message is read without a tree. */
    private static final String EVENTS_START = "{\"type\":\"events\",";
    private static final byte[] EVENTS_START_BYTES = EVENTS_START.getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = new ObjectMapper();
    private final PublisherBatchReader batches = new PublisherBatchReader(mapper.getFactory());

    /** Who a publisher is, from its hello. */
    record Hello(String source, String host, long pid, String jvm, long startTime) {}

    /** A batch of events, each numbered by its source, in rising order. */
    record Batch(List<ConsoleEvent> events) {}

    /** Events {@code from..to} (the source's numbers) that the publisher could not keep. */
    record Lost(long from, long to) {}

    /**
     * A binary message: the same JSON in UTF-8. An events message is read from the bytes as they
     * are; any other is decoded (strictly: invalid UTF-8 is refused) and read as text.
     */
    Object parse(ByteBuffer utf8) throws ClientMessages.BadMessageException {
        byte[] bytes;
        int offset;
        int length = utf8.remaining();
        if (utf8.hasArray()) {
            bytes = utf8.array();
            offset = utf8.arrayOffset() + utf8.position();
        } else {
            bytes = new byte[length];
            utf8.duplicate().get(bytes);
            offset = 0;
        }
        if (startsWith(bytes, offset, length, EVENTS_START_BYTES)) {
            Batch batch = batches.read(bytes, offset, length);
            if (batch != null) {
                return batch;
            }
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString());
        } catch (CharacterCodingException e) {
            throw bad("malformed JSON: a binary message must be UTF-8 text");
        }
    }

    private static boolean startsWith(byte[] bytes, int offset, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /** The boosts active in the application now, each as the hub lists it to tabs. */
    record Levels(List<ObjectNode> boosts) {}

    /** The application's answer to the forwarded control request {@code id}: done, or refused with {@code error}. */
    record Answer(long id, String error) {}

    Object parse(String text) throws ClientMessages.BadMessageException {
        if (text.startsWith(EVENTS_START)) {
            Batch batch = batches.read(text);
            if (batch != null) {
                return batch;
            }
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw bad("expected a JSON object with a \"type\": hello, events or lost");
        }
        return switch (root.get("type").asText()) {
            case "hello" -> hello(root);
            case "events" -> batch(root);
            case "lost" -> new Lost(number(root, "from"), number(root, "to"));
            case "levels" -> levels(root);
            case "answer" -> new Answer(number(root, "id"), root.path("error").isTextual() ? root.get("error").asText() : null);
            default -> throw bad("unknown message type \"" + clip(root.get("type").asText())
                    + "\"; a publisher sends hello, events, lost, levels or answer");
        };
    }

    private static Hello hello(JsonNode root) throws ClientMessages.BadMessageException {
        String source = root.path("source").asText("");
        if (source.isBlank() || source.length() > MAX_NAME_CHARS) {
            throw bad("hello needs a \"source\" of 1 to " + MAX_NAME_CHARS + " characters, the application's name");
        }
        return new Hello(source.strip(), clip(root.path("host").asText("")), root.path("pid").asLong(0),
                clip(root.path("jvm").asText("")), root.path("startTime").asLong(0));
    }

    private Levels levels(JsonNode root) throws ClientMessages.BadMessageException {
        JsonNode boosts = root.get("boosts");
        if (boosts == null || !boosts.isArray() || boosts.size() > MAX_LISTED_BOOSTS) {
            throw bad("\"boosts\" of levels must be an array of at most " + MAX_LISTED_BOOSTS + " boosts");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode b : boosts) {
            if (!b.path("logger").isTextual() || !b.path("level").isTextual() || !b.path("until").canConvertToLong()) {
                throw bad("each boost of levels needs \"logger\", \"level\" and \"until\"");
            }
            ObjectNode copy = mapper.createObjectNode().put("logger", clip(b.get("logger").asText()))
                    .put("level", clip(b.get("level").asText()));
            JsonNode context = b.get("context");
            if (context != null && context.isObject() && context.size() == 1) {
                Map.Entry<String, JsonNode> only = context.fields().next();
                copy.putObject("context").put(clip(only.getKey()), clip(only.getValue().asText()));
            }
            out.add(copy.put("minutes", b.path("minutes").asInt()).put("until", b.get("until").asLong())
                    .put("by", clip(b.path("by").asText(""))));
        }
        return new Levels(out);
    }

    private static Batch batch(JsonNode root) throws ClientMessages.BadMessageException {
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw bad("\"events\" must be an array of events");
        }
        if (events.size() > MAX_BATCH) {
            throw bad("too many events in one message (" + events.size() + "); at most " + MAX_BATCH);
        }
        List<ConsoleEvent> out = new ArrayList<>(events.size());
        long previous = 0;
        for (JsonNode e : events) {
            ConsoleEvent event = event(e);
            if (event.sourceSeq() <= previous) {
                throw bad("sourceSeq " + event.sourceSeq() + " follows " + previous + "; numbers must rise within a message");
            }
            previous = event.sourceSeq();
            out.add(event);
        }
        return new Batch(out);
    }

    private static ConsoleEvent event(JsonNode e) throws ClientMessages.BadMessageException {
        if (!e.isObject()) {
            throw bad("each event must be a JSON object");
        }
        long sourceSeq = number(e, "sourceSeq");
        if (sourceSeq < 1) {
            throw bad("\"sourceSeq\" must be 1 or more");
        }
        JsonNode thrown = e.get("thrown");
        ConsoleEvent.ThrownInfo info = thrown == null || !thrown.isObject() ? null
                : new ConsoleEvent.ThrownInfo(thrown.path("type").asText(""), text(thrown, "message"),
                        thrown.path("stack").asText(""));
        Map<String, String> context = null;
        JsonNode ctx = e.get("context");
        if (ctx != null && ctx.isObject()) {
            context = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = it.next();
                context.put(kv.getKey(), kv.getValue().asText());
            }
        }
        return new ConsoleEvent(e.path("time").asLong(0), text(e, "level"), e.path("severity").asInt(400),
                text(e, "logger"), text(e, "thread"), text(e, "message"), info, context, text(e, "marker"),
                null, false, sourceSeq);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long number(JsonNode node, String field) throws ClientMessages.BadMessageException {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw bad("\"" + field + "\" must be a whole number");
        }
        return v.asLong();
    }

    byte[] welcome(String hubId, long lastSourceSeq) {
        ObjectNode n = mapper.createObjectNode().put("type", "welcome").put("hub", hubId).put("lastSourceSeq", lastSourceSeq);
        return bytes(n);
    }

    byte[] ack(long sourceSeq) {
        return bytes(mapper.createObjectNode().put("type", "ack").put("sourceSeq", sourceSeq));
    }

    /** A tab's control request, forwarded to the application it names, numbered for its answer. */
    String request(long id, ControlAsk ask, String by) {
        ObjectNode n = mapper.createObjectNode();
        ask.writeTo(n);
        n.put("id", id).put("by", by);
        return new String(bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    String error(String message) {
        return new String(bytes(mapper.createObjectNode().put("type", "error").put("message", message)),
                StandardCharsets.UTF_8);
    }

    /** The gap tabs get for events a source lost: global seq range, the source, and its own numbers. */
    byte[] lostGap(long from, long count, String source, Lost lost) {
        return bytes(mapper.createObjectNode().put("type", "gap").put("from", from).put("to", from + count - 1)
                .put("reason", "publisher-overflow").put("source", source)
                .put("sourceFrom", lost.from()).put("sourceTo", lost.to()));
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a publisher frame could not be written", e);
        }
    }

    private static ClientMessages.BadMessageException bad(String message) {
        return new ClientMessages.BadMessageException(message);
    }

    private static String clip(String text) {
        return text.length() <= MAX_NAME_CHARS ? text : text.substring(0, MAX_NAME_CHARS);
    }
}
