package dev.webconsole.server.internal;

import dev.webconsole.server.Diagnostics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The Jetty side of one tab: turns socket callbacks into hub actions. One instance per connection.
 * Jetty requires the class to be public; nothing else about it is.
 */
public final class TabEndpoint implements Session.Listener.AutoDemanding {
    /** A tab may change its filter at most this often per second; more is refused with an error. */
    static final int MAX_SUBSCRIBES_PER_SECOND = 20;
    /** A tab that sends more messages than this in a second is closed with 1008. */
    static final int MAX_MESSAGES_PER_SECOND = 200;

    /**
     * The parts of the hub an endpoint works with.
     *
     * @param newTab makes the tab for an opened connection
     * @param scheduler runs the pings
     * @param control level boosts and thread dumps asked for by tabs
     */
    record Services(Admission admission, Dispatcher dispatcher, Function<Tab.Transport, Tab> newTab,
            ClientMessages messages, EventEncoder encoder, Counters counters, Scheduler scheduler,
            Duration pingInterval, Diagnostics diagnostics, ControlRequests control) {}

    private final Services services;
    private final Subscription initial;
    private final String initialError;
    private Session session;
    private Tab tab;
    private long windowStartNanos = System.nanoTime();
    private int messagesInWindow;
    private volatile long lastHeardNanos = System.nanoTime();
    private Periodic pings;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean admitted;

    /**
     * @param initial the subscription from the query string
     * @param initialError why the query string was refused, or {@code null}
     */
    TabEndpoint(Services services, Subscription initial, String initialError) {
        this.services = services;
        this.initial = initial;
        this.initialError = initialError;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        if (initialError != null) {
            // No tab is made: send the reason, then close once it is out.
            services.counters().rejectedMessage();
            Runnable close = () -> session.close(StatusCode.POLICY_VIOLATION, "bad filter in the query string", closeCallback());
            session.sendText(services.encoder().error(initialError), Callback.from(close, error -> close.run()));
            return;
        }
        // The place is taken here, not at upgrade: an upgrade that fails after the creator ran never
        // opens, and a place taken then would never be given back.
        if (!services.admission().admit()) {
            session.close(StatusCode.TRY_AGAIN_LATER, "too many tabs", closeCallback());
            return;
        }
        admitted = true;
        this.tab = services.newTab().apply(new JettyTransport(session, services.diagnostics()));
        pings = Periodic.every(services.scheduler(), services.pingInterval(), this::ping);
        services.dispatcher().open(tab, initial);
        services.control().opened(tab);
    }

    /** Pings the tab; one that has not been heard from in three intervals is taken for dead. */
    private void ping() {
        if (System.nanoTime() - lastHeardNanos > 3 * services.pingInterval().toNanos()) {
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
            services.counters().rejectedMessage();
            if (inWindow == MAX_SUBSCRIBES_PER_SECOND + 1) { // one error per second, however many are refused
                tab.offerFrame(services.encoder().error("too many subscribe messages: at most " + MAX_SUBSCRIBES_PER_SECOND
                        + " per second; further ones this second are ignored"));
            } else if (inWindow > MAX_MESSAGES_PER_SECOND) {
                session.close(StatusCode.POLICY_VIOLATION, "message flood", closeCallback());
            }
            return;
        }
        if (services.control().handle(message, tab, session.getRemoteSocketAddress())) {
            return;
        }
        if (services.messages().asksForLoggers(message)) {
            services.dispatcher().sendLoggers(tab);
            return;
        }
        try {
            services.dispatcher().resubscribe(tab, services.messages().parse(message));
        } catch (ClientMessages.BadMessageException e) {
            refuse(e.getMessage());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        services.counters().rejectedMessage();
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
            if (pings != null) {
                pings.cancel();
            }
            if (tab != null) {
                services.dispatcher().close(tab);
                services.control().closed(tab);
            }
            if (admitted) {
                services.admission().release();
            }
        }
    }

    private void refuse(String message) {
        services.counters().rejectedMessage();
        tab.offerFrame(services.encoder().error(message));
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
        return Callback.from(() -> { }, error -> report(services.diagnostics(), error));
    }

    private static void report(Diagnostics diagnostics, Throwable error) {
        diagnostics.report(System.Logger.Level.WARNING, "WebConsole: closing a tab failed", error);
    }

    /** Sends through a Jetty session; every send has a callback whose failure branch is handled. */
    private record JettyTransport(Session session, Diagnostics diagnostics) implements Tab.Transport {
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
            session.close(code, reason, Callback.from(() -> { }, error -> report(diagnostics, error)));
        }
    }
}
