package dev.webconsole.server.reliability;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.testing.WsClient;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each running hub's counters are readable over JMX as dev.webconsole:type=ConsoleHub,port=N. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubJmxTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void aRunningHubsCountersAreReadableOverJmx() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.ingestQueue(10).maxMessageChars(100));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        hub.publish(info("app", "m".repeat(500)));
        tab.events(1);
        tab.send("{");
        tab.next("error");
        for (int i = 0; i < 1_000; i++) {
            hub.publish(info("app", "flood")); // the queue holds 10: some are dropped
        }
        awaitCondition(() -> hub.stats().lastSeq() == 1_001, () -> "every event should get a seq, dropped ones too");

        ObjectName name = name(hub.port());
        HubStats stats = hub.stats();
        assertEquals(hub.url().toString(), jmx.getAttribute(name, "Url"));
        assertEquals(1, jmx.getAttribute(name, "Tabs"));
        assertEquals(stats.published(), jmx.getAttribute(name, "Published"));
        assertEquals(1_001L, jmx.getAttribute(name, "LastSeq"));
        assertEquals(stats.ingestDropped(), jmx.getAttribute(name, "IngestDropped"));
        assertTrue(stats.ingestDropped() > 0);
        assertEquals(1_001L, stats.published() + stats.ingestDropped());
        assertEquals(stats.tabDropped(), jmx.getAttribute(name, "TabDropped"));
        assertEquals(0L, jmx.getAttribute(name, "SendFailed"));
        assertEquals(1L, jmx.getAttribute(name, "Truncated"));
        assertEquals(1L, jmx.getAttribute(name, "RejectedMessages"));
    }

    @Test
    void stoppingAHubRemovesItFromJmx() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b);
        ObjectName name = name(hub.port());
        assertTrue(jmx.isRegistered(name));
        hub.stop();
        assertFalse(jmx.isRegistered(name));
    }

    @Test
    void twoHubsInOneJvmAreTwoMBeans() throws Exception {
        ConsoleHub first = hubs.startHub(b -> b);
        ConsoleHub second = hubs.startHub(b -> b);
        assertNotEquals(first.port(), second.port());
        first.publish(info("app", "only in the first"));
        awaitCondition(() -> first.stats().lastSeq() == 1, () -> "the event should get a seq");
        assertEquals(1L, jmx.getAttribute(name(first.port()), "LastSeq"));
        assertEquals(0L, jmx.getAttribute(name(second.port()), "LastSeq"));
        first.stop();
        assertTrue(jmx.isRegistered(name(second.port())), "stopping one hub leaves the other registered");
    }

    /** The name README documents. */
    private static ObjectName name(int port) throws MalformedObjectNameException {
        return new ObjectName("dev.webconsole:type=ConsoleHub,port=" + port);
    }
}
