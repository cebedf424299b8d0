package dev.webconsole.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One tab: a bounded queue of entries and a drain that sends them, with exactly one send in flight.
 *
 * <p>The dispatcher offers entries; when the queue goes from idle to non-empty a drain is scheduled.
 * A drain takes everything that is waiting (up to a frame's bound), sends one frame, and the send's
 * callback schedules the next drain. Nothing polls. Frames are paced: a drain that would send a
 * partly filled events frame less than {@code minFrameGapNanos} after the previous events frame is
 * scheduled for then, so a tab gets a bounded number of frames per second while the first event
 * after a quiet spell goes at once. A full frame's worth of events, a gap or another whole frame
 * goes without waiting: delaying it would coalesce nothing, and a tab that has fallen behind
 * catches up as fast as its connection allows rather than at the pace of a timer.
 *
 * <p>When the queue is full the oldest event is dropped and the tab is told with a
 * {@code slow-consumer} gap before anything newer.
 *
 * <p>What waits, and which frame goes next, is kept in a {@link TabBacklog}; this class owns the lock
 * that guards it, the one-send-in-flight rule and the pacing.
 */
final class Tab {
    /** The connection a tab's frames go out on. */
    interface Transport {
        /**
         * Sends one text frame, given as its UTF-8 bytes; exactly one of the two callbacks runs when
         * the send completes. The hub does not touch the buffer's bytes again.
         */
        void send(ByteBuffer utf8Text, Runnable succeeded, java.util.function.Consumer<Throwable> failed);

        /** Closes the connection with a WebSocket close code. */
        void close(int code, String reason);
    }

    /** Schedules a task after a delay. */
    interface Scheduler {
        void schedule(Runnable task, long delay, TimeUnit unit);
    }

    private final Object lock = new Object();
    private final long minFrameGapNanos;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Counters counters;
    private final Transport transport;

    // Guarded by lock.
    private final TabBacklog backlog;
    private boolean busy;
    private boolean closed;

    private volatile long lastSendNanos;

    /** Set and read by the dispatcher thread only; null until the first subscribe. */
    private TabFilter filter;

    Tab(int capacity, int maxEventsPerFrame, int maxFramesPerSecond, EventEncoder encoder,
            Executor executor, Scheduler scheduler, Counters counters, Transport transport) {
        this.backlog = new TabBacklog(capacity, maxEventsPerFrame, encoder, counters);
        this.minFrameGapNanos = TimeUnit.SECONDS.toNanos(1) / maxFramesPerSecond;
        this.executor = executor;
        this.scheduler = scheduler;
        this.counters = counters;
        this.transport = transport;
        this.lastSendNanos = System.nanoTime() - minFrameGapNanos;
    }

    /** Queues an entry for this tab, dropping the oldest event when the queue is full. */
    void offer(Outgoing entry) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            backlog.add(entry);
            start = !busy;
            busy = true;
        }
        if (start) {
            scheduleDrain();
        }
    }

    /**
     * Dispatcher thread: queues the entries in {@code entries[0..count)} that this tab's filter
     * accepts, under one lock, dropping the oldest events when the queue is full.
     */
    void offer(Outgoing[] entries, int count) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            int added = 0;
            for (int i = 0; i < count; i++) {
                Outgoing entry = entries[i];
                if (!filter.matches(entry)) {
                    continue;
                }
                backlog.add(entry);
                added++;
            }
            if (added == 0) {
                return;
            }
            start = !busy;
            busy = true;
        }
        if (start) {
            scheduleDrain();
        }
    }

    /** Queues a whole frame (an error reply, say); callable from any thread. */
    void offerFrame(String frame) {
        offer(Outgoing.frame(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /** Queues a whole frame given as UTF-8. */
    void offerFrame(byte[] frame) {
        offer(Outgoing.frame(frame));
    }

    /** Queues a reply that replaces an earlier one still waiting; it takes no place in the queue, so it drops no event. */
    void offerReply(byte[] frame) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            backlog.reply(frame);
            start = !busy;
            busy = true;
        }
        if (start) {
            scheduleDrain();
        }
    }

    /**
     * Forgets queued events and gaps, and a pending gap (a new subscribe replaces them; its replay
     * covers that range again); keeps other frames.
     */
    void clearEvents() {
        synchronized (lock) {
            backlog.clearEvents();
        }
    }

    /** Dispatcher thread: the filter the next offers are matched against. */
    void filter(TabFilter filter) {
        this.filter = filter;
    }

    /** Dispatcher thread: the filter set by the last subscribe. */
    TabFilter filter() {
        return filter;
    }

    /** The highest seq already taken into a frame (events and gaps); a replay starts after it, so nothing comes twice. */
    long highestTaken() {
        synchronized (lock) {
            return backlog.highestTaken();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Stops sending and frees the queue; the connection itself is closed by its owner. */
    void close() {
        synchronized (lock) {
            closed = true;
            backlog.clear();
        }
    }

    private void scheduleDrain() {
        long wait = lastSendNanos + minFrameGapNanos - System.nanoTime();
        if (wait > 0) {
            synchronized (lock) {
                if (backlog.frameReady()) {
                    wait = 0;
                }
            }
        }
        try {
            if (wait <= 0) {
                executor.execute(this::drain);
            } else {
                // The timer only hands the drain to the pool: frames are built and sent there, not on
                // the one scheduler thread that pings and idle checks share.
                scheduler.schedule(this::drainOnPool, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            close();
        }
    }

    private void drainOnPool() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            close();
        }
    }

    private void drain() {
        ByteBuffer frame;
        synchronized (lock) {
            if (closed || backlog.isEmpty()) {
                busy = false;
                return;
            }
            frame = backlog.takeWhole();
            if (frame == null) {
                backlog.takeEvents();
            }
        }
        if (frame == null) {
            frame = backlog.encodeTaken();
            lastSendNanos = System.nanoTime(); // only events frames count towards the pace
        }
        transport.send(frame, this::scheduleDrain, this::sendFailed);
    }

    private void sendFailed(Throwable cause) {
        counters.sendFailed();
        close();
        transport.close(1011, "send failed: " + cause.getClass().getSimpleName());
    }
}
