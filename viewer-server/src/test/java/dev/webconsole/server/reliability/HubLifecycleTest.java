package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import static dev.webconsole.server.testing.HubFixture.threadsNamed;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.RawWebSocket;
import dev.webconsole.server.testing.WsClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping a hub whose tabs misbehave still ends within its deadline, with no thread or port left. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubLifecycleTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();


    @Test
    void stopWithAStalledTabAndAnOpenOneEndsItsThreadsAndFreesThePort() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.stopTimeout(Duration.ofSeconds(1)).maxMessageChars(10_000_000));
        RawWebSocket stalled = hubs.connectRaw(hub, "", 4 * 1024);
        stalled.readJson();
        WsClient open = hubs.connect(hub, "");
        open.next("hello");
        awaitTabs(hub, 2);
        hub.publish(info("app", "z".repeat(8_000_000))); // more than the stalled peer's window: its send never ends
        open.events(1);
        int port = hub.port();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(hub::stop);
        // Bounded far above the stop timeout: a stop that hangs on the stalled peer fails here.
        stopped.get(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1001, open.awaitClose());
        assertEquals(List.of(), threadsNamed("webconsole-"), "the hub's threads ended");
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort(), "the port is free");
        }
    }

    @Test
    void publishAfterStopReturnsAtOnceAndNeverThrows() {
        ConsoleHub hub = hubs.startHub(b -> b.ingestQueue(16));
        hub.stop();
        int accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            if (hub.publish(info("app", "after stop"))) {
                accepted++;
            }
        }
        assertTrue(accepted <= 16, "a stopped hub's queue stays bounded: " + accepted);
        assertEquals(1_000, hub.stats().published() + hub.stats().ingestDropped());
    }
}
