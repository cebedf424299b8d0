package dev.webconsole.server.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One tab: a bounded queue of entries and a drain that sends them, with exactly one send in flight.
 *
 * <p>The dispatcher offers entries; when the queue goes from idle to non-empty a drain is scheduled.
 * A drain takes everything that is waiting (up to a frame's bound), sends one frame, and the send's
 * callback schedules the next drain. Nothing polls. Frames are paced: a drain that would start less
 * than {@code minFrameGapNanos} after the previous one is scheduled for then, so under load a tab
 * gets a bounded number of frames per second while the first event after a quiet spell goes at once.
 *
 * <p>When the queue is full the oldest event is dropped and the tab is told with a
 * {@code slow-consumer} gap before anything newer.
 */
public final class TabSession {
    /** A frame stops taking events once it holds this many characters (it always takes at least one). */
    static final int FRAME_CHARS_TARGET = 512 * 1024;

    /** The connection a tab's frames go out on. */
    public interface Transport {
        /** Sends one text frame; exactly one of the two callbacks runs when the send completes. */
        void send(String frame, Runnable succeeded, java.util.function.Consumer<Throwable> failed);

        /** Closes the connection with a WebSocket close code. */
        void close(int code, String reason);
    }

    /** Schedules a task after a delay. */
    public interface Scheduler {
        void schedule(Runnable task, long delay, TimeUnit unit);
    }

    private final Object lock = new Object();
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    /** Frames (hello, errors) that overflow pushed out of the queue; they go first. */
    private final ArrayDeque<Entry> pushedOut = new ArrayDeque<>();
    private final int capacity;
    private final int maxEventsPerFrame;
    private final long minFrameGapNanos;
    private final EventEncoder encoder;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Counters counters;
    private final Transport transport;

    // Guarded by lock.
    private long gapFrom;
    private long gapTo;
    private boolean busy;
    private boolean closed;
    private long dropped;

    private volatile long lastSendNanos;

    /** Set and read by the dispatcher thread only; null until the first subscribe. */
    TabFilter filter;

    public TabSession(int capacity, int maxEventsPerFrame, int maxFramesPerSecond, EventEncoder encoder,
            Executor executor, Scheduler scheduler, Counters counters, Transport transport) {
        this.capacity = capacity;
        this.maxEventsPerFrame = maxEventsPerFrame;
        this.minFrameGapNanos = TimeUnit.SECONDS.toNanos(1) / maxFramesPerSecond;
        this.encoder = encoder;
        this.executor = executor;
        this.scheduler = scheduler;
        this.counters = counters;
        this.transport = transport;
        this.lastSendNanos = System.nanoTime() - minFrameGapNanos;
    }

    /** Queues an entry for this tab, dropping the oldest event when the queue is full. */
    void offer(Entry entry) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                dropOldest();
            }
            queue.addLast(entry);
            start = !busy;
            busy = true;
        }
        if (start) {
            scheduleDrain();
        }
    }

    /** Queues a whole frame (an error reply, say); callable from any thread. */
    public void offerFrame(String frame) {
        offer(Entry.frame(frame));
    }

    /** Forgets queued events and gaps (a new subscribe replaces them); keeps other frames. */
    void clearEvents() {
        synchronized (lock) {
            queue.removeIf(e -> e.kind != Entry.Kind.FRAME);
        }
    }

    /** Events this tab lost to its queue bound. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Stops sending and frees the queue; the connection itself is closed by its owner. */
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            pushedOut.clear();
        }
    }

    private void dropOldest() {
        Entry oldest = queue.pollFirst();
        switch (oldest.kind) {
            case EVENT, GAP -> {
                long lost = oldest.kind == Entry.Kind.EVENT ? 1 : 0;
                dropped += lost;
                counters.sessionDropped.add(lost);
                gapFrom = gapTo == 0 ? oldest.seq : Math.min(gapFrom, oldest.seq);
                gapTo = Math.max(gapTo, oldest.to);
            }
            case FRAME -> pushedOut.addLast(oldest);
        }
    }

    private void scheduleDrain() {
        long wait = lastSendNanos + minFrameGapNanos - System.nanoTime();
        try {
            if (wait <= 0) {
                executor.execute(this::drain);
            } else {
                scheduler.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            close();
        }
    }

    private void drain() {
        String frame;
        List<Entry> batch = null;
        synchronized (lock) {
            if (closed) {
                busy = false;
                return;
            }
            if (!pushedOut.isEmpty()) {
                frame = pushedOut.pollFirst().json;
            } else if (gapTo != 0) {
                frame = encoder.gap(gapFrom, gapTo, "slow-consumer");
                gapFrom = 0;
                gapTo = 0;
            } else if (queue.isEmpty()) {
                busy = false;
                return;
            } else if (queue.peekFirst().kind != Entry.Kind.EVENT) {
                frame = queue.pollFirst().json;
            } else {
                frame = null;
                batch = new ArrayList<>(Math.min(queue.size(), maxEventsPerFrame));
                int chars = 0;
                while (batch.size() < maxEventsPerFrame
                        && chars < FRAME_CHARS_TARGET
                        && !queue.isEmpty()
                        && queue.peekFirst().kind == Entry.Kind.EVENT) {
                    Entry next = queue.pollFirst();
                    chars += next.json.length();
                    batch.add(next);
                }
            }
        }
        if (batch != null) {
            frame = encoder.events(batch);
        }
        lastSendNanos = System.nanoTime();
        transport.send(frame, this::scheduleDrain, this::sendFailed);
    }

    private void sendFailed(Throwable cause) {
        counters.sendFailed.increment();
        close();
        transport.close(1011, "send failed: " + cause.getClass().getSimpleName());
    }
}
