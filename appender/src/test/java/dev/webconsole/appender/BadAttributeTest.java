package dev.webconsole.appender;

import static dev.webconsole.appender.Log4jFixture.configWithList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadAttributeTest {
    @RegisterExtension
    final Log4jFixture contexts = new Log4jFixture();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port=\"70000\"         | port=\"70000\" is out of range: use 1 to 65535, or 0 to pick a free port",
        "port=\"-1\"            | port=\"-1\" is out of range",
        "port=\"seven\"         | port=\"seven\" is not a whole number",
        "history=\"-5\"         | history=\"-5\" is out of range: use 0 to",
        "sessionQueue=\"-1\"    | sessionQueue=\"-1\" is out of range: use 1 to",
        "sessionQueue=\"0\"     | sessionQueue=\"0\" is out of range: use 1 to",
        "ingestQueue=\"-10\"    | ingestQueue=\"-10\" is out of range: use 1 to",
        "maxSessions=\"0\"      | maxSessions=\"0\" is out of range: use 1 to",
        "maxMessageChars=\"5\"  | maxMessageChars=\"5\" is out of range: use 100 to",
        "whenFull=\"wait\"      | whenFull=\"wait\" is not allowed: use \"drop\" (the default) or \"block\"",
        "whenFull=\"block\" maxWaitMillis=\"0\" | maxWaitMillis=\"0\" is out of range: use 1 to 60000",
        "host=\"\"              | host=\"\" is empty",
        "host=\"0.0.0.0\"       | host=\"0.0.0.0\" lets other machines connect, and logs are sensitive: set token=\"auto\"",
        "insecure=\"maybe\"     | insecure=\"maybe\" is not allowed: use \"true\" or \"false\"",
        "token=\"short\"        | token is too short (5 characters): use at least 12, or token=\"auto\" to generate one",
        "redact=\"password=(\"  | redact=\"password=(\" is not a valid regular expression",
        "keystore=\"/no/such/file.p12\" | keystore=\"/no/such/file.p12\" cannot be read",
        "allowedOrigins=\"evil\" | allowedOrigins has \"evil\", which is not an origin",
        "maxConnectionsPerAddress=\"0\" | maxConnectionsPerAddress=\"0\" is out of range: use 1 to",
        "headerTimeoutMillis=\"5\" | headerTimeoutMillis=\"5\" is out of range: use 100 to 600000",
        "headerTimeoutMillis=\"soon\" | headerTimeoutMillis=\"soon\" is not a whole number",
    })
    void aBadAttributeIsReportedByNameAndTheApplicationKeepsLogging(String attributes, String message) throws Exception {
        LoggerContext context = contexts.start(configWithList("port=\"0\" " + attributes.replace("port=\"0\" ", ""), "info")
                .replace("port=\"0\" port=", "port="));
        assertTrue(contexts.status().stream().anyMatch(s -> s.contains("WebConsole appender \"web\": " + message)),
                () -> "status logger said: " + contexts.status());
        assertNull(context.getConfiguration().getAppender("web"));
        assertLogsElsewhere(context);
    }

    @Test
    void aBusyPortNamesThePortAndTheFixAndTheApplicationKeepsLogging() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            LoggerContext context = contexts.start(configWithList("port=\"" + port + "\"", "info"));
            String expected = "WebConsole: port " + port + " on 127.0.0.1 is already in use; set port=\"0\" to pick a free one";
            assertTrue(contexts.status().stream().anyMatch(s -> s.contains(expected)),
                    () -> "status logger said: " + contexts.status());
            assertLogsElsewhere(context);
        }
    }

    private static void assertLogsElsewhere(LoggerContext context) {
        ListAppender list = context.getConfiguration().getAppender("list");
        context.getLogger("app").info("still logging");
        assertEquals(1, list.getEvents().size());
    }
}
