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
        boolean truncated) {

    /** An event that has not been truncated. */
    public ConsoleEvent(long time, String level, int severity, String logger, String thread, String message,
            ThrownInfo thrown, Map<String, String> context, String marker, String source) {
        this(time, level, severity, logger, thread, message, thrown, context, marker, source, false);
    }

    /**
     * This event with its message and stack text cut to at most {@code maxChars} characters each,
     * marked as truncated; or this event itself when nothing is longer.
     */
    public ConsoleEvent truncatedTo(int maxChars) {
        boolean longMessage = message.length() > maxChars;
        boolean longStack = thrown != null && thrown.stack() != null && thrown.stack().length() > maxChars;
        if (!longMessage && !longStack) {
            return this;
        }
        ThrownInfo cutThrown = longStack
                ? new ThrownInfo(thrown.type(), thrown.message(), cut(thrown.stack(), maxChars))
                : thrown;
        return new ConsoleEvent(time, level, severity, logger, thread,
                longMessage ? cut(message, maxChars) : message, cutThrown, context, marker, source, true);
    }

    private static String cut(String text, int maxChars) {
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
