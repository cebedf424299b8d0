package dev.webconsole.appender.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many JVMs, one console: a standalone hub and publisher JVMs, each a real process configured from
 * its own log4j2.xml, and real tabs. A killed publisher, a restarted hub, a wrong token.
 */
class ManyJvmsTest {
    static final String PUBLISHER_TOKEN = "publisher-secret-0123456789";

    @RegisterExtension
    final HubFixture hubs = new HubFixture();
    private final List<Jvm> jvms = new ArrayList<>();

    @AfterEach
    void stopJvms() throws InterruptedException {
        for (Jvm jvm : jvms) {
            jvm.close();
        }
    }

    /** A standalone hub process on {@code port} (0: any); returns its port once it says where it is. */
    private int startHub(Jvm[] holder, int port) throws Exception {
        Jvm hub = track(Jvm.start(List.of(), "dev.webconsole.server.HubMain", "--port", String.valueOf(port),
                "--publisher-token", PUBLISHER_TOKEN));
        holder[0] = hub;
        return URI.create(hub.awaitLine("WebConsole hub: open ").substring("WebConsole hub: open ".length())).getPort();
    }

    private Jvm publisher(String source, int hubPort, String token, int outbox) throws Exception {
        return publisher(source, "ws://127.0.0.1:" + hubPort, token, outbox, List.of());
    }

    private Jvm publisher(String source, String hub, String token, int outbox, List<String> jvmArgs) throws Exception {
        Path config = Path.of(getClass().getResource("/publish/" + source + "-log4j2.xml").toURI());
        List<String> args = new ArrayList<>(List.of("-Dlog4j2.configurationFile=" + config,
                "-Dwebconsole.hub=" + hub, "-Dwebconsole.publisherToken=" + token, "-Dwebconsole.outbox=" + outbox));
        args.addAll(jvmArgs);
        Jvm jvm = track(Jvm.start(args, PublisherApp.class.getName()));
        jvm.awaitLine("ready");
        return jvm;
    }

    private Jvm track(Jvm jvm) {
        jvms.add(jvm);
        return jvm;
    }

    private WsClient tab(int port, String query) throws Exception {
        WsClient tab = hubs.track(WsClient.connect(hubs.client(),
                URI.create("ws://127.0.0.1:" + port + "/ws" + (query.isEmpty() ? "" : "?" + query))));
        tab.next("hello");
        return tab;
    }

    /** What a tab got: events and gaps in the order they came. */
    record Received(List<JsonNode> events, List<JsonNode> gaps) {
        long count(String source) {
            return events.stream().filter(e -> e.path("source").asText().equals(source)).count();
        }
    }

    /** Reads frames until {@code events} events have come, keeping the gaps; seq must rise throughout. */
    static Received receive(WsClient tab, int events) throws InterruptedException {
        List<JsonNode> got = new ArrayList<>();
        List<JsonNode> gaps = new ArrayList<>();
        long lastSeq = 0;
        while (got.size() < events) {
            JsonNode frame = tab.next();
            String type = frame.path("type").asText();
            if (type.equals("gap")) {
                gaps.add(frame);
                lastSeq = check(lastSeq, frame.path("from").asLong(), frame.path("to").asLong());
            } else if (type.equals("events")) {
                for (JsonNode e : frame.path("events")) {
                    got.add(e);
                    lastSeq = check(lastSeq, e.path("seq").asLong(), e.path("seq").asLong());
                }
            }
        }
        return new Received(got, gaps);
    }

    private static long check(long lastSeq, long from, long to) {
        assertTrue(from > lastSeq, "seq must rise in a tab: " + from + " after " + lastSeq);
        return to;
    }

