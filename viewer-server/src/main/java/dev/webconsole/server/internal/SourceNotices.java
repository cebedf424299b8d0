package dev.webconsole.server.internal;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the dispatcher tells tabs about publishers' sources: each source's lost range, placed after
 * the events that source published before it, and the latest sources frame, which a tab that opens
 * later gets too. Dispatcher thread only.
 */
final class SourceNotices {
    /** Dispatches the events {@code [from, to)} of the batch in hand. */
    interface Span {
        void dispatch(int from, int to);
    }

    /** A task to run once the ingest queue's first {@code events} events are dispatched. */
    private record Later(long events, Runnable task) {}

    private final ArrayDeque<Later> afterEvents = new ArrayDeque<>();
    /** The last frame {@link #broadcast} sent (the sources), for tabs that open later; or null. */
    private byte[] latestBroadcast;

    /** Runs {@code task} once the ingest queue's first {@code events} events are dispatched. */
    void after(long events, Runnable task) {
        afterEvents.add(new Later(events, task));
    }

    /** Runs the tasks due once the first {@code dispatched} events of the ingest queue are dispatched, in order. */
    void runDue(long dispatched) {
        while (!afterEvents.isEmpty() && afterEvents.peekFirst().events() <= dispatched) {
            afterEvents.pollFirst().task().run();
        }
    }

    /**
     * Dispatches a batch of {@code n} events that follow the ingest queue's first {@code before};
     * a task due inside the batch (a source's lost range) goes between the events around it.
     */
    void dispatch(long before, int n, Span span) {
        if (afterEvents.isEmpty()) {
            span.dispatch(0, n);
            return;
        }
        int done = 0;
        while (true) {
            runDue(before + done);
            if (done >= n) {
                return;
            }
            Later next = afterEvents.peekFirst();
            int end = next == null ? n : (int) Math.min(n, Math.max(done + 1, next.events() - before));
            span.dispatch(done, end);
            done = end;
        }
    }

    /** Sends a control frame to every tab, and keeps it for each tab that opens later. */
    void broadcast(byte[] frame, List<Tab> tabs) {
        latestBroadcast = frame;
        for (int i = 0, n = tabs.size(); i < n; i++) {
            tabs.get(i).offerFrame(frame);
        }
    }

    /** Gives a tab that just opened the latest broadcast frame, if there was one. */
    void greet(Tab tab) {
        if (latestBroadcast != null) {
            tab.offerFrame(latestBroadcast);
        }
    }
}
