package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The side of the dispatcher that logging threads touch: the bounded, lock-free ingest queue, its
 * counters, and the producers that wait for room ({@code whenFull="block"}). Every offer, taken or
 * dropped, wakes the dispatcher.
 */
final class Ingest {
    private final IngestQueue<ConsoleEvent> queue;
    private final Counters counters;
    private final Runnable wakeDispatcher;
    /** Producers waiting for room; woken after each batch the dispatcher takes, and at stop. */
    private final ConcurrentLinkedQueue<Thread> waitingForRoom = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    Ingest(int capacity, Counters counters, Runnable wakeDispatcher) {
        this.queue = new IngestQueue<>(capacity);
        this.counters = counters;
        this.wakeDispatcher = wakeDispatcher;
    }

    /** Queues an event without blocking; false (and counted) when the queue is full. */
    boolean publish(ConsoleEvent event) {
        return counted(queue.offer(event));
    }

    /**
     * Queues an event if there is room; when full, returns false and counts nothing: the caller
     * keeps the event and offers it again later (a publisher's connection, which is then read later).
     */
    boolean offerIfRoom(ConsoleEvent event) {
        return queue.offer(event) && counted(true);
    }

    /**
     * Queues an event, waiting up to {@code timeoutNanos} for room; false (and counted) if none came.
     * An interrupt while waiting drops the event (counted) and throws.
     */
    boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        if (queue.offer(event)) {
            return counted(true);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        Thread self = Thread.currentThread();
        waitingForRoom.add(self);
        try {
            while (true) {
                // Registered before this offer: a batch taken after it finds us and unparks us.
                if (queue.offer(event)) {
                    return counted(true);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped) {
                    break;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    counted(false);
                    throw new InterruptedException("interrupted while waiting for room in the ingest queue");
                }
            }
        } finally {
            waitingForRoom.remove(self);
        }
        return counted(false);
    }

    /** Counts an event lost before it could be offered (copying it failed): the next frames carry an ingest-overflow gap for it. */
    void dropped() {
        counted(false);
    }

    /** Counts an offer; a drop wakes the dispatcher too, since it names the dropped range in a gap. */
    private boolean counted(boolean accepted) {
        if (accepted) {
            counters.published();
        } else {
            counters.ingestDropped();
        }
        wakeDispatcher.run();
        return accepted;
    }

    /** Dispatcher thread: takes up to {@code max} events into {@code batch}, then wakes the waiting producers. */
    int drain(ConsoleEvent[] batch, int max) {
        int n = queue.drain(batch, max);
        if (n > 0 && !waitingForRoom.isEmpty()) {
            wakeWaiting();
        }
        return n;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether a producer has claimed a slot and not yet filled it. */
    boolean hasPending() {
        return queue.hasPending();
    }

    /** Lets waiting producers give up: their events are dropped (and counted). */
    void stop() {
        stopped = true;
        wakeWaiting();
    }

    private void wakeWaiting() {
        for (Thread producer : waitingForRoom) {
            LockSupport.unpark(producer);
        }
    }

    /** How full the queue is, in percent; publishers are read more slowly above their share. */
    int fillPercent() {
        return (int) (100L * queue.size() / queue.capacity());
    }

    int capacity() {
        return queue.capacity();
    }

    /** Events accepted so far; an event accepted before this call is taken once {@link #taken()} reaches it. */
    long accepted() {
        return queue.accepted();
    }

    long taken() {
        return queue.taken();
    }
}
