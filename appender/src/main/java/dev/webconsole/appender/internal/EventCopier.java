package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.Writer;
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

    /**
     * @param maxChars the hub's {@code maxMessageChars}: the stack text is cut to it while it is
     *     written, so a huge exception never has its whole text in memory at once
     */
    public static ConsoleEvent copy(LogEvent event, String source, int maxChars) {
        Level level = event.getLevel();
        Marker marker = event.getMarker();
        Throwable thrown = event.getThrown();
        ConsoleEvent.ThrownInfo thrownInfo = thrown == null ? null : thrown(thrown, maxChars);
        return new ConsoleEvent(
                event.getTimeMillis(),
                level == null ? "INFO" : level.name(),
                level == null ? Level.INFO.intLevel() : level.intLevel(),
                event.getLoggerName(),
                event.getThreadName(),
                message(event.getMessage()),
                thrownInfo,
                context(event.getContextData()),
                marker == null ? null : marker.getName(),
                source,
                thrownInfo != null && thrownInfo.stack().endsWith(CUT_NOTE));
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

    static ConsoleEvent.ThrownInfo thrown(Throwable thrown, int maxChars) {
        String type = thrown.getClass().getName();
        String message;
        try {
            message = thrown.getMessage();
        } catch (RuntimeException e) {
            message = "[getMessage() threw " + e.getClass().getName() + "]";
        }
        return new ConsoleEvent.ThrownInfo(type, message, stack(thrown, maxChars));
    }

    /**
     * The stack as printStackTrace writes it: causes and suppressed included, cycles cut short. Text
     * past {@code maxChars} is never kept: the writer stops there and the text ends with {@link #CUT_NOTE}.
     */
    static String stack(Throwable thrown, int maxChars) {
        BoundedWriter text = new BoundedWriter(Math.max(0, maxChars - CUT_NOTE.length()));
        try (PrintWriter out = new PrintWriter(text)) {
            thrown.printStackTrace(out);
            return text.full ? text.kept + CUT_NOTE : text.kept.toString();
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

    /** Ends a stack text that was cut while it was written; the whole text stays within maxMessageChars. */
    static final String CUT_NOTE = "… [stack cut at maxMessageChars]";

    /**
     * Keeps the first {@code limit} characters. Past them every write fails, which a PrintWriter
     * records and ignores, so printStackTrace runs to its end without growing anything.
     */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder kept = new StringBuilder(1024);
        private final int limit;
        private boolean full;

        BoundedWriter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int room = limit - kept.length();
            kept.append(chars, offset, Math.min(room, length));
            if (length > room) {
                full = true;
                throw new IOException("the stack text reached maxMessageChars");
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            int room = limit - kept.length();
            kept.append(text, offset, offset + Math.min(room, length));
            if (length > room) {
                full = true;
                throw new IOException("the stack text reached maxMessageChars");
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
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
