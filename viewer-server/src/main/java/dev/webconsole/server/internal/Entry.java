package dev.webconsole.server.internal;

/**
 * One item on its way to tabs: an encoded event, a gap, or another whole frame. Immutable; the
 * dispatcher encodes it once and every tab shares it.
 */
public final class Entry {
    enum Kind { EVENT, GAP, FRAME }

    final Kind kind;
    /** The event's seq, or the first seq a gap covers; 0 for other frames. */
    final long seq;
    /** The last seq a gap covers; equal to {@link #seq} for an event. */
    final long to;
    final int severity;
    final String logger;
    /** An event's JSON object, or a whole frame for the other kinds. */
    final String json;

    private Entry(Kind kind, long seq, long to, int severity, String logger, String json) {
        this.kind = kind;
        this.seq = seq;
        this.to = to;
        this.severity = severity;
        this.logger = logger;
        this.json = json;
    }

    static Entry event(long seq, int severity, String logger, String json) {
        return new Entry(Kind.EVENT, seq, seq, severity, logger, json);
    }

    static Entry gap(long from, long to, String frame) {
        return new Entry(Kind.GAP, from, to, 0, null, frame);
    }

    static Entry frame(String frame) {
        return new Entry(Kind.FRAME, 0, 0, 0, null, frame);
    }
}
