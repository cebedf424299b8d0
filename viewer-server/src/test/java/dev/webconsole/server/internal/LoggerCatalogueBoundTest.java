package dev.webconsole.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.server.Severity;
import org.junit.jupiter.api.Test;

class LoggerCatalogueBoundTest {
    private final LoggerCatalogue catalogue = new LoggerCatalogue(3, (task, delay) -> { }, Runnable::run);

    @Test
    void pastItsBoundTheCatalogueCountsTheEventsOfLoggersItDoesNotList() throws Exception {
        for (String logger : new String[] {"a", "b", "c", "d", "e", "d"}) {
            catalogue.count(logger, Severity.INFO);
        }
        catalogue.count("a", Severity.ERROR);
        JsonNode frame = new ObjectMapper().readTree(catalogue.frame());
        assertEquals("loggers", frame.path("type").asText());
        assertEquals(3, frame.path("loggers").size(), frame::toString);
        assertEquals(1, frame.path("loggers").path("a").path("ERROR").asLong());
        assertEquals(3, frame.path("unlisted").asLong(), "the events of d, e and d again");
        assertTrue(frame.path("loggers").path("d").isMissingNode());
    }

    @Test
    void aCustomLevelCountsUnderTheStandardLevelAtOrBelowItsSeverity() throws Exception {
        catalogue.count("app", 350); // between WARN (300) and INFO (400)
        catalogue.count("app", Severity.FATAL);
        catalogue.count("app", Integer.MAX_VALUE);
        catalogue.count(null, Severity.WARN);
        JsonNode loggers = new ObjectMapper().readTree(catalogue.frame()).path("loggers");
        assertEquals(1, loggers.path("app").path("INFO").asLong(), loggers::toString);
        assertEquals(1, loggers.path("app").path("FATAL").asLong());
        assertEquals(1, loggers.path("app").path("TRACE").asLong());
        assertEquals(1, loggers.path("").path("WARN").asLong(), "an event without a logger name counts under \"\"");
    }
}
