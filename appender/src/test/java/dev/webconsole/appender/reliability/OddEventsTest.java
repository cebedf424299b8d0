package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.WsClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.AbstractLogEvent;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.apache.logging.log4j.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * Events an application really logs now and then, through the real appender: each arrives as
 * Log4j itself renders it (the List appender is the reference), or cut and marked, and never as
 * broken JSON (WsClient fails on a frame it cannot parse).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OddEventsTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();
    private LoggerContext context;
    private Logger logger;
    private WsClient tab;

    @BeforeEach
    void start() throws Exception {
        context = log4j.start(config("port=\"0\"", "trace", "<List name=\"list\"/>", ""));
        logger = context.getLogger("app.odd");
        tab = log4j.connect(context, "");
        tab.next("hello");
    }

    @AfterEach
    void stop() throws Exception {
        ThreadContext.clearAll();
    }

    /** The one event the tab gets next, and it must be the last one logged. */
    private JsonNode received() throws InterruptedException {
        JsonNode event = tab.events(1).get(0);
        List<LogEvent> logged = ((ListAppender) context.getConfiguration().getAppender("list")).getEvents();
        assertEquals(logged.size(), event.path("seq").asLong(), "one event per log call");
        return event;
    }

    private String log4jRendering() {
        List<LogEvent> logged = ((ListAppender) context.getConfiguration().getAppender("list")).getEvents();
        return logged.get(logged.size() - 1).getMessage().getFormattedMessage();
    }

    @Test
    void aNullMessageArrivesAsLog4jRendersIt() throws Exception {
        logger.info((String) null);
        assertEquals(log4jRendering(), received().path("message").asText());
        logger.info((Object) null);
        assertEquals(log4jRendering(), received().path("message").asText());
        logger.info("value: {}", (Object) null);
        assertEquals("value: null", received().path("message").asText());
    }

    @Test
    void aTenMegabyteMessageArrivesCutToMaxMessageCharsAndMarked() throws Exception {
        logger.info("m".repeat(10_000_000));
        JsonNode event = received();
        assertTrue(event.path("truncated").asBoolean());
        String message = event.path("message").asText();
        assertTrue(message.startsWith("m".repeat(100_000)));
        assertTrue(message.endsWith("[9900000 more characters truncated]"), message.substring(100_000));
    }

    @Test
    void aParameterWhoseToStringThrowsArrivesWithLog4jsNoteInItsPlace() throws Exception {
        logger.info("value: {} and {}", new ThrowingToString(), "the rest");
        JsonNode event = received();
        assertEquals(log4jRendering(), event.path("message").asText());
        assertTrue(event.path("message").asText().endsWith(" and the rest"), event::toString);
    }

    @Test
    void aMessageObjectWhoseToStringThrowsIsReportedByLog4jAndNeverThrowsIntoTheCaller() throws Exception {
        // Log4j formats such a message on the calling thread before any appender sees it, catches the
        // exception and reports it on its status logger: the event reaches no appender at all.
        logger.info(new ThrowingToString());
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("caught java.lang.IllegalStateException")),
                () -> "status logger said: " + log4j.status());
        logger.info("next");
        JsonNode event = tab.events(1).get(0);
        assertEquals("next", event.path("message").asText(), "nothing broken arrived before it");
        assertEquals(1, event.path("seq").asLong());
    }

    @Test
    void aLogEventWhoseMessageCannotBeFormattedArrivesWithANote() throws Exception {
        // An event built elsewhere (an async queue, a bridge) reaches append() with its message unformatted.
        LogEvent unformattable = new AbstractLogEvent() {
            private static final long serialVersionUID = 1L;

            @Override
            public Message getMessage() {
                return new ThrowingMessage();
            }

            @Override
            public String getLoggerName() {
                return "app.bridge";
            }
        };
        Log4jFixture.webConsole(context).append(unformattable);
        JsonNode event = tab.events(1).get(0);
        assertEquals("app.bridge", event.path("logger").asText());
        assertEquals("[WebConsole could not format this message: java.lang.IllegalStateException: cannot format]",
                event.path("message").asText());
    }

    @Test
    void aThrowableWhoseCauseChainLoopsArrivesWithTheLoopCutShort() throws Exception {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner", outer);
        outer.initCause(inner);
        logger.error("a loop", outer);
        JsonNode thrown = received().path("thrown");
        assertEquals("java.lang.IllegalStateException", thrown.path("type").asText());
        String stack = thrown.path("stack").asText();
        assertTrue(stack.contains("Caused by: java.lang.IllegalArgumentException: inner"), stack);
        assertTrue(stack.contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: outer]"), stack);
    }

    @Test
    void aThrowableWhoseGetMessageThrowsArrivesWithItsFrames() throws Exception {
        logger.error("bad exception", new ThrowingException());
        JsonNode thrown = received().path("thrown");
        assertEquals(ThrowingException.class.getName(), thrown.path("type").asText());
        assertTrue(thrown.path("stack").asText().contains("\tat "), thrown::toString);
    }

    @Test
    void aCustomLevelKeepsItsNameAndIsFilteredByItsWeight() throws Exception {
        Level notice = Level.forName("NOTICE", 350);
        WsClient warnings = log4j.connect(context, "?level=WARN");
        WsClient infos = log4j.connect(context, "?level=INFO");
        warnings.next("hello");
        infos.next("hello");
        logger.log(notice, "between INFO and WARN");
        logger.warn("a warning");
        assertEquals(List.of("NOTICE", "WARN"), levels(tab.events(2)));
        assertEquals(List.of("NOTICE", "WARN"), levels(infos.events(2)));
        assertEquals(List.of("WARN"), levels(warnings.events(1)));
    }

    @Test
    void aCustomLevelCarriesItsWeightAndAStandardOneDoesNot() throws Exception {
        logger.log(Level.forName("CONFIG", 450), "between info and debug, as JUL maps it");
        JsonNode custom = received();
        assertEquals("CONFIG", custom.path("level").asText());
        assertEquals(450, custom.path("severity").asInt(), custom::toString);
        logger.info("plain");
        assertTrue(received().path("severity").isMissingNode(), "standard levels carry no severity");
    }

    @Test
    void charactersOutsideTheBasicPlaneArriveUnchanged() throws Exception {
        String text = "emoji 😀 clef 𝄞 cjk 漢字 rtl שלום";
        ThreadContext.put("who", "🙂");
        context.getLogger("app.𝄞").info(text);
        JsonNode event = received();
        assertEquals(text, event.path("message").asText());
        assertEquals("app.𝄞", event.path("logger").asText());
        assertEquals("🙂", event.path("context").path("who").asText());
    }

    @Test
    void controlCharactersArriveUnchanged() throws Exception {
        String text = "nul \u0000 esc \u001b[31mred\u001b[0m cr \r lf \n tab \t del \u007f ls \u2028 ps \u2029 bom \ufeff";
        logger.info(text);
        assertEquals(text, received().path("message").asText());
    }

    @Test
    void aLoneSurrogateArrivesUnchanged() throws Exception {
        // It travels as a JSON escape sequence (OddTextOnTheWireTest checks the bytes), so the frame stays valid UTF-8.
        logger.info("before \uD800 after");
        assertEquals("before \uD800 after", received().path("message").asText());
    }

    @Test
    void aLogEventWithEveryPartNullArrives() throws Exception {
        LogEvent empty = new AbstractLogEvent() {
            private static final long serialVersionUID = 1L;
        };
        Log4jFixture.webConsole(context).append(empty);
        JsonNode event = tab.events(1).get(0);
        assertEquals("INFO", event.path("level").asText());
        assertEquals("", event.path("logger").asText());
        assertEquals("", event.path("message").asText());
        assertFalse(event.has("thrown"));
    }

    private static List<String> levels(List<JsonNode> events) {
        return events.stream().map(e -> e.path("level").asText()).toList();
    }

    /** An object whose toString throws, as a broken domain object's might. */
    private static final class ThrowingToString {
        @Override
        public String toString() {
            throw new IllegalStateException("toString failed");
        }
    }

    /** A Message whose formatting throws. */
    private static final class ThrowingMessage implements Message {
        private static final long serialVersionUID = 1L;

        @Override
        public String getFormattedMessage() {
            throw new IllegalStateException("cannot format");
        }

        @Override
        public Object[] getParameters() {
            return null;
        }

        @Override
        public Throwable getThrowable() {
            return null;
        }

        @Override
        @Deprecated
        public String getFormat() {
            return "format";
        }
    }

    /** An exception whose message cannot be read. */
    private static final class ThrowingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new UnsupportedOperationException("no message");
        }
    }
}
