package dev.webconsole.server;

/**
 * Where the hub reports its own trouble (a failed send, a rejected client). The hub never logs
 * through the application's logging, so an embedder routes these wherever it likes: the Log4j
 * appender sends them to Log4j's StatusLogger.
 */
@FunctionalInterface
public interface Diagnostics {

    void report(System.Logger.Level level, String message, Throwable error);

    /** Reports to the JDK's platform logger {@code dev.webconsole.server}. */
    static Diagnostics platform() {
        System.Logger logger = System.getLogger("dev.webconsole.server");
        return (level, message, error) -> logger.log(level, message, error);
    }
}
