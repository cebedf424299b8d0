package dev.webconsole.appender.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.server.ConsoleEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The publisher's side of the hub's {@code /publish} protocol (docs/PROTOCOL.md, "Publishers"),
 * written by Jackson. Used by the publisher's one thread (and {@link #read} by the socket's listener).
 */
final class PublisherFrames {
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();
    private final Bytes eventBytes = new Bytes();

    String hello(Publisher.Identity id) {
        return write(g -> {
            g.writeStringField("type", "hello");
            g.writeStringField("source", id.source());
            g.writeStringField("host", id.host());
            g.writeNumberField("pid", id.pid());
            g.writeStringField("jvm", id.jvm());
            g.writeNumberField("startTime", id.startTime());
        });
    }

    /** A refusal of control request {@code id}. */
    String answer(long id, String error) {
        return write(g -> {
            g.writeStringField("type", "answer");
            g.writeNumberField("id", id);
            g.writeStringField("error", error);
        });
    }

    String lost(long from, long to) {
        return write(g -> {
            g.writeStringField("type", "lost");
            g.writeNumberField("from", from);
            g.writeNumberField("to", to);
        });
    }

    /**
     * An {@code events} message as UTF-8 JSON, for a binary frame: written as bytes once, so neither
     * side converts it to or from characters. The buffer is reused by the next call: send it first.
     */
    ByteBuffer events(List<ConsoleEvent> events, long[] seqs) {
        eventBytes.reset();
        try (JsonGenerator g = json.createGenerator(eventBytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "events");
            g.writeArrayFieldStart("events");
            for (int i = 0; i < events.size(); i++) {
                event(g, events.get(i), seqs[i]);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a publisher frame could not be written", e);
        }
        return eventBytes.view();
    }

    /** A byte buffer whose content can be sent without copying it. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(64 * 1024);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    private static void event(JsonGenerator g, ConsoleEvent e, long seq) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sourceSeq", seq);
        g.writeNumberField("time", e.time());
        g.writeStringField("level", e.level());
        g.writeNumberField("severity", e.severity());
        g.writeStringField("logger", e.logger());
        g.writeStringField("thread", e.thread());
        g.writeStringField("message", e.message());
        if (e.thrown() != null) {
            g.writeObjectFieldStart("thrown");
            g.writeStringField("type", e.thrown().type());
            if (e.thrown().message() != null) {
                g.writeStringField("message", e.thrown().message());
            }
            g.writeStringField("stack", e.thrown().stack());
            g.writeEndObject();
        }
        if (e.context() != null && !e.context().isEmpty()) {
            g.writeObjectFieldStart("context");
            for (Map.Entry<String, String> kv : e.context().entrySet()) {
                g.writeStringField(kv.getKey(), kv.getValue());
            }
            g.writeEndObject();
        }
        if (e.marker() != null) {
            g.writeStringField("marker", e.marker());
        }
        g.writeEndObject();
    }

    /** A message from the hub, or null if it is not JSON (reported by the caller). */
    JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a publisher frame could not be written", e);
        }
        return out.toString();
    }
}
