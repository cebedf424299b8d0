package dev.webconsole.server.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The hub's counters, written from many threads. */
public final class Counters {
    public final AtomicInteger sessions = new AtomicInteger();
    /** Connections reserved at upgrade and released at close; what maxSessions bounds. */
    public final AtomicInteger connections = new AtomicInteger();
    public final LongAdder published = new LongAdder();
    public final LongAdder ingestDropped = new LongAdder();
    public final LongAdder sessionDropped = new LongAdder();
    public final LongAdder sendFailed = new LongAdder();
    public final LongAdder truncated = new LongAdder();
    public final LongAdder rejectedMessages = new LongAdder();
}
