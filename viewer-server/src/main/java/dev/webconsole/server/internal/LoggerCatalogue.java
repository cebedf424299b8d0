package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.webconsole.server.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every logger name the hub has seen, with its events counted per standard level, except the
 * loggers of the hub's own events ({@code webconsole} and below: boosts, thread dumps), which are
 * not the application's: a tab that asks
 * (a {@code loggers} message) learns the loggers its filter hides. Bounded: past {@code maxNames}
 * names, events of new loggers are only counted in {@code unlisted}. The tabs that asked get the
 * catalogue again at most once per {@link #REFRESH}, and only when it changed; it goes to them as
 * a reply frame beside their events, never in place of one.
 *
 * <p>Owned by the dispatcher thread: every method runs there.
 */
final class LoggerCatalogue {
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** The level columns, most severe first, with the highest weight each covers. */
    private static final String[] LEVELS = {"FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"};
    /** The logger of the hub's own events and the loggers below it ({@code webconsole.control}, {@code webconsole.threads}). */
    private static final String HUB_EVENTS = "webconsole";
    private static final int[] UP_TO = {Severity.FATAL, Severity.ERROR, Severity.WARN, Severity.INFO, Severity.DEBUG};

    private final JsonFactory json = new JsonFactory();
    private final int maxNames;
    private final Map<String, long[]> counts = new HashMap<>();
    private final List<Tab> readers = new ArrayList<>();
    /** Runs a task after a delay (the hub's scheduler). */
    private final BiConsumer<Runnable, Duration> later;
    /** Runs a task on the dispatcher thread. */
    private final Consumer<Runnable> onDispatcher;
    /** Events whose logger was not kept because the catalogue was full. */
    private long unlisted;
    private long version;
    private long sentVersion;
    private boolean refreshPending;

    LoggerCatalogue(int maxNames, BiConsumer<Runnable, Duration> later, Consumer<Runnable> onDispatcher) {
        this.maxNames = maxNames;
        this.later = later;
        this.onDispatcher = onDispatcher;
    }

    /** Counts one event of a logger at a level weight; the hub's own events are not counted. */
    void count(String name, int severity) {
        String logger = name == null ? "" : name;
        if (isHubEvent(logger)) {
            return;
        }
        version++;
        long[] row = counts.get(logger);
        if (row == null) {
            if (counts.size() >= maxNames) {
                unlisted++;
                return;
            }
            row = new long[LEVELS.length];
            counts.put(logger, row);
        }
        row[column(severity)]++;
    }

    /** A tab asked: it gets the catalogue now, and its changes from now on. */
    void ask(Tab tab) {
        if (!readers.contains(tab)) {
            readers.add(tab);
        }
        tab.offerReply(frame());
    }

    void forget(Tab tab) {
        readers.remove(tab);
    }

    /** After a batch: when the catalogue changed and someone reads it, one refresh is due in {@link #REFRESH}. */
    void changed() {
        if (refreshPending || readers.isEmpty() || version == sentVersion) {
            return;
        }
        refreshPending = true;
        try {
            later.accept(() -> onDispatcher.accept(this::refresh), REFRESH);
        } catch (RejectedExecutionException stopping) {
            refreshPending = false; // the hub is stopping: its tabs are being closed
        }
    }

    private void refresh() {
        refreshPending = false;
        readers.removeIf(Tab::isClosed);
        if (readers.isEmpty() || version == sentVersion) {
            return;
        }
        byte[] frame = frame();
        readers.forEach(tab -> tab.offerReply(frame));
    }

    /** {"type":"loggers","loggers":{"com.acme.db":{"INFO":3,"WARN":1}},"unlisted":0}; zero counts are left out. */
    byte[] frame() {
        sentVersion = version;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + counts.size() * 48);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "loggers");
            g.writeObjectFieldStart("loggers");
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                long[] row = e.getValue();
                for (int i = 0; i < row.length; i++) {
                    if (row[i] > 0) {
                        g.writeNumberField(LEVELS[i], row[i]);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("unlisted", unlisted);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Whether a logger is that of the hub's own events: {@code webconsole} or below it. */
    static boolean isHubEvent(String logger) {
        return logger.startsWith(HUB_EVENTS) && (logger.length() == HUB_EVENTS.length() || logger.charAt(HUB_EVENTS.length()) == '.');
    }

    /** The standard level an event of this weight counts under: the nearest at or below its severity. */
    private static int column(int severity) {
        for (int i = 0; i < UP_TO.length; i++) {
            if (severity <= UP_TO[i]) {
                return i;
            }
        }
        return LEVELS.length - 1;
    }
}
