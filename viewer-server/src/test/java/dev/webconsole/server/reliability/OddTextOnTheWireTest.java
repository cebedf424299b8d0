package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.JSON;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import dev.webconsole.server.testing.RawWebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text a log event may hold that UTF-8 or JSON cannot carry as it is. A browser fails the whole
 * connection on a text frame that is not valid UTF-8, so the bytes on the wire are checked here
 * with a strict decoder, and the JSON must give back exactly the text that was logged.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OddTextOnTheWireTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();


    @ParameterizedTest
    @ValueSource(strings = {
        "lone high \uD800 surrogate",
        "lone low \uDC00 surrogate",
        "reversed \uDC00\uD800 pair",
        "ends in a high surrogate \uD83D",
        "emoji \uD83D\uDE00 clef \uD834\uDD1E",
        "nul \u0000 esc \u001b[31m cr \r del \u007f ls \u2028 ps \u2029 bom \uFEFF",
        "quote \" backslash \\ slash / </script>",
    })
    void everyFrameIsValidUtf8AndGivesBackTheTextThatWasLogged(String text) throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        RawWebSocket tab = hubs.connectRaw(hub, "", 0);
        tab.readJson();
        hub.publish(new ConsoleEvent(1L, text, Severity.INFO, text, text, text,
                new ConsoleEvent.ThrownInfo(text, text, text), Map.of("key", text), text, text));

        RawWebSocket.Frame frame = tab.readMessage();
        assertEquals(RawWebSocket.OP_TEXT, frame.opcode());
        String decoded = strictUtf8(frame.payload());
        JsonNode event = JSON.readTree(decoded).path("events").get(0);
        for (String field : new String[] {"level", "logger", "thread", "message", "marker", "source"}) {
            assertEquals(text, event.path(field).asText(), field);
        }
        assertEquals(text, event.path("thrown").path("stack").asText());
        assertEquals(text, event.path("context").path("key").asText());
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
