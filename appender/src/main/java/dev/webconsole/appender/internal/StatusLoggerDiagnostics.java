package dev.webconsole.appender.internal;

import dev.webconsole.server.Diagnostics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusLogger;

/** The hub's own trouble, to Log4j's StatusLogger: never into the application's logs. */
public final class StatusLoggerDiagnostics implements Diagnostics {
    public static final StatusLoggerDiagnostics INSTANCE = new StatusLoggerDiagnostics();

    private StatusLoggerDiagnostics() {}

    @Override
    public void report(System.Logger.Level level, String message, Throwable error) {
        Level log4jLevel = switch (level) {
            case ERROR -> Level.ERROR;
            case WARNING -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            default -> Level.TRACE;
        };
        StatusLogger.getLogger().log(log4jLevel, message, error);
    }
}
