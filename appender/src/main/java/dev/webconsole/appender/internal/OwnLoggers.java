package dev.webconsole.appender.internal;

/**
 * Loggers whose events the appender never shows: the hub's own parts log through them, and showing
 * them would feed the hub its own traffic. Log4j's KafkaAppender guards the same way.
 */
public final class OwnLoggers {
    private static final String[] PREFIXES = {"org.eclipse.jetty.", "dev.webconsole.", "com.fasterxml.jackson."};

    private OwnLoggers() {}

    public static boolean isOwn(String name) {
        if (name == null) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
