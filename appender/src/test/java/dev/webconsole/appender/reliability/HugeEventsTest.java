package dev.webconsole.appender.reliability;

import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.testing.SeqLedger;
import dev.webconsole.server.testing.WsClient;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exceptions too big to copy, and events whose copy fails, through a real LoggerContext and the real appender. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeEventsTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    /** An exception whose stack text never ends, unless the writer stops taking it; it counts what it wrote. */
    static final class EndlessStack extends RuntimeException {
        final AtomicLong written = new AtomicLong();

        EndlessStack() {
            super("endless");
        }

        @Override
        public void printStackTrace(PrintWriter out) {
            for (long i = 0; i < 50_000_000L && !out.checkError(); i++) {
                out.print("0123456789");
                written.addAndGet(10);
            }
        }
    }

    /** An exception whose message cannot be had: what an OutOfMemoryError while copying looks like to append. */
    static final class Unreadable extends RuntimeException {
        @Override
        public String getMessage() {
            throw new OutOfMemoryError("Java heap space (simulated while copying the event)");
        }
    }

    @Test
    void aHugeStackIsCutWhileItIsWritten() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\" maxMessageChars=\"1000\"", "info"));
        WsClient tab = log4j.connect(context, "");
        tab.next("hello");
        EndlessStack endless = new EndlessStack();
        context.getLogger("app").error("boom", endless);
        JsonNode event = tab.events(1).get(0);
        String stack = event.path("thrown").path("stack").asText();
        assertTrue(stack.length() <= 1000, "cut to maxMessageChars: " + stack.length());
        assertTrue(stack.endsWith("… [stack cut at maxMessageChars]"), stack.substring(stack.length() - 60));
        assertTrue(event.path("truncated").asBoolean(), event.toString());
        assertTrue(endless.written.get() <= 2_000, "the writer stopped at the limit; written " + endless.written.get());
        assertEquals(1, Log4jFixture.hub(context).stats().truncated());
    }

    @Test
    void anEventThatCannotBeCopiedIsCountedAndShownAsAGap() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\"", "info"));
        WsClient tab = log4j.connect(context, "");
        SeqLedger ledger = new SeqLedger();
        ledger.accept(tab.next("hello"));
        Logger logger = context.getLogger("app");
        logger.info("before");
        assertDoesNotThrow(() -> logger.error("cannot be copied", new Unreadable()), "append never throws into the application");
        logger.info("after");
        while (ledger.next() <= 3) {
            ledger.accept(tab.next());
        }
        assertEquals(2, ledger.events());
        assertEquals(1, ledger.gapFrames("ingest-overflow"), ledger.gapFrames().toString());
        ConsoleHub hub = Log4jFixture.hub(context);
        HubStats stats = hub.stats();
        assertEquals(3, stats.published() + stats.ingestDropped(), "every event logged is published or counted: " + stats);
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("counted as dropped")), log4j.status().toString());
    }
}
