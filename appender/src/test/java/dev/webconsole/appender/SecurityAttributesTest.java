package dev.webconsole.appender;

import static dev.webconsole.appender.Log4jFixture.config;
import static dev.webconsole.appender.Log4jFixture.webConsole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.RawHttp;
import dev.webconsole.server.testing.WsClient;
import java.net.URI;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecurityAttributesTest {
    @RegisterExtension
    final Log4jFixture contexts = new Log4jFixture();

    @AfterEach
    void clearContext() {
        ThreadContext.clearAll();
    }

    @Test
    void nestedRedactElementsMaskMessageContextAndStack() throws Exception {
        LoggerContext context = contexts.start("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" port="0">
                      <Redact regex="(?&lt;=password=)\\S+"/>
                      <Redact regex="(?i)(?&lt;=bearer )[A-Za-z0-9._-]+"/>
                    </WebConsole>
                  </Appenders>
                  <Loggers>
                    <Root level="info"><AppenderRef ref="web"/></Root>
                  </Loggers>
                </Configuration>
                """);
        URI page = webConsole(context).url();
        WsClient tab = contexts.connect(page.getPort(), "");
        tab.next("hello");
        ThreadContext.put("authorization", "Bearer abc.def");
        context.getLogger("auth").warn("login failed for ann with password=hunter2",
                new IllegalStateException("retry with password=hunter2"));
        JsonNode event = tab.events(1).get(0);
        assertFalse(event.toString().contains("hunter2"), event.toString());
        assertFalse(event.toString().contains("abc.def"), event.toString());
        assertEquals("login failed for ann with password=***", event.path("message").asText());
        assertEquals("Bearer ***", event.path("context").path("authorization").asText());
        assertTrue(event.path("thrown").path("stack").asText().startsWith("java.lang.IllegalStateException: retry with password=***"));
    }

    @Test
    void aReconfigurationThatChangesAGuardIsReportedAsAnError() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\"", "info"));
        String url = webConsole(context).url().toString();
        context.setConfigLocation(contexts.write(config("port=\"0\" token=\"auto\"", "info")));
        assertTrue(contexts.status().stream().anyMatch(s -> s.startsWith("ERROR WebConsole: the hub at " + url
                + " keeps running with its earlier settings") && s.contains("token changed")), () -> contexts.status().toString());
    }

    @Test
    void aTokenGuardsThePageAndTheSocket() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\" token=\"a-token-of-our-own\"", "info"));
        WebConsoleAppender web = webConsole(context);
        assertEquals(web.url() + "?token=a-token-of-our-own", web.hub().openUrl().toString());
        int port = web.url().getPort();
        assertEquals(401, RawHttp.get(port, "/").status());
        assertEquals(401, RawHttp.upgrade(port, "/ws").status());
        assertEquals(200, RawHttp.get(port, "/?token=a-token-of-our-own").status());
    }

    @Test
    void theConnectionLimitsAreAttributes() throws Exception {
        LoggerContext context = contexts.start(config("port=\"0\" maxConnectionsPerAddress=\"2\" headerTimeoutMillis=\"60000\"", "info"));
        assertEquals(2, webConsole(context).hub().config().maxConnectionsPerAddress());
        assertEquals(java.time.Duration.ofMinutes(1), webConsole(context).hub().config().headerTimeout());
        int port = webConsole(context).url().getPort();
        try (java.net.Socket a = new java.net.Socket("127.0.0.1", port);
                java.net.Socket b = new java.net.Socket("127.0.0.1", port);
                java.net.Socket c = new java.net.Socket("127.0.0.1", port)) {
            assertTrue(a.isConnected() && b.isConnected());
            c.setSoTimeout((int) WsClient.WAIT.toMillis());
            assertEquals(-1, c.getInputStream().read(), "a third connection from one address is closed at once");
        }
    }
}
