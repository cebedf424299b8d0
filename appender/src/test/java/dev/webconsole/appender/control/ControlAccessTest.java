package dev.webconsole.appender.control;

import static dev.webconsole.appender.control.ControlTab.JSON;
import static dev.webconsole.appender.control.ControlTab.setLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.RawHttp;
import dev.webconsole.server.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request that the access checks refuse never reaches the control: the upgrade is refused before
 * a socket exists, and a set-level frame written after the refusal changes nothing.
 */
class ControlAccessTest {
    private static final String TOKEN = "s3cret-t0ken-for-tests";

    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    private LoggerContext start() throws Exception {
        return log4j.start(Log4jFixture.config("port=\"0\" token=\"" + TOKEN + "\"", "info"));
    }

    @Test
    void aForeignOriginCannotBoost() throws Exception {
        LoggerContext context = start();
        assertRefusedAndNothingChanged(context, 403, "/ws?token=" + TOKEN, "Origin: http://evil.example");
    }

    @Test
    void aWrongHostCannotBoost() throws Exception {
        LoggerContext context = start();
        int port = Log4jFixture.hub(context).port();
        assertRefusedAndNothingChanged(context, 403, "/ws?token=" + TOKEN, "Host: evil.example:" + port,
                "Origin: http://evil.example:" + port);
    }

    @Test
    void aMissingTokenCannotBoost() throws Exception {
        LoggerContext context = start();
        int port = Log4jFixture.hub(context).port();
        assertRefusedAndNothingChanged(context, 401, "/ws", "Origin: http://127.0.0.1:" + port);
    }

    @Test
    void theSameRawClientWithTheTokenBoosts() throws Exception {
        LoggerContext context = start();
        try (RawWebSocket ws = RawWebSocket.connect(Log4jFixture.hub(context).port(), "/ws?token=" + TOKEN, 0)) {
            assertEquals(101, ws.status());
            assertEquals("hello", ws.readJson().path("type").asText());
            ws.sendText(JSON.writeValueAsString(setLevel("com.acme", "DEBUG", 5)));
            JsonNode frame;
            do {
                frame = ws.readJson();
            } while (!frame.path("type").asText().equals("levels"));
            assertEquals("com.acme", frame.path("boosts").path(0).path("logger").asText());
        }
        assertTrue(context.getLogger("com.acme").isDebugEnabled());
    }

    private static void assertRefusedAndNothingChanged(LoggerContext context, int status, String path, String... headers)
            throws Exception {
        ConsoleHub hub = Log4jFixture.hub(context);
        try (Socket socket = new Socket("127.0.0.1", hub.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            assertEquals(status, RawHttp.upgradeOn(socket, path, headers).status());
            // Written as if the upgrade had gone through: a masked text frame with a boost.
            try {
                socket.getOutputStream().write(maskedText(JSON.writeValueAsString(setLevel("com.acme", "DEBUG", 5))));
                socket.getOutputStream().flush();
                drain(socket);
            } catch (java.net.SocketException reset) {
                // the hub closed the refused connection before the frame arrived: it went nowhere
            }
        }
        assertTrue(hub.boosts().isEmpty());
        assertFalse(context.getLogger("com.acme").isDebugEnabled());
        assertEquals(0, hub.stats().tabs());
    }

    /** Reads until the hub closes the connection (or the read times out). */
    private static void drain(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (socket.getInputStream().read(buffer) >= 0) {
                // whatever the hub answers to a refused connection, it is not a WebSocket frame stream
            }
        } catch (java.net.SocketTimeoutException quiet) {
            // the hub kept the HTTP connection open and ignored the bytes: also nothing reached the control
        }
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        out.write(0x80 | 126);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }
}
