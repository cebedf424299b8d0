package dev.webconsole.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What one tab has waiting to send, and which frame goes next: the bounded queue of entries, the
 * whole frames it pushed out, the latest reply, the slow-consumer gap and the highest seq taken.
 *
 * <p>Lock discipline: this class has no lock of its own. Every method except {@link #encodeTaken()}
 * is called with the owning {@link Tab}'s lock held. {@code encodeTaken} runs in the drain after it
 * leaves the lock; it reads only the batch that {@link #takeEvents()} filled, and drains never
 * overlap (one send in flight), so nothing else touches the batch meanwhile.
 */
final class TabBacklog {
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

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** Frames (hello, errors) that overflow pushed out of the queue; they go first. */
    private final ArrayDeque<Outgoing> pushedOut = new ArrayDeque<>();
    /** The latest reply (the logger catalogue) waiting beside the queue; a newer one replaces it. */
    private byte[] reply;
    private final int capacity;
    private final int maxEventsPerFrame;
    private final EventEncoder encoder;
    private final Counters counters;

    private long gapFrom;
    private long gapTo;
    /** The bytes of the events in {@code queue}. */
    private long queuedBytes;
    /** The highest seq taken into a frame, as an event or inside a gap: sent or on its way. */
    private long highestTaken;

    /** Reused by drains, which never overlap (one send in flight); emptied after each frame. */
    private Outgoing[] batch = new Outgoing[16];
    private int batchCount;
    private int batchBytes;

    TabBacklog(int capacity, int maxEventsPerFrame, EventEncoder encoder, Counters counters) {
        this.capacity = capacity;
        this.maxEventsPerFrame = maxEventsPerFrame;
        this.encoder = encoder;
        this.counters = counters;
    }

    /** Adds an entry, dropping the oldest when the queue is full. */
    void add(Outgoing entry) {
        if (queue.size() >= capacity) {
            dropOldest();
        }
        queue.addLast(entry);
        if (entry.kind == Outgoing.Kind.EVENT) {
            queuedBytes += entry.json.length;
        }
    }

    /** Sets the reply, replacing one still waiting. */
    void reply(byte[] frame) {
        reply = frame;
    }

    /** Forgets queued events and gaps, and a pending gap; keeps other frames. */
    void clearEvents() {
        queue.removeIf(e -> e.kind != Outgoing.Kind.FRAME);
        queuedBytes = 0;
        gapFrom = 0;
        gapTo = 0;
    }

    /** Frees the queue, the pushed-out frames and the reply. */
    void clear() {
        queue.clear();
        pushedOut.clear();
        reply = null;
        queuedBytes = 0;
    }

    long highestTaken() {
        return highestTaken;
    }

    /** Whether the next frame goes out whatever the pace: it is full, or it is not an events frame. */
    boolean frameReady() {
        return !pushedOut.isEmpty() || reply != null || gapTo != 0
                || queue.size() >= maxEventsPerFrame || queuedBytes >= FRAME_BYTES_TARGET
                || !queue.isEmpty() && queue.peekFirst().kind != Outgoing.Kind.EVENT;
    }

    boolean isEmpty() {
        return pushedOut.isEmpty() && reply == null && gapTo == 0 && queue.isEmpty();
    }

    /**
     * Takes the next frame when it is a whole one (a pushed-out frame, the reply, the gap, or a
     * queued gap or frame), in that order; null when nothing waits or the queue's head is an event.
     */
    ByteBuffer takeWhole() {
        if (!pushedOut.isEmpty()) {
            return ByteBuffer.wrap(pushedOut.pollFirst().json);
        }
        if (reply != null) {
            ByteBuffer frame = ByteBuffer.wrap(reply);
            reply = null;
            return frame;
        }
        if (gapTo != 0) {
            ByteBuffer frame = ByteBuffer.wrap(encoder.gap(gapFrom, gapTo, "slow-consumer"));
            highestTaken = Math.max(highestTaken, gapTo); // a gap on its way covers its range too
            gapFrom = 0;
            gapTo = 0;
            return frame;
        }
        if (queue.isEmpty() || queue.peekFirst().kind == Outgoing.Kind.EVENT) {
            return null;
        }
        Outgoing next = queue.pollFirst();
        if (next.kind == Outgoing.Kind.GAP) {
            highestTaken = Math.max(highestTaken, next.to);
        }
        return ByteBuffer.wrap(next.json);
    }

    /** Takes the events at the queue's head into the batch, up to a frame's bounds; the queue's head is an event. */
    void takeEvents() {
        int most = Math.min(queue.size(), maxEventsPerFrame);
        if (batch.length < most) {
            batch = new Outgoing[Math.max(most, Math.min(maxEventsPerFrame, batch.length * 2))];
        }
        int count = 0;
        int bytes = 0;
        while (count < most && bytes < FRAME_BYTES_TARGET && queue.peekFirst().kind == Outgoing.Kind.EVENT) {
            Outgoing next = queue.pollFirst();
            bytes += next.json.length;
            batch[count++] = next;
        }
        highestTaken = Math.max(highestTaken, batch[count - 1].seq);
        queuedBytes -= bytes;
        batchCount = count;
        batchBytes = bytes;
    }

    /** Outside the lock, in the drain: encodes the batch {@link #takeEvents()} took and empties it. */
    ByteBuffer encodeTaken() {
        ByteBuffer frame = encoder.events(batch, batchCount, batchBytes);
        Arrays.fill(batch, 0, batchCount, null);
        return frame;
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
}
