package dev.webconsole.appender.reliability;

import dev.webconsole.appender.JdkTab;
import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.awaitCondition;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.WebConsoleAppender;
import dev.webconsole.server.ConsoleHub;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The appender on the root logger at TRACE, with Jetty's debug logging on and routed into the
 * same Log4j context through SLF4J (log4j-slf4j2-impl): the hub's own traffic makes Jetty log a
 * lot on the hub's threads, and none of it may come back through the appender; the application's
 * own Jetty logging (here on the test's thread) is shown like any other logger. The tab is the
 * JDK's client, so the only Jetty in the test is the hub's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedbackLoopTest {
    private static final int APP_EVENTS = 200;

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();
    private LoggerContext shared;
    private Configuration original;

    @AfterEach
    void stop() throws Exception {
        if (shared != null) {
            shared.setConfiguration(new DefaultConfiguration()); // stops the appender and its hub
        }
    }

    @Test
    void withRootAtTraceAndJettyDebugOnOnlyTheApplicationsOwnEventsReachTheConsole() throws Exception {
        // SLF4J loggers (Jetty's) live in the default context, so that is the one configured here.
        shared = (LoggerContext) LogManager.getContext(false);
        String loggers = """
                <Logger name="org.eclipse.jetty" level="trace"/>
                <Logger name="com.fasterxml.jackson" level="trace"/>
                <Logger name="dev.webconsole" level="trace"/>
                """;
        shared.setConfigLocation(log4j.write(config("port=\"0\"", "trace", "<List name=\"list\"/>", loggers)));
        WebConsoleAppender appender = shared.getConfiguration().getAppender("web");
        ConsoleHub hub = appender.hub();
        ListAppender list = shared.getConfiguration().getAppender("list");

        JdkTab tab = JdkTab.connect(appender.url().getPort(), "");
        tab.next("hello");
        tab.send("{not json"); // an error path, to make the hub and Jetty say more
        tab.next("error");
        // The application's own Jetty logger, on the application's thread: shown, as seq 1.
        org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.server.Server").debug("through SLF4J");
        for (int i = 1; i <= APP_EVENTS; i++) {
            shared.getLogger("app").trace("app event {}", i);
        }
        int seen = 0;
        while (seen < APP_EVENTS + 1) {
            for (JsonNode event : tab.next("events").path("events")) {
                seen++;
                String expected = seen == 1 ? "org.eclipse.jetty.server.Server" : "app";
                assertEquals(expected, event.path("logger").asText(), () -> "not the application's: " + event);
                assertEquals(seen, event.path("seq").asLong(), "nothing came in between");
            }
        }
        awaitCondition(() -> hub.stats().lastSeq() == APP_EVENTS + 1, () -> "stats: " + hub.stats());
        assertEquals(APP_EVENTS + 1, hub.stats().published(), "only the application's events were ever published");
        long hubJettyEvents = list.getEvents().stream()
                .filter(e -> e.getLoggerName().startsWith("org.eclipse.jetty") && e.getThreadName().startsWith("webconsole-"))
                .count();
        assertTrue(hubJettyEvents > 0, "the hub's Jetty debug logging really did reach Log4j (else this test proves nothing)");
        tab.close();
    }
}
