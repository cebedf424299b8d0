package dev.webconsole.server.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The Jetty side of one tab: turns socket callbacks into hub actions. One instance per connection.
 * Jetty requires the class to be public.
 */
public final class TabEndpoint implements Session.Listener.AutoDemanding {
    /** A tab may change its filter at most this often per second; more is refused with an error. */
    public static final int MAX_SUBSCRIBES_PER_SECOND = 20;

    /** What the endpoint needs from the hub. */
    public interface Hub {
        TabSession newTab(TabSession.Transport transport);

        void open(TabSession tab, Subscription subscription);

        void resubscribe(TabSession tab, Subscription subscription);

        void closed(TabSession tab);

        /** The connection reserved for this endpoint at upgrade is free again. */
        void released();

        /** Runs a task periodically until the returned cancel action runs. */
        Runnable every(java.time.Duration period, Runnable task);

        java.time.Duration pingInterval();

        ClientMessages messages();

        EventEncoder encoder();

        Counters counters();

        void report(String message, Throwable error);
    }

    private final Hub hub;
    private final Subscription initial;
    private final String initialError;
    private Session session;
    private TabSession tab;
    private long windowStartNanos;
    private int subscribesInWindow;
    private volatile long lastHeardNanos = System.nanoTime();
    private Runnable stopPings = () -> { };
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param initial the subscription from the query string
     * @param initialError why the query string was refused, or {@code null}
     */
    public TabEndpoint(Hub hub, Subscription initial, String initialError) {
        this.hub = hub;
        this.initial = initial;
        this.initialError = initialError;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.tab = hub.newTab(new JettyTransport(session, hub));
        stopPings = hub.every(hub.pingInterval(), this::ping);
        if (initialError != null) {
            // Nothing else is sending yet: send the reason, then close once it is out.
            hub.counters().rejectedMessages.increment();
            Runnable close = () -> session.close(StatusCode.POLICY_VIOLATION, "bad filter in the query string", closeCallback());
            session.sendText(hub.encoder().error(initialError), Callback.from(close, error -> close.run()));
            return;
        }
        hub.open(tab, initial);
    }

    /** Pings the tab; one that has not been heard from in three intervals is taken for dead. */
    private void ping() {
        if (System.nanoTime() - lastHeardNanos > 3 * hub.pingInterval().toNanos()) {
            session.disconnect();
            return;
        }
        session.sendPing(java.nio.ByteBuffer.allocate(0), Callback.from(() -> { }, error -> session.disconnect()));
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
    }

    @Override
    public void onWebSocketText(String message) {
        lastHeardNanos = System.nanoTime();
        if (tab == null) {
            return; // refused at open
        }
        if (!allowSubscribe()) {
            refuse("too many subscribe messages: at most " + MAX_SUBSCRIBES_PER_SECOND + " per second; this one was ignored");
            return;
        }
        try {
            hub.resubscribe(tab, hub.messages().parse(message));
        } catch (ClientMessages.BadMessageException e) {
            refuse(e.getMessage());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        hub.counters().rejectedMessages.increment();
        session.close(StatusCode.BAD_DATA, "binary messages are not supported; send JSON text", closeCallback());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    private void end() {
        if (released.compareAndSet(false, true)) {
            stopPings.run();
            if (tab != null) {
                hub.closed(tab);
            }
            hub.released();
        }
    }

    private void refuse(String message) {
        hub.counters().rejectedMessages.increment();
        tab.offerFrame(hub.encoder().error(message));
    }

    private boolean allowSubscribe() {
        long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            subscribesInWindow = 0;
        }
        return ++subscribesInWindow <= MAX_SUBSCRIBES_PER_SECOND;
    }

    private Callback closeCallback() {
        return Callback.from(() -> { }, error -> hub.report("WebConsole: closing a tab failed", error));
    }

    /** Sends through a Jetty session; every send has a callback whose failure branch is handled. */
    private record JettyTransport(Session session, Hub hub) implements TabSession.Transport {
        @Override
        public void send(String frame, Runnable succeeded, java.util.function.Consumer<Throwable> failed) {
            session.sendText(frame, Callback.from(succeeded, failed));
        }

        @Override
        public void close(int code, String reason) {
            if (!session.isOpen()) {
                return; // the peer or the hub closed it already
            }
            session.close(code, reason, Callback.from(() -> { }, error -> hub.report("WebConsole: closing a tab failed", error)));
        }
    }
}
