package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A publisher's bounded outbox: events numbered 1, 2, 3... in the order they were logged, kept
 * until the hub acknowledges them, so that they can be sent again after a reconnect. When it is
 * full a new event is dropped, but keeps its number: the dropped numbers form a lost range the
 * hub is told about in order, so the loss is named, never silent. Logging threads hold the lock
 * only to store a reference; nothing here does I/O.
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

    Outbox(int capacity) {
        this.events = new ConsoleEvent[capacity];
        this.seqs = new long[capacity];
    }

    /** Logging thread: keeps the event, or drops it into the current lost range when full. Never waits for the sender. */
    boolean offer(ConsoleEvent event) {
        lock.lock();
        try {
            long seq = nextSeq++;
            if (size == events.length) {
                long[] last = lost.peekLast();
                if (last != null && last[1] == seq - 1) {
                    last[1] = seq;
                } else {
                    lost.addLast(new long[] {seq, seq});
                }
                droppedTotal++;
                wakeSender();
                return false;
            }
            int slot = (head + size) % events.length;
            events[slot] = event;
            seqs[slot] = seq;
            size++;
            wakeSender();
            return true;
        } finally {
            lock.unlock();
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
     * {@code null} if nothing came. A lost range goes before the events numbered after it.
     */
    Take next(int maxEvents, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (true) {
                Take take = take(maxEvents);
                if (take != null) {
                    return take;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                senderWaiting = true;
                ready.awaitNanos(left);
            }
        } finally {
            senderWaiting = false;
            lock.unlock();
        }
    }

    private Take take(int maxEvents) {
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

    /** Events dropped because the outbox was full, since it was made. */
    long dropped() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything is acknowledged or the time is up; true if it all was. */
    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long left = unit.toNanos(timeout);
            while (size > 0 || !lost.isEmpty()) {
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
