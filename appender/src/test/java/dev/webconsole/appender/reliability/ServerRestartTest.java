package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** The application restarts its logging; a tab that was watching picks up where the new hub began. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerRestartTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @Test
    void aTabClosedWith1001ResumesOnTheRestartedHubAndGetsEveryEventLoggedSinceOnce() throws Exception {
        LoggerContext first = log4j.start(config("port=\"0\"", "info"));
        int port = Log4jFixture.webConsole(first).url().getPort();
        WsClient tab = log4j.connect(first, "");
        String oldHub = tab.next("hello").path("hub").asText();
        for (int i = 1; i <= 5; i++) {
            first.getLogger("app").info("before {}", i);
        }
        List<JsonNode> before = tab.events(5);
        long since = before.get(4).path("seq").asLong();

        first.stop();
        assertEquals(1001, tab.awaitClose());

        LoggerContext second = log4j.start(config("port=\"" + port + "\"", "info"));
        Logger app = second.getLogger("app");
        for (int i = 1; i <= 3; i++) {
            app.info("after {}", i); // logged while no tab is connected
        }
        WsClient resumed = log4j.connect(port, "?since=" + since + "&hub=" + oldHub);
        JsonNode hello = resumed.next("hello");
        assertNotEquals(oldHub, hello.path("hub").asText(), "a restarted hub has a new id");
        app.info("live");

        List<String> messages = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (JsonNode event : resumed.events(4)) {
            messages.add(event.path("message").asText());
            seqs.add(event.path("seq").asLong());
        }
        assertEquals(List.of("after 1", "after 2", "after 3", "live"), messages, "each missed event once, then live");
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs, "the new hub numbers from 1");
    }
}
