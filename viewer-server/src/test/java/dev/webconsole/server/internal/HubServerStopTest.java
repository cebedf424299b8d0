package dev.webconsole.server.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webconsole.server.HubConfig;
import dev.webconsole.server.testing.HubFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real Jetty server of a hub, on port 0: what its stop leaves behind. */
class HubServerStopTest {

    @Test
    void stopEndsTheSchedulerThreadBeforeItReturnsAndALaterTimerIsDroppedNotThrown() {
        HubServer server = new HubServer(HubConfig.builder().port(0).build());
        server.start((request, response, callback) -> null, null, () -> "{}");
        server.scheduler().schedule(() -> { }, 1, TimeUnit.HOURS); // the thread starts with its first timer
        assertEquals(List.of("webconsole-scheduler-1"), HubFixture.threadsNamed("webconsole-scheduler"));
        server.stop();
        assertEquals(List.of(), HubFixture.threadsNamed("webconsole-scheduler"), "ended before stop returned");
        assertDoesNotThrow(() -> server.scheduler().schedule(() -> { }, 1, TimeUnit.MILLISECONDS),
                "a timer asked for while the hub stops is dropped, as Jetty's own stopped scheduler does");
    }
}
