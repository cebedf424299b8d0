package dev.webconsole.server;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the hub needs to change what the application logs, for a time. The hub stays free of any
 * logging library: the Log4j appender implements this interface and hands it to the hub through
 * {@link HubConfig.Builder#levelControl}, as it does with {@link Diagnostics}.
 *
 * <p>The hub validates a request, keeps the list of active boosts, ends them at their expiry, on
 * request and when it stops, and tells every tab. An implementation only applies and reverts.
 * Both are called with the hub's boost list locked, so never concurrently.
 */
public interface LevelControl {
    /**
     * Logger names a boost never covers, with the loggers below them: the hub's own parts (in the
     * published jar its Jetty and Jackson are relocated below {@code dev.webconsole}, so an
     * application's own {@code org.eclipse.jetty} can be boosted), and the names of its own events.
     * Boosting them would feed the console its own traffic. Events logged on the hub's own
     * {@code webconsole-*} threads are never boosted either, whatever their logger.
     */
    List<String> OWN_LOGGERS = List.of("dev.webconsole", "webconsole");

    /** The logger of the hub's events about boosts in every tab's stream. */
    String EVENTS_LOGGER = "webconsole.control";

    /**
     * Makes events of {@code boost.logger()} and the loggers below it, at {@code boost.level()} and
     * more severe (and, for a scoped boost, only in the given context), reach the console, without
     * changing what any other destination of the application's logs receives. A boost of a logger
     * that has one already replaces it.
     *
     * @param console where events go that exist only because of a boost: straight into the hub
     * @throws IllegalArgumentException if the boost cannot be applied; its message is sent to the tab
     *         and nothing changes
     */
    void apply(LevelBoost boost, Consumer<ConsoleEvent> console);

    /** Undoes {@link #apply} for this boost's logger; a logger without a boost is ignored. */
    void revert(LevelBoost boost);

    /** Writes an audit line into the application's own logs (the Log4j appender: logger {@code dev.webconsole.control}). */
    void audit(String message);
}
