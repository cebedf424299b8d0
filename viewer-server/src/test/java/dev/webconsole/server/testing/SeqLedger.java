package dev.webconsole.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what one unfiltered tab is told: every seq from 1 on must arrive exactly once, in order,
 * either as an event or inside a {@code gap}. Anything else (a hole, a repeat, a step back, a
 * frame that is not JSON) fails at once with the frame that broke the rule.
 */
public final class SeqLedger {
    private long next = 1;
    private long events;
    private final Map<String, Long> gapFrames = new TreeMap<>();
    private final Map<String, Long> gapSeqs = new TreeMap<>();
    private String hub;

    /** Takes one frame; hello, error and unknown frame types are noted and otherwise ignored. */
    public void accept(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "hello" -> hub = frame.path("hub").asText();
            case "events" -> {
                for (JsonNode event : frame.path("events")) {
                    long seq = event.path("seq").asLong();
                    if (seq != next) {
                        throw new AssertionError("expected seq " + next + ", got " + seq
                                + (seq < next ? " (a repeat or a step back)" : " (a hole no gap reported)"));
                    }
                    next++;
                    events++;
                }
            }
            case "gap" -> {
                long from = frame.path("from").asLong();
                long to = frame.path("to").asLong();
                if (from != next || to < from) {
                    throw new AssertionError("expected a gap from " + next + ", got " + frame);
                }
                String reason = frame.path("reason").asText();
                gapFrames.merge(reason, 1L, Long::sum);
                gapSeqs.merge(reason, to - from + 1, Long::sum);
                next = to + 1;
            }
            case "unparseable" -> throw new AssertionError("the hub sent broken JSON: " + frame);
            default -> { }
        }
    }

    /** The seq this tab has not yet been told about. */
    public long next() {
        return next;
    }

    public long events() {
        return events;
    }

    /** Gap frames seen, by reason. */
    public Map<String, Long> gapFrames() {
        return Map.copyOf(gapFrames);
    }

    /** Seqs covered by gaps, by reason. */
    public Map<String, Long> gapSeqs() {
        return Map.copyOf(gapSeqs);
    }

    public long gapFrames(String reason) {
        return gapFrames.getOrDefault(reason, 0L);
    }

    /** The hub id from the last hello, or null. */
    public String hub() {
        return hub;
    }
}
