package dev.webconsole.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.LevelBoost;
import dev.webconsole.server.LevelControl;
import dev.webconsole.server.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The active level boosts of one hub. Each boost is applied through the {@link LevelControl}, ends
 * by itself on the hub's scheduler, and every start and end is told three ways: an event from
 * logger {@code webconsole.control} in every tab's stream, an audit line in the application's own
 * logs, and a {@code levels} frame to every tab. Methods are synchronized: the control is never
 * called concurrently, and a boost that ends races with nothing.
 */
final class BoostBook {
    /** The logger of the start and end events in the stream. */
    static final String LOGGER = LevelControl.EVENTS_LOGGER;

    /** Runs a task once after a delay; the returned action cancels it. */
    interface Timer {
        Runnable schedule(Runnable task, Duration delay);
    }

    private record Active(LevelBoost boost, Runnable cancel) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final LevelControl control;
    private final boolean enabled;
    private final int maxBoosts;
    private final Duration minute;
    private final Timer timer;
    private final Consumer<ConsoleEvent> publish;
    private final Runnable broadcast;
    /** The name of the publishing application these boosts act in, or null in a hub's own. */
    private final String source;
    /** Adds other boosts to the list tabs see: those of the hub's publishers. */
    private final Consumer<ArrayNode> others;
    private final Map<String, Active> active = new LinkedHashMap<>();
    private boolean stopped;

    /**
     * @param control applies and reverts, or {@code null} when the hub has none (boosts are then refused)
     * @param minute how long one minute of a request lasts (shorter only in tests)
     * @param publish puts an event into the hub's stream
     * @param broadcast sends {@link #levelsFrame()} to every tab, read when it goes out
     * @param source the publishing application's source name, in its events' context; null in a hub
     * @param others adds the boosts of the hub's publishers to the {@code levels} frame
     */
    BoostBook(LevelControl control, boolean enabled, int maxBoosts, Duration minute, Timer timer,
            Consumer<ConsoleEvent> publish, Runnable broadcast, String source, Consumer<ArrayNode> others) {
        this.control = control;
        this.enabled = enabled;
        this.maxBoosts = maxBoosts;
        this.minute = minute;
        this.timer = timer;
        this.publish = publish;
        this.broadcast = broadcast;
        this.source = source;
        this.others = others;
    }

    boolean isEnabled() {
        return enabled;
    }

    /** Whether boosts can act here: false in a hub that runs without an application around it. */
    boolean hasLevelControl() {
        return control != null;
    }

    /** Starts a boost, or replaces the one its logger has; the message of the exception goes to the tab. */
    synchronized void start(String logger, String level, String key, String value, int minutes, String by)
            throws ClientMessages.BadMessageException {
        if (stopped) {
            throw new ClientMessages.BadMessageException("set-level refused: the hub is stopping");
        }
        if (control == null) {
            throw new ClientMessages.BadMessageException(
                    "set-level refused: this hub has no level control; level boosts come with the <WebConsole> Log4j appender");
        }
        Active previous = active.get(logger);
        if (previous == null && active.size() >= maxBoosts) {
            throw new ClientMessages.BadMessageException("set-level refused: " + maxBoosts
                    + " boosts are active, the most maxBoosts allows; revert one first");
        }
        Instant until = Instant.ofEpochMilli(System.currentTimeMillis() + minute.multipliedBy(minutes).toMillis());
        LevelBoost boost = new LevelBoost(logger, level, key, value, minutes, until, by);
        try {
            control.apply(boost, publish);
        } catch (IllegalArgumentException e) {
            throw new ClientMessages.BadMessageException("set-level refused: " + e.getMessage());
        }
        if (previous != null) {
            previous.cancel().run();
        }
        Runnable cancel = timer.schedule(() -> expire(boost), minute.multipliedBy(minutes));
        active.put(logger, new Active(boost, cancel));
        String verb = previous == null ? "started" : "changed";
        tell(boost, verb, by + " boosted " + boost.describe() + " (" + minutes + " minute" + (minutes == 1 ? "" : "s") + ")");
    }

    /** Ends a boost a tab asks to end. */
    synchronized void revert(String logger, String by) throws ClientMessages.BadMessageException {
        Active boost = active.get(logger);
        if (boost == null) {
            throw new ClientMessages.BadMessageException("revert-level refused: \"logger\" " + logger
                    + " has no active boost" + (active.isEmpty() ? "" : "; active: " + String.join(", ", active.keySet())));
        }
        end(boost, "reverted by " + by);
    }

    private synchronized void expire(LevelBoost boost) {
        Active current = active.get(boost.logger());
        if (current != null && current.boost() == boost) {
            end(current, "expired");
        }
    }

    /** Ends every boost: the hub is stopping, and a boost never outlives it. */
    synchronized void stop() {
        stop("ended because the hub stopped");
    }

    /** Ends every boost, saying why ({@code ended because ...}), and refuses new ones. */
    synchronized void stop(String why) {
        stopped = true;
        for (Active boost : List.copyOf(active.values())) {
            end(boost, why);
        }
    }

    private void end(Active boost, String why) {
        active.remove(boost.boost().logger());
        boost.cancel().run();
        control.revert(boost.boost());
        tell(boost.boost(), "ended", "the boost of " + boost.boost().logger() + " at " + boost.boost().level()
                + (boost.boost().isScoped() ? " for " + boost.boost().contextKey() + "=" + boost.boost().contextValue() : "")
                + " " + why);
    }

    private void tell(LevelBoost boost, String action, String text) {
        control.audit("WebConsole: " + text);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("action", action);
        context.put("logger", boost.logger());
        context.put("level", boost.level());
        if (boost.isScoped()) {
            context.put("scope", boost.contextKey() + "=" + boost.contextValue());
        }
        context.put("until", boost.until().toString());
        context.put("by", boost.by());
        if (source != null) {
            context.put("source", source);
        }
        publish.accept(new ConsoleEvent(System.currentTimeMillis(), "INFO", Severity.INFO, LOGGER,
                Thread.currentThread().getName(), text, null, context, null, null));
        broadcast.run();
    }

    synchronized List<LevelBoost> boosts() {
        List<LevelBoost> out = new ArrayList<>();
        for (Active a : active.values()) {
            out.add(a.boost());
        }
        return out;
    }

    synchronized boolean isEmpty() {
        return active.isEmpty();
    }

    /** The {@code levels} frame: whether control is on, the server's clock, and the active boosts. */
    String levelsFrame() {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "levels");
        frame.put("control", enabled);
        frame.put("now", System.currentTimeMillis());
        frame.set("boosts", boostsJson());
        return write(frame);
    }

    /** {@code /stats} with the active boosts added as {@code "boosts"}. */
    String withBoosts(String statsJson) {
        try {
            ObjectNode stats = (ObjectNode) mapper.readTree(statsJson);
            stats.set("boosts", boostsJson());
            return write(stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the hub wrote that JSON itself
        }
    }

    private ArrayNode boostsJson() {
        ArrayNode list = mapper.createArrayNode();
        for (LevelBoost b : boosts()) {
            ObjectNode o = list.addObject();
            o.put("logger", b.logger());
            o.put("level", b.level());
            if (b.isScoped()) {
                o.putObject("context").put(b.contextKey(), b.contextValue());
            }
            o.put("minutes", b.minutes());
            o.put("until", b.until().toEpochMilli());
            o.put("by", b.by());
        }
        others.accept(list);
        return list;
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
