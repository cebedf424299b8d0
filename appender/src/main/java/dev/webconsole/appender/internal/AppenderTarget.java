package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStartException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractManager;

/**
 * Where a WebConsole appender's events go: the hub it embeds (shared with other appenders on the
 * same host and port), or a publisher to another hub. Holds the Log4j manager that owns either and
 * outlives reconfiguration.
 */
public final class AppenderTarget {
    private final AbstractManager manager;
    /** The embedded hub, or null when publishing to another. */
    private final ConsoleHub hub;
    /** The connection to another hub, or null when the hub is embedded. */
    private final Publisher publisher;
    private final long blockNanos;
    private final String source;
    /** The hub's maxMessageChars: a stack is cut to it while it is copied. */
    private final int maxChars;

    private AppenderTarget(AbstractManager manager, long blockNanos, String source) {
        this.manager = manager;
        this.hub = manager instanceof WebConsoleManager embedded ? embedded.hub() : null;
        this.publisher = manager instanceof PublisherManager remote ? remote.publisher() : null;
        this.blockNanos = blockNanos;
        this.source = source;
        this.maxChars = hub != null ? hub.config().maxMessageChars() : Publisher.MAX_EVENT_TEXT;
    }

    /** Starts the hub for {@code config}, or joins the one already running with it. */
    public static AppenderTarget embedded(HubConfig config, long blockNanos, String source) throws HubStartException {
        return new AppenderTarget(WebConsoleManager.acquire(config), blockNanos,
                source == null || source.isBlank() ? null : source);
    }

    /**
     * Publishes to {@code hub} instead of starting one; a source that is not given is named for the
     * main class or {@code contextName}. Control requests from the hub act through
     * {@code control}'s level control, with its control, maxBoosts and boostMinute.
     *
     * @throws IllegalArgumentException naming the attribute whose value is not allowed
     */
    public static AppenderTarget publishing(String hub, String publisherToken, String outbox, String source,
            Supplier<String> contextName, long blockNanos, HubConfig control) {
        PublisherManager.Settings settings = PublisherSettings.read(hub, publisherToken, outbox,
                source == null || source.isBlank() ? PublisherManager.defaultSource(contextName.get()) : source, control);
        return new AppenderTarget(PublisherManager.acquire(settings), blockNanos, settings.source());
    }

    /** Copies the event and hands it over, without I/O on the calling thread. */
    public void take(LogEvent event) {
        if (OwnLoggers.isOwn(event)) {
            return;
        }
        if (publisher != null) {
            if (publisher.isFull()) {
                publisher.lose(); // it would be dropped: counted and numbered, not copied
            } else {
                publisher.offer(EventCopier.copy(event, source, maxChars));
            }
            return;
        }
        if (blockNanos == 0) {
            hub.publish(EventCopier.copy(event, source, maxChars));
            return;
        }
        try {
            hub.publish(EventCopier.copy(event, source, maxChars), blockNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the event is dropped and counted, the flag kept
        }
    }

    /**
     * Counts an event that could not be handed over, so every tab is told with a gap: an
     * {@code ingest-overflow} gap from the embedded hub, or a lost range the publisher sends to its
     * hub, which names the source in a {@code publisher-overflow} gap.
     */
    public void dropped() {
        if (hub != null) {
            hub.dropped();
        } else {
            publisher.lose();
        }
    }

    /** The address of the console page, or of the hub's publisher endpoint when publishing to another hub. */
    public URI url() {
        return hub != null ? hub.url() : publisher.hub();
    }

    /** The embedded hub; null when publishing. */
    public ConsoleHub hub() {
        return hub;
    }

    public boolean stop(long timeout, TimeUnit timeUnit) {
        return manager.stop(timeout, timeUnit);
    }
}
