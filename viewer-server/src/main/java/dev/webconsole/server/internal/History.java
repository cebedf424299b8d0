package dev.webconsole.server.internal;

import java.util.function.Consumer;

/** The last N entries, in seq order, for tabs that connect or resume. Dispatcher thread only. */
final class History {
    private final Outgoing[] ring;
    private int start;
    private int size;

    History(int capacity) {
        ring = new Outgoing[capacity];
    }

    void add(Outgoing entry) {
        if (ring.length == 0) {
            return;
        }
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = entry;
        } else {
            ring[start] = entry;
            start = (start + 1) % ring.length;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The oldest seq still held; only meaningful when not empty. */
    long firstSeq() {
        return ring[start].seq;
    }

    int size() {
        return size;
    }

    /** Hands every entry newer than {@code afterSeq} that the filter accepts to {@code sink}, oldest first. */
    void replay(long afterSeq, TabFilter filter, Consumer<Outgoing> sink) {
        for (int i = firstIndexAfter(afterSeq); i < size; i++) {
            Outgoing entry = ring[(start + i) % ring.length];
            if (filter.matches(entry)) {
                sink.accept(entry);
            }
        }
    }

    /** Binary search: entries are in rising seq order. */
    private int firstIndexAfter(long afterSeq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ring[(start + mid) % ring.length].to <= afterSeq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
