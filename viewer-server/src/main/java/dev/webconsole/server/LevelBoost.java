package dev.webconsole.server;

import java.time.Instant;
import java.util.Objects;

/**
 * One active, time-boxed level boost.
 *
 * @param logger the logger prefix, by dotted segments ({@code com.acme} covers {@code com.acme.db.Pool})
 * @param level the level from which events are created: {@code TRACE} to {@code FATAL}
 * @param contextKey the context (MDC) key a scoped boost requires, or {@code null} for every event
 * @param contextValue the value {@code contextKey} must have, or {@code null}
 * @param minutes the duration asked for
 * @param until when the boost ends by itself
 * @param by who asked: the tab's remote address
 */
public record LevelBoost(String logger, String level, String contextKey, String contextValue, int minutes,
        Instant until, String by) {

    public LevelBoost {
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(by, "by");
    }

    /** Whether the boost is limited to events with one context value. */
    public boolean isScoped() {
        return contextKey != null;
    }

    /** Whether a logger name falls under this boost's prefix. */
    public boolean covers(String loggerName) {
        return loggerName != null && loggerName.startsWith(logger)
                && (loggerName.length() == logger.length() || loggerName.charAt(logger.length()) == '.');
    }

    /** One line for people: {@code com.acme.db at DEBUG for user=42 until 2026-01-01T10:05:00Z}. */
    public String describe() {
        return logger + " at " + level + (isScoped() ? " for " + contextKey + "=" + contextValue : "")
                + " until " + until;
    }
}
