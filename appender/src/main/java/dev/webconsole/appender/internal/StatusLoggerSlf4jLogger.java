package dev.webconsole.appender.internal;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusLogger;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger of the hub's embedded Jetty, writing to Log4j's status logger at the same
 * level, so the hub's trouble shows where Log4j's own does ({@code <Configuration status="warn">})
 * and never in the application's appenders.
 */
final class StatusLoggerSlf4jLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    StatusLoggerSlf4jLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
            Object[] arguments, Throwable thrown) {
        String text = MessageFormatter.basicArrayFormat(pattern, arguments);
        StatusLogger.getLogger().log(log4jLevel(level), "WebConsole hub (" + name + "): " + text, thrown);
    }

    private static boolean enabled(Level level) {
        return StatusLogger.getLogger().isEnabled(level);
    }

    static Level log4jLevel(org.slf4j.event.Level level) {
        return switch (level) {
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }
}
