package dev.webconsole.appender.internal;

import org.apache.logging.log4j.core.LogEvent;

/**
 * Events the appender never shows: those of the hub's own loggers, and whatever is logged on the
 * hub's own threads (dispatcher, Jetty's pool and scheduler). Showing them would feed the hub its own
 * traffic; Log4j's KafkaAppender guards the same way. In the published jar the hub's Jetty, Jackson
 * and SLF4J are relocated under {@code dev.webconsole.shaded}, so the application's own
 * {@code org.eclipse.jetty.*} and {@code com.fasterxml.jackson.*} events are shown like any others.
 */
public final class OwnLoggers {
    private static final String LOGGER_PREFIX = "dev.webconsole.";
    private static final String THREAD_PREFIX = "webconsole-";

    private OwnLoggers() {}

    public static boolean isOwn(LogEvent event) {
        String logger = event.getLoggerName();
        String thread = event.getThreadName();
        return (logger != null && logger.startsWith(LOGGER_PREFIX))
                || (thread != null && thread.startsWith(THREAD_PREFIX));
    }
}
