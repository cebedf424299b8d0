package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.WsClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** Two logger contexts in one JVM asking for the same port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedHubTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @Test
    void aSecondContextOnTheSamePortSharesTheHubAndItOutlivesTheFirst() throws Exception {
        int port = freePort();
        LoggerContext first = log4j.start(config("port=\"" + port + "\"", "info"));
        LoggerContext second = log4j.start(config("port=\"" + port + "\"", "info"));
        assertSame(Log4jFixture.hub(first), Log4jFixture.hub(second), "one hub per host and port");
        WsClient tab = log4j.connect(port, "");
        tab.next("hello");
        first.getLogger("first").info("one");
        second.getLogger("second").info("two");
        assertEquals(List.of("one", "two"), messages(tab.events(2)));

        first.stop();
        second.getLogger("second").info("three");
        assertEquals(List.of("three"), messages(tab.events(1)), "the hub runs while a context still uses it");
        assertTrue(tab.isOpen());

        second.stop();
        assertEquals(1001, tab.awaitClose(), "the last context to stop stops the hub");
    }

    @Test
    void aContextAskingForThePortAnotherHubPickedFailsClearlyAndLogsElsewhere() throws Exception {
        LoggerContext first = log4j.start(config("port=\"0\"", "info"));
        int taken = Log4jFixture.webConsole(first).url().getPort();
        LoggerContext second = log4j.start(config("port=\"" + taken + "\"", "info", "<List name=\"list\"/>", ""));
        assertNull(Log4jFixture.webConsole(second));
        String expected = "WebConsole: port " + taken + " on 127.0.0.1 is already in use";
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains(expected)), () -> "status said: " + log4j.status());
        second.getLogger("app").info("elsewhere");
        ListAppender list = second.getConfiguration().getAppender("list");
        assertEquals(1, list.getEvents().size());
        WsClient tab = log4j.connect(first, "");
        tab.next("hello");
        first.getLogger("app").info("the first hub is untouched");
        assertEquals(List.of("the first hub is untouched"), messages(tab.events(1)));
    }

    private static List<String> messages(List<JsonNode> events) {
        return events.stream().map(e -> e.path("message").asText()).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
