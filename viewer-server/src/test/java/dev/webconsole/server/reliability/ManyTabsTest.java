package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.Events;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two hundred tabs at once, with different filters: each gets exactly its own subset, in order. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyTabsTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final int TABS = 200;
    private static final int EVENTS = 3_000;

    /** A tab's filter as a query string, and the same filter as the test's own oracle. */
    private record Filter(String query, List<String> loggers, List<String> exclude, int threshold) {
        boolean matches(String logger, int severity) {
            if (severity > threshold) {
                return false;
            }
            for (String prefix : exclude) {
                if (under(logger, prefix)) {
                    return false;
                }
            }
            return loggers.isEmpty() || loggers.stream().anyMatch(prefix -> under(logger, prefix));
        }

        private static boolean under(String logger, String prefix) {
            return logger.equals(prefix) || logger.startsWith(prefix + ".");
        }
    }

    private static final List<Filter> FILTERS = List.of(
            new Filter("", List.of(), List.of(), Integer.MAX_VALUE),
            new Filter("logger=com.acme.db", List.of("com.acme.db"), List.of(), Integer.MAX_VALUE),
            new Filter("logger=com.acme&exclude=com.acme.db.noisy", List.of("com.acme"), List.of("com.acme.db.noisy"),
                    Integer.MAX_VALUE),
            new Filter("level=WARN", List.of(), List.of(), Severity.WARN),
            new Filter("logger=com.acme.web&level=ERROR", List.of("com.acme.web"), List.of(), Severity.ERROR),
            new Filter("logger=org.other", List.of("org.other"), List.of(), Integer.MAX_VALUE),
            new Filter("exclude=com.acme", List.of(), List.of("com.acme"), Integer.MAX_VALUE),
            new Filter("logger=com.acme.db&logger=org.other&level=DEBUG", List.of("com.acme.db", "org.other"), List.of(),
                    Severity.DEBUG),
            new Filter("logger=nobody.logs.here", List.of("nobody.logs.here"), List.of(), Integer.MAX_VALUE),
            new Filter("level=INFO&exclude=org", List.of(), List.of("org"), Severity.INFO));

    private static final String[] LOGGERS = {
        "com.acme.db", "com.acme.db.Pool", "com.acme.db.noisy.Chatter", "com.acme.web.Api", "com.acmex.Other",
        "org.other.Thing", "org", "", "com.acme"};
    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL"};
    private static final int[] SEVERITIES = {600, 500, 400, 350, 300, 200, 100};

    @Test
    void twoHundredTabsWithMixedFiltersEachGetExactlyTheirSubsetInOrder() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxTabs(TABS + 10).maxUpgradesPerSecond(10 * TABS));
        List<WsClient> tabs = new ArrayList<>(TABS);
        for (int i = 0; i < TABS; i++) {
            tabs.add(hubs.connect(hub, FILTERS.get(i % FILTERS.size()).query()));
        }
        for (WsClient tab : tabs) {
            tab.next("hello");
        }
        awaitTabs(hub, TABS);

        List<List<Long>> expected = new ArrayList<>();
        FILTERS.forEach(f -> expected.add(new ArrayList<>()));
        for (int seq = 1; seq <= EVENTS; seq++) {
            String logger = LOGGERS[seq % LOGGERS.length];
            int level = (seq / LOGGERS.length) % LEVELS.length;
            hub.publish(Events.of(LEVELS[level], SEVERITIES[level], logger, "m" + seq));
            for (int f = 0; f < FILTERS.size(); f++) {
                if (FILTERS.get(f).matches(logger, SEVERITIES[level])) {
                    expected.get(f).add((long) seq);
                }
            }
        }

        for (int i = 0; i < TABS; i++) {
            List<Long> want = expected.get(i % FILTERS.size());
            assertEquals(want, seqs(tabs.get(i).events(want.size())),
                    "tab " + i + " (" + FILTERS.get(i % FILTERS.size()).query() + ")");
        }
        // Nothing more may follow: stop the hub and look at everything that came before its close.
        hub.stop();
        for (int i = 0; i < TABS; i++) {
            WsClient tab = tabs.get(i);
            assertEquals(1001, tab.awaitClose());
            for (JsonNode frame; (frame = tab.poll()) != null; ) {
                assertNotEquals("events", frame.path("type").asText(), "tab " + i + " got more than its subset: " + frame);
                assertNotEquals("gap", frame.path("type").asText(), "tab " + i + " was told of a gap: " + frame);
            }
        }
        assertEquals(0, hub.stats().tabDropped());
        assertEquals(0, hub.stats().ingestDropped());
    }
}
