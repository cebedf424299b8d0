package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Copies what the console shows out of a {@link LogEvent}, on the logging thread. Log4j reuses
 * mutable events and messages, so only immutable values (strings, a fresh map) leave this class.
 * It never throws: a part that cannot be rendered is replaced by a note saying why.
 */
public final class EventCopier {
    private EventCopier() {}

    public static ConsoleEvent copy(LogEvent event, String source) {
        Level level = event.getLevel();
        Marker marker = event.getMarker();
        Throwable thrown = event.getThrown();
        return new ConsoleEvent(
                event.getTimeMillis(),
                level == null ? "INFO" : level.name(),
                level == null ? Level.INFO.intLevel() : level.intLevel(),
                event.getLoggerName(),
                event.getThreadName(),
                message(event.getMessage()),
                thrown == null ? null : thrown(thrown),
                context(event.getContextData()),
                marker == null ? null : marker.getName(),
                source);
    }

    static String message(Message message) {
        if (message == null) {
            return "";
        }
        try {
            String text = message.getFormattedMessage();
            return text == null ? "null" : text;
        } catch (RuntimeException | LinkageError e) {
            return "[WebConsole could not format this message: " + describe(e) + "]";
        }
    }

    static ConsoleEvent.ThrownInfo thrown(Throwable thrown) {
        String type = thrown.getClass().getName();
        String message;
        try {
            message = thrown.getMessage();
        } catch (RuntimeException e) {
            message = "[getMessage() threw " + e.getClass().getName() + "]";
        }
        return new ConsoleEvent.ThrownInfo(type, message, stack(thrown));
    }

    /** The stack as printStackTrace writes it: causes and suppressed included, cycles cut short. */
    static String stack(Throwable thrown) {
        StringWriter text = new StringWriter(1024);
        try (PrintWriter out = new PrintWriter(text)) {
            thrown.printStackTrace(out);
            return text.toString();
        } catch (RuntimeException e) {
            // A toString() or getMessage() that throws: print the frames without the text.
            StringBuilder frames = new StringBuilder(thrown.getClass().getName())
                    .append(" [its text could not be rendered: ").append(e.getClass().getName()).append(']');
            for (StackTraceElement frame : thrown.getStackTrace()) {
                frames.append("\n\tat ").append(frame);
            }
            return frames.toString();
        }
    }

    static Map<String, String> context(ReadOnlyStringMap data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        return data.toMap();
    }

    private static String describe(Throwable e) {
        try {
            return e.toString();
        } catch (RuntimeException nested) {
            return e.getClass().getName();
        }
    }
}
