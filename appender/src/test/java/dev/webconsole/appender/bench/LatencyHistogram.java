package dev.webconsole.appender.bench;

/**
 * Latencies in microseconds, counted in fixed buckets: 1 µs wide below 1 ms, then 1% of each
 * decade up to 10 s. Recording is an array increment; not thread-safe (one per connection).
 */
final class LatencyHistogram {
    private static final int PER_DECADE = 900;
    private static final long[] DECADE_START = {1_000, 10_000, 100_000, 1_000_000};
    private final long[] counts = new long[1_000 + PER_DECADE * DECADE_START.length + 1];
    private long total;

    void record(long micros) {
        counts[index(Math.max(0, micros))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The upper bound of the bucket holding the given fraction (0.5, 0.99, ...), in microseconds; -1 when empty. */
    long percentile(double fraction) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    private static int index(long v) {
        if (v < 1_000) {
            return (int) v;
        }
        for (int d = 0; d < DECADE_START.length; d++) {
            long start = DECADE_START[d];
            if (v < start * 10) {
                return 1_000 + d * PER_DECADE + (int) ((v - start) / (start / 100));
            }
        }
        return 1_000 + PER_DECADE * DECADE_START.length;
    }

    private static long upperBound(int i) {
        if (i < 1_000) {
            return i + 1;
        }
        int d = (i - 1_000) / PER_DECADE;
        if (d >= DECADE_START.length) {
            return Long.MAX_VALUE;
        }
        long start = DECADE_START[d];
        return start + (long) ((i - 1_000) % PER_DECADE + 1) * (start / 100);
    }
}
