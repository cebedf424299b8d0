package dev.webconsole.appender.reliability;

import dev.webconsole.appender.Log4jFixture;
import static dev.webconsole.appender.Log4jFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values of the attributes BadAttributeTest does not cover: each is named with its value in
 * Log4j's status output, the appender is not created, and the application logs to its other
 * appenders.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadConfigurationTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "history=\"lots\"                         | history=\"lots\" is not a whole number",
        "history=\"10000001\"                     | history=\"10000001\" is out of range: use 0 to 10000000",
        "sessionQueue=\"1e6\"                     | sessionQueue=\"1e6\" is not a whole number",
        "sessionQueue=\"10000001\"                | sessionQueue=\"10000001\" is out of range: use 1 to 10000000",
        "ingestQueue=\"\"                         | ingestQueue=\"\" is not a whole number",
        "ingestQueue=\"0\"                        | ingestQueue=\"0\" is out of range: use 1 to",
        "maxSessions=\"many\"                     | maxSessions=\"many\" is not a whole number",
        "maxSessions=\"100001\"                   | maxSessions=\"100001\" is out of range: use 1 to 100000",
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

    private static void assertLogsElsewhere(LoggerContext context) {
        ListAppender list = context.getConfiguration().getAppender("list");
        context.getLogger("app").info("still logging");
        assertEquals(1, list.getEvents().size());
    }
}
