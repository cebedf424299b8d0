package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A publisher's bounded outbox: events numbered 1, 2, 3... in the order they were logged, kept
 * until the hub acknowledges them, so that they can be sent again after a reconnect. When it is
 * full a new event is dropped, but keeps its number: the dropped numbers form a lost range the
 * hub is told about in order, so the loss is named, never silent. Logging threads hold the lock
 * only to store a reference; nothing here does I/O.
 *
 * <p>While the outbox is full, a logging thread neither takes the lock nor copies its event: it
 * only counts it with {@link #lose()} (an atomic add, no allocation), and the next holder of the
 * lock gives the counted events their numbers, as a lost range before anything numbered after
 * them. An event whose copy failed is counted the same way.
 */
final class Outbox {
    /** What the sender takes next: events, or a lost range that comes before them. */
    record Take(List<ConsoleEvent> events, long[] seqs, long lostFrom, long lostTo) {
        boolean isLost() {
            return lostFrom > 0;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ConsoleEvent[] events;
    private final long[] seqs;
    /** Lost ranges not yet acknowledged, oldest first: {from, to}. The last may still grow. */
    private final ArrayDeque<long[]> lost = new ArrayDeque<>();
    private int head;
    private int size;
    private long nextSeq = 1;
    /** Everything up to this number was sent on the current connection. */
    private long sentUpTo;
    private long droppedTotal;
    private boolean senderWaiting;
    /** Events counted by {@link #lose()} and not numbered yet. */
    private final AtomicLong unnumbered = new AtomicLong();
    /** Read without the lock: while it is set, logging threads lose their events without copying them. */
    private volatile boolean full;

    Outbox(int capacity) {
        this.events = new ConsoleEvent[capacity];
        this.seqs = new long[capacity];
    }

    /** Logging thread, without the lock: whether an event offered now would be dropped, so need not be copied. */
    boolean isFull() {
        return full;
    }

    /**
     * Logging thread: counts an event lost before it was offered (the outbox is full, or its copy
     * failed). Takes no lock and allocates nothing; the event is numbered, as lost, by the next
     * offer or by the sender (which looks at least once a second).
     */
    void lose() {
        unnumbered.incrementAndGet();
    }

    /** Logging thread: keeps the event, or drops it into the current lost range when full. Never waits for the sender. */
    boolean offer(ConsoleEvent event) {
        lock.lock();
        try {
            numberLost();
            if (size == events.length) {
                full = true;
                lost(nextSeq, nextSeq);
                nextSeq++;
                droppedTotal++;
                wakeSender();
                return false;
            }
            long seq = nextSeq++;
            int slot = (head + size) % events.length;
            events[slot] = event;
            seqs[slot] = seq;
            size++;
            full = size == events.length;
            wakeSender();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** With the lock: the events {@link #lose()} counted get the next numbers, as a lost range. */
    private void numberLost() {
        long n = unnumbered.get();
        if (n > 0) {
            lost(nextSeq, nextSeq + n - 1); // first, so that numbers are never given if it fails
            nextSeq += n;
            droppedTotal += n;
            unnumbered.addAndGet(-n);
        }
    }

    /** With the lock: {@code from..to} are lost, joined to the last lost range when they follow it. */
    private void lost(long from, long to) {
        long[] last = lost.peekLast();
        if (last != null && last[1] == from - 1) {
            last[1] = to;
        } else {
            lost.addLast(new long[] {from, to});
        }
    }

    private void wakeSender() {
        if (senderWaiting) {
            senderWaiting = false;
            ready.signal();
        }
    }

    /** Sender: the hub has everything up to {@code seq}; forget it. */
    void acknowledged(long seq) {
        lock.lock();
        try {
            while (size > 0 && seqs[head] <= seq) {
                events[head] = null;
                head = (head + 1) % events.length;
                size--;
            }
            while (!lost.isEmpty() && lost.peekFirst()[1] <= seq) {
                lost.removeFirst();
            }
            sentUpTo = Math.max(sentUpTo, seq);
            full = size == events.length;
            if (size == 0 && lost.isEmpty()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sender: a new connection; everything not acknowledged is sent again, after {@code hubHas}. */
    void resendAfter(long hubHas) {
        acknowledged(hubHas);
        lock.lock();
        try {
            sentUpTo = hubHas;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sender: the next thing to send after what was sent, waiting up to {@code waitNanos} for it;
     * {@code null} if nothing came. A lost range goes before the events numbered after it. Once
     * there is something, events logged until {@code gatherUntil} (a {@link System#nanoTime()})
     * join it, and logging threads do not wake the sender meanwhile: under a steady flow one
     * message carries many events, while an event after a quiet spell goes at once.
     */
    Take next(int maxEvents, long waitNanos, long gatherUntil) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (!hasUnsent()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                senderWaiting = true;
                ready.awaitNanos(left);
            }
            senderWaiting = false;
            for (long left = gatherUntil - System.nanoTime(); left > 0; left = gatherUntil - System.nanoTime()) {
                ready.awaitNanos(left);
            }
            return take(maxEvents);
        } finally {
            senderWaiting = false;
            lock.unlock();
        }
    }

    /** With the lock: whether anything (events or a lost range) has not been sent on this connection. */
    private boolean hasUnsent() {
        return unnumbered.get() > 0 || firstLostAfter(sentUpTo) != null || firstEventAfter(sentUpTo) >= 0;
    }

    private Take take(int maxEvents) {
        numberLost();
        long[] range = firstLostAfter(sentUpTo);
        int first = firstEventAfter(sentUpTo);
        long firstEventSeq = first < 0 ? Long.MAX_VALUE : seqs[(head + first) % events.length];
        if (range != null && Math.max(range[0], sentUpTo + 1) < firstEventSeq) {
            long from = Math.max(range[0], sentUpTo + 1);
            sentUpTo = range[1];
            return new Take(List.of(), null, from, range[1]);
        }
        if (first < 0) {
            return null;
        }
        long limit = range == null ? Long.MAX_VALUE : range[0];
        int n = 0;
        ConsoleEvent[] batch = new ConsoleEvent[Math.min(maxEvents, size - first)];
        long[] numbers = new long[batch.length];
        for (int i = first; i < size && n < batch.length; i++) {
            int slot = (head + i) % events.length;
            if (seqs[slot] > limit) {
                break;
            }
            batch[n] = events[slot];
            numbers[n++] = seqs[slot];
        }
        sentUpTo = numbers[n - 1];
        return new Take(java.util.Arrays.asList(batch).subList(0, n), java.util.Arrays.copyOf(numbers, n), 0, 0);
    }

    private long[] firstLostAfter(long seq) {
        for (long[] range : lost) {
            if (range[1] > seq) {
                return range;
            }
        }
        return null;
    }

    /** Index (from head) of the first held event numbered after {@code seq}, or -1. */
    private int firstEventAfter(long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) { // numbers rise from head: binary search
            int mid = (lo + hi) >>> 1;
            if (seqs[(head + mid) % events.length] <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < size ? lo : -1;
    }

    /** Events dropped because the outbox was full, or their copy failed, since it was made. */
    long dropped() {
        lock.lock();
        try {
            return droppedTotal + unnumbered.get();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything is acknowledged or the time is up; true if it all was. */
    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            numberLost();
            wakeSender();
            long left = unit.toNanos(timeout);
            while (size > 0 || !lost.isEmpty() || unnumbered.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = drained.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
