package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One item on its way to tabs: an encoded event, a gap, or another whole frame. Immutable; the
 * dispatcher encodes it once, as UTF-8, and every tab shares the bytes. As a Jackson
 * {@link SerializableString} an event is copied into a frame with {@code writeRawValue} as it is.
 */
final class Outgoing implements SerializableString {
    enum Kind { EVENT, GAP, FRAME }

    final Kind kind;
    /** The event's seq, or the first seq a gap covers; 0 for other frames. */
    final long seq;
    /** The last seq a gap covers; equal to {@link #seq} for an event. */
    final long to;
    final int severity;
    final String logger;
    /** An event's source, or {@code null}. */
    final String source;
    /** An event's context map (the hub owns it and never changes it), or {@code null}. */
    final java.util.Map<String, String> context;
    /** An event's marker name, or {@code null}. */
    final String marker;
    /** An event's JSON object, or a whole frame for the other kinds, in UTF-8. Never changed. */
    final byte[] json;

    private Outgoing(Kind kind, long seq, long to, int severity, String logger, String source, byte[] json) {
        this(kind, seq, to, severity, logger, source, null, null, json);
    }

    private Outgoing(Kind kind, long seq, long to, int severity, String logger, String source,
            java.util.Map<String, String> context, String marker, byte[] json) {
        this.kind = kind;
        this.source = source;
        this.context = context;
        this.marker = marker;
        this.seq = seq;
        this.to = to;
        this.severity = severity;
        this.logger = logger;
        this.json = json;
    }

    static Outgoing event(long seq, int severity, String logger, byte[] json) {
        return event(seq, severity, logger, null, json);
    }

    static Outgoing event(long seq, int severity, String logger, String source, byte[] json) {
        return new Outgoing(Kind.EVENT, seq, seq, severity, logger, source, json);
    }

    /** An event with what the tabs' context and marker filters look at. */
    static Outgoing event(long seq, int severity, String logger, String source,
            java.util.Map<String, String> context, String marker, byte[] json) {
        return new Outgoing(Kind.EVENT, seq, seq, severity, logger, source, context, marker, json);
    }

    static Outgoing gap(long from, long to, byte[] frame) {
        return new Outgoing(Kind.GAP, from, to, 0, null, null, frame);
    }

    /** A gap that concerns one source only: tabs that filter that source out do not get it. */
    static Outgoing sourceGap(long from, long to, String source, byte[] frame) {
        return new Outgoing(Kind.GAP, from, to, 0, null, source, frame);
    }

    static Outgoing frame(byte[] frame) {
        return new Outgoing(Kind.FRAME, 0, 0, 0, null, null, frame);
    }

    // SerializableString: frames use only the unquoted UTF-8 methods; the rest are for completeness.

    @Override
    public String getValue() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return json; // as Jackson's own SerializedString does: callers read it and never change it
    }

    @Override
    public byte[] asQuotedUTF8() {
        return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return append(asQuotedUTF8(), buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return append(asQuotedChars(), buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        return append(json, buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return append(getValue().toCharArray(), buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(json);
        return json.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return put(asQuotedUTF8(), buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return put(json, buffer);
    }

    private static int append(byte[] source, byte[] buffer, int offset) {
        if (offset + source.length > buffer.length) {
            return -1;
        }
        System.arraycopy(source, 0, buffer, offset, source.length);
        return source.length;
    }

    private static int append(char[] source, char[] buffer, int offset) {
        if (offset + source.length > buffer.length) {
            return -1;
        }
        System.arraycopy(source, 0, buffer, offset, source.length);
        return source.length;
    }

    private static int put(byte[] source, ByteBuffer buffer) {
        if (source.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(source);
        return source.length;
    }
}
