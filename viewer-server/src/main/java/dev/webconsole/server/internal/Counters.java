package dev.webconsole.server.internal;

import dev.webconsole.server.HubStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The hub's counters, written from many threads and read as one {@link HubStats} snapshot. */
final class Counters {
    private final AtomicInteger tabs = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder ingestDropped = new LongAdder();
    private final LongAdder tabDropped = new LongAdder();
    private final LongAdder sendFailed = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder rejectedMessages = new LongAdder();
    private final LongAdder publishersHeldBack = new LongAdder();

    /** Dispatcher thread: the number of tabs it sends to. */
    void tabs(int count) {
        tabs.set(count);
    }

    void published() {
        published.increment();
    }

    void ingestDropped() {
        ingestDropped.increment();
    }

    /** Every ingest drop so far; the dispatcher gives the new ones seq numbers. */
    long ingestDroppedTotal() {
        return ingestDropped.sum();
    }

    void tabDropped() {
        tabDropped.increment();
    }

    void sendFailed() {
        sendFailed.increment();
    }

    void truncated() {
        truncated.increment();
    }

    void rejectedMessage() {
        rejectedMessages.increment();
    }

    void publisherHeldBack() {
        publishersHeldBack.increment();
    }

    HubStats snapshot(long lastSeq) {
        return new HubStats(tabs.get(), published.sum(), lastSeq, ingestDropped.sum(), tabDropped.sum(),
                sendFailed.sum(), truncated.sum(), rejectedMessages.sum(),
                publishersHeldBack.sum());
    }
}
