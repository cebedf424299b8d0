package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.LevelBoost;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parts of one hub put together: the dispatcher thread, the Jetty server, the tabs' services,
 * the level boosts and JMX. {@link dev.webconsole.server.ConsoleHub} is its face; this class is public only for it,
 * and is not API.
 */
public final class HubCore {
    private final HubConfig config;
    private final Counters counters = new Counters();
    private final EventEncoder encoder;
    private final Dispatcher dispatcher;
    private final Thread dispatcherThread;
    private final Redactor redactor;
    private final String hubId = newHubId();
    /** Read on every publish, so kept here rather than looked up. */
    private final int maxMessageChars;
    private final BoostBook boosts;
    private final ControlRequests control;
    /** The publishers, connected or gone; empty while the hub has no publisher token. */
    private final Sources sources;
    private HubServer server;
    /** The counters over JMX while the hub runs: dev.webconsole:type=ConsoleHub,port=N. */
    private HubJmx jmx;

    public HubCore(HubConfig config, String serverName) {
        this.config = config;
        this.encoder = new EventEncoder(serverName, config.control(), config.levelControl() != null);
        this.dispatcher = new Dispatcher(config.ingestQueue(), config.history(), encoder, counters,
                config.diagnostics(), hubId, (task, delay) -> later(task, delay));
        this.dispatcherThread = new Thread(dispatcher, "webconsole-dispatcher");
        this.dispatcherThread.setDaemon(true);
        this.redactor = new Redactor(config.redact());
        this.maxMessageChars = config.maxMessageChars();
        this.sources = new Sources(dispatcher::broadcast, this::broadcastLevels);
        this.boosts = new BoostBook(config.levelControl(), config.control(), config.maxBoosts(), config.boostMinute(),
                this::later, this::publish, this::broadcastLevels, null, sources::addBoostsTo);
        this.control = new ControlRequests(boosts, sources, dispatcher, this::publish, encoder, counters);
    }

    /** Binds the port, serves, and starts the dispatcher; see {@link dev.webconsole.server.ConsoleHub#start()}. */
    public void start() {
        if (dispatcherThread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("a hub starts once; create a new ConsoleHub to start again");
        }
        server = new HubServer(config);
        server.start(new TabUpgrades(services(server), config.compression()), publishers(server),
                () -> boosts.withBoosts(encoder.stats(stats())));
        dispatcherThread.start();
        jmx = HubJmx.register(port(), url().toString(), this::stats, boosts::boosts, config.diagnostics());
    }

    /** Sends the active boosts to every tab. */
    private void broadcastLevels() {
        dispatcher.toEveryTab(boosts::levelsFrame);
    }

    /** Runs a boost's end on the hub's scheduler; the returned action cancels it. */
    private Runnable later(Runnable task, Duration delay) {
        return server.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS)::cancel;
    }

    private TabEndpoint.Services services(HubServer server) {
        Tab.Scheduler later = (task, delay, unit) -> server.scheduler().schedule(task, delay, unit);
        return new TabEndpoint.Services(new Admission(config.maxTabs(), config.diagnostics()), dispatcher,
                transport -> new Tab(config.tabQueue(), config.maxEventsPerFrame(), config.maxFramesPerSecond(),
                        encoder, server.executor(), later, counters, transport),
                new ClientMessages(), encoder, counters, server.scheduler(), config.pingInterval(),
                config.diagnostics(), control);
    }

    /** Answers {@code /publish} upgrades when a publisher token is set; else null (no publishers). */
    private org.eclipse.jetty.websocket.server.WebSocketCreator publishers(HubServer server) {
        if (config.publisherToken() == null) {
            return null;
        }
        PublisherEndpoint.Services services = new PublisherEndpoint.Services(dispatcher, this::offerIfRoom,
                sources, new PublisherMessages(), counters, server.scheduler(), hubId,
                config.maxSourceEventsPerSecond(), config.sourceSharePercent(), config.diagnostics(),
                new RepeatLimit(TimeUnit.MINUTES.toNanos(1)));
        return (request, response, callback) -> {
            response.setExtensions(java.util.List.of());
            return new PublisherEndpoint(services);
        };
    }

    /** See {@link dev.webconsole.server.ConsoleHub#publish(ConsoleEvent)}. */
    public boolean publish(ConsoleEvent event) {
        return dispatcher.publish(truncate(event));
    }

    /** A publisher's event: queued if there is room, else nothing is counted and the publisher is read later. */
    private boolean offerIfRoom(ConsoleEvent event) {
        return dispatcher.ingestFillPercent() < 100 && dispatcher.offerIfRoom(truncate(event));
    }

    /** See {@link dev.webconsole.server.ConsoleHub#publish(ConsoleEvent, long)}. */
    public boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        return dispatcher.publish(truncate(event), timeoutNanos);
    }

    /** See {@link dev.webconsole.server.ConsoleHub#dropped()}. */
    public void dropped() {
        dispatcher.dropped();
    }

    /** Redacts, then cuts: a secret that straddles the size limit must not leave half unmasked. */
    private ConsoleEvent truncate(ConsoleEvent event) {
        ConsoleEvent redacted = redactor.isEmpty() ? event : redactor.apply(event);
        ConsoleEvent cut = redacted.truncatedTo(maxMessageChars);
        if (cut != redacted || cut.truncated()) {
            counters.truncated();
        }
        return cut;
    }

    public int port() {
        return server.port();
    }

    /** The address of the console page, without the token. */
    public URI url() {
        return URI.create((config.isTls() ? "https://" : "http://") + HostNames.forUrl(config.host()) + ":" + port() + "/");
    }

    public HubStats stats() {
        return counters.snapshot(dispatcher.lastSeq());
    }

    /** See {@link dev.webconsole.server.ConsoleHub#boosts()}. */
    public List<LevelBoost> boosts() {
        return boosts.boosts();
    }

    /** Ends the boosts, closes the tabs, stops the threads and releases the port; for a started hub, once. */
    public void stop() {
        boosts.stop(); // a boost never outlives the hub
        jmx.unregister();
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        server.closeTabs(deadline);
        dispatcher.stop();
        server.stop();
        try {
            dispatcherThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newHubId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
