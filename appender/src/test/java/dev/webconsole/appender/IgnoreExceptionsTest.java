package dev.webconsole.appender;

import static dev.webconsole.appender.Log4jFixture.config;
import static dev.webconsole.appender.Log4jFixture.hub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code append} keeps Log4j's contract: a failure is reported, and rethrown only when ignoreExceptions="false". */
class IgnoreExceptionsTest {
    private static final String REPORTED = "WebConsole appender \"web\" could not take an event";

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    /** An exception that cannot be rendered at all: its text and its frames both throw. */
    private static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            throw new IllegalStateException("toString refused");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace refused");
        }
    }

    @Test
    void byDefaultAFailedAppendIsReportedAndTheApplicationGoesOn() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\"", "info"));
        Logger logger = context.getLogger("app");
        logger.error("cannot be copied", new Unprintable());
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains(REPORTED)), () -> "status said: " + log4j.status());
        logger.info("the next event");
        assertEquals(1, hub(context).stats().published(), "the appender keeps taking events");
    }

    @Test
    void withIgnoreExceptionsFalseAFailedAppendReachesTheCaller() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\" ignoreExceptions=\"false\"", "info"));
        Logger logger = context.getLogger("app");
        AppenderLoggingException thrown = assertThrows(AppenderLoggingException.class,
                () -> logger.error("cannot be copied", new Unprintable()));
        assertTrue(thrown.getCause() instanceof IllegalStateException, () -> "cause: " + thrown.getCause());
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains(REPORTED)), () -> "status said: " + log4j.status());
        logger.info("the next event");
        assertEquals(1, hub(context).stats().published(), "the appender keeps taking events");
    }
}
