package dev.webconsole.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When control is on, and what a hub without a level control answers. */
class ControlSettingsTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    @Test
    void controlIsOnByDefaultOnlyOnLoopback() {
        assertTrue(HubConfig.builder().build().control());
        assertTrue(HubConfig.builder().host("localhost").build().control());
        assertFalse(HubConfig.builder().host("0.0.0.0").token("auto").build().control());
        assertFalse(HubConfig.builder().host("0.0.0.0").insecure(true).build().control());
        assertFalse(HubConfig.builder().control(false).build().control());
    }

    @Test
    void controlBeyondLoopbackNeedsATokenOrTls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubConfig.builder().host("0.0.0.0").insecure(true).control(true).build());
        assertEquals("control=\"true\" on host=\"0.0.0.0\" would let anyone who reaches the port change what the"
                + " application logs: set token=\"auto\" (or a token of your own) or configure TLS with keystore, or"
                + " leave control off", e.getMessage());
        assertTrue(HubConfig.builder().host("0.0.0.0").token("auto").control(true).build().control());
    }

    @Test
    void maxBoostsAndBoostMinuteAreChecked() {
        assertEquals("maxBoosts=\"0\" is out of range: use 1 to 1000",
                assertThrows(IllegalArgumentException.class, () -> HubConfig.builder().maxBoosts(0).build()).getMessage());
        assertEquals(10, HubConfig.builder().build().maxBoosts());
        assertThrows(IllegalArgumentException.class, () -> HubConfig.builder().boostMinute(java.time.Duration.ZERO).build());
    }

    @Test
    void aHubWithoutALevelControlRefusesBoostsButTakesThreadDumps() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        assertTrue(tab.next("hello").path("control").asBoolean());
        tab.send("{\"type\":\"set-level\",\"logger\":\"com.acme\",\"level\":\"DEBUG\"}");
        assertEquals("set-level refused: this hub has no level control; level boosts come with the <WebConsole> Log4j"
                + " appender", tab.next("error").path("message").asText());
        tab.send("{\"type\":\"thread-dump\"}");
        var dump = tab.events(1).get(0);
        assertEquals("webconsole.threads", dump.path("logger").asText());
        assertEquals(1, dump.path("seq").asLong());
        assertTrue(hub.boosts().isEmpty());
    }
}
