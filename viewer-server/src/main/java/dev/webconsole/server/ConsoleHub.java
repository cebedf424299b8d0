package dev.webconsole.server;

import dev.webconsole.server.internal.AccessGuard;
import dev.webconsole.server.internal.ClientMessages;
import dev.webconsole.server.internal.Counters;
import dev.webconsole.server.internal.Dispatcher;
import dev.webconsole.server.internal.EventEncoder;
import dev.webconsole.server.internal.PageHandlers;
import dev.webconsole.server.internal.QuietErrors;
import dev.webconsole.server.internal.Redactor;
import dev.webconsole.server.internal.Subscription;
import dev.webconsole.server.internal.TabEndpoint;
import dev.webconsole.server.internal.TabSession;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

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
    private final Counters counters = new Counters();
    private final EventEncoder encoder;
    private final ClientMessages messages = new ClientMessages();
    private final String hubId = newHubId();
    private final Dispatcher dispatcher;
    private final Thread dispatcherThread;
    private final Redactor redactor;
    private final AtomicBoolean reportedFull = new AtomicBoolean();
    private Server server;
    private ServerWebSocketContainer container;
    private ServerConnector connector;
    private volatile boolean started;
    /** The counters over JMX while the hub runs: dev.webconsole:type=ConsoleHub,port=N. */
    private dev.webconsole.server.internal.HubJmx jmx;
    private final dev.webconsole.server.internal.BoostBook boosts;
    private final dev.webconsole.server.internal.ControlRequests control;

    public ConsoleHub(HubConfig config) {
        this.config = config;
        this.encoder = new EventEncoder(SERVER_NAME, config.control());
        this.boosts = new dev.webconsole.server.internal.BoostBook(config.levelControl(), config.control(),
                config.maxBoosts(), config.boostMinute(),
                (task, delay) -> server.getScheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS)::cancel,
                this::publish, this::broadcastLevels);
        this.control = new dev.webconsole.server.internal.ControlRequests(boosts, this::publish, encoder, counters);
        this.dispatcher = new Dispatcher(config.ingestQueue(), config.history(), encoder, counters,
                config.diagnostics(), hubId);
        this.dispatcherThread = new Thread(dispatcher, "webconsole-dispatcher");
        this.dispatcherThread.setDaemon(true);
        this.redactor = new Redactor(config.redact());
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws HubStartException if the port is taken or cannot be bound; the message names the port and the fix
     */
    public synchronized void start() {
        if (dispatcherThread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("a hub starts once; create a new ConsoleHub to start again");
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("webconsole-http");
        threads.setDaemon(true);
        server = new Server(threads, new ScheduledExecutorScheduler("webconsole-scheduler", true), null);
        server.setStopTimeout(config.stopTimeout().toMillis());
        server.setErrorHandler(new QuietErrors());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Let odd paths through to AccessGuard, which answers every traversal attempt with 404.
        http.setUriCompliance(UriCompliance.UNSAFE);
        if (isTls()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // Host is checked by AccessGuard; certificates often name only localhost
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(config.keystore().toString());
            ssl.setKeyStorePassword(config.keystorePassword());
            ssl.setKeyStoreType(config.keystoreType());
            connector = new ServerConnector(server, 1, 1,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, c -> {
            c.setMaxTextMessageSize(config.maxInboundBytes());
            c.setMaxBinaryMessageSize(config.maxInboundBytes());
            c.setIdleTimeout(config.pingInterval().multipliedBy(4));
            c.addMapping("/ws", this::createEndpoint);
        });
        container = ws.getServerWebSocketContainer();
        ws.setHandler(PageHandlers.create(server, () -> boosts.withBoosts(encoder.stats(stats()))));
        server.setHandler(PageHandlers.withHeaders(new AccessGuard(config, isTls(), ws)));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new HubStartException(startFailure(e), e);
        }
        dispatcherThread.start();
        started = true;
        jmx = dev.webconsole.server.internal.HubJmx.register(this);
    }

    /**
     * Hands an event to the hub without blocking. Long messages and stack traces are cut to
     * {@link HubConfig#maxMessageChars()} here, so no queue holds more than that per event.
     *
     * @return false if the ingest queue was full and the event was dropped (and counted)
     */
    public boolean publish(ConsoleEvent event) {
        return dispatcher.publish(truncate(event));
    }

    /**
     * Hands an event to the hub, waiting up to {@code timeoutNanos} for room in the ingest queue.
     *
     * @return false if no room came in time and the event was dropped (and counted)
     */
    public boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        return dispatcher.publish(truncate(event), timeoutNanos);
    }

    /** Redacts, then cuts: a secret that straddles the size limit must not leave half unmasked. */
    private ConsoleEvent truncate(ConsoleEvent event) {
        ConsoleEvent redacted = redactor.isEmpty() ? event : redactor.apply(event);
        ConsoleEvent cut = redacted.truncatedTo(config.maxMessageChars());
        if (cut != redacted) {
            counters.truncated.increment();
        }
        return cut;
    }

    /** The bound port: the configured one, or the one picked when the configuration asked for 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The address of the console page, without the token. */
    public URI url() {
        String host = config.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create((isTls() ? "https://" : "http://") + host + ":" + port() + "/");
    }

    /** The address to open: {@link #url()} with the token, if one is set, so that it is the only thing a user needs. */
    public URI openUrl() {
        return config.token() == null ? url() : url().resolve("?token=" + config.token());
    }

    private boolean isTls() {
        return config.keystore() != null;
    }

    public HubConfig config() {
        return config;
    }

    public boolean isStarted() {
        return started;
    }

    private void broadcastLevels() {
        dispatcher.toEveryTab(boosts::levelsFrame);
    }

    /** The level boosts active now, oldest first. */
    public List<LevelBoost> boosts() {
        return boosts.boosts();
    }

    public HubStats stats() {
        return new HubStats(counters.sessions.get(), counters.published.sum(), dispatcher.lastSeq(),
                counters.ingestDropped.sum(), counters.sessionDropped.sum(), counters.sendFailed.sum(),
                counters.truncated.sum(), counters.rejectedMessages.sum());
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
        boosts.stop(); // a boost never outlives the hub
        jmx.unregister();
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        closeTabs(deadline);
        dispatcher.stop();
        stopQuietly();
        try {
            dispatcherThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void closeTabs(long deadline) {
        List<Session> open = List.copyOf(container.getOpenSessions());
        CountDownLatch closed = new CountDownLatch(open.size());
        for (Session session : open) {
            session.close(StatusCode.SHUTDOWN, "server stopping", Callback.from(closed::countDown, error -> {
                closed.countDown();
                report("WebConsole: a tab did not close cleanly", error);
            }));
        }
        try {
            closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            report("WebConsole: the server did not stop cleanly", e);
        }
    }

    private Object createEndpoint(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback) {
        if (counters.connections.get() >= config.maxSessions()) {
            if (reportedFull.compareAndSet(false, true)) {
                config.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: " + config.maxSessions()
                        + " tabs are connected, the most maxSessions allows; further tabs are refused with 503", null);
            }
            org.eclipse.jetty.server.Response.writeError(request, response, callback, 503,
                    "too many tabs: maxSessions=" + config.maxSessions());
            return null;
        }
        if (!config.compression()) {
            response.setExtensions(List.of()); // no permessage-deflate unless configured: see docs/PERFORMANCE.md
        }
        Fields query = Request.extractQueryParameters(request);
        try {
            Subscription subscription = messages.parseQuery(
                    query.getValuesOrEmpty("logger"), query.getValuesOrEmpty("exclude"),
                    query.getValue("level"), query.getValue("since"), query.getValue("hub"));
            return new TabEndpoint(endpointHub, subscription, null);
        } catch (ClientMessages.BadMessageException e) {
            return new TabEndpoint(endpointHub, Subscription.ALL, e.getMessage());
        }
    }

    /** Takes a place for an opened tab; upgrades that race past the 503 check are closed with 1013. */
    private boolean admit() {
        while (true) {
            int now = counters.connections.get();
            if (now >= config.maxSessions()) {
                return false;
            }
            if (counters.connections.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void report(String message, Throwable error) {
        config.diagnostics().report(System.Logger.Level.WARNING, message, error);
    }

    private String startFailure(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof BindException)) {
            root = root.getCause();
        }
        // Binding an address this machine does not have is also a BindException: that is the host's fault, not the port's.
        if (root instanceof BindException && config.port() != 0 && isThisMachine(config.host())) {
            return "WebConsole: port " + config.port() + " on " + config.host()
                    + " is already in use; set port=\"0\" to pick a free one, or choose another port";
        }
        if (e instanceof IOException) {
            return "WebConsole: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + "; check the host attribute";
        }
        return "WebConsole: the hub did not start: " + e;
    }

    private static boolean isThisMachine(String host) {
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String newHubId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private final TabEndpoint.Hub endpointHub = new TabEndpoint.Hub() {
        @Override
        public TabSession newTab(TabSession.Transport transport) {
            return new TabSession(config.sessionQueue(), config.maxEventsPerFrame(), config.maxFramesPerSecond(),
                    encoder, server.getThreadPool(),
                    (task, delay, unit) -> server.getScheduler().schedule(task, delay, unit),
                    counters, transport);
        }

        @Override
        public void open(TabSession tab, Subscription subscription) {
            dispatcher.open(tab, subscription);
            if (!boosts.isEmpty()) {
                dispatcher.toTab(tab, boosts::levelsFrame); // after hello: the boosts active now
            }
        }

        @Override
        public void resubscribe(TabSession tab, Subscription subscription) {
            dispatcher.resubscribe(tab, subscription);
        }

        @Override
        public void closed(TabSession tab) {
            dispatcher.close(tab);
            control.closed(tab);
        }

        @Override
        public dev.webconsole.server.internal.ControlRequests control() {
            return control;
        }

        @Override
        public boolean admit() {
            return ConsoleHub.this.admit();
        }

        @Override
        public void released() {
            counters.connections.decrementAndGet();
        }

        @Override
        public Runnable every(java.time.Duration period, Runnable task) {
            return new Periodic(server.getScheduler(), period.toNanos(), task)::cancel;
        }

        @Override
        public java.time.Duration pingInterval() {
            return config.pingInterval();
        }

        @Override
        public ClientMessages messages() {
            return messages;
        }

        @Override
        public EventEncoder encoder() {
            return encoder;
        }

        @Override
        public Counters counters() {
            return counters;
        }

        @Override
        public void report(String message, Throwable error) {
            ConsoleHub.this.report(message, error);
        }
    };

    /** Runs a task every period on Jetty's scheduler; cancel() drops the pending run, so nothing stays reachable. */
    private static final class Periodic {
        private final org.eclipse.jetty.util.thread.Scheduler scheduler;
        private final long periodNanos;
        private final Runnable task;
        private final java.util.concurrent.atomic.AtomicReference<org.eclipse.jetty.util.thread.Scheduler.Task> next =
                new java.util.concurrent.atomic.AtomicReference<>();
        private volatile boolean cancelled;

        Periodic(org.eclipse.jetty.util.thread.Scheduler scheduler, long periodNanos, Runnable task) {
            this.scheduler = scheduler;
            this.periodNanos = periodNanos;
            this.task = task;
            next.set(scheduler.schedule(this::run, periodNanos, TimeUnit.NANOSECONDS));
        }

        private void run() {
            if (cancelled) {
                return;
            }
            task.run();
            try {
                next.set(scheduler.schedule(this::run, periodNanos, TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                cancelled = true; // the hub is stopping; its tabs are being closed
                return;
            }
            if (cancelled) {
                cancel(); // a cancel that raced with this run must not leave the new schedule behind
            }
        }

        void cancel() {
            cancelled = true;
            org.eclipse.jetty.util.thread.Scheduler.Task pending = next.get();
            if (pending != null) {
                pending.cancel();
            }
        }
    }
}
