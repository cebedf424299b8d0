package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hub's one dispatcher thread. It takes events from the bounded ingest queue, assigns each its
 * seq, encodes it once, keeps it in the history, and offers it to every tab whose filter matches.
 * Subscribes and closes from tabs run here too, as commands, so a replay and the live stream that
 * follows it never overlap or leave a hole.
 */
public final class Dispatcher implements Runnable {
    private static final int BATCH = 1024;
    /** Wakes the thread for commands or stop; never dispatched. */
    private static final Object WAKE = new Object();

    private final BlockingQueue<Object> ingest;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final History history;
    private final EventEncoder encoder;
    private final Counters counters;
    private final Diagnostics diagnostics;
    private final String hubId;
    private final List<TabSession> tabs = new ArrayList<>();
    private final List<Object> batch = new ArrayList<>(BATCH);
    private volatile boolean running = true;
    private volatile long lastSeq;

    // Dispatcher thread only.
    private long nextSeq = 1;
    private long ingestDropsSeen;

    public Dispatcher(int ingestQueue, int history, EventEncoder encoder, Counters counters,
            Diagnostics diagnostics, String hubId) {
        this.ingest = new ArrayBlockingQueue<>(ingestQueue);
        this.history = new History(history);
        this.encoder = encoder;
        this.counters = counters;
        this.diagnostics = diagnostics;
        this.hubId = hubId;
    }

    /** Queues an event without blocking; false (and counted) when the queue is full. */
    public boolean publish(ConsoleEvent event) {
        if (ingest.offer(event)) {
            counters.published.increment();
            return true;
        }
        counters.ingestDropped.increment();
        return false;
    }

    /** Queues an event, waiting up to {@code timeoutNanos} for room; false (and counted) if none came. */
    public boolean publish(ConsoleEvent event, long timeoutNanos) throws InterruptedException {
        if (ingest.offer(event, timeoutNanos, TimeUnit.NANOSECONDS)) {
            counters.published.increment();
            return true;
        }
        counters.ingestDropped.increment();
        return false;
    }

    /** Starts sending to a tab: hello, then the replay its subscription asks for, then live events. */
    public void open(TabSession tab, Subscription subscription) {
        command(() -> {
            if (tab.isClosed()) {
                return;
            }
            tabs.add(tab);
            counters.sessions.set(tabs.size());
            tab.offerFrame(encoder.hello(hubId, firstAvailableSeq(), nextSeq - 1));
            subscribe(tab, subscription);
        });
    }

    /** Replaces a tab's filter and replays matching history after its {@code since}. */
    public void resubscribe(TabSession tab, Subscription subscription) {
        command(() -> {
            if (tabs.contains(tab)) {
                tab.clearEvents();
                subscribe(tab, subscription);
            }
        });
    }

    public void close(TabSession tab) {
        tab.close();
        command(() -> {
            tabs.remove(tab);
            counters.sessions.set(tabs.size());
        });
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** Asks the thread to end; it does once it has finished the batch in hand. */
    public void stop() {
        running = false;
        ingest.offer(WAKE); // a full queue wakes the thread anyway
    }

    @Override
    public void run() {
        try {
            while (running) {
                batch.add(ingest.take());
                ingest.drainTo(batch, BATCH - 1);
                runCommands();
                for (Object item : batch) {
                    if (item != WAKE) {
                        dispatch((ConsoleEvent) item);
                    }
                }
                batch.clear();
                reportIngestDrops();
                lastSeq = nextSeq - 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (TabSession tab : tabs) {
                tab.close();
            }
            tabs.clear();
            counters.sessions.set(0);
        }
    }

    private void command(Runnable command) {
        commands.add(command);
        ingest.offer(WAKE); // when full, the thread is awake and runs commands after this batch
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

    private void dispatch(ConsoleEvent event) {
        long seq = nextSeq++;
        String json;
        try {
            json = encoder.event(event, seq);
        } catch (RuntimeException e) {
            json = encoder.event(new ConsoleEvent(event.time(), event.level(), event.severity(), event.logger(),
                    event.thread(), "[WebConsole could not encode this event: " + e + "]", null, null, null,
                    event.source()), seq);
        }
        offerToAll(Entry.event(seq, event.severity(), event.logger(), json));
    }

    /** Dropped events never got a seq; give them a range now and tell every tab about it. */
    private void reportIngestDrops() {
        long drops = counters.ingestDropped.sum();
        if (drops > ingestDropsSeen) {
            long from = nextSeq;
            nextSeq += drops - ingestDropsSeen;
            ingestDropsSeen = drops;
            offerToAll(Entry.gap(from, nextSeq - 1, encoder.gap(from, nextSeq - 1, "ingest-overflow")));
        }
    }

    private void offerToAll(Entry entry) {
        history.add(entry);
        for (int i = 0, n = tabs.size(); i < n; i++) {
            TabSession tab = tabs.get(i);
            if (tab.filter.matches(entry)) {
                tab.offer(entry);
            }
        }
    }

    private void subscribe(TabSession tab, Subscription subscription) {
        tab.filter = subscription.filter();
        Long since = subscription.since();
        if (since != null && subscription.hub() != null && !subscription.hub().equals(hubId)) {
            since = null; // another hub's seq numbers: this one started afresh
        }
        long newest = nextSeq - 1;
        if (since != null && since > newest) {
            tab.offerFrame(encoder.error("since=" + since + " is newer than the newest event (" + newest
                    + "); replaying the whole history"));
            since = null;
        }
        if (since != null && since + 1 < firstAvailableSeq()) {
            tab.offer(Entry.frame(encoder.gap(since + 1, firstAvailableSeq() - 1, "history-overflow")));
        }
        history.replay(since == null ? 0 : since, tab.filter, tab::offer);
    }

    private long firstAvailableSeq() {
        return history.isEmpty() ? nextSeq : history.firstSeq();
    }
}
