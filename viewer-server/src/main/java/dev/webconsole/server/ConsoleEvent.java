package dev.webconsole.server;

import java.util.Map;
import java.util.Objects;

/**
 * One log event as the hub sees it: an immutable copy, safe to hand between threads.
 *
 * <p>The hub takes ownership of {@code context}; the caller must not change it afterwards. Optional
 * parts ({@code thrown}, {@code context}, {@code marker}, {@code source}) may be {@code null}.
 *
 * @param time epoch milliseconds
 * @param level level name, such as {@code WARN}, or a custom level's name
 * @param severity the level's weight, Log4j style: lower is more severe (FATAL 100 ... TRACE 600)
 * @param logger logger name
 * @param thread thread name
 * @param message the formatted message
 * @param thrown the exception logged with the event, or {@code null}
 * @param context the context map (MDC), or {@code null}
 * @param marker the marker name, or {@code null}
 * @param source the application that logged it, for a hub fed by several, or {@code null}
 * @param truncated whether the message or stack text was cut to the hub's size limit
 * @param sourceSeq the event's number in its source's own sequence, for an event a publisher sent; 0 for none
 */
public record ConsoleEvent(
        long time,
        String level,
        int severity,
        String logger,
        String thread,
        String message,
        ThrownInfo thrown,
        Map<String, String> context,
        String marker,
        String source,
        boolean truncated,
        long sourceSeq) {

    /** An event logged in this JVM, not numbered by a publisher. */
    public ConsoleEvent(long time, String level, int severity, String logger, String thread, String message,
            ThrownInfo thrown, Map<String, String> context, String marker, String source, boolean truncated) {
        this(time, level, severity, logger, thread, message, thrown, context, marker, source, truncated, 0);
    }

    /** An event that has not been truncated. */
    public ConsoleEvent(long time, String level, int severity, String logger, String thread, String message,
            ThrownInfo thrown, Map<String, String> context, String marker, String source) {
        this(time, level, severity, logger, thread, message, thrown, context, marker, source, false);
    }

    /**
     * This event with every text in it (message, stack, exception message, context values, logger,
     * thread, marker, source) cut to at most {@code maxChars} characters, marked as truncated; or
     * this event itself when nothing is longer. So one event holds a bounded amount of text
     * whatever the application logs (the number of context entries aside).
     */
    public ConsoleEvent truncatedTo(int maxChars) {
        if (!longerThan(maxChars)) {
            return this;
        }
        ThrownInfo cutThrown = thrown == null ? null
                : new ThrownInfo(cut(thrown.type(), maxChars), cut(thrown.message(), maxChars), cut(thrown.stack(), maxChars));
        Map<String, String> cutContext = context;
        if (context != null) {
            cutContext = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> kv : context.entrySet()) {
                cutContext.put(cut(kv.getKey(), maxChars), cut(kv.getValue(), maxChars));
            }
        }
        return new ConsoleEvent(time, level, severity, cut(logger, maxChars), cut(thread, maxChars),
                cut(message, maxChars), cutThrown, cutContext, cut(marker, maxChars), cut(source, maxChars), true, sourceSeq);
    }

    private boolean longerThan(int maxChars) {
        if (message.length() > maxChars || logger.length() > maxChars || thread.length() > maxChars
                || isLong(marker, maxChars) || isLong(source, maxChars)) {
            return true;
        }
        if (thrown != null && (isLong(thrown.type(), maxChars) || isLong(thrown.message(), maxChars)
                || isLong(thrown.stack(), maxChars))) {
            return true;
        }
        if (context != null) {
            for (Map.Entry<String, String> kv : context.entrySet()) {
                if (isLong(kv.getKey(), maxChars) || isLong(kv.getValue(), maxChars)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLong(String text, int maxChars) {
        return text != null && text.length() > maxChars;
    }

    private static String cut(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end) + "… [" + (text.length() - end) + " more characters truncated]";
    }

    public ConsoleEvent {
        level = Objects.requireNonNullElse(level, "INFO");
        logger = Objects.requireNonNullElse(logger, "");
        thread = Objects.requireNonNullElse(thread, "");
        message = Objects.requireNonNullElse(message, "");
    }

    /**
     * An exception, rendered to text where it was logged.
     *
     * @param type the exception's class name
     * @param message its message, or {@code null}
     * @param stack the full stack trace text, causes and suppressed exceptions included
     */
    public record ThrownInfo(String type, String message, String stack) {}
}