    /** Each source's events numbered 1..n by the source, each exactly once. */
    static void assertEachOnce(Received received, Map<String, Integer> perSource) {
        Map<String, List<Long>> numbers = new HashMap<>();
        for (JsonNode e : received.events()) {
            numbers.computeIfAbsent(e.path("source").asText(), s -> new ArrayList<>()).add(e.path("sourceSeq").asLong());
        }
        assertEquals(perSource.keySet(), numbers.keySet());
        for (Map.Entry<String, Integer> s : perSource.entrySet()) {
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, s.getValue()).boxed().toList();
            assertEquals(expected, numbers.get(s.getKey()), s.getKey() + "'s events, each once, in its order");
        }
    }

    @Test
    void threeSourcesArriveInSeqOrderAndASourceFilterGetsExactlyItsSubset() throws Exception {
        Jvm[] hub = new Jvm[1];
        int port = startHub(hub, 0);
        WsClient all = tab(port, "");
        WsClient two = tab(port, "source=orders&source=billing");
        List<Jvm> apps = List.of(publisher("orders", port, PUBLISHER_TOKEN, 100_000),
                publisher("billing", port, PUBLISHER_TOKEN, 100_000), publisher("search", port, PUBLISHER_TOKEN, 100_000));
        for (Jvm app : apps) {
            app.send("log 300");
        }
        for (Jvm app : apps) {
            app.awaitLine("logged 300");
        }
        Received everything = receive(all, 900);
        assertEachOnce(everything, Map.of("orders", 300, "billing", 300, "search", 300));
        assertTrue(everything.gaps().isEmpty(), "no gaps: " + everything.gaps());
        Received subset = receive(two, 600);
        assertEachOnce(subset, Map.of("orders", 300, "billing", 300));
        assertTrue(subset.events().stream().allMatch(e -> e.path("message").asText().startsWith("event ")));
    }

    @Test
    void aPublisherLoggingAsFastAsItCanSendsLargeBatchesAndLosesNothingWithinItsOutbox() throws Exception {
        Jvm[] hub = new Jvm[1];
        int port = startHub(hub, 0);
        WsClient tab = tab(port, "");
        Jvm orders = publisher("orders", port, PUBLISHER_TOKEN, 100_000);
        orders.send("log 20000");
        orders.awaitLine("logged 20000");
        Received got = receive(tab, 20_000);
        assertEachOnce(got, Map.of("orders", 20_000));
        assertTrue(got.gaps().isEmpty(), "no gaps: " + got.gaps());
    }

    @Test
    void aKilledPublisherIsShownAsGoneAndTheOthersGoOn() throws Exception {
        Jvm[] hub = new Jvm[1];
        int port = startHub(hub, 0);
        Jvm orders = publisher("orders", port, PUBLISHER_TOKEN, 100_000);
        Jvm billing = publisher("billing", port, PUBLISHER_TOKEN, 100_000);
        orders.send("log 10");
        billing.send("log 10");
        WsClient tab = tab(port, "");
        receive(tab, 20);
        orders.kill(); // SIGKILL: no goodbye, maybe mid-frame
        JsonNode sources;
        do {
            sources = tab.nextSources().path("sources");
        } while (connected(sources, "orders"));
        assertTrue(connected(sources, "billing"), "billing stays connected: " + sources);
        billing.send("log 20");
        Received after = receive(tab, 10);
        assertTrue(after.events().stream().allMatch(e -> e.path("source").asText().equals("billing")));
        assertEquals(20, after.events().get(9).path("sourceSeq").asLong());
    }

    private static boolean connected(JsonNode sources, String name) {
        for (JsonNode s : sources) {
            if (s.path("source").asText().equals(name)) {
                return s.path("connected").asBoolean();
            }
        }
        throw new AssertionError(name + " is not among the sources: " + sources);
    }

    @Test
    void aHubRestartLosesNothingWithinTheOutboxAndNamesTheRest() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // the publisher's configuration names the hub's address, so it keeps its port
        }
        Jvm[] hub = new Jvm[1];
        startHub(hub, port);
        Jvm orders = publisher("orders", port, PUBLISHER_TOKEN, 500);
        orders.send("log 100");
        receive(tab(port, ""), 100);
        hub[0].stop();
        orders.send("log 300"); // held in the outbox (500) while no hub listens
        orders.awaitLine("logged 400");
        startHub(hub, port);
        WsClient tab = tab(port, "");
        Received resent = receive(tab, 300);
        assertEquals(java.util.stream.LongStream.rangeClosed(101, 400).boxed().toList(),
                resent.events().stream().map(e -> e.path("sourceSeq").asLong()).toList(), "each once, in order");
        assertTrue(resent.gaps().isEmpty(), "nothing lost within the outbox: " + resent.gaps());
        HubFixture.awaitCondition(() -> orders.errors().stream().anyMatch(l -> l.contains("WebConsole (source \"orders\"): publishing to")
                && l.contains("again")), () -> "the publisher says it publishes again: " + orders.errors());
        assertTrue(orders.errors().stream().anyMatch(l -> l.contains("WebConsole (source \"orders\"): cannot publish to")
                && l.contains("the connection to the hub was lost")), orders.errors().toString());

        hub[0].stop();
        orders.send("log 800"); // 500 fit; 300 do not
        orders.awaitLine("logged 1200");
        startHub(hub, port);
        WsClient later = tab(port, "");
        Received past = receive(later, 500);
        assertEquals(java.util.stream.LongStream.rangeClosed(401, 900).boxed().toList(),
                past.events().stream().map(e -> e.path("sourceSeq").asLong()).toList());
        JsonNode gap = past.gaps().isEmpty() ? later.next("gap") : past.gaps().get(0);
        assertEquals("publisher-overflow", gap.path("reason").asText());
        assertEquals("orders", gap.path("source").asText());
        assertEquals(901, gap.path("sourceFrom").asLong());
        assertEquals(1200, gap.path("sourceTo").asLong());
        assertEquals(300, gap.path("to").asLong() - gap.path("from").asLong() + 1);
    }

    @Test
    void aPublisherReachesAHubOverWss(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String password = "test-keystore-password";
        Path keystore = dir.resolve("hub.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN).keystore(keystore).keystorePassword(password));
        Jvm search = publisher("search", "wss://127.0.0.1:" + hub.port(), PUBLISHER_TOKEN, 1000,
                List.of("-Djavax.net.ssl.trustStore=" + keystore, "-Djavax.net.ssl.trustStorePassword=" + password,
                        "-Djavax.net.ssl.trustStoreType=PKCS12"));
        search.send("log 7");
        search.awaitLine("logged 7");
        HubFixture.awaitCondition(() -> hub.stats().published() == 7,
                () -> "7 events over wss, have " + hub.stats() + "; publisher said " + search.errors());
    }

    @Test
    void anEmbeddedHubTakesPublishersAnUnnamedOneIsNamedForItsMainClassAndAWrongTokenIsRefused() throws Exception {
        ConsoleHub embedded = hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
        WsClient tab = tab(embedded.port(), "");
        Jvm billing = publisher("billing", embedded.port(), PUBLISHER_TOKEN, 1000);
        billing.send("log 5");
        Received got = receive(tab, 5);
        assertEachOnce(got, Map.of("billing", 5));
        Jvm unnamed = publisher("unnamed", embedded.port(), PUBLISHER_TOKEN, 1000);
        unnamed.send("log 2");
        assertEachOnce(receive(tab, 2), Map.of(PublisherApp.class.getSimpleName(), 2)); // the main class names it
        Jvm intruder = publisher("search", embedded.port(), "not-the-token-at-all", 1000);
        intruder.send("log 5");
        intruder.awaitLine("logged 5");
        HubFixture.awaitCondition(() -> intruder.errors().stream().anyMatch(l -> l.contains("the hub answered 401")),
                () -> "the publisher says the hub refused its token: " + intruder.errors());
        assertTrue(intruder.errors().stream().anyMatch(l -> l.contains("set publisherToken")), intruder.errors().toString());
        billing.send("log 1");
        assertFalse(receive(tab, 1).events().stream().anyMatch(e -> e.path("source").asText().equals("search")));
    }
}
