package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes the frames of wire protocol v1 with Jackson, as UTF-8: an event is encoded once, and
 * every tab's frame copies its bytes in as a raw value, so nothing is encoded per tab. Thread-safe,
 * except for an {@link EventWriter}, which belongs to the one thread that made it.
 */
final class EventEncoder {
    static final int PROTOCOL_VERSION = 1;

    // Field names, quoted and encoded once (immutable).
    private static final SerializedString SEQ = new SerializedString("seq");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final Set<String> STANDARD_LEVELS = Set.copyOf(Severity.NAMES);
    private static final SerializedString LOGGER = new SerializedString("logger");
    private static final SerializedString THREAD = new SerializedString("thread");
    private static final SerializedString MESSAGE = new SerializedString("message");

    private final JsonFactory json = new JsonFactory();
    private final String serverName;

    /** Whether hello says that this hub takes control messages (set-level, revert-level, thread-dump). */
    private final boolean control;
    /** Whether hello says that the hub's own application takes level boosts (false in a standalone hub). */
    private final boolean levelControl;

    EventEncoder(String serverName) {
        this(serverName, false, false);
    }

    EventEncoder(String serverName, boolean control, boolean levelControl) {
        this.control = control;
        this.levelControl = levelControl;
        this.serverName = serverName;
    }

    /**
     * A reusable writer of single events for the dispatcher thread: one generator and one buffer
     * serve every event, so encoding allocates only the event's own byte array.
     */
    EventWriter newEventWriter() {
        return new EventWriter();
    }

    /** Encodes events one after another on one thread; not thread-safe. */
    final class EventWriter {
        /** A fresh generator now and then: Jackson counts root-level values in an int. */
        private static final int EVENTS_PER_GENERATOR = 1 << 20;
        /** A buffer grown past this by one huge event is let go afterwards. */
        private static final int KEEP_BUFFER_BYTES = 64 * 1024;
        /** Distinct level, logger and thread names remembered; the memory starts afresh when full. */
        private static final int MAX_NAMES = 4096;

        /** Level, logger and thread names recur in almost every event: each is escaped and encoded once. */
        private final Map<String, SerializedString> names = new HashMap<>();
        private final Names memory = this::name;

        private ByteSink out = new ByteSink(1024);
        private JsonGenerator generator;
        private int written;

        /** One event as a JSON object in UTF-8; optional fields are left out when empty. */
        /** Writes the event; one that cannot be written becomes an event that says so, with the same seq. */
        byte[] writeOrExplain(ConsoleEvent event, long seq) {
            try {
                return write(event, seq);
            } catch (RuntimeException e) {
                return write(new ConsoleEvent(event.time(), event.level(), event.severity(), event.logger(),
                        event.thread(), "[WebConsole could not encode this event: " + e + "]", null, null, null,
                        event.source(), false, event.sourceSeq()), seq);
            }
        }

        byte[] write(ConsoleEvent e, long seq) {
            try {
                if (generator == null || written++ == EVENTS_PER_GENERATOR) {
                    generator = json.createGenerator(out);
                    generator.setRootValueSeparator(null);
                    written = 1;
                }
                writeEvent(generator, e, seq, memory);
                generator.flush();
                return out.toByteArray();
            } catch (IOException | RuntimeException failure) {
                generator = null; // possibly inside an object: the next event starts a new one
                if (failure instanceof IOException io) {
                    throw new UncheckedIOException(io); // a ByteSink does not fail
                }
                throw (RuntimeException) failure;
            } finally {
                out.reset();
                if (out.capacity() > KEEP_BUFFER_BYTES) {
                    out = new ByteSink(1024);
                    generator = null;
                }
            }
        }

        private SerializableString name(String name) {
            SerializedString known = names.get(name);
            if (known == null) {
                known = new SerializedString(name);
                try {
                    known.asQuotedUTF8(); // encodes now, and refuses a lone surrogate
                } catch (IllegalArgumentException loneSurrogate) {
                    return null; // written the ordinary way, which escapes it
                }
                if (names.size() >= MAX_NAMES) {
                    names.clear();
                }
                names.put(name, known);
            }
            return known;
        }
    }

    /** Level, logger and thread names already encoded, or null for one to be written the ordinary way. */
    private interface Names {
        SerializableString of(String name);
    }

