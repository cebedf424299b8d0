package dev.webconsole.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says when a report is due: the same text at most once per period, so a client that retries the
 * same mistake every few seconds is one line in the hub's log, not a flood. Remembers the most
 * recent {@value #MAX_TEXTS} texts; an older one is due again.
 */
final class RepeatLimit {
    static final int MAX_TEXTS = 256;
    private final long periodNanos;
    private final Map<String, Long> said = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TEXTS;
        }
    };

    RepeatLimit(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** True if {@code text} was not said in the period before {@code now} ({@link System#nanoTime()}); it counts as said now. */
    synchronized boolean due(String text, long now) {
        Long last = said.get(text);
        if (last != null && now - last < periodNanos) {
            return false;
        }
        said.put(text, now);
        return true;
    }
}
