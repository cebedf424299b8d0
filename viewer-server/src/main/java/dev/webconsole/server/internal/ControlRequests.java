package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Takes the control messages a tab may send ({@code set-level}, {@code revert-level},
 * {@code thread-dump}), checked field by field ({@link ControlAsk}), limits how often a tab may send
 * them, and hands them to the {@link BoostBook} or takes a thread dump; one that names a
 * {@code source} goes to that publishing application over its {@code /publish} connection. A
 * refused message gets an {@code error} frame that names the field and changes nothing.
 */
final class ControlRequests {
    static final Set<String> TYPES = ControlAsk.TYPES;
    /** Control messages one tab may send per minute (refused ones count). */
    static final int MAX_PER_MINUTE = 15;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ObjectMapper mapper = new ObjectMapper();
    private final BoostBook book;
    private final Sources sources;
    private final Dispatcher dispatcher;
    private final ThreadDumps dumps = new ThreadDumps();
    private final Consumer<dev.webconsole.server.ConsoleEvent> publish;
    private final EventEncoder encoder;
    private final Counters counters;
    private final Map<Tab, long[]> windows = new ConcurrentHashMap<>();

    ControlRequests(BoostBook book, Sources sources, Dispatcher dispatcher,
            Consumer<dev.webconsole.server.ConsoleEvent> publish, EventEncoder encoder, Counters counters) {
        this.book = book;
        this.sources = sources;
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
            ControlAsk ask = ControlAsk.read(root);
            String by = address(remote);
            if (ask.source() != null) {
                forward(ask, by, tab);
                return true;
            }
            switch (type) {
                case "set-level" -> setLevel(ask, by);
                case "revert-level" -> book.revert(ask.logger(), by);
                default -> publish.accept(dumps.take(by));
            }
        } catch (ClientMessages.BadMessageException e) {
            counters.rejectedMessage();
            tab.offerFrame(encoder.error(e.getMessage()));
        }
        return true;
    }

    /** Sends the request to the publisher of its source; its answer (an error, if any) comes back to the tab. */
    private void forward(ControlAsk ask, String by, Tab tab) throws ClientMessages.BadMessageException {
        PublisherEndpoint publisher = sources.connected(ask.source());
        if (publisher == null) {
            List<String> connected = sources.connectedNames();
            throw new ClientMessages.BadMessageException(ask.type() + " refused: \"source\" " + ControlAsk.clip(ask.source())
                    + " is not connected to this hub; " + (connected.isEmpty() ? "no application publishes to it now"
                            : "connected: " + String.join(", ", connected)));
        }
        publisher.forward(ask, by, tab);
    }

    private void setLevel(ControlAsk ask, String by) throws ClientMessages.BadMessageException {
        if (!book.hasLevelControl() && !sources.connectedNames().isEmpty()) {
            throw new ClientMessages.BadMessageException("set-level refused: this hub has no level control of its own;"
                    + " add \"source\" naming one of the publishing applications: "
                    + String.join(", ", sources.connectedNames()));
        }
        book.start(ask.logger(), ask.level(), ask.key(), ask.value(), ask.minutes(), by);
    }

    /** Sends a tab that has just opened the boosts active now, after its hello. */
    void opened(Tab tab) {
        if (!book.isEmpty() || sources.hasBoosts()) {
            dispatcher.toTab(tab, book::levelsFrame);
        }
    }

    /** Forgets a closed tab's rate window. */
    void closed(Tab tab) {
        windows.remove(tab);
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
}
