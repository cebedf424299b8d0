package dev.webconsole.server;

import static dev.webconsole.server.testing.Events.info;
import static dev.webconsole.server.testing.Events.seqs;
import static dev.webconsole.server.testing.HubFixture.JSON;
import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hub filters by context value ({@code ctx=key:value}) and marker ({@code marker=NAME}), in the
 * query string and in a subscribe, history included, so a tab opened on one request sees its past.
 */
class ContextMarkerFilterTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static ConsoleEvent event(String message, Map<String, String> context, String marker) {
        return new ConsoleEvent(1_763_712_000_123L, "INFO", Severity.INFO, "com.acme.Orders", "main", message,
                null, context, marker, null);
    }

    /** Seqs 1..5: abc123 with SQL, abc123 alone, another request with SQL, nothing, abc123 and user ann. */
    private static void publishFive(ConsoleHub hub) throws InterruptedException {
        hub.publish(event("one", Map.of("requestId", "abc123"), "SQL"));
        hub.publish(event("two", Map.of("requestId", "abc123"), null));
        hub.publish(event("three", Map.of("requestId", "zzz999"), "SQL"));
        hub.publish(info("com.acme.Orders", "four"));
        hub.publish(event("five", Map.of("requestId", "abc123", "user", "ann"), "AUDIT"));
        awaitCondition(() -> hub.stats().lastSeq() == 5, "the five events should have seqs");
    }

    /** Sends a subscribe whose filter {@code filter} fills in. */
    private static void subscribeWith(WsClient tab, Consumer<ObjectNode> filter) throws Exception {
        ObjectNode message = subscribe();
        filter.accept(message.putObject("filter"));
        tab.send(JSON.writeValueAsString(message));
    }

    @Test
    void aContextFilterInTheQueryReplaysOnlyMatchingHistoryThenGoesLive() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publishFive(hub);
        WsClient tab = hubs.tab(hub, "ctx=requestId:abc123");
        assertEquals(seqs(1, 2, 5), seqs(tab.events(3)));
        hub.publish(event("six", Map.of("requestId", "other"), null));
        hub.publish(event("seven", Map.of("requestId", "abc123"), null));
        assertEquals(seqs(7), seqs(tab.events(1)));
    }

    @Test
    void everyContextFilterMustMatch() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publishFive(hub);
        WsClient tab = hubs.tab(hub, "ctx=requestId:abc123&ctx=user:ann");
        assertEquals(seqs(5), seqs(tab.events(1)));
    }

    @Test
    void aValueIsSplitAtTheFirstColonSoItMayHoldColons() throws Exception {
        ConsoleHub hub = hubs.startHub();
        hub.publish(event("url", Map.of("url", "http://a:8080/x"), null));
        hub.publish(event("other", Map.of("url", "http://b"), null));
        WsClient tab = hubs.tab(hub, "ctx=url:http://a:8080/x");
        assertEquals(seqs(1), seqs(tab.events(1)));
        hub.publish(event("again", Map.of("url", "http://a:8080/x"), null));
        assertEquals(seqs(3), seqs(tab.events(1)), "the second event was not for this tab");
    }

    @Test
    void aMarkerFilterShowsEventsWithAnyOfTheMarkers() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publishFive(hub);
        WsClient sql = hubs.tab(hub, "marker=SQL");
        WsClient either = hubs.tab(hub, "marker=SQL&marker=AUDIT");
        assertEquals(seqs(1, 3), seqs(sql.events(2)));
        assertEquals(seqs(1, 3, 5), seqs(either.events(3)));
        hub.publish(info("com.acme.Orders", "no marker"));
        hub.publish(event("sql", null, "SQL"));
        assertEquals(seqs(7), seqs(sql.events(1)));
    }

    @Test
    void aSubscribeWithContextAndMarkersReplacesTheFilterAndReplaysTheMatchingHistory() throws Exception {
        ConsoleHub hub = hubs.startHub();
        publishFive(hub);
        WsClient tab = hubs.tab(hub, "level=ERROR");
        subscribeWith(tab, filter -> {
            filter.putArray("ctx").add("requestId:abc123");
            filter.putArray("markers").add("SQL");
        });
        assertEquals(seqs(1), seqs(tab.events(1)));
        hub.publish(event("live", Map.of("requestId", "abc123"), "SQL"));
        assertEquals(seqs(6), seqs(tab.events(1)));
    }

    @Test
    void aContextFilterWithoutAColonInTheQueryIsRefusedNamingCtx() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "ctx=requestId");
        assertEquals("ctx=\"requestId\" is not a context filter: write ctx=key:value, such as ctx=requestId:abc123",
                tab.next("error").path("message").asText());
        assertEquals(1008, tab.awaitClose());
    }

    @Test
    void aBadContextFilterInASubscribeIsRefusedAndThePreviousFilterStays() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.tab(hub, "marker=SQL");
        WsClient other = hubs.tab(hub, "");
        subscribeWith(tab, filter -> filter.putArray("ctx").add(":abc123"));
        assertEquals("ctx=\":abc123\" is not a context filter: write ctx=key:value, such as ctx=requestId:abc123",
                tab.next("error").path("message").asText());
        hub.publish(info("app", "no marker"));
        hub.publish(event("sql", null, "SQL"));
        assertEquals(seqs(2), seqs(tab.events(1)), "the marker filter from before stays in force");
        assertEquals(seqs(1, 2), seqs(other.events(2)));
    }

    @Test
    void markersThatAreNotAnArrayOfNamesAreRefusedNamingTheField() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.tab(hub, "");
        subscribeWith(tab, filter -> filter.put("markers", "SQL"));
        assertEquals("\"markers\" must be an array of marker names", tab.next("error").path("message").asText());
        subscribeWith(tab, filter -> filter.putArray("markers").add(" "));
        assertEquals("marker=\" \" is empty: write marker=NAME, such as marker=SQL", tab.next("error").path("message").asText());
        hub.publish(info("app", "the tab still takes everything"));
        assertEquals(seqs(1), seqs(tab.events(1)));
    }

    @Test
    void aSourceFilterLeavesOutEventsWithoutASourceAndTheHubGoesOn() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient billing = hubs.tab(hub, "source=billing");
        WsClient all = hubs.tab(hub, "");
        hub.publish(info("app", "from this JVM, no source"));
        hub.publish(new ConsoleEvent(1L, "INFO", Severity.INFO, "app", "main", "billing", null, null, null, "billing"));
        assertEquals(seqs(1, 2), seqs(all.events(2)));
        assertEquals(List.of("billing"), billing.events(1).stream().map(e -> e.path("source").asText()).toList());
    }
}
