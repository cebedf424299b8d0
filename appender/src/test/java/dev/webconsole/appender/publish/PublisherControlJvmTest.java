package dev.webconsole.appender.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Control of a publishing application across processes: a standalone hub process, a publisher JVM
 * from its own log4j2.xml, and a real tab that boosts it, takes its thread dump and sees it killed.
 */
class PublisherControlJvmTest {
    static final String PUBLISHER_TOKEN = "publisher-secret-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final HubFixture hubs = new HubFixture();
    private final List<Jvm> jvms = new ArrayList<>();

    @AfterEach
    void stopJvms() throws InterruptedException {
        for (Jvm jvm : jvms) {
            jvm.close();
        }
    }

    private Jvm track(Jvm jvm) {
        jvms.add(jvm);
        return jvm;
    }

    /**
     * The first event or other frame (not sources) that matches; events are tested one by one, and
     * the rest of the frame that held the match is not looked at.
     */
    private static JsonNode await(WsClient tab, Predicate<JsonNode> matches) throws InterruptedException {
        while (true) {
            JsonNode frame = tab.next();
            if (frame.path("type").asText().equals("events")) {
                for (JsonNode e : frame.path("events")) {
                    if (matches.test(e)) {
                        return e;
                    }
                }
            } else if (matches.test(frame)) {
                return frame;
            }
        }
    }

    private static Predicate<JsonNode> levelsWith(String logger, boolean connected) {
        return f -> f.path("type").asText().equals("levels") && f.path("boosts").size() == 1
                && f.path("boosts").get(0).path("logger").asText().equals(logger)
                && f.path("boosts").get(0).path("connected").asBoolean() == connected;
    }

    @Test
    void aPublisherJvmIsBoostedAndDumpedFromATabAndItsBoostIsListedAsGoneWhenItIsKilled() throws Exception {
        Jvm hub = track(Jvm.start(List.of(), "dev.webconsole.server.HubMain", "--port", "0",
                "--publisher-token", PUBLISHER_TOKEN));
        int port = URI.create(hub.awaitLine("WebConsole hub: open ").substring("WebConsole hub: open ".length())).getPort();
        Path config = Path.of(getClass().getResource("/publish/orders-log4j2.xml").toURI());
        Jvm orders = track(Jvm.start(List.of("-Dlog4j2.configurationFile=" + config, "-Dwebconsole.hub=ws://127.0.0.1:" + port,
                "-Dwebconsole.publisherToken=" + PUBLISHER_TOKEN), PublisherApp.class.getName()));
        orders.awaitLine("ready");
        WsClient tab = hubs.track(WsClient.connect(hubs.client(), URI.create("ws://127.0.0.1:" + port + "/ws")));
        assertTrue(tab.next("hello").path("control").asBoolean());
        JsonNode sources;
        do {
            sources = tab.nextSources();
        } while (!sources.toString().contains("\"connected\":true"));

        tab.send(JSON.createObjectNode().put("type", "set-level").put("source", "orders").put("logger", "app")
                .put("level", "DEBUG").put("minutes", 5).toString());
        JsonNode boost = await(tab, levelsWith("app", true)).path("boosts").get(0);
        assertEquals("orders", boost.path("source").asText());
        orders.send("debug 3");
        orders.awaitLine("debugged 3");
        List<JsonNode> boosted = new ArrayList<>();
        await(tab, e -> {
            if (e.path("message").asText().startsWith("debug ")) {
                boosted.add(e);
            }
            return boosted.size() == 3; // one frame may hold all three
        });
        assertEquals(List.of("debug 1", "debug 2", "debug 3"), boosted.stream().map(e -> e.path("message").asText()).toList());
        assertTrue(boosted.stream().allMatch(e -> e.path("source").asText().equals("orders")
                && e.path("level").asText().equals("DEBUG")), boosted::toString);

        tab.send("{\"type\":\"thread-dump\",\"source\":\"orders\"}");
        JsonNode dump = await(tab, e -> e.path("logger").asText().equals("webconsole.threads"));
        assertEquals("orders", dump.path("source").asText());
        assertTrue(dump.path("thrown").path("stack").asText().contains(PublisherApp.class.getName() + ".main"),
                "the dump is of the publishing JVM, whose main thread runs PublisherApp");

        orders.kill(); // SIGKILL: the application cannot end its boost or say goodbye
        JsonNode gone = await(tab, levelsWith("app", false)).path("boosts").get(0);
        assertEquals("orders", gone.path("source").asText());
        assertFalse(gone.path("connected").asBoolean(), "the boost of a source that went away is listed as gone");
    }
}
