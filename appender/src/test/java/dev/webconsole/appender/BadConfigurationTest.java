package dev.webconsole.appender;

import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad attribute values and a port that cannot be had: each is named with its value and the fix in
 * Log4j's status output, the appender is not created, and the application logs to its other
 * appenders.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadConfigurationTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port=\"70000\"         | port=\"70000\" is out of range: use 1 to 65535, or 0 to pick a free port",
        "hub=\"http://127.0.0.1:7171\" publisherToken=\"publisher-token-1\" | hub=\"http://127.0.0.1:7171\" is not a WebSocket address: use ws://host:port or wss://host:port",
        "hub=\"ws://127.0.0.1:7171\"  | hub=\"ws://127.0.0.1:7171\" needs publisherToken: the token the hub was started with",
        "hub=\"ws://127.0.0.1:7171\" publisherToken=\"publisher-token-1\" outbox=\"0\" | outbox=\"0\" is out of range: use 1 to 10000000",
        "publisherToken=\"short\" | publisherToken is too short (5 characters): use at least 12",
        "token=\"same-token-12345\" publisherToken=\"same-token-12345\" | publisherToken is the same as token: give publishers a token of their own",
        "port=\"-1\"            | port=\"-1\" is out of range",
        "port=\"seven\"         | port=\"seven\" is not a whole number",
        "history=\"-5\"         | history=\"-5\" is out of range: use 0 to",
        "tabQueue=\"-1\"    | tabQueue=\"-1\" is out of range: use 1 to",
        "tabQueue=\"0\"     | tabQueue=\"0\" is out of range: use 1 to",
        "ingestQueue=\"-10\"    | ingestQueue=\"-10\" is out of range: use 1 to",
        "maxTabs=\"0\"      | maxTabs=\"0\" is out of range: use 1 to",
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
        "history=\"lots\"                         | history=\"lots\" is not a whole number",
        "history=\"10000001\"                     | history=\"10000001\" is out of range: use 0 to 10000000",
        "tabQueue=\"1e6\"                     | tabQueue=\"1e6\" is not a whole number",
        "tabQueue=\"10000001\"                | tabQueue=\"10000001\" is out of range: use 1 to 10000000",
        "ingestQueue=\"\"                         | ingestQueue=\"\" is not a whole number",
        "ingestQueue=\"0\"                        | ingestQueue=\"0\" is out of range: use 1 to",
        "maxTabs=\"many\"                     | maxTabs=\"many\" is not a whole number",
        "maxTabs=\"100001\"                   | maxTabs=\"100001\" is out of range: use 1 to 100000",
        "maxMessageChars=\"2147483648\"           | maxMessageChars=\"2147483648\" is not a whole number",
        "maxMessageChars=\"100000001\"            | maxMessageChars=\"100000001\" is out of range: use 100 to 100000000",
        "whenFull=\"\"                            | whenFull=\"\" is not allowed: use \"drop\" (the default) or \"block\"",
        "whenFull=\"block\" maxWaitMillis=\"soon\"  | maxWaitMillis=\"soon\" is not a whole number",
        "whenFull=\"block\" maxWaitMillis=\"60001\" | maxWaitMillis=\"60001\" is out of range: use 1 to 60000",
        "whenFull=\"block\" maxWaitMillis=\"-1\"    | maxWaitMillis=\"-1\" is out of range: use 1 to 60000",
        "host=\"no-such-host.invalid\"           | host=\"no-such-host.invalid\" cannot be resolved",
        "compression=\"yes\"                      | compression=\"yes\" is not allowed: use \"true\" or \"false\"",
        "port=\"7171.5\"                          | port=\"7171.5\" is not a whole number",
        "host=\"   \"                             | host=\"   \" is empty",
    })
    void aBadValueIsNamedWithTheAttributeAndTheApplicationLogsElsewhere(String attributes, String message)
            throws Exception {
        String all = attributes.contains("port=") ? attributes : "port=\"0\" " + attributes;
        LoggerContext context = log4j.start(config(all, "info", "<List name=\"list\"/>", ""));
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("WebConsole appender \"web\": " + message)),
                () -> "status logger said: " + log4j.status());
        assertNull(context.getConfiguration().getAppender("web"));
        assertLogsElsewhere(context);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host=\"192.0.2.1\" port=\"0\"               | WebConsole: cannot listen on 192.0.2.1:0",
        "host=\"192.0.2.1\" port=\"7171\"            | WebConsole: cannot listen on 192.0.2.1:7171",
    })
    void aHostThatIsNotThisMachinesIsNamedAsTheProblemNotThePort(String attributes, String message) throws Exception {
        LoggerContext context = log4j.start(config("insecure=\"true\" " + attributes, "info", "<List name=\"list\"/>", ""));
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("WebConsole appender \"web\": " + message)
                        && s.contains("check the host attribute")),
                () -> "status logger said: " + log4j.status());
        assertNull(context.getConfiguration().getAppender("web"));
        assertLogsElsewhere(context);
    }

    @Test
    void aMissingNameIsReportedAndTheApplicationLogsElsewhere() throws Exception {
        LoggerContext context = log4j.start(config("port=\"0\"", "info", "<List name=\"list\"/>", "")
                .replace("<WebConsole name=\"web\" ", "<WebConsole "));
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("No appender name provided")), () -> "status logger said: " + log4j.status());
        assertNull(context.getConfiguration().getAppender("web"));
        assertLogsElsewhere(context);
    }

    @Test
    void aBusyPortNamesThePortAndTheFixAndTheApplicationKeepsLogging() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            LoggerContext context = log4j.start(config("port=\"" + port + "\"", "info", "<List name=\"list\"/>", ""));
            String expected = "WebConsole: port " + port + " on 127.0.0.1 is already in use; set port=\"0\" to pick a free one";
            assertTrue(log4j.status().stream().anyMatch(s -> s.contains(expected)),
                    () -> "status logger said: " + log4j.status());
            assertLogsElsewhere(context);
        }
    }

    private static void assertLogsElsewhere(LoggerContext context) {
        ListAppender list = context.getConfiguration().getAppender("list");
        context.getLogger("app").info("still logging");
        assertEquals(1, list.getEvents().size());
    }
}
