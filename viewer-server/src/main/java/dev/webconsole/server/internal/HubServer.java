package dev.webconsole.server.internal;

import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStartException;
import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The hub's Jetty server: threads, the http or https connector, and the handlers in front of the
 * page, {@code /stats} and {@code /ws}. Start failures become messages that name the port and the fix.
 */
final class HubServer {
    private final HubConfig config;
    private final Server server;
    private final ServerConnector connector;
    /** The scheduler's thread, owned here so that {@link #stop()} can wait for it to end (Jetty does not). */
    private final ScheduledThreadPoolExecutor timers;
    private ServerWebSocketContainer container;

    HubServer(HubConfig config) {
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("webconsole-http");
        threads.setDaemon(true);
        timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "webconsole-scheduler-1");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        // A timer asked for while the hub stops never runs, as with Jetty's own scheduler once stopped.
        timers.setRejectedExecutionHandler(new ScheduledThreadPoolExecutor.DiscardPolicy());
        server = new Server(threads, new ScheduledExecutorScheduler(timers), null);
        server.setStopTimeout(config.stopTimeout().toMillis());
        server.setErrorHandler(new QuietErrors());
        connector = connector(server, config);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.addEventListener(new ConnectionGuard(
                config.maxConnectionsPerAddress(), config.headerTimeout(), server.getScheduler()));
        server.addConnector(connector);
    }

    private static ServerConnector connector(Server server, HubConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Let odd paths through to AccessGuard, which answers every traversal attempt with 404.
        http.setUriCompliance(UriCompliance.UNSAFE);
        if (!config.isTls()) {
            return new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // Host is checked by AccessGuard; certificates often name only localhost
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(config.keystore().toString());
        ssl.setKeyStorePassword(config.keystorePassword());
        ssl.setKeyStoreType(config.keystoreType());
        return new ServerConnector(server, 1, 1,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
    }

    /** The pool that drains run on. */
    Executor executor() {
        return server.getThreadPool();
    }

    /** The one scheduler thread: pings, idle checks, paced drains' timers. */
    Scheduler scheduler() {
        return server.getScheduler();
    }

    /**
     * Binds the port and serves: {@code /ws} through {@code tabs}, {@code /publish} through
     * {@code publishers} (when not null), {@code /stats} from {@code statsJson}.
     *
     * @throws HubStartException if the port is taken or cannot be bound; the message names the port and the fix
     */
    void start(WebSocketCreator tabs, WebSocketCreator publishers, Supplier<String> statsJson) {
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, c -> {
            c.setMaxTextMessageSize(config.maxInboundBytes());
            c.setMaxBinaryMessageSize(config.maxInboundBytes());
            c.setIdleTimeout(config.pingInterval().multipliedBy(4));
            c.addMapping("/ws", tabs);
            if (publishers != null) {
                c.addMapping(PublisherEndpoint.PATH, publishers);
            }
        });
        container = ws.getServerWebSocketContainer();
        ws.setHandler(PageHandlers.create(server, statsJson));
        server.setHandler(PageHandlers.withHeaders(new AccessGuard(config, config.isTls(), ws)));
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw new HubStartException(startFailure(e), e);
        } catch (LinkageError e) {
            stop(); // a half-started server must not keep the port; the appender names the clash
            throw e;
        }
    }

    /** The bound port: the configured one, or the one picked when the configuration asked for 0. */
    int port() {
        return connector.getLocalPort();
    }

    /** Closes every tab with 1001 (going away) and waits for them until {@code deadline} ({@link System#nanoTime()}). */
    void closeTabs(long deadline) {
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

    /** Stops Jetty, releases the port and ends the scheduler's thread; trouble is reported, not thrown. */
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            report("WebConsole: the server did not stop cleanly", e);
        }
        timers.shutdownNow();
        try {
            if (!timers.awaitTermination(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                report("WebConsole: the scheduler thread did not end within the stop timeout", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (root instanceof BindException && config.port() != 0 && HostNames.isThisMachine(config.host())) {
            return "WebConsole: port " + config.port() + " on " + config.host()
                    + " is already in use; set port=\"0\" to pick a free one, or choose another port";
        }
        if (e instanceof IOException) {
            return "WebConsole: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + "; check the host attribute";
        }
        return "WebConsole: the hub did not start: " + e;
    }
}
