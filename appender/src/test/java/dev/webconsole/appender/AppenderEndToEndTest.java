package dev.webconsole.appender;

import static dev.webconsole.appender.Log4jFixture.config;
import static dev.webconsole.appender.Log4jFixture.webConsole;
import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.WsClient;
import java.sql.SQLException;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppenderEndToEndTest {
    @RegisterExtension
    final Log4jFixture contexts = new Log4jFixture();

    @AfterEach
    void clearContext() {
        ThreadContext.clearAll();
    }

    private WsClient connect(LoggerContext context, String query) throws Exception {
        return contexts.connect(context, query);
    }

    @Test
    void anEventLoggedThroughLog4jArrivesWithEveryField() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\"", "debug"));
        WsClient tab = connect(context, "");
        tab.next("hello");

        SQLException cause = new SQLException("connection reset");
        IllegalStateException thrown = new IllegalStateException("pool exhausted", cause);
        ThreadContext.put("user", "ann");
        ThreadContext.put("order", "42");
        Logger logger = context.getLogger("com.acme.db.Pool");
        long before = System.currentTimeMillis();
        logger.warn(MarkerManager.getMarker("SQL"), "no connection for {} after {} ms", "orders", 250, thrown);

        JsonNode event = tab.events(1).get(0);
        assertEquals(1, event.path("seq").asLong());
        assertTrue(event.path("time").asLong() >= before);
        assertEquals("WARN", event.path("level").asText());
        assertEquals("com.acme.db.Pool", event.path("logger").asText());
        assertEquals(Thread.currentThread().getName(), event.path("thread").asText());
        assertEquals("no connection for orders after 250 ms", event.path("message").asText());
        assertEquals("java.lang.IllegalStateException", event.path("thrown").path("type").asText());
        assertEquals("pool exhausted", event.path("thrown").path("message").asText());
        String stack = event.path("thrown").path("stack").asText();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: pool exhausted\n\tat "), stack);
        assertTrue(stack.contains("Caused by: java.sql.SQLException: connection reset"), stack);
        assertTrue(stack.contains("AppenderEndToEndTest.anEventLoggedThroughLog4jArrivesWithEveryField"), stack);
        assertEquals("ann", event.path("context").path("user").asText());
        assertEquals("42", event.path("context").path("order").asText());
        assertEquals("SQL", event.path("marker").asText());
        assertFalse(event.has("source"));
    }

    @Test
    void twoTabsWithDifferentFiltersEachGetTheirSubset() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\"", "trace"));
        WsClient db = connect(context, "?logger=com.acme.db");
        WsClient errors = connect(context, "?level=ERROR");
        db.next("hello");
        errors.next("hello");
        context.getLogger("com.acme.db.Pool").debug("1");
        context.getLogger("com.acme.web").error("2");
        context.getLogger("com.acme.db").error("3");
        context.getLogger("com.acmex").info("4");
        assertEquals(List.of(1L, 3L), seqs(db.events(2)));
        assertEquals(List.of(2L, 3L), seqs(errors.events(2)));
    }

    @Test
    void stoppingTheContextClosesTabsWithGoingAwayAndTheSamePortStartsAgain() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\"", "info"));
        int port = webConsole(context).url().getPort();
        WsClient tab = connect(context, "");
        tab.next("hello");
        context.stop();
        assertEquals(1001, tab.awaitClose());

        LoggerContext again = contexts.start(config("port=\"" + port + "\"", "info"));
        assertEquals(port, webConsole(again).url().getPort());
        WsClient next = connect(again, "");
        next.next("hello");
        again.getLogger("a").info("after restart");
        assertEquals("after restart", next.events(1).get(0).path("message").asText());
    }

    @Test
    void reconfigurationKeepsThePortAndTheTabsConnected() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\"", "info"));
        int port = webConsole(context).url().getPort();
        WsClient tab = connect(context, "");
        tab.next("hello");
        context.getLogger("a").info("before");
        assertEquals("before", tab.events(1).get(0).path("message").asText());

        // A changed file with the same port attribute, as monitorInterval or Configurator.reconfigure would load.
        context.setConfigLocation(contexts.write(config("port=\"0\"", "debug")));
        assertNotNull(webConsole(context));
        assertEquals(port, webConsole(context).url().getPort());
        context.getLogger("a").debug("after");
        assertEquals("after", tab.events(1).get(0).path("message").asText());
        assertTrue(tab.isOpen());
    }

    @Test
    void eventsOfTheHubsOwnLoggersAndThreadsNeverReachTheConsoleButTheApplicationsJettyAndJacksonDo() throws Exception {
        // The hub logs under dev.webconsole (in the published jar its Jetty too, relocated) and on
        // its webconsole-* threads; the appender drops those so its own traffic cannot feed back.
        // FeedbackLoopTest routes the hub's real Jetty debug logging through SLF4J into Log4j.
        LoggerContext context = contexts.start(config("port=\"0\"", "trace"));
        WsClient tab = connect(context, "");
        tab.next("hello");
        context.getLogger("dev.webconsole.server.ConsoleHub").warn("the hub speaking");
        context.getLogger("dev.webconsole.shaded.jetty.io.ManagedSelector").debug("the hub's relocated Jetty speaking");
        Thread hubThread = new Thread(() -> context.getLogger("org.eclipse.jetty.io.ManagedSelector")
                .debug("Jetty speaking on a hub thread"), "webconsole-http-99");
        hubThread.start();
        hubThread.join();
        context.getLogger("org.eclipse.jetty.server.Server").info("the application's Jetty");
        context.getLogger("com.fasterxml.jackson.core.JsonFactory").info("the application's Jackson");
        context.getLogger("app").info("the application");
        List<JsonNode> events = tab.events(3);
        assertEquals(List.of("org.eclipse.jetty.server.Server", "com.fasterxml.jackson.core.JsonFactory", "app"),
                events.stream().map(e -> e.path("logger").asText()).toList());
        assertEquals(1, events.get(0).path("seq").asLong(), "no event of the hub's came before the application's");
    }
}
