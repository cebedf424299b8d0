package dev.webconsole.appender.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.HubStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A boost-only event whose copy fails in the boost filter, through a real logger context, its hub
 * and a real tab: it is counted as dropped and the tab gets an {@code ingest-overflow} gap for it,
 * as for an event the appender itself cannot copy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoostCopyFailureTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    /** An exception whose message cannot be had: what an OutOfMemoryError while copying looks like. */
    static final class OutOfMemoryWhileCopied extends RuntimeException {
        @Override
        public String getMessage() {
            throw new OutOfMemoryError("Java heap space (simulated while copying the event)");
        }
    }

    @Test
    void aBoostedEventWhoseCopyFailsIsCountedAndShownAsAGap() throws Exception {
        LoggerContext context = log4j.start(Log4jFixture.config("port=\"0\"", "info"));
        ControlTab tab = new ControlTab(log4j.connect(context, ""));
        tab.boost("com.acme", "DEBUG", 5);
        tab.event(e -> e.path("logger").asText().equals("webconsole.control"));
        Logger db = context.getLogger("com.acme.db.Pool");
        HubStats before = Log4jFixture.hub(context).stats();

        db.debug("boosted before");
        assertDoesNotThrow(() -> db.debug("cannot be copied", new OutOfMemoryWhileCopied()),
                "the boost filter never throws into the application");
        db.debug("boosted after");

        List<JsonNode> events = new ArrayList<>(tab.received());
        List<JsonNode> gaps = new ArrayList<>();
        // The gap and the later event may come in either order: read until both are here.
        while (gaps.isEmpty() || events.stream().noneMatch(e -> e.path("message").asText().equals("boosted after"))) {
            JsonNode frame = tab.ws.next();
            frame.path("events").forEach(events::add);
            if (frame.path("type").asText().equals("gap")) {
                gaps.add(frame);
            }
        }
        List<String> messages = events.stream().map(e -> e.path("message").asText()).toList();
        assertEquals(List.of("boosted before", "boosted after"), messages);
        assertEquals(1, gaps.size(), gaps.toString());
        assertEquals("ingest-overflow", gaps.get(0).path("reason").asText(), gaps.toString());
        // The dispatcher numbers a counted loss when it next runs, so its number need not lie between the two.
        long lostSeq = gaps.get(0).path("from").asLong();
        assertEquals(lostSeq, gaps.get(0).path("to").asLong(), "one event lost: " + gaps);
        assertTrue(events.stream().noneMatch(e -> e.path("seq").asLong() == lostSeq), "the gap's number is no event's: " + gaps);
        assertEquals(1, Log4jFixture.hub(context).stats().ingestDropped() - before.ingestDropped(),
                () -> Log4jFixture.hub(context).stats().toString());
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("counted as dropped")), log4j.status().toString());
    }
}
