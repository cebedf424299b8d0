package dev.webconsole.server;

import static dev.webconsole.server.testing.HubFixture.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.RawHttp;
import dev.webconsole.server.testing.WsClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hub's /publish endpoint, spoken to by a real WebSocket client as a publisher would. */
class PublisherEndpointTest {
    static final String VIEWER_TOKEN = "viewer-token-0123456789";
    static final String PUBLISHER_TOKEN = "publisher-token-0123456789";

    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private ConsoleHub hub() {
        return hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN));
    }

    /** A connection to /publish with the publisher token that has sent nothing yet. */
    private WsClient connected(ConsoleHub hub) throws Exception {
        return hubs.track(WsClient.connectWithToken(hubs.client(), publishUri(hub), PUBLISHER_TOKEN));
    }

    private WsClient publisher(ConsoleHub hub, String source) throws Exception {
        WsClient p = connected(hub);
        p.send(JSON.writeValueAsString(hello(source)));
        return p;
    }

    /** A publisher that said hello as {@code source} and was welcomed. */
    private WsClient welcomed(ConsoleHub hub, String source) throws Exception {
        WsClient p = publisher(hub, source);
        p.next("welcome");
        return p;
    }

    /** Sends source numbers 1 to 20,000 in batches of 1,000, without waiting for the sends. */
    private static void floodTwentyThousand(WsClient publisher) throws Exception {
        for (int b = 0; b < 20; b++) {
            publisher.sendQuietly(batch(java.util.stream.LongStream.rangeClosed(b * 1000L + 1, b * 1000L + 1000).toArray()));
        }
    }

    static URI publishUri(ConsoleHub hub) {
        return URI.create("ws://127.0.0.1:" + hub.port() + "/publish");
    }

    static ObjectNode hello(String source) {
        return JSON.createObjectNode().put("type", "hello").put("source", source).put("host", "test-host")
                .put("pid", 42).put("jvm", "17").put("startTime", 1_700_000_000_000L);
    }

    static String batch(long... sourceSeqs) throws Exception {
        ObjectNode root = JSON.createObjectNode().put("type", "events");
        ArrayNode events = root.putArray("events");
        for (long n : sourceSeqs) {
            events.addObject().put("sourceSeq", n).put("time", 1L).put("level", "INFO").put("severity", 400)
                    .put("logger", "app.Orders").put("thread", "main").put("message", "event " + n);
        }
        return JSON.writeValueAsString(root);
    }

    @Test
    void aPublishersEventsReachTabsWithTheirSourceAndNumberAndAreAcknowledged() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient orders = publisher(hub, "orders");
        JsonNode welcome = orders.next("welcome");
        assertEquals(0, welcome.path("lastSourceSeq").asLong());
        orders.send(batch(1, 2, 3));
        assertEquals(3, orders.next("ack").path("sourceSeq").asLong());
        List<JsonNode> events = tab.events(3);
        for (int i = 0; i < 3; i++) {
            assertEquals("orders", events.get(i).path("source").asText());
            assertEquals(i + 1, events.get(i).path("sourceSeq").asLong());
            assertEquals(i + 1, events.get(i).path("seq").asLong());
        }
    }

    @Test
    void aBatchLargerThanATabsMessageLimitIsTaken() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient orders = welcomed(hub, "orders");
        long[] numbers = java.util.stream.LongStream.rangeClosed(1, 5000).toArray();
        String big = batch(numbers);
        assertTrue(big.length() > 4 * hub.config().maxInboundBytes(), "the batch is " + big.length() + " bytes");
        orders.send(big);
        assertEquals(5000, orders.next("ack").path("sourceSeq").asLong());
        assertEquals(5000, tab.events(5000).size());
    }

    @Test
    void eventsSentAgainAreDroppedAndAReconnectLearnsWhatTheHubHas() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient first = welcomed(hub, "orders");
        first.send(batch(1, 2));
        first.next("ack");
        first.close();
        WsClient again = publisher(hub, "orders");
        assertEquals(2, again.next("welcome").path("lastSourceSeq").asLong());
        again.send(batch(2, 3));
        assertEquals(3, again.next("ack").path("sourceSeq").asLong());
        List<JsonNode> events = tab.events(3);
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.path("sourceSeq").asLong()).toList());
        assertEquals(3, hub.stats().lastSeq());
    }

    @Test
    void eventsAPublisherLostAreANamedGapForTabsThatShowItsSource() throws Exception {
        ConsoleHub hub = hub();
        WsClient all = hubs.tab(hub, "");
        WsClient billingOnly = hubs.tab(hub, "source=billing");
        WsClient orders = welcomed(hub, "orders");
        orders.send(batch(1));
        orders.send(JSON.writeValueAsString(JSON.createObjectNode().put("type", "lost").put("from", 2).put("to", 11)));
        orders.send(batch(12));
        all.events(1);
        JsonNode gap = all.next("gap");
        assertEquals("publisher-overflow", gap.path("reason").asText());
        assertEquals("orders", gap.path("source").asText());
        assertEquals(2, gap.path("from").asLong());
        assertEquals(11, gap.path("to").asLong());
        assertEquals(2, gap.path("sourceFrom").asLong());
        assertEquals(11, gap.path("sourceTo").asLong());
        JsonNode after = all.events(1).get(0);
        assertEquals(12, after.path("seq").asLong());
        assertEquals(12, after.path("sourceSeq").asLong());
        WsClient billing = welcomed(hub, "billing");
        billing.send(batch(1));
        JsonNode first = billingOnly.next();
        assertEquals("events", first.path("type").asText(), "the billing tab gets neither orders' events nor its gap");
        assertEquals("billing", first.path("events").get(0).path("source").asText());
    }

    @Test
    void aSourceFilterInSubscribeShowsOnlyThoseSources() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        ObjectNode subscribe = HubFixture.subscribe();
        subscribe.putObject("filter").putArray("sources").add("billing");
        tab.send(JSON.writeValueAsString(subscribe));
        WsClient orders = welcomed(hub, "orders");
        WsClient billing = welcomed(hub, "billing");
        orders.send(batch(1, 2));
        orders.next("ack");
        billing.send(batch(1));
        JsonNode event = tab.events(1).get(0);
        assertEquals("billing", event.path("source").asText());
        assertEquals(3, event.path("seq").asLong());
    }

    @Test
    void tabsAreToldWhichSourcesAreConnectedAndWhichAreGone() throws Exception {
        ConsoleHub hub = hub();
        WsClient orders = welcomed(hub, "orders");
        WsClient tab = hubs.tab(hub, "");
        JsonNode sources = tab.nextSources().path("sources");
        assertEquals("orders", sources.get(0).path("source").asText());
        assertTrue(sources.get(0).path("connected").asBoolean());
        assertEquals("test-host", sources.get(0).path("host").asText());
        assertEquals(42, sources.get(0).path("pid").asLong());
        orders.close();
        JsonNode gone = tab.nextSources().path("sources").get(0);
        assertFalse(gone.path("connected").asBoolean());
    }

    @Test
    void publishingNeedsThePublisherTokenAndTheViewerTokenCannotPublish() throws Exception {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsoleHub hub = hubs.startHub(b -> b.token(VIEWER_TOKEN).publisherToken(PUBLISHER_TOKEN)
                .diagnostics((level, message, error) -> reports.add(level + " " + message)));
        assertEquals(401, RawHttp.upgrade(hub.port(), "/publish").status());
        assertEquals(List.of("WARNING WebConsole: a publisher at 127.0.0.1 was refused (401): it sent no publisher token;"
                + " its publisherToken must be the hub's publisher token (said at most once a minute)"), reports,
                "the hub's operator is told a publisher was refused");
        assertEquals(401, RawHttp.upgrade(hub.port(), "/publish", "Authorization: Bearer " + VIEWER_TOKEN).status());
        assertEquals(1, reports.size(), "said once, not at every retry: " + reports);
        assertEquals(401, RawHttp.upgrade(hub.port(), "/publish?token=" + VIEWER_TOKEN).status());
        assertEquals(401, RawHttp.upgrade(hub.port(), "/ws", "Authorization: Bearer " + PUBLISHER_TOKEN).status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/publish", "Authorization: Bearer " + PUBLISHER_TOKEN).status());
        assertEquals(403, RawHttp.upgrade(hub.port(), "/publish", "Authorization: Bearer " + PUBLISHER_TOKEN,
                "Origin: http://evil.example").status());
    }

    @Test
    void aHubWithoutAPublisherTokenTakesNoPublishers() throws Exception {
        ConsoleHub hub = hubs.startHub();
        assertEquals(404, RawHttp.upgrade(hub.port(), "/publish", "Authorization: Bearer " + PUBLISHER_TOKEN).status());
    }

    @Test
    void theViewerTokenCannotAlsoBeThePublisherToken() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HubConfig.builder().token(VIEWER_TOKEN).publisherToken(VIEWER_TOKEN).build());
        assertTrue(e.getMessage().contains("publisherToken is the same as token"), e.getMessage());
    }

    @Test
    void malformedInputClosesThatPublisherWithAReasonAndTheOthersGoOn() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient good = welcomed(hub, "orders");
        WsClient noHello = connected(hub);
        noHello.send(batch(1));
        assertTrue(noHello.next("error").path("message").asText().contains("the first message must be hello"));
        assertEquals(1008, noHello.awaitClose());
        WsClient broken = welcomed(hub, "billing");
        broken.send("{\"type\":\"events\",\"events\":[{\"sourceSeq\":");
        assertTrue(broken.next("error").path("message").asText().startsWith("malformed JSON"));
        assertEquals(1008, broken.awaitClose());
        WsClient huge = welcomed(hub, "huge");
        huge.sendQuietly("x".repeat(5 * 1024 * 1024));
        assertEquals(1009, huge.awaitClose());
        good.send(batch(1));
        assertEquals("orders", tab.events(1).get(0).path("source").asText());
        HubFixture.awaitCondition(() -> hub.stats().rejectedMessages() >= 3, () -> "refusals are counted: " + hub.stats());
    }

    @Test
    void aFloodingPublisherIsReadAtItsRateWhileAnotherSourceGoesThrough() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN).maxSourceEventsPerSecond(1000));
        WsClient tab = hubs.tab(hub, "");
        WsClient flood = welcomed(hub, "flood");
        WsClient quiet = welcomed(hub, "quiet");
        floodTwentyThousand(flood); // 20 s at the source's rate
        quiet.send(batch(1));
        long floodBefore = 0;
        while (true) {
            JsonNode frame = tab.next("events");
            boolean quietCame = false;
            for (JsonNode e : frame.path("events")) {
                if (e.path("source").asText().equals("quiet")) {
                    quietCame = true;
                } else if (!quietCame) {
                    floodBefore++;
                }
            }
            if (quietCame) {
                break;
            }
        }
        assertTrue(floodBefore < 20_000, "the quiet source's event came before the flood was through: " + floodBefore);
        assertEquals(0, hub.stats().ingestDropped(), "the hub dropped nothing: the flood waits at its source");
    }

    @Test
    void eventsMayComeAsUtf8InBinaryMessagesAndInvalidUtf8IsRefused() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient orders = welcomed(hub, "orders");
        orders.sendBinary(batch(1, 2).replace("event 2", "événement 2").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, orders.next("ack").path("sourceSeq").asLong());
        assertEquals("événement 2", tab.events(2).get(1).path("message").asText());
        byte[] bad = batch(3).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad[bad.length - 5] = (byte) 0xC3; // in "event 3": a lead byte with no continuation
        orders.sendBinary(bad);
        String why = orders.next("error").path("message").asText();
        assertTrue(why.startsWith("malformed JSON"), why);
        assertEquals(1008, orders.awaitClose());
    }

    @Test
    void anEventsExceptionContextAndMarkerReachTheTab() throws Exception {
        ConsoleHub hub = hub();
        WsClient tab = hubs.tab(hub, "");
        WsClient orders = welcomed(hub, "orders");
        ObjectNode root = JSON.createObjectNode().put("type", "events");
        ObjectNode e = root.putArray("events").addObject().put("sourceSeq", 1).put("time", 1_700_000_000_123L)
                .put("level", "ERROR").put("severity", 200).put("logger", "app.Orders").put("thread", "worker-1")
                .put("message", "payment failed").put("marker", "AUDIT").put("unknown", "ignored");
        e.putObject("thrown").put("type", "java.io.IOException").put("message", "reset").put("stack", "at app.Pay.call");
        e.putObject("context").put("user", "ann").put("order", "42");
        orders.sendBinary(JSON.writeValueAsBytes(root));
        JsonNode got = tab.events(1).get(0);
        assertEquals("orders", got.path("source").asText());
        assertEquals("ERROR", got.path("level").asText());
        assertEquals("worker-1", got.path("thread").asText());
        assertEquals("payment failed", got.path("message").asText());
        assertEquals("AUDIT", got.path("marker").asText());
        assertEquals("java.io.IOException", got.path("thrown").path("type").asText());
        assertEquals("reset", got.path("thrown").path("message").asText());
        assertEquals("at app.Pay.call", got.path("thrown").path("stack").asText());
        assertEquals("ann", got.path("context").path("user").asText());
        assertEquals("42", got.path("context").path("order").asText());
    }

    @Test
    void aBadEventInAnEventsMessageIsNamed() throws Exception {
        ConsoleHub hub = hub();
        WsClient orders = welcomed(hub, "orders");
        orders.send("{\"type\":\"events\",\"events\":[{\"sourceSeq\":2},{\"sourceSeq\":1}]}");
        assertEquals("sourceSeq 1 follows 2; numbers must rise within a message", orders.next("error").path("message").asText());
        assertEquals(1008, orders.awaitClose());
        WsClient billing = welcomed(hub, "billing");
        billing.send("{\"type\":\"events\",\"events\":[{\"sourceSeq\":\"one\"}]}");
        assertEquals("\"sourceSeq\" must be a whole number", billing.next("error").path("message").asText());
        WsClient shipping = welcomed(hub, "shipping");
        shipping.send("{\"type\":\"events\",\"events\":{}}");
        assertEquals("\"events\" must be an array of events", shipping.next("error").path("message").asText());
    }

    @Test
    void aFloodingSourceFillsOnlyItsOwnShareOfTheIngestQueueAndAQuietSourceLosesNothing() throws Exception {
        // 64 slots, 25% each: a source may have 16 events waiting; every flood message is larger than that
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN).ingestQueue(64).sourceSharePercent(25));
        WsClient tab = hubs.tab(hub, "");
        WsClient flood = welcomed(hub, "flood");
        WsClient quiet = welcomed(hub, "quiet");
        floodTwentyThousand(flood);
        quiet.send(batch(java.util.stream.LongStream.rangeClosed(1, 40).toArray()));
        long floodEvents = 0;
        List<Long> quietNumbers = new java.util.ArrayList<>();
        while (floodEvents + quietNumbers.size() < 20_040) {
            for (JsonNode e : tab.next("events").path("events")) {
                if (e.path("source").asText().equals("quiet")) {
                    quietNumbers.add(e.path("sourceSeq").asLong());
                } else {
                    assertEquals(++floodEvents, e.path("sourceSeq").asLong(), "the flood arrives whole and in order");
                }
            }
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList(), quietNumbers,
                "every event of the quiet source arrives, in order");
        HubStats stats = hub.stats();
        assertEquals(0, stats.ingestDropped(), "the hub dropped nothing: what did not fit waited at its source: " + stats);
        assertTrue(stats.publishersHeldBack() >= 20_000 / 16 / 2, "the flood was held back to its share: " + stats);
        assertEquals(20_040, stats.published());
        var http = java.net.http.HttpClient.newHttpClient();
        JsonNode served = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(hub.url().resolve("stats")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(stats.publishersHeldBack(), served.path("publishersHeldBack").asLong(), "/stats says so too");
        Object jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                new javax.management.ObjectName(ConsoleHubMXBean.DOMAIN + ":type=ConsoleHub,port=" + hub.port()),
                "PublishersHeldBack");
        assertEquals(stats.publishersHeldBack(), jmx, "and JMX");
    }

    @Test
    void aSecondApplicationCannotTakeAConnectedSourcesNameAndItsRetriesAreSaidOnce() throws Exception {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsoleHub hub = hubs.startHub(b -> b.publisherToken(PUBLISHER_TOKEN)
                .diagnostics((level, message, error) -> reports.add(level + " " + message)));
        WsClient first = welcomed(hub, "orders");
        for (int retry = 0; retry < 3; retry++) {
            WsClient other = connected(hub);
            other.send(JSON.writeValueAsString(hello("orders").put("pid", 43)));
            assertTrue(other.next("error").path("message").asText().contains("source \"orders\" is already connected"),
                    "refused at every retry");
            assertEquals(1008, other.awaitClose());
        }
        assertEquals(3, hub.stats().rejectedMessages(), "every refusal is counted");
        List<String> said = reports.stream().filter(r -> r.contains("already connected")).toList();
        assertEquals(1, said.size(), "the hub's log says it once, not at every retry: " + reports);
        assertTrue(said.get(0).matches("WARNING WebConsole: a publisher at 127\\.0\\.0\\.1:\\d+ \\(not yet a source\\) refused:"
                + " source \"orders\" is already connected from .*; give each application its own source"
                + " \\(the same refusal is said at most once a minute\\)"), said.get(0));
        first.send(batch(1));
        assertEquals(1, first.next("ack").path("sourceSeq").asLong());
    }
}
