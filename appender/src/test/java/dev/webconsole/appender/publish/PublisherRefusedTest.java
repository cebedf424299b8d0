package dev.webconsole.appender.publish;

import static dev.webconsole.appender.Log4jFixture.awaitCondition;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publishing appender the hub refuses, here because another application holds its source name:
 * a real LoggerContext retries against a real hub on port 0. The refusal is said once, not at every
 * retry, and nothing logged meanwhile is lost once the name is free.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherRefusedTest {
    private static final String TOKEN = "publisher-secret-for-refusals";

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    @Test
    void aRefusalRepeatedAtEveryRetryIsSaidOnceAndWhatWasLoggedMeanwhileArrives() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(TOKEN));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        WsClient holder = hubs.publisher(hub, TOKEN, "orders", "other-host", 7); // another application holds the name

        LoggerContext context = log4j.start(config("hub=\"ws://127.0.0.1:" + hub.port() + "\" publisherToken=\""
                + TOKEN + "\" source=\"orders\"", "info"));
        context.getLogger("app").info("logged while refused");
        awaitCondition(() -> hub.stats().rejectedMessages() >= 3, () -> "refused three times: " + hub.stats());

        List<String> said = log4j.status().stream().filter(s -> s.contains("refused this publisher")).toList();
        assertEquals(List.of("ERROR WebConsole (source \"orders\"): the hub at ws://127.0.0.1:" + hub.port() + "/publish"
                + " refused this publisher: source \"orders\" is already connected from other-host (pid 7);"
                + " give each application its own source (said again only if the reason changes)"), said,
                "said once though refused at every retry: " + log4j.status());
        assertEquals(1, log4j.status().stream().filter(s -> s.contains("WebConsole (source \"orders\"): cannot publish to")
                && s.contains(": the hub closed the connection before welcoming this publisher (1008 source \"orders\"")).count(),
                "the outage is said once, with the hub's close code and reason: " + log4j.status());

        holder.close();
        JsonNode event = tab.events(1).get(0);
        assertEquals("logged while refused", event.path("message").asText());
        assertEquals("orders", event.path("source").asText());
    }
}
