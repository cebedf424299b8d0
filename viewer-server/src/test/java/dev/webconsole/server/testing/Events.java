package dev.webconsole.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Severity;
import java.util.ArrayList;
import java.util.List;

/** Builds events for tests and reads seq numbers back. */
public final class Events {
    private Events() {}

    public static ConsoleEvent info(String logger, String message) {
        return of("INFO", Severity.INFO, logger, message);
    }

    public static ConsoleEvent of(String level, int severity, String logger, String message) {
        return new ConsoleEvent(1_763_712_000_123L, level, severity, logger, "main", message, null, null, null, null);
    }

    public static List<Long> seqs(List<JsonNode> events) {
        List<Long> seqs = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            seqs.add(event.path("seq").asLong());
        }
        return seqs;
    }

    /** The given seqs as a list, to compare with what a tab or page shows. */
    public static List<Long> seqs(long... values) {
        List<Long> seqs = new ArrayList<>(values.length);
        for (long v : values) {
            seqs.add(v);
        }
        return seqs;
    }

    public static List<Long> range(long first, long last) {
        List<Long> seqs = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            seqs.add(s);
        }
        return seqs;
    }
}
