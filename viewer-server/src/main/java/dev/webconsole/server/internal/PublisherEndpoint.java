package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * this hub. It says who it is ({@code hello}), then sends numbered batches; the hub queues each
 * event it has not seen (by the source's own number) while the source has room in its own share of
 * the ingest queue ({@link SourceShare}), keeps the rest of the message until it has, acknowledges
 * the highest number once the message is in, and reads the next message only when the publisher is
 * within its rate. A publisher that floods is slowed down (its events wait at the publisher) rather
 * than let starve the others. Tabs' control requests for this source go out over the same
 * connection, and the application's answer goes back to the tab that asked. Jetty requires the
 * class to be public; nothing else about it is.
 */
public final class PublisherEndpoint implements Session.Listener {
    static final String PATH = "/publish";
    /** The largest message a publisher may send; a larger one closes it with 1009. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** While the source's share of the ingest queue is full, queueing is retried this often. */
    private static final long SHARE_RETRY_MICROS = 500;
    /** Control requests waiting for the application's answer, at most. */
    static final int MAX_PENDING_REQUESTS = 64;

    /**
     * The parts of the hub a publisher works with.
     *
     * @param publish hands an event to the hub (truncated and redacted); false, and nothing counted, if
     *     the ingest queue was full: the endpoint keeps the event and offers it again
     * @param refusals which refusals are reported: the same one once a minute (a publisher retries every few seconds)
     */
    record Services(Dispatcher dispatcher, Predicate<ConsoleEvent> publish, Sources sources, PublisherMessages messages,
            Counters counters, Scheduler scheduler, String hubId, int eventsPerSecond, int sharePercent,
            Diagnostics diagnostics, RepeatLimit refusals) {}

    private record Waiting(Tab tab, String type) {}

    private final Services services;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Session session;
    private volatile Sources.Source source;
    private SourceShare share;
    /** What is left to queue of the message being taken; the next message is read once it is empty. */
    private List<ConsoleEvent> pending = List.of();
    private int nextPending;
    /** Rate budget in events; refilled at eventsPerSecond, at most one second's worth. */
    private double budget;
    private long refilledNanos = System.nanoTime();
    /** Forwarded control requests by number, with the tab waiting for each answer. */
    private final Map<Long, Waiting> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    PublisherEndpoint(Services services) {
        this.services = services;
        this.budget = services.eventsPerSecond();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        session.setMaxFrameSize(MAX_MESSAGE_BYTES); // a client may send a whole batch as one frame
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        take(() -> services.messages().parse(text));
    }

    /** A binary message holds the same JSON as UTF-8; publishers send their events so (no text decoding). */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            take(() -> services.messages().parse(payload));
        } finally {
            callback.succeed(); // the parsed message holds no reference to the payload
        }
    }

    private interface Parse {
        Object message() throws ClientMessages.BadMessageException;
    }

    private void take(Parse parse) {
        try {
            Object message = parse.message();
            if (source == null) {
                if (!(message instanceof PublisherMessages.Hello hello)) {
                    throw new ClientMessages.BadMessageException("the first message must be hello, saying which source this is");
                }
                source = services.sources().attach(hello, this);
                share = new SourceShare(SourceShare.limit(services.dispatcher().ingestCapacity(), services.sharePercent()),
                        services.dispatcher()::ingestTaken);
                send(services.messages().welcome(services.hubId(), source.lastSourceSeq));
                session.demand();
                return;
            }
            if (message instanceof PublisherMessages.Batch batch) {
                accept(batch);
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

    /** Takes the events the hub has not seen yet, as many as the source's share has room for now. */
    private void accept(PublisherMessages.Batch batch) {
        Sources.Source s = source;
        long last = s.lastSourceSeq;
        List<ConsoleEvent> fresh = new ArrayList<>(batch.events().size());
        for (ConsoleEvent e : batch.events()) {
            if (e.sourceSeq() <= last) {
                s.duplicates.incrementAndGet();
                continue;
            }
            fresh.add(new ConsoleEvent(e.time(), e.level(), e.severity(), e.logger(), e.thread(), e.message(), e.thrown(),
                    e.context(), e.marker(), s.name, false, e.sourceSeq()));
            last = e.sourceSeq();
        }
        pending = fresh;
        nextPending = 0;
        queuePending();
    }

    /**
     * Queues what is pending while the source's share has room; then acknowledges and reads on, or
     * tries again shortly. Runs on Jetty's thread for the message or on the scheduler, never both:
     * nothing more is read from the publisher while events are pending.
     */
    private void queuePending() {
        Sources.Source s = source;
        int room = share.room();
        int queued = 0;
        while (nextPending < pending.size() && queued < room && services.publish().test(pending.get(nextPending))) {
            s.lastSourceSeq = pending.get(nextPending++).sourceSeq();
            queued++;
        }
        share.queued(services.dispatcher().ingestAccepted(), queued);
        s.received.addAndGet(queued);
        if (nextPending < pending.size()) {
            services.counters().publisherHeldBack();
            services.scheduler().schedule(() -> {
                if (session.isOpen()) {
                    queuePending();
                }
            }, SHARE_RETRY_MICROS, TimeUnit.MICROSECONDS);
            return;
        }
        int taken = pending.size();
        pending = List.of();
        send(services.messages().ack(s.lastSourceSeq));
        paced(taken);
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
        if (unanswered.size() >= MAX_PENDING_REQUESTS) {
            throw new ClientMessages.BadMessageException(ask.type() + " refused: \"source\" " + source.name + " has "
                    + MAX_PENDING_REQUESTS + " requests it has not answered yet; try again shortly");
        }
        long id = requests.incrementAndGet();
        unanswered.put(id, new Waiting(tab, ask.type()));
        send(services.messages().request(id, ask, by).getBytes(StandardCharsets.UTF_8));
    }

    private void answered(PublisherMessages.Answer answer) {
        Waiting waiting = unanswered.remove(answer.id());
        if (waiting != null && answer.error() != null) {
            services.counters().rejectedMessage();
            waiting.tab().offerFrame(services.messages().error(answer.error()));
        }
    }

    /** Reads the next message now, or once the publisher is back within its rate. */
    private void paced(int events) {
        long now = System.nanoTime();
        int rate = services.eventsPerSecond();
        budget = Math.min(rate, budget + (now - refilledNanos) * (rate / 1e9)) - events;
        refilledNanos = now;
        if (budget >= 0) {
            session.demand();
            return;
        }
        services.counters().publisherHeldBack();
        services.scheduler().schedule(() -> {
            if (session.isOpen()) {
                session.demand();
            }
        }, (long) (-budget * 1e6 / rate), TimeUnit.MICROSECONDS);
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
            services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: " + who(s) + " dropped: " + cause, null);
        }
        if (s != null) {
            services.sources().detach(s, this);
            for (Waiting w : unanswered.values()) {
                w.tab().offerFrame(services.messages().error(w.type() + " refused: \"source\" " + s.name
                        + " disconnected before it answered; it may or may not have acted"));
            }
            unanswered.clear();
        }
    }

    /** The publisher as the hub's operator reads it: by its source once it has one, else by its address. */
    private String who(Sources.Source s) {
        if (s != null) {
            return "publisher \"" + s.name + "\"";
        }
        Object at = session == null ? null : session.getRemoteSocketAddress();
        return "a publisher at " + (at instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : at)
                + " (not yet a source)";
    }

    /** Counts and reports the refusal, tells the publisher why, and closes. */
    private void refuse(int code, String message) {
        services.counters().rejectedMessage();
        Sources.Source s = source;
        if (services.refusals().due(message, System.nanoTime())) { // by reason: a retry comes from another port
            services.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: " + who(s) + " refused: " + message
                    + " (the same refusal is said at most once a minute)", null);
        }
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
