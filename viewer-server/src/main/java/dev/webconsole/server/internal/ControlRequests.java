package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads the control messages a tab may send ({@code set-level}, {@code revert-level},
 * {@code thread-dump}), checks every field, limits how often a tab may send them, and hands them to
 * the {@link BoostBook} or takes a thread dump. A refused message gets an {@code error} frame that
 * names the field and changes nothing.
 */
final class ControlRequests {
    static final Set<String> TYPES = Set.of("set-level", "revert-level", "thread-dump");
    /** Control messages one tab may send per minute (refused ones count). */
    static final int MAX_PER_MINUTE = 15;
    static final int MIN_MINUTES = 1;
    static final int MAX_MINUTES = 60;
    static final int DEFAULT_MINUTES = 5;
    static final int MAX_NAME_CHARS = 512;
    private static final List<String> OWN_LOGGERS = dev.webconsole.server.LevelControl.OWN_LOGGERS;
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ObjectMapper mapper = new ObjectMapper();
    private final BoostBook book;
    private final Dispatcher dispatcher;
    private final ThreadDumps dumps = new ThreadDumps();
    private final Consumer<dev.webconsole.server.ConsoleEvent> publish;
    private final EventEncoder encoder;
    private final Counters counters;
    private final Map<Tab, long[]> windows = new ConcurrentHashMap<>();

    ControlRequests(BoostBook book, Dispatcher dispatcher, Consumer<dev.webconsole.server.ConsoleEvent> publish,
            EventEncoder encoder, Counters counters) {
        this.book = book;
        this.dispatcher = dispatcher;
        this.publish = publish;
        this.encoder = encoder;
        this.counters = counters;
    }

    /**
     * Acts on a control message.
     *
     * @return false if the text is not a control message (it is then read as a subscribe)
     */
    boolean handle(String text, Tab tab, SocketAddress remote) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (root == null || !root.isObject() || !TYPES.contains(root.path("type").asText())) {
            return false;
        }
        String type = root.path("type").asText();
        try {
            if (!book.isEnabled()) {
                throw new ClientMessages.BadMessageException(type + " refused: control is off on this hub"
                        + " (control=\"false\", or a hub bound beyond loopback without control=\"true\")");
            }
            if (!allowed(tab)) {
                throw new ClientMessages.BadMessageException(type + " refused: too many control messages; at most "
                        + MAX_PER_MINUTE + " a minute per tab");
            }
            String by = address(remote);
            switch (type) {
                case "set-level" -> setLevel(root, by);
                case "revert-level" -> book.revert(logger(root, type), by);
                default -> publish.accept(dumps.take(by));
            }
        } catch (ClientMessages.BadMessageException e) {
            counters.rejectedMessage();
            tab.offerFrame(encoder.error(e.getMessage()));
        }
        return true;
    }

    /** Sends a tab that has just opened the boosts active now, after its hello. */
    void opened(Tab tab) {
        if (!book.isEmpty()) {
            dispatcher.toTab(tab, book::levelsFrame);
        }
    }

    /** Forgets a closed tab's rate window. */
    void closed(Tab tab) {
        windows.remove(tab);
    }

    private void setLevel(JsonNode root, String by) throws ClientMessages.BadMessageException {
        String logger = logger(root, "set-level");
        JsonNode levelNode = root.get("level");
        String level = levelNode != null && levelNode.isTextual() ? levelNode.asText().strip().toUpperCase(Locale.ROOT) : "";
        if (!LEVELS.contains(level)) {
            throw new ClientMessages.BadMessageException("set-level refused: \"level\" "
                    + (levelNode == null ? "is missing" : "is " + clip(String.valueOf(levelNode))) + "; use one of "
                    + String.join(", ", LEVELS));
        }
        int minutes = DEFAULT_MINUTES;
        JsonNode minutesNode = root.get("minutes");
        if (minutesNode != null && !minutesNode.isNull()) {
            if (!minutesNode.canConvertToExactIntegral() || minutesNode.asLong() < MIN_MINUTES
                    || minutesNode.asLong() > MAX_MINUTES) {
                throw new ClientMessages.BadMessageException("set-level refused: \"minutes\" is " + clip(String.valueOf(minutesNode))
                        + "; use a whole number from " + MIN_MINUTES + " to " + MAX_MINUTES);
            }
            minutes = minutesNode.asInt();
        }
        String key = null;
        String value = null;
        JsonNode context = root.get("context");
        if (context != null && !context.isNull() && !(context.isObject() && context.isEmpty())) {
            if (!context.isObject() || context.size() != 1) {
                throw new ClientMessages.BadMessageException("set-level refused: \"context\" must hold one key and its value,"
                        + " such as {\"user\":\"42\"}");
            }
            Iterator<Map.Entry<String, JsonNode>> entry = context.fields();
            Map.Entry<String, JsonNode> only = entry.next();
            key = only.getKey().strip();
            if (key.isEmpty() || key.length() > MAX_NAME_CHARS) {
                throw new ClientMessages.BadMessageException("set-level refused: \"context\" has an empty key; name the context"
                        + " (MDC) key, such as {\"user\":\"42\"}");
            }
            if (!only.getValue().isTextual() || only.getValue().asText().length() > MAX_NAME_CHARS) {
                throw new ClientMessages.BadMessageException("set-level refused: \"context\" value of \"" + clip(key)
                        + "\" must be a string of at most " + MAX_NAME_CHARS + " characters");
            }
            value = only.getValue().asText();
        }
        book.start(logger, level, key, value, minutes, by);
    }

    private static String logger(JsonNode root, String type) throws ClientMessages.BadMessageException {
        JsonNode node = root.get("logger");
        String logger = node != null && node.isTextual() ? node.asText().strip() : "";
        if (logger.isEmpty()) {
            throw new ClientMessages.BadMessageException(type + " refused: \"logger\" is empty; name a logger prefix,"
                    + " such as com.acme.db (the root logger cannot be boosted)");
        }
        if (logger.length() > MAX_NAME_CHARS || logger.chars().anyMatch(Character::isWhitespace)) {
            throw new ClientMessages.BadMessageException(type + " refused: \"logger\" must be a logger name of at most "
                    + MAX_NAME_CHARS + " characters without spaces");
        }
        for (String own : OWN_LOGGERS) {
            if (logger.equals(own) || logger.startsWith(own + ".")) {
                throw new ClientMessages.BadMessageException(type + " refused: \"logger\" " + clip(logger)
                        + " is one of the hub's own loggers (" + String.join(", ", OWN_LOGGERS)
                        + "), which never reach the console; name one of the application's loggers");
            }
        }
        return logger;
    }

    private boolean allowed(Tab tab) {
        long now = System.nanoTime();
        long[] window = windows.computeIfAbsent(tab, t -> new long[] {now, 0});
        synchronized (window) {
            if (now - window[0] >= MINUTE_NANOS) {
                window[0] = now;
                window[1] = 0;
            }
            return ++window[1] <= MAX_PER_MINUTE;
        }
    }

    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
