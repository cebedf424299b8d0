package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The publishers a hub has heard of, connected or gone, by source name. A source keeps its last
 * sequence number while the hub runs, so that a publisher that reconnects is not counted twice
 * for what it sends again. At most {@link #MAX_SOURCES}; the longest gone are forgotten first.
 * Every change is sent to the tabs as a {@code sources} frame. Each source also keeps the level
 * boosts its application last reported; they are listed in the hub's {@code levels} frame, marked
 * gone while the source is, until they expire.
 */
final class Sources {
    static final int MAX_SOURCES = 1000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Source> byName = new LinkedHashMap<>();
    private final Consumer<byte[]> broadcast;
    private final Runnable levelsChanged;

    /** One source. Its seq is touched only by the connection that holds it. */
    static final class Source {
        final String name;
        volatile PublisherMessages.Hello hello;
        volatile boolean connected;
        volatile long lastSourceSeq;
        final AtomicLong received = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        private Object owner;
        /** The boosts active in the application, as it last reported them; each has {@code until}. */
        private List<ObjectNode> boosts = List.of();

        Source(String name) {
            this.name = name;
        }
    }

    /**
     * @param broadcast sends a {@code sources} frame to every tab
     * @param levelsChanged sends the hub's {@code levels} frame to every tab again
     */
    Sources(Consumer<byte[]> broadcast, Runnable levelsChanged) {
        this.broadcast = broadcast;
        this.levelsChanged = levelsChanged;
    }

    /**
     * Marks the source connected by {@code owner}. The same application instance (host, pid, start
     * time) may take its source over from a connection the hub has not yet seen die.
     *
     * @throws ClientMessages.BadMessageException if another application holds the name
     */
    Source attach(PublisherMessages.Hello hello, Object owner) throws ClientMessages.BadMessageException {
        Source source;
        // Frames are queued under the lock, so tabs get them in the order they were made: the last is the whole list.
        synchronized (this) {
            source = byName.get(hello.source());
            if (source != null && source.connected && !sameInstance(source.hello, hello)) {
                throw new ClientMessages.BadMessageException("source \"" + hello.source() + "\" is already connected from "
                        + source.hello.host() + " (pid " + source.hello.pid() + "); give each application its own source");
            }
            if (source == null) {
                makeRoom();
                source = new Source(hello.source());
                byName.put(hello.source(), source);
            }
            if (source.hello != null && !sameInstance(source.hello, hello)) {
                source.lastSourceSeq = 0; // another run of the application: it numbers its events from 1 again
                source.boosts = List.of(); // and its boosts ended with the run before
            }
            source.hello = hello;
            source.owner = owner;
            source.connected = true;
            broadcast.accept(frame());
        }
        return source;
    }

    /** Marks the source gone, unless another connection has taken it over meanwhile. */
    void detach(Source source, Object owner) {
        boolean boosted;
        synchronized (this) {
            if (source.owner != owner) {
                return;
            }
            source.owner = null;
            source.connected = false;
            broadcast.accept(frame());
            boosted = !source.boosts.isEmpty();
        }
        if (boosted) {
            levelsChanged.run(); // its boosts are now shown as gone
        }
    }

    /** The application's boosts, as its {@code levels} message lists them; tabs are told if anything is or was boosted. */
    void boosts(Source source, List<ObjectNode> boosts) {
        boolean changed;
        synchronized (this) {
            changed = !source.boosts.isEmpty() || !boosts.isEmpty();
            source.boosts = List.copyOf(boosts);
        }
        if (changed) {
            levelsChanged.run();
        }
    }

    /** The connection of a connected source, or null. */
    synchronized PublisherEndpoint connected(String name) {
        Source s = byName.get(name);
        return s != null && s.connected && s.owner instanceof PublisherEndpoint p ? p : null;
    }

    /** The names of the connected sources, in the order they first came. */
    synchronized List<String> connectedNames() {
        List<String> names = new ArrayList<>();
        for (Source s : byName.values()) {
            if (s.connected) {
                names.add(s.name);
            }
        }
        return names;
    }

    /** Whether a source has a boost that has not expired. */
    synchronized boolean hasBoosts() {
        long now = System.currentTimeMillis();
        return byName.values().stream().flatMap(s -> s.boosts.stream()).anyMatch(b -> b.path("until").asLong() > now);
    }

    /** Adds every source's boosts that have not expired to {@code list}, each with its source and whether it is connected. */
    synchronized void addBoostsTo(ArrayNode list) {
        long now = System.currentTimeMillis();
        for (Source s : byName.values()) {
            for (ObjectNode b : s.boosts) {
                if (b.path("until").asLong() > now) {
                    list.add(b.deepCopy().put("source", s.name).put("connected", s.connected));
                }
            }
        }
    }

    private static boolean sameInstance(PublisherMessages.Hello a, PublisherMessages.Hello b) {
        return a.host().equals(b.host()) && a.pid() == b.pid() && a.startTime() == b.startTime();
    }

    private void makeRoom() throws ClientMessages.BadMessageException {
        if (byName.size() < MAX_SOURCES) {
            return;
        }
        for (Iterator<Source> it = byName.values().iterator(); it.hasNext(); ) {
            if (!it.next().connected) {
                it.remove();
                return;
            }
        }
        throw new ClientMessages.BadMessageException("too many sources connected (" + MAX_SOURCES + ")");
    }

    /** The {@code sources} frame: every known source, connected or gone. */
    synchronized byte[] frame() {
        ObjectNode root = mapper.createObjectNode().put("type", "sources");
        ArrayNode list = root.putArray("sources");
        for (Source s : byName.values()) {
            PublisherMessages.Hello h = s.hello;
            list.addObject().put("source", s.name).put("connected", s.connected).put("host", h.host())
                    .put("pid", h.pid()).put("jvm", h.jvm()).put("startTime", h.startTime())
                    .put("lastSourceSeq", s.lastSourceSeq).put("lost", s.lost.get());
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sources frame could not be written", e);
        }
    }
}
