package dev.webconsole.appender.publish;

import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events whose copy fails in a publishing appender: a real LoggerContext publishes to a real hub on
 * port 0 and a real tab reads it. Each such event keeps its number in the source's sequence and
 * reaches the tab as a {@code publisher-overflow} gap naming the source, as the embedded hub shows
 * an {@code ingest-overflow} gap for it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublishCopyFailureTest {
    private static final String TOKEN = "publisher-secret-for-copy-failures";

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    private ConsoleHub hub;

    /** An exception whose message cannot be had: what an OutOfMemoryError while copying looks like to append. */
    static final class OutOfMemoryWhileCopied extends RuntimeException {
        @Override
        public String getMessage() {
            throw new OutOfMemoryError("Java heap space (simulated while copying the event)");
        }
    }

    /** An exception none of whose text can be had: getMessage, toString and getStackTrace all throw. */
    static final class Unprintable extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("no message");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("no frames");
        }
    }

    @BeforeEach
    void startHub() {
        hub = new ConsoleHub(HubConfig.builder().port(0).publisherToken(TOKEN).build());
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop();
    }

    @Test
    void anEventWhoseCopyFailsReachesTheTabAsAGapNamingTheSource() throws Exception {
        WsClient tab = log4j.connect(hub.port(), "");
        SeqLedger ledger = new SeqLedger();
        ledger.accept(tab.next("hello"));
        LoggerContext context = log4j.start(config("hub=\"ws://127.0.0.1:" + hub.port() + "\" publisherToken=\""
                + TOKEN + "\" source=\"orders\"", "info"));
        Logger logger = context.getLogger("app");
        logger.info("before");
        assertDoesNotThrow(() -> logger.error("runs out of memory", new OutOfMemoryWhileCopied()),
                "append never throws into the application");
        assertDoesNotThrow(() -> logger.error("cannot be printed", new Unprintable()));
        logger.info("after");

        List<String> messages = new ArrayList<>();
        List<JsonNode> gaps = new ArrayList<>();
        while (!messages.contains("after")) {
            JsonNode frame = tab.next();
            ledger.accept(frame);
            frame.path("events").forEach(e -> messages.add(e.path("message").asText()));
            if (frame.path("type").asText().equals("gap")) {
                gaps.add(frame);
            }
        }
        assertEquals(List.of("before", "after"), messages);
        assertEquals(1, gaps.size(), gaps.toString());
        JsonNode gap = gaps.get(0);
        assertEquals("publisher-overflow", gap.path("reason").asText(), gap.toString());
        assertEquals("orders", gap.path("source").asText(), gap.toString());
        assertEquals(2, gap.path("sourceFrom").asLong(), "the source's own numbers of the lost events: " + gap);
        assertEquals(3, gap.path("sourceTo").asLong(), gap.toString());
        assertEquals(2, ledger.gapSeqs().get("publisher-overflow"), ledger.gapSeqs().toString());
        assertEquals(2, hub.stats().published(), "only the copied events were published: " + hub.stats());
        assertTrue(log4j.status().stream().filter(s -> s.contains("counted as dropped")).count() >= 2,
                log4j.status().toString());
    }

    @Test
    void aLastEventWhoseCopyFailsIsNamedWithoutAnotherEventAfterIt() throws Exception {
        WsClient tab = log4j.connect(hub.port(), "");
        SeqLedger ledger = new SeqLedger();
        ledger.accept(tab.next("hello"));
        LoggerContext context = log4j.start(config("hub=\"ws://127.0.0.1:" + hub.port() + "\" publisherToken=\""
                + TOKEN + "\" source=\"billing\"", "info"));
        Logger logger = context.getLogger("app");
        logger.info("only");
        logger.error("runs out of memory", new OutOfMemoryWhileCopied());

        while (ledger.next() <= 2) {
            ledger.accept(tab.next());
        }
        assertEquals(1, ledger.events());
        assertEquals(1, ledger.gapSeqs().get("publisher-overflow"), ledger.gapSeqs().toString());
    }
}
