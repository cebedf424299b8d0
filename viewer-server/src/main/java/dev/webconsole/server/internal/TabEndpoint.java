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
    /** A tab that sends more messages than this in a second is closed with 1008. */
    public static final int MAX_MESSAGES_PER_SECOND = 200;

    /** What the endpoint needs from the hub. */
    public interface Hub {
        TabSession newTab(TabSession.Transport transport);

        void open(TabSession tab, Subscription subscription);

        void resubscribe(TabSession tab, Subscription subscription);

        void closed(TabSession tab);

        /** Takes one of the maxSessions places for an opened connection; false when none is free. */
        boolean admit();

        /** Gives back the place {@link #admit()} took. */
        void released();

        /** Runs a task periodically until the returned cancel action runs. */
        Runnable every(java.time.Duration period, Runnable task);

        java.time.Duration pingInterval();

        ClientMessages messages();

        EventEncoder encoder();

        Counters counters();

        void report(String message, Throwable error);

        /** Level boosts and thread dumps asked for by tabs. */
        ControlRequests control();
    }

    private final Hub hub;
    private final Subscription initial;
    private final String initialError;
    private Session session;
    private TabSession tab;
    private long windowStartNanos = System.nanoTime();
    private int messagesInWindow;
    private volatile long lastHeardNanos = System.nanoTime();
    private Runnable stopPings = () -> { };
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean admitted;

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
        if (initialError != null) {
            // No tab is made: send the reason, then close once it is out.
            hub.counters().rejectedMessages.increment();
            Runnable close = () -> session.close(StatusCode.POLICY_VIOLATION, "bad filter in the query string", closeCallback());
            session.sendText(hub.encoder().error(initialError), Callback.from(close, error -> close.run()));
            return;
        }
        // The place is taken here, not at upgrade: an upgrade that fails after the creator ran never
        // opens, and a place taken then would never be given back.
        if (!hub.admit()) {
            session.close(StatusCode.TRY_AGAIN_LATER, "too many tabs", closeCallback());
            return;
        }
        admitted = true;
        this.tab = hub.newTab(new JettyTransport(session, hub));
        stopPings = hub.every(hub.pingInterval(), this::ping);
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
            return; // refused at open; the socket is closing
        }
        int inWindow = countMessage();
        if (inWindow > MAX_SUBSCRIBES_PER_SECOND) {
            hub.counters().rejectedMessages.increment();
            if (inWindow == MAX_SUBSCRIBES_PER_SECOND + 1) { // one error per second, however many are refused
                tab.offerFrame(hub.encoder().error("too many subscribe messages: at most " + MAX_SUBSCRIBES_PER_SECOND
                        + " per second; further ones this second are ignored"));
            } else if (inWindow > MAX_MESSAGES_PER_SECOND) {
                session.close(StatusCode.POLICY_VIOLATION, "message flood", closeCallback());
            }
            return;
        }
        if (hub.control().handle(message, tab, session.getRemoteSocketAddress())) {
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
        if (ended.compareAndSet(false, true)) {
            stopPings.run();
            if (tab != null) {
                hub.closed(tab);
            }
            if (admitted) {
                hub.released();
            }
        }
    }

    private void refuse(String message) {
        hub.counters().rejectedMessages.increment();
        tab.offerFrame(hub.encoder().error(message));
    }

    /** Counts a message in the current one-second window and returns the count so far. */
    private int countMessage() {
        long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            messagesInWindow = 0;
        }
        return ++messagesInWindow;
    }

    private Callback closeCallback() {
        return Callback.from(() -> { }, error -> hub.report("WebConsole: closing a tab failed", error));
    }

    /** Sends through a Jetty session; every send has a callback whose failure branch is handled. */
    private record JettyTransport(Session session, Hub hub) implements TabSession.Transport {
        @Override
        public void send(ByteBuffer utf8Text, Runnable succeeded, java.util.function.Consumer<Throwable> failed) {
            // The frame is UTF-8 already (encoded once by the hub); Jetty's API takes text only as a
            // String, so it goes to the core session, exactly as Session.sendText does after encoding.
            ((org.eclipse.jetty.websocket.common.WebSocketSession) session).getCoreSession().sendFrame(
                    new org.eclipse.jetty.websocket.core.Frame(org.eclipse.jetty.websocket.core.OpCode.TEXT, utf8Text),
                    org.eclipse.jetty.util.Callback.from(succeeded, error -> {
                        // A tab that went away mid-send is the normal end of a tab, not a failed send:
                        // its close is handled by onWebSocketClose. Only a send on an open socket counts.
                        if (session.isOpen()) {
                            failed.accept(error);
                        }
                    }), false);
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
