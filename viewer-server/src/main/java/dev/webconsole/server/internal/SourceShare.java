package dev.webconsole.server.internal;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * One publisher's part of the ingest queue ({@code sourceSharePercent} of it): how many of its
 * events wait there now, and how many more it may put in. Counted from the queue's own positions,
 * so the dispatcher does nothing extra: each chunk of events the connection queued is remembered
 * with the queue position after it, and it has left the queue once the dispatcher has taken that
 * far. A flooding source fills only its own part, never a quiet source's. Used by one connection,
 * one thread at a time.
 */
final class SourceShare {
    private final int limit;
    private final LongSupplier taken;
    /** Chunks still in the queue, oldest first: {queue position after the chunk, events}. */
    private final ArrayDeque<long[]> chunks = new ArrayDeque<>();
    private long waiting;

    /**
     * @param limit  the most events of this source that may wait in the ingest queue
     * @param taken  how many events the dispatcher has ever taken from the queue
     */
    SourceShare(int limit, LongSupplier taken) {
        this.limit = Math.max(1, limit);
        this.taken = taken;
    }

    /** The events of a share of {@code percent} of a queue of {@code capacity}; at least one. */
    static int limit(int capacity, int percent) {
        return (int) Math.max(1, (long) capacity * percent / 100);
    }

    /** How many more events this source may queue now. */
    int room() {
        long done = taken.getAsLong();
        while (!chunks.isEmpty() && chunks.peekFirst()[0] <= done) {
            waiting -= chunks.removeFirst()[1];
        }
        return (int) Math.max(0, limit - waiting);
    }

    /** This source queued {@code events} more; the queue had accepted {@code acceptedAfter} events in all after them. */
    void queued(long acceptedAfter, int events) {
        if (events > 0) {
            chunks.addLast(new long[] {acceptedAfter, events});
            waiting += events;
        }
    }
}
