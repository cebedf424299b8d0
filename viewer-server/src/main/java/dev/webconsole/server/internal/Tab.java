package dev.webconsole.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
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
 */
final class Tab {
    /**
     * A frame stops taking events once it holds this many bytes (it always takes at least one).
     * Kept under half a G1 region of a small heap, so a frame is not a humongous object.
     */
    static final int FRAME_BYTES_TARGET = 256 * 1024;
    /**
     * At most this many whole frames (hello, errors) wait beside a full queue; more are dropped, so
     * a tab that sends but never reads cannot grow the hub's memory with replies.
     */
    static final int MAX_PUSHED_OUT = 8;

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
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** Frames (hello, errors) that overflow pushed out of the queue; they go first. */
    private final ArrayDeque<Outgoing> pushedOut = new ArrayDeque<>();
    /** The latest reply (the logger catalogue) waiting beside the queue; a newer one replaces it. */
    private byte[] reply;
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
    /** The bytes of the events in {@code queue}. */
    private long queuedBytes;
    /** The highest seq taken into a frame, as an event or inside a gap: sent or on its way. */
    private long highestTaken;

    private volatile long lastSendNanos;
    /** Reused by drains, which never overlap (one send in flight); emptied after each frame. */
    private Outgoing[] frameEvents = new Outgoing[16];

    /** Set and read by the dispatcher thread only; null until the first subscribe. */
    private TabFilter filter;

    Tab(int capacity, int maxEventsPerFrame, int maxFramesPerSecond, EventEncoder encoder,
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
    void offer(Outgoing entry) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            enqueue(entry);
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
                enqueue(entry);
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
            reply = frame;
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
            queue.removeIf(e -> e.kind != Outgoing.Kind.FRAME);
            queuedBytes = 0;
            gapFrom = 0;
            gapTo = 0;
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
            return highestTaken;
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
            queue.clear();
            pushedOut.clear();
            reply = null;
            queuedBytes = 0;
        }
    }

    /** Under lock: adds an entry, dropping the oldest when the queue is full. */
    private void enqueue(Outgoing entry) {
        if (queue.size() >= capacity) {
            dropOldest();
        }
        queue.addLast(entry);
        if (entry.kind == Outgoing.Kind.EVENT) {
            queuedBytes += entry.json.length;
        }
    }

    private void dropOldest() {
        Outgoing oldest = queue.pollFirst();
        if (oldest.kind == Outgoing.Kind.EVENT) {
            queuedBytes -= oldest.json.length;
            counters.tabDropped();
        }
        switch (oldest.kind) {
            case EVENT, GAP -> {
                gapFrom = gapTo == 0 ? oldest.seq : Math.min(gapFrom, oldest.seq);
                gapTo = Math.max(gapTo, oldest.to);
            }
            case FRAME -> {
                if (pushedOut.size() < MAX_PUSHED_OUT) {
                    pushedOut.addLast(oldest);
                }
            }
        }
    }

    private void scheduleDrain() {
        long wait = lastSendNanos + minFrameGapNanos - System.nanoTime();
        if (wait > 0) {
            synchronized (lock) {
                if (frameReady()) {
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

    /** Whether the next frame goes out whatever the pace: it is full, or it is not an events frame. Under lock. */
    private boolean frameReady() {
        return !pushedOut.isEmpty() || reply != null || gapTo != 0
                || queue.size() >= maxEventsPerFrame || queuedBytes >= FRAME_BYTES_TARGET
                || !queue.isEmpty() && queue.peekFirst().kind != Outgoing.Kind.EVENT;
    }

    private void drain() {
        ByteBuffer frame;
        int count = 0;
        int bytes = 0;
        synchronized (lock) {
            if (closed) {
                busy = false;
                return;
            }
            if (!pushedOut.isEmpty()) {
                frame = ByteBuffer.wrap(pushedOut.pollFirst().json);
            } else if (reply != null) {
                frame = ByteBuffer.wrap(reply);
                reply = null;
            } else if (gapTo != 0) {
                frame = ByteBuffer.wrap(encoder.gap(gapFrom, gapTo, "slow-consumer"));
                highestTaken = Math.max(highestTaken, gapTo); // a gap on its way covers its range too
                gapFrom = 0;
                gapTo = 0;
            } else if (queue.isEmpty()) {
                busy = false;
                return;
            } else if (queue.peekFirst().kind != Outgoing.Kind.EVENT) {
                Outgoing next = queue.pollFirst();
                if (next.kind == Outgoing.Kind.GAP) {
                    highestTaken = Math.max(highestTaken, next.to);
                }
                frame = ByteBuffer.wrap(next.json);
            } else {
                frame = null;
                int most = Math.min(queue.size(), maxEventsPerFrame);
                if (frameEvents.length < most) {
                    frameEvents = new Outgoing[Math.max(most, Math.min(maxEventsPerFrame, frameEvents.length * 2))];
                }
                while (count < most && bytes < FRAME_BYTES_TARGET && queue.peekFirst().kind == Outgoing.Kind.EVENT) {
                    Outgoing next = queue.pollFirst();
                    bytes += next.json.length;
                    frameEvents[count++] = next;
                }
                highestTaken = Math.max(highestTaken, frameEvents[count - 1].seq);
                queuedBytes -= bytes;
            }
        }
        if (frame == null) {
            frame = encoder.events(frameEvents, count, bytes);
            Arrays.fill(frameEvents, 0, count, null);
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
