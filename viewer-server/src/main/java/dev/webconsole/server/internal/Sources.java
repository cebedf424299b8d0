package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The publishers a hub has heard of, connected or gone, by source name. A source keeps its last
 * sequence number while the hub runs, so that a publisher that reconnects is not counted twice
 * for what it sends again. At most {@link #MAX_SOURCES}; the longest gone are forgotten first.
 * Every change is sent to the tabs as a {@code sources} frame.
 */
final class Sources {
    static final int MAX_SOURCES = 1000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Source> byName = new LinkedHashMap<>();
    private final Consumer<byte[]> broadcast;

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

        Source(String name) {
            this.name = name;
        }
    }

    Sources(Consumer<byte[]> broadcast) {
        this.broadcast = broadcast;
    }

    /**
     * Marks the source connected by {@code owner}. The same application instance (host, pid, start
     * time) may take its source over from a connection the hub has not yet seen die.
     *
     * @throws ClientMessages.BadMessageException if another application holds the name
     */
    Source attach(PublisherMessages.Hello hello, Object owner) throws ClientMessages.BadMessageException {
        byte[] frame;
        Source source;
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
            }
            source.hello = hello;
            source.owner = owner;
            source.connected = true;
            frame = frame();
        }
        broadcast.accept(frame);
        return source;
    }

    /** Marks the source gone, unless another connection has taken it over meanwhile. */
    void detach(Source source, Object owner) {
        byte[] frame;
        synchronized (this) {
            if (source.owner != owner) {
                return;
            }
            source.owner = null;
            source.connected = false;
            frame = frame();
        }
        broadcast.accept(frame);
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
