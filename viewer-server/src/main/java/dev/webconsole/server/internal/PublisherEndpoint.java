package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The Jetty side of one publisher at {@code /publish}: an application that sends its events to
 * this hub. It says who it is ({@code hello}), then sends numbered batches; the hub publishes each
 * event it has not seen (by the source's own number), acknowledges the highest, and reads the next
 * message only when the publisher is within its rate and the ingest queue within its share, so a
 * publisher that floods is slowed down rather than let starve the others. Tabs' control requests
 * for this source go out over the same connection, and the application's answer goes back to the
 * tab that asked. Jetty requires the
 * class to be public; nothing else about it is.
 */
public final class PublisherEndpoint implements Session.Listener {
    static final String PATH = "/publish";
    /** The largest message a publisher may send; a larger one closes it with 1009. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** While the ingest queue is over the share, reading is retried this often. */
    private static final long SHARE_RETRY_MICROS = 500;
    /** Control requests waiting for the application's answer, at most. */
    static final int MAX_PENDING_REQUESTS = 64;

    /**
     * The parts of the hub a publisher works with.
     *
     * @param publish hands an event to the hub (truncated and redacted); false if the ingest queue was full
     */
    record Services(Dispatcher dispatcher, Predicate<ConsoleEvent> publish, Sources sources, PublisherMessages messages,
            Counters counters, Scheduler scheduler, String hubId, int eventsPerSecond, int sharePercent,
            Diagnostics diagnostics) {}

    private record Waiting(Tab tab, String type) {}

    private final Services services;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Session session;
    private volatile Sources.Source source;
    /** Rate budget in events; refilled at eventsPerSecond, at most one second's worth. */
    private double budget;
    private long refilledNanos = System.nanoTime();
    /** Forwarded control requests by number, with the tab waiting for each answer. */
    private final Map<Long, Waiting> pending = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    PublisherEndpoint(Services services) {
        this.services = services;
        this.budget = services.eventsPerSecond();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        session.setMaxFrameSize(MAX_MESSAGE_BYTES); // a client may send a whole batch as one frame
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        Object message;
        try {
            message = services.messages().parse(text);
            if (source == null) {
                if (!(message instanceof PublisherMessages.Hello hello)) {
                    throw new ClientMessages.BadMessageException("the first message must be hello, saying which source this is");
                }
                source = services.sources().attach(hello, this);
                send(services.messages().welcome(services.hubId(), source.lastSourceSeq));
                session.demand();
                return;
            }
            if (message instanceof PublisherMessages.Batch batch) {
                paced(accept(batch));
            } else if (message instanceof PublisherMessages.Lost lost) {
                lost(lost);
                session.demand();
            } else if (message instanceof PublisherMessages.Levels levels) {
                services.sources().boosts(source, levels.boosts());
                session.demand();
            } else if (message instanceof PublisherMessages.Answer answer) {
                answered(answer);
                session.demand();
            } else {
                throw new ClientMessages.BadMessageException("hello was sent already; send events, lost, levels or answer");
            }
        } catch (ClientMessages.BadMessageException e) {
            refuse(StatusCode.POLICY_VIOLATION, e.getMessage());
        }
    }

    /** Publishes the events the hub has not seen yet and acknowledges the highest number; returns how many. */
    private int accept(PublisherMessages.Batch batch) {
        Sources.Source s = source;
        long last = s.lastSourceSeq;
        int published = 0;
        for (ConsoleEvent e : batch.events()) {
            if (e.sourceSeq() <= last) {
                s.duplicates.incrementAndGet();
                continue;
            }
            services.publish().test(new ConsoleEvent(e.time(), e.level(), e.severity(), e.logger(), e.thread(),
                    e.message(), e.thrown(), e.context(), e.marker(), s.name, false, e.sourceSeq()));
            last = e.sourceSeq();
            published++;
        }
        s.lastSourceSeq = last;
        s.received.addAndGet(published);
        send(services.messages().ack(last));
        return published;
    }

    private void lost(PublisherMessages.Lost lost) throws ClientMessages.BadMessageException {
        Sources.Source s = source;
        if (lost.to() < lost.from() || lost.from() <= s.lastSourceSeq) {
            throw new ClientMessages.BadMessageException("lost " + lost.from() + ".." + lost.to()
                    + " is not a range after the last number the hub has (" + s.lastSourceSeq + ")");
        }
        long count = lost.to() - lost.from() + 1;
        services.dispatcher().sourceGap(s.name, count, from -> services.messages().lostGap(from, count, s.name, lost));
        s.lost.addAndGet(count);
        s.lastSourceSeq = lost.to();
        send(services.messages().ack(lost.to()));
    }

    /**
     * Sends a tab's control request to this application; its answer goes to the tab (an error
     * frame if it refused; what it did shows in the stream and the {@code levels} frame).
     */
    void forward(ControlAsk ask, String by, Tab tab) throws ClientMessages.BadMessageException {
        if (pending.size() >= MAX_PENDING_REQUESTS) {
            throw new ClientMessages.BadMessageException(ask.type() + " refused: \"source\" " + source.name + " has "
                    + MAX_PENDING_REQUESTS + " requests it has not answered yet; try again shortly");
        }
        long id = requests.incrementAndGet();
        pending.put(id, new Waiting(tab, ask.type()));
        send(services.messages().request(id, ask, by).getBytes(StandardCharsets.UTF_8));
    }

    private void answered(PublisherMessages.Answer answer) {
        Waiting waiting = pending.remove(answer.id());
        if (waiting != null && answer.error() != null) {
            services.counters().rejectedMessage();
            waiting.tab().offerFrame(services.messages().error(answer.error()));
        }
    }

    /** Reads the next message now, or once the publisher is back within its rate and share. */
    private void paced(int events) {
        long now = System.nanoTime();
        int rate = services.eventsPerSecond();
        budget = Math.min(rate, budget + (now - refilledNanos) * (rate / 1e9)) - events;
        refilledNanos = now;
        long waitMicros = budget >= 0 ? 0 : (long) (-budget * 1e6 / rate);
        if (waitMicros == 0 && services.dispatcher().ingestFillPercent() <= services.sharePercent()) {
            session.demand();
        } else {
            services.scheduler().schedule(this::resume, Math.max(waitMicros, SHARE_RETRY_MICROS), TimeUnit.MICROSECONDS);
        }
    }

    private void resume() {
        if (!session.isOpen()) {
            return;
        }
        if (services.dispatcher().ingestFillPercent() > services.sharePercent()) {
            services.scheduler().schedule(this::resume, SHARE_RETRY_MICROS, TimeUnit.MICROSECONDS);
        } else {
            session.demand();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        refuse(StatusCode.BAD_DATA, "binary messages are not supported; send JSON text");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end(null);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end(cause);
    }

    private void end(Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Sources.Source s = source;
        if (cause != null) {
            services.counters().rejectedMessage();
            services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: publisher "
                    + (s == null ? "(before hello)" : "\"" + s.name + "\"") + " dropped: " + cause, null);
        }
        if (s != null) {
            services.sources().detach(s, this);
            for (Waiting w : pending.values()) {
                w.tab().offerFrame(services.messages().error(w.type() + " refused: \"source\" " + s.name
                        + " disconnected before it answered; it may or may not have acted"));
            }
            pending.clear();
        }
    }

    /** Counts and reports the refusal, tells the publisher why, and closes. */
    private void refuse(int code, String message) {
        services.counters().rejectedMessage();
        Sources.Source s = source;
        services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: publisher "
                + (s == null ? "(before hello)" : "\"" + s.name + "\"") + " refused: " + message, null);
        Runnable close = () -> session.close(code, clip(message), Callback.from(() -> { }, this::closeFailed));
        session.sendText(services.messages().error(message), Callback.from(close, error -> close.run()));
    }

    private void send(byte[] frame) {
        session.sendText(new String(frame, StandardCharsets.UTF_8), Callback.from(() -> { }, error -> {
            if (session.isOpen()) {
                services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: a send to a publisher failed", error);
            }
        }));
    }

    private void closeFailed(Throwable error) {
        services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: closing a publisher failed", error);
    }

    /** A close reason is at most 123 bytes. */
    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}
