package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Diagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The hub's one dispatcher thread. It takes events from the bounded ingest queue, assigns each its
 * seq, encodes it once, keeps it in the history, and offers it to every tab whose filter matches.
 * Subscribes and closes from tabs run here too, as commands, so a replay and the live stream that
 * follows it never overlap or leave a hole.
 *
 * <p>The ingest queue takes no lock, so a logging thread never waits for the dispatcher or for
 * another logging thread. When there is nothing to do the thread parks; the producer or command
 * that ends the quiet spell unparks it. Nothing polls and nothing sleeps on a timer.
 */
final class Dispatcher implements Runnable {
    private static final int BATCH = 1024;
    /** Logger names the catalogue keeps; events of further loggers are counted, not listed. */
    static final int MAX_LOGGER_NAMES = 10_000;
    /** Spins before parking: a burst that is still arriving costs no park and unpark. */
    private static final int SPINS_BEFORE_PARK = 64;

    private final Ingest ingest;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final History history;
    private final Replay replay;
    private final EventEncoder encoder;
    private final EventEncoder.EventWriter eventWriter;
    private final Counters counters;
    private final Diagnostics diagnostics;
    private final String hubId;
    private final List<Tab> tabs = new ArrayList<>();
    private final LoggerCatalogue catalogue;
    private final ConsoleEvent[] batch = new ConsoleEvent[BATCH];
    private final Outgoing[] encoded = new Outgoing[BATCH];
    private volatile boolean running = true;
    private volatile long lastSeq;
    private final Sleeper sleeper = new Sleeper();

    // Dispatcher thread only.
    private long nextSeq = 1;
    private long ingestDropsSeen;
    private final SourceNotices sourceNotices = new SourceNotices();
    private final SourceNotices.Span dispatchSpan = this::dispatch;

    /** @param later runs a task after a delay on the hub's scheduler (the logger catalogue's refreshes) */
    Dispatcher(int ingestQueue, int history, EventEncoder encoder, Counters counters,
            Diagnostics diagnostics, String hubId, BiConsumer<Runnable, Duration> later) {
        this.ingest = new Ingest(ingestQueue, counters, sleeper::wake);
        this.history = new History(history);
        this.replay = new Replay(this.history, encoder, hubId);
        this.encoder = encoder;
        this.eventWriter = encoder.newEventWriter();
        this.counters = counters;
        this.diagnostics = diagnostics;
        this.hubId = hubId;
        this.catalogue = new LoggerCatalogue(MAX_LOGGER_NAMES, later, this::command);
    }

    /** Queues an event without blocking; false (and counted) when the queue is full. */
    boolean publish(ConsoleEvent event) {
        return ingest.publish(event);
    }

    /** Queues an event if there is room, else counts nothing; see {@link Ingest#offerIfRoom(ConsoleEvent)}. */
    boolean offerIfRoom(ConsoleEvent event) {
        return ingest.offerIfRoom(event);
    }

    /** Counts an event lost before it could be queued; see {@link Ingest#dropped()}. */
    void dropped() {
        ingest.dropped();
    }

