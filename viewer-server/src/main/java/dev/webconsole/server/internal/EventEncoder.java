package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.HubStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the frames of wire protocol v1 with Jackson. Thread-safe. */
public final class EventEncoder {
    public static final int PROTOCOL_VERSION = 1;

    private final JsonFactory json = new JsonFactory();
    private final String serverName;

    public EventEncoder(String serverName) {
        this.serverName = serverName;
    }

    /** One event as a JSON object; optional fields are left out when empty. */
    String event(ConsoleEvent e, long seq) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("seq", seq);
            g.writeNumberField("time", e.time());
            g.writeStringField("level", e.level());
            g.writeStringField("logger", e.logger());
            g.writeStringField("thread", e.thread());
            g.writeStringField("message", e.message());
            ConsoleEvent.ThrownInfo thrown = e.thrown();
            if (thrown != null) {
                g.writeObjectFieldStart("thrown");
                g.writeStringField("type", thrown.type());
                if (thrown.message() != null) {
                    g.writeStringField("message", thrown.message());
                }
                g.writeStringField("stack", thrown.stack());
                g.writeEndObject();
            }
            Map<String, String> context = e.context();
            if (context != null && !context.isEmpty()) {
                g.writeObjectFieldStart("context");
                for (Map.Entry<String, String> kv : context.entrySet()) {
                    g.writeStringField(String.valueOf(kv.getKey()), kv.getValue());
                }
                g.writeEndObject();
            }
            if (e.marker() != null) {
                g.writeStringField("marker", e.marker());
            }
            if (e.source() != null) {
                g.writeStringField("source", e.source());
            }
            if (e.truncated()) {
                g.writeBooleanField("truncated", true);
            }
            g.writeEndObject();
        });
    }

    /** An {@code events} frame around already-encoded events, which are copied in as they are. */
    String events(List<Entry> batch) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "events");
            g.writeArrayFieldStart("events");
            for (Entry entry : batch) {
                g.writeRawValue(entry.json);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    String hello(String hubId, long firstSeq, long lastSeq) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "hello");
            g.writeNumberField("version", PROTOCOL_VERSION);
            g.writeStringField("server", serverName);
            g.writeStringField("hub", hubId);
            g.writeNumberField("firstSeq", firstSeq);
            g.writeNumberField("lastSeq", lastSeq);
            g.writeEndObject();
        });
    }

    String gap(long from, long to, String reason) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "gap");
            g.writeNumberField("from", from);
            g.writeNumberField("to", to);
            g.writeStringField("reason", reason);
            g.writeEndObject();
        });
    }

    String error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    public String stats(HubStats s) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("sessions", s.sessions());
            g.writeNumberField("published", s.published());
            g.writeNumberField("lastSeq", s.lastSeq());
            g.writeNumberField("ingestDropped", s.ingestDropped());
            g.writeNumberField("sessionDropped", s.sessionDropped());
            g.writeNumberField("sendFailed", s.sendFailed());
            g.writeNumberField("truncated", s.truncated());
            g.writeNumberField("rejectedMessages", s.rejectedMessages());
            g.writeEndObject();
        });
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            // A StringWriter does not fail; Jackson declares the exception for other sinks.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
