package dev.webconsole.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A tab's connection in the test's hand: each send is kept, parsed, until the test completes it. */
final class RecordingTransport implements Tab.Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A send in flight: the frame, and the two ways it can end. */
    record Send(JsonNode frame, Runnable succeeded, Consumer<Throwable> failed) {}

    final BlockingQueue<Send> sends = new LinkedBlockingQueue<>();
    /** "code reason" of each close. */
    final List<String> closes = new CopyOnWriteArrayList<>();

    @Override
    public void send(ByteBuffer utf8Text, Runnable succeeded, Consumer<Throwable> failed) {
        try {
            sends.add(new Send(JSON.readTree(StandardCharsets.UTF_8.decode(utf8Text).toString()), succeeded, failed));
        } catch (IOException e) {
            throw new AssertionError("the tab sent a frame that is not JSON", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        closes.add(code + " " + reason);
    }

    /** The seqs of an events frame, in order. */
    static List<Long> seqs(JsonNode frame) {
        List<Long> seqs = new java.util.ArrayList<>();
        frame.path("events").forEach(e -> seqs.add(e.path("seq").asLong()));
        return seqs;
    }
}