    /** Queues an event, waiting up to {@code timeoutNanos} for room; see {@link Ingest#publish(ConsoleEvent, long)}. */
    boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        return ingest.publish(event, timeoutNanos);
    }

    /** Starts sending to a tab: hello, then the replay its subscription asks for, then live events. */
    void open(Tab tab, Subscription subscription) {
        command(() -> {
            if (tab.isClosed()) {
                return;
            }
            tabs.add(tab);
            counters.tabs(tabs.size());
            tab.offerFrame(encoder.hello(hubId, replay.firstAvailableSeq(nextSeq), nextSeq - 1));
            sourceNotices.greet(tab);
            replay.subscribe(tab, subscription, nextSeq);
        });
    }

    /** Replaces a tab's filter and replays matching history after its {@code since}. */
    void resubscribe(Tab tab, Subscription subscription) {
        command(() -> {
            if (tabs.contains(tab)) {
                tab.clearEvents();
                replay.subscribe(tab, subscription, nextSeq);
            }
        });
    }

    /** Queues a frame for every open tab, made when the command runs, after the commands queued before it. */
    void toEveryTab(Supplier<String> frame) {
        command(() -> {
            String text = frame.get();
            tabs.forEach(tab -> tab.offerFrame(text));
        });
    }

    /** Queues a frame for one tab once the commands queued before (its open, so its hello) have run. */
    void toTab(Tab tab, Supplier<String> frame) {
        command(() -> {
            if (tabs.contains(tab)) {
                tab.offerFrame(frame.get());
            }
        });
    }

    /** Sends a tab the logger catalogue now, and again when it changes, at most every few seconds. */
    void sendLoggers(Tab tab) {
        command(() -> {
            if (tabs.contains(tab)) {
                catalogue.ask(tab);
            }
        });
    }

    void close(Tab tab) {
        tab.close();
        command(() -> {
            catalogue.forget(tab);
            tabs.remove(tab);
            counters.tabs(tabs.size());
        });
    }

    /** How full the ingest queue is, in percent. */
    int ingestFillPercent() {
        return ingest.fillPercent();
    }

    int ingestCapacity() {
        return ingest.capacity();
    }

    /** Events ever accepted into the ingest queue; one accepted before this call is taken once {@link #ingestTaken()} reaches it. */
    long ingestAccepted() {
        return ingest.accepted();
    }

    long ingestTaken() {
        return ingest.taken();
    }

    /**
     * Names events a source lost before they reached the hub: they get {@code count} seq numbers,
     * and every tab that shows the source gets the gap, also later from the history.
     */
    void sourceGap(String source, long count, java.util.function.LongFunction<byte[]> gapFrom) {
        // After the source's events published before it: they are in the ingest queue, commands are not.
        long after = ingest.accepted();
        command(() -> sourceNotices.after(after, () -> {
            long from = nextSeq;
            nextSeq += count;
            lastSeq = nextSeq - 1;
            offerToAll(Outgoing.sourceGap(from, nextSeq - 1, source, gapFrom.apply(from)));
        }));
    }

    /** Sends a control frame to every tab, now and to each tab that opens later ({@code latest} is kept). */
    void broadcast(byte[] frame) {
        command(() -> sourceNotices.broadcast(frame, tabs));
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Asks the thread to end; it does once it has finished the batch in hand. */
    void stop() {
        running = false;
        sleeper.rouse();
        ingest.stop();
    }

    @Override
    public void run() {
        sleeper.attach(Thread.currentThread());
        try {
            while (running) {
                int n = ingest.drain(batch, BATCH);
                try {
                    runCommands();
                    if (n > 0) {
                        dispatch(n);
                    }
                    sourceNotices.runDue(ingest.taken());
                    reportIngestDrops();
                } catch (RuntimeException e) {
                    // A bug must not end the thread silently: say so, forget the batch, go on.
                    diagnostics.report(System.Logger.Level.ERROR, "WebConsole: dispatching a batch failed; the hub goes on", e);
                    java.util.Arrays.fill(batch, 0, n, null);
                    java.util.Arrays.fill(encoded, 0, n, null);
                }
                lastSeq = nextSeq - 1;
                if (n == 0) {
                    idle();
                }
            }
        } catch (Error e) {
            diagnostics.report(System.Logger.Level.ERROR, "WebConsole: the dispatcher stopped: " + e
                    + "; events are dropped (and counted) until the hub restarts", e);
            running = false;
            throw e;
        } finally {
            ingest.stop(); // producers waiting for room give up: nothing will take their events
            for (Tab tab : tabs) {
                tab.close();
            }
            tabs.clear();
            counters.tabs(0);
        }
    }

    /** Parks until a producer, a command or stop wakes the thread. */
    private void idle() {
        for (int i = 0; i < SPINS_BEFORE_PARK; i++) {
            if (!ingest.isEmpty() || !commands.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
        if (ingest.hasPending()) {
            Thread.yield(); // a producer has claimed a slot and is about to fill it
            return;
        }
        sleeper.sleep(() -> ingest.isEmpty() && commands.isEmpty() && running && counters.ingestDroppedTotal() == ingestDropsSeen);
        if (Thread.interrupted()) {
            running = false; // the hub's thread is only interrupted when the JVM wants it gone
            Thread.currentThread().interrupt();
        }
    }

    private void command(Runnable command) {
        commands.add(command);
        sleeper.wake();
    }

    private void runCommands() {
        for (Runnable command; (command = commands.poll()) != null; ) {
            try {
                command.run();
            } catch (RuntimeException e) {
                diagnostics.report(System.Logger.Level.ERROR, "WebConsole: a tab command failed", e);
            }
        }
    }

    /** Encodes the batch, keeps it in the history, and hands each tab its matching part in one go. */
    private void dispatch(int n) {
        sourceNotices.dispatch(ingest.taken() - n, n, dispatchSpan);
    }

    /** Encodes batch[from, to), keeps it in the history, and hands each tab its matching part in one go. */
    private void dispatch(int from, int to) {
        int n = to - from;
        for (int i = 0; i < n; i++) {
            encoded[i] = encode(batch[from + i]);
            batch[from + i] = null;
            history.add(encoded[i]);
        }
        for (int t = 0, count = tabs.size(); t < count; t++) {
            tabs.get(t).offer(encoded, n);
        }
        java.util.Arrays.fill(encoded, 0, n, null);
        catalogue.changed();
    }

    private Outgoing encode(ConsoleEvent event) {
        long seq = nextSeq++;
        catalogue.count(event.logger(), event.severity());
        return Outgoing.event(seq, event.severity(), event.logger(), event.source(), event.context(), event.marker(),
                eventWriter.writeOrExplain(event, seq));
    }

    /** Dropped events never got a seq; give them a range now and tell every tab about it. */
    private void reportIngestDrops() {
        long drops = counters.ingestDroppedTotal();
        if (drops > ingestDropsSeen) {
            long from = nextSeq;
            nextSeq += drops - ingestDropsSeen;
            ingestDropsSeen = drops;
            offerToAll(Outgoing.gap(from, nextSeq - 1, encoder.gap(from, nextSeq - 1, "ingest-overflow")));
        }
    }

    private void offerToAll(Outgoing entry) {
        history.add(entry);
        for (int i = 0, n = tabs.size(); i < n; i++) {
            Tab tab = tabs.get(i);
            if (tab.filter().matches(entry)) {
                tab.offer(entry);
            }
        }
    }
}
