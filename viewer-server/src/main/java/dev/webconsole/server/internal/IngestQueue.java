package dev.webconsole.server.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The hub's ingest queue: bounded, many producers (the application's threads), one consumer (the
 * dispatcher), no lock. A producer claims a slot with one compare-and-set on {@code tail} and then
 * fills it; the consumer takes filled slots in order, clears them, and publishes its new
 * {@code head} once per batch. A full queue refuses at once; waiting, if wanted, is the caller's.
 */
final class IngestQueue<E> {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(IngestQueue.class, "tail", long.class);
            HEAD = lookup.findVarHandle(IngestQueue.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Padding keeps the producers' counter and the consumer's off each other's cache line.
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    /** The next index a producer claims. */
    private volatile long tail;
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;
    /** The next index the consumer reads; written by the consumer only. */
    private volatile long head;
    @SuppressWarnings("unused")
    private long p20, p21, p22, p23, p24, p25, p26, p27;

    private final Object[] slots;
    private final int mask;
    private final int capacity;

    IngestQueue(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity " + capacity + " is out of range");
        }
        this.capacity = capacity;
        int length = Integer.highestOneBit(capacity);
        if (length < capacity) {
            length <<= 1;
        }
        this.slots = new Object[length];
        this.mask = length - 1;
    }

    /** Adds an element unless {@code capacity} elements are waiting; never blocks. */
    boolean offer(E element) {
        long t;
        do {
            t = tail;
            if (t - head >= capacity) {
                return false;
            }
        } while (!TAIL.compareAndSet(this, t, t + 1));
        SLOTS.setRelease(slots, (int) t & mask, element);
        return true;
    }

    /**
     * Consumer only: moves up to {@code max} elements, oldest first, into {@code into} and frees
     * their slots. Stops early at a slot whose producer has claimed it but not filled it yet.
     *
     * @return how many elements were moved
     */
    @SuppressWarnings("unchecked")
    int drain(E[] into, int max) {
        long h = head;
        int n = 0;
        while (n < max) {
            int index = (int) (h + n) & mask;
            Object element = SLOTS.getAcquire(slots, index);
            if (element == null) {
                break;
            }
            slots[index] = null;
            into[n++] = (E) element;
        }
        if (n > 0) {
            // A volatile write: producers waiting for room see it, and it is ordered before the
            // consumer's next read of who is waiting (see Dispatcher).
            HEAD.setVolatile(this, h + n);
        }
        return n;
    }

    /** Whether no producer has claimed a slot the consumer has not read. */
    boolean isEmpty() {
        return tail == head;
    }

    /** Whether a slot has been claimed but not filled yet: the consumer should retry shortly. */
    boolean hasPending() {
        return tail != head && SLOTS.getAcquire(slots, (int) head & mask) == null;
    }

    /** About how many elements wait (claimed slots included); for pacing, not for exact accounting. */
    int size() {
        return (int) Math.max(0, tail - head);
    }

    int capacity() {
        return capacity;
    }

    /** How many elements were ever accepted. */
    long accepted() {
        return tail;
    }

    /** How many elements were ever taken by drain. */
    long taken() {
        return head;
    }
}
