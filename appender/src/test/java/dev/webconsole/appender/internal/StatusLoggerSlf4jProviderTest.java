package dev.webconsole.appender.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.appender.Log4jFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

/**
 * The SLF4J provider of the published jar's relocated SLF4J: what the hub's Jetty logs reaches
 * Log4j's status logger at its own level, formatted, with the logger's name.
 */
class StatusLoggerSlf4jProviderTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @Test
    void theHubsJettyWarningsReachTheStatusLoggerWithTheirLoggerName() {
        StatusLoggerSlf4jProvider provider = new StatusLoggerSlf4jProvider();
        provider.initialize();
        Logger jetty = provider.getLoggerFactory().getLogger("dev.webconsole.shaded.jetty.server.Server");

        jetty.warn("port {} refused a connection", 7171);
        jetty.error("handler failed", new IllegalStateException("boom"));

        List<String> status = log4j.status().stream().filter(s -> s.contains("WebConsole hub (")).toList();
        assertEquals(List.of(
                "WARN WebConsole hub (dev.webconsole.shaded.jetty.server.Server): port 7171 refused a connection",
                "ERROR WebConsole hub (dev.webconsole.shaded.jetty.server.Server): handler failed"), status);
        assertTrue(jetty.isWarnEnabled(), "warnings are on, as Log4j's status logger has them");
    }
}
