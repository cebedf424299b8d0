package dev.webconsole.server;

import dev.webconsole.server.internal.HubCore;
import java.net.URI;
import java.util.List;

/**
 * The WebConsole hub: an embedded Jetty server that serves the console page at {@code /} and fans
 * events out to every connected tab over {@code /ws}.
 *
 * <p>Create it with a {@link HubConfig}, {@link #start()} it, {@link #publish} events from any
 * thread (never blocks), and {@link #stop()} it. A hub starts once. It keeps no static state:
 * several hubs may run in one JVM on different ports.
 */
public final class ConsoleHub implements AutoCloseable {
    public static final String SERVER_NAME = "webconsole/0.1.0";

    private final HubConfig config;
    private final HubCore core;
    private volatile boolean started;

    public ConsoleHub(HubConfig config) {
        this.config = config;
        this.core = new HubCore(config, SERVER_NAME);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws HubStartException if the port is taken or cannot be bound; the message names the port and the fix
     */
    public synchronized void start() {
        core.start();
        started = true;
    }

    /**
     * Hands an event to the hub without blocking. Long messages and stack traces are cut to
     * {@link HubConfig#maxMessageChars()} here, so no queue holds more than that per event.
     *
     * @return false if the ingest queue was full and the event was dropped (and counted)
     */
    public boolean publish(ConsoleEvent event) {
        return core.publish(event);
    }

    /**
     * Hands an event to the hub, waiting up to {@code timeoutNanos} for room in the ingest queue.
     *
     * @return false if no room came in time and the event was dropped (and counted)
     */
    public boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        return core.publish(event, timeoutNanos);
    }

    /**
     * Counts an event that never reached {@link #publish} (copying it failed) as dropped at ingest,
     * so that {@code published + ingestDropped} still equals what was logged and every tab gets a gap.
     */
    public void dropped() {
        core.dropped();
    }

    /** The bound port: the configured one, or the one picked when the configuration asked for 0. */
    public int port() {
        return core.port();
    }

    /** The address of the console page, without the token. */
    public URI url() {
        return core.url();
    }

    /** The address to open: {@link #url()} with the token, if one is set, so that it is the only thing a user needs. */
    public URI openUrl() {
        return config.token() == null ? url() : url().resolve("?token=" + config.token());
    }

    public HubConfig config() {
        return config;
    }

    public boolean isStarted() {
        return started;
    }

    public HubStats stats() {
        return core.stats();
    }

    /** The level boosts active now, oldest first. */
    public List<LevelBoost> boosts() {
        return core.boosts();
    }

    /**
     * Closes every tab with 1001 (going away), waiting up to {@link HubConfig#stopTimeout()} for them,
     * then stops the threads and releases the port. Calling it again does nothing.
     */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        core.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