    private static void writeName(JsonGenerator g, Names names, String name) throws IOException {
        SerializableString encoded = names.of(name);
        if (encoded != null) {
            g.writeString(encoded);
        } else {
            g.writeString(name);
        }
    }

    private static void writeEvent(JsonGenerator g, ConsoleEvent e, long seq, Names names) throws IOException {
        g.writeStartObject();
        g.writeFieldName(SEQ);
        g.writeNumber(seq);
        g.writeFieldName(TIME);
        g.writeNumber(e.time());
        g.writeFieldName(LEVEL);
        writeName(g, names, e.level());
        if (!STANDARD_LEVELS.contains(e.level())) {
            g.writeNumberField("severity", e.severity()); // custom levels (JUL's FINEST, CONFIG): where they rank
        }
        g.writeFieldName(LOGGER);
        writeName(g, names, e.logger());
        g.writeFieldName(THREAD);
        writeName(g, names, e.thread());
        g.writeFieldName(MESSAGE);
        g.writeString(e.message());
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
        if (e.sourceSeq() > 0) {
            g.writeNumberField("sourceSeq", e.sourceSeq());
        }
        if (e.truncated()) {
            g.writeBooleanField("truncated", true);
        }
        g.writeEndObject();
    }

    /** One event as a JSON object in UTF-8, on any thread (tests, the odd caller); the dispatcher uses an EventWriter. */
    byte[] event(ConsoleEvent e, long seq) {
        return bytes(write(512, g -> writeEvent(g, e, seq, name -> null)));
    }

    /**
     * An {@code events} frame around already-encoded events, which are copied in as they are.
     *
     * @param batch the entries, all of kind EVENT, in {@code batch[0..count)}
     * @param bytes the sum of their lengths, to size the frame's buffer at once
     */
    ByteBuffer events(Outgoing[] batch, int count, int bytes) {
        return write(bytes + count + 32, g -> {
            g.writeStartObject();
            g.writeStringField("type", "events");
            g.writeArrayFieldStart("events");
            for (int i = 0; i < count; i++) {
                g.writeRawValue(batch[i]);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    byte[] hello(String hubId, long firstSeq, long lastSeq) {
        return bytes(write(256, g -> {
            g.writeStartObject();
            g.writeStringField("type", "hello");
            g.writeNumberField("version", PROTOCOL_VERSION);
            g.writeStringField("server", serverName);
            g.writeStringField("hub", hubId);
            g.writeNumberField("firstSeq", firstSeq);
            g.writeNumberField("lastSeq", lastSeq);
            g.writeBooleanField("control", control);
            g.writeBooleanField("levelControl", levelControl);
            g.writeEndObject();
        }));
    }

    byte[] gap(long from, long to, String reason) {
        return bytes(write(128, g -> {
            g.writeStartObject();
            g.writeStringField("type", "gap");
            g.writeNumberField("from", from);
            g.writeNumberField("to", to);
            g.writeStringField("reason", reason);
            g.writeEndObject();
        }));
    }

    /** An {@code error} frame, as text for a direct send. */
    String error(String message) {
        return new String(errorBytes(message), StandardCharsets.UTF_8);
    }

    byte[] errorBytes(String message) {
        return bytes(write(128 + message.length(), g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            g.writeEndObject();
        }));
    }

    String stats(HubStats s) {
        return new String(bytes(write(256, g -> {
            g.writeStartObject();
            g.writeNumberField("tabs", s.tabs());
            g.writeNumberField("published", s.published());
            g.writeNumberField("lastSeq", s.lastSeq());
            g.writeNumberField("ingestDropped", s.ingestDropped());
            g.writeNumberField("tabDropped", s.tabDropped());
            g.writeNumberField("sendFailed", s.sendFailed());
            g.writeNumberField("truncated", s.truncated());
            g.writeNumberField("rejectedMessages", s.rejectedMessages());
            g.writeNumberField("publishersHeldBack", s.publishersHeldBack());
            g.writeEndObject();
        })), StandardCharsets.UTF_8);
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private ByteBuffer write(int sizeHint, Body body) {
        ByteSink out = new ByteSink(sizeHint);
        try (JsonGenerator g = json.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            // A ByteSink does not fail; Jackson declares the exception for other sinks.
            throw new UncheckedIOException(e);
        }
        return out.toByteBuffer();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] array = buffer.array();
        return buffer.remaining() == array.length ? array : Arrays.copyOfRange(array, 0, buffer.remaining());
    }
}
