package dev.webconsole.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestQueueTest {

    @Test
    void holdsExactlyItsCapacityAndRefusesTheRest() {
        IngestQueue<Integer> queue = new IngestQueue<>(3); // not a power of two: the bound is still 3
        assertTrue(queue.offer(1));
        assertTrue(queue.offer(2));
        assertTrue(queue.offer(3));
        assertFalse(queue.offer(4));
        Integer[] out = new Integer[8];
        assertEquals(3, queue.drain(out, 8));
        assertEquals(List.of(1, 2, 3), List.of(out[0], out[1], out[2]));
        assertTrue(queue.isEmpty());
    }

    @Test
    void aDrainFreesRoomAndKeepsOrderAcrossTheWrap() {
        IngestQueue<Integer> queue = new IngestQueue<>(4);
        Integer[] out = new Integer[4];
        List<Integer> seen = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 10; round++) {
            while (queue.offer(next)) {
                next++;
            }
            int n = queue.drain(out, 3); // fewer than it holds: the rest stays, in order
            for (int i = 0; i < n; i++) {
                seen.add(out[i]);
            }
        }
        for (int n; (n = queue.drain(out, 4)) > 0; ) {
            for (int i = 0; i < n; i++) {
                seen.add(out[i]);
            }
        }
        assertEquals(next, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void manyProducersAndOneConsumerLoseNothingAcceptedAndRepeatNothing() throws Exception {
        int producers = 4;
        int perProducer = 200_000;
        IngestQueue<Long> queue = new IngestQueue<>(1024);
        CountDownLatch go = new CountDownLatch(1);
        long[] accepted = new long[producers];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    if (queue.offer(((long) id << 32) | i)) {
                        accepted[id]++;
                    }
                }
            }, "producer-" + p);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        int[] lastSeen = new int[producers];
        java.util.Arrays.fill(lastSeen, -1);
        long taken = 0;
        Long[] out = new Long[256];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (threads.stream().anyMatch(Thread::isAlive) || !queue.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the producers should finish within 30 s");
            int n = queue.drain(out, out.length);
            for (int i = 0; i < n; i++) {
                int producer = (int) (out[i] >>> 32);
                int value = (int) (long) out[i];
                assertTrue(value > lastSeen[producer], "each producer's elements come out once, in its order");
                lastSeen[producer] = value;
                taken++;
            }
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        long offered = 0;
        for (long a : accepted) {
            offered += a;
        }
        assertEquals(offered, taken, "every accepted element was taken");
    }
}
