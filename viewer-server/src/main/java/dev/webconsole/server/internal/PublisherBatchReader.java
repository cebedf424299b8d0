package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.webconsole.server.ConsoleEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a publisher's {@code events} message token by token, straight into events, without
 * building a JSON tree first: this is the hub's work per published event. It checks and answers
 * exactly as {@link PublisherMessages} does for the other messages (values are read as
 * {@code JsonNode.asText}/{@code asLong} would read them).
 */
final class PublisherBatchReader {
    private final JsonFactory json;

    PublisherBatchReader(JsonFactory json) {
        this.json = json;
    }

    /** The events of an {@code events} message; null if the message turns out to be of another type. */
    PublisherMessages.Batch read(String text) throws ClientMessages.BadMessageException {
        try (JsonParser p = json.createParser(text)) {
            return read(p);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The same from UTF-8 bytes (a binary message); invalid UTF-8 is malformed JSON. */
    PublisherMessages.Batch read(byte[] utf8, int offset, int length) throws ClientMessages.BadMessageException {
        try (JsonParser p = json.createParser(utf8, offset, length)) {
            return read(p);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static ClientMessages.BadMessageException malformed(IOException e) {
        return bad("malformed JSON: " + (e instanceof JsonParseException j ? j.getOriginalMessage() : e.getMessage()));
    }

    private PublisherMessages.Batch read(JsonParser p) throws IOException, ClientMessages.BadMessageException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null; // the tree reader gives the usual answer
        }
        String type = null;
        List<ConsoleEvent> events = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("type")) {
                type = value == JsonToken.VALUE_STRING ? p.getText() : null;
            } else if (field.equals("events")) {
                events = events(p, value);
            } else {
                p.skipChildren();
            }
        }
        if (!"events".equals(type)) {
            return null;
        }
        if (events == null) {
            throw bad("\"events\" must be an array of events");
        }
        return new PublisherMessages.Batch(events);
    }

    private static List<ConsoleEvent> events(JsonParser p, JsonToken value) throws IOException, ClientMessages.BadMessageException {
        if (value != JsonToken.START_ARRAY) {
            throw bad("\"events\" must be an array of events");
        }
        List<ConsoleEvent> out = new ArrayList<>();
        long previous = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (out.size() == PublisherMessages.MAX_BATCH) {
                throw bad("too many events in one message (more than " + PublisherMessages.MAX_BATCH + "); at most "
                        + PublisherMessages.MAX_BATCH);
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad("each event must be a JSON object");
            }
            ConsoleEvent event = event(p);
            if (event.sourceSeq() <= previous) {
                throw bad("sourceSeq " + event.sourceSeq() + " follows " + previous + "; numbers must rise within a message");
            }
            previous = event.sourceSeq();
            out.add(event);
        }
        return out;
    }

    /** One event; the parser is at its START_OBJECT. */
    private static ConsoleEvent event(JsonParser p) throws IOException, ClientMessages.BadMessageException {
        Long sourceSeq = null;
        long time = 0;
        int severity = 400;
        String level = null, logger = null, thread = null, message = null, marker = null;
        ConsoleEvent.ThrownInfo thrown = null;
        Map<String, String> context = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "sourceSeq" -> sourceSeq = wholeNumber(p, v);
                case "time" -> time = asLong(p, v, 0);
                case "severity" -> severity = (int) asLong(p, v, 400);
                case "level" -> level = text(p, v);
                case "logger" -> logger = text(p, v);
                case "thread" -> thread = text(p, v);
                case "message" -> message = text(p, v);
                case "marker" -> marker = text(p, v);
                case "thrown" -> thrown = thrown(p, v);
                case "context" -> context = context(p, v);
                default -> p.skipChildren();
            }
        }
        if (sourceSeq == null) {
            throw bad("\"sourceSeq\" must be a whole number");
        }
        if (sourceSeq < 1) {
            throw bad("\"sourceSeq\" must be 1 or more");
        }
        return new ConsoleEvent(time, level, severity, logger, thread, message, thrown, context, marker, null, false, sourceSeq);
    }

    private static ConsoleEvent.ThrownInfo thrown(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String type = "", message = null, stack = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "type" -> type = orEmpty(text(p, t));
                case "message" -> message = text(p, t);
                case "stack" -> stack = orEmpty(text(p, t));
                default -> p.skipChildren();
            }
        }
        return new ConsoleEvent.ThrownInfo(type, message, stack);
    }

    private static Map<String, String> context(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, String> context = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            context.put(key, t == JsonToken.VALUE_NULL ? "null" : text(p, t)); // as JsonNode.asText()
        }
        return context;
    }

    /** As {@code JsonNode.asText()}: null for JSON null, "" for an object or array, else the value's text. */
    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        return p.getText();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** As {@code JsonNode.asLong(otherwise)}. */
    private static long asLong(JsonParser p, JsonToken v, long otherwise) throws IOException {
        return switch (v) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getValueAsLong(otherwise);
            case VALUE_STRING -> NumberInput.parseAsLong(p.getText(), otherwise);
            case VALUE_TRUE -> 1;
            case VALUE_FALSE -> 0;
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield otherwise;
            }
            default -> otherwise;
        };
    }

    /** A whole number that fits a long, as {@code PublisherMessages} demands of numbers. */
    private static long wholeNumber(JsonParser p, JsonToken v) throws IOException, ClientMessages.BadMessageException {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        }
        throw bad("\"sourceSeq\" must be a whole number");
    }

    private static ClientMessages.BadMessageException bad(String message) {
        return new ClientMessages.BadMessageException(message);
    }
}
