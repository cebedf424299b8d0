package dev.webconsole.server;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.subscribe;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.webconsole.server.testing.HubFixture;
import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.RawHttp;
import dev.webconsole.server.testing.RawHttp.Reply;
import dev.webconsole.server.testing.WsClient;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final String TOKEN = "s3cret-token-for-tests";

    @Test
    void aForeignOriginCannotOpenTheSocket() throws Exception {
        ConsoleHub hub = hubs.startHub();
        assertEquals(403, RawHttp.upgrade(hub.port(), "/ws", "Origin: http://evil.example").status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws", "Origin: http://127.0.0.1:" + hub.port()).status());
    }

    @Test
    void anAllowedOriginMayOpenTheSocket() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.allowedOrigins(List.of("https://logs.example.com")));
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws", "Origin: https://logs.example.com").status());
        assertEquals(403, RawHttp.upgrade(hub.port(), "/ws", "Origin: https://other.example.com").status());
    }

    @Test
    void aForeignHostIsRefusedForThePageAndTheSocket() throws Exception {
        ConsoleHub hub = hubs.startHub();
        assertEquals(403, RawHttp.get(hub.port(), "/", "Host: evil.example:" + hub.port()).status());
        assertEquals(403, RawHttp.upgrade(hub.port(), "/ws", "Host: evil.example:" + hub.port()).status());
        assertEquals(200, RawHttp.get(hub.port(), "/", "Host: localhost:" + hub.port()).status());
    }

    @Test
    void anAllowedHostIsAnswered() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.allowedHosts(List.of("logs.internal")));
        assertEquals(200, RawHttp.get(hub.port(), "/", "Host: logs.internal").status());
    }

    @Test
    void withATokenEveryEntryNeedsIt() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (String path : List.of("/", "/index.html", "/stats")) {
            Reply missing = RawHttp.get(hub.port(), path);
            assertEquals(401, missing.status(), path);
            assertEquals("401 Unauthorized\n", missing.body(), "a 401 gives no hint");
            assertEquals(401, RawHttp.get(hub.port(), path + "?token=wrong-token-value").status(), path);
        }
        assertEquals(401, RawHttp.upgrade(hub.port(), "/ws").status());
        assertEquals(401, RawHttp.upgrade(hub.port(), "/ws?token=nope-nope-nope").status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws?token=" + TOKEN).status());
        assertEquals(200, RawHttp.get(hub.port(), "/stats", "Authorization: Bearer " + TOKEN).status());
    }

    @Test
    void theTokenInThePageUrlSetsAStrictHttpOnlyCookie() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        Reply page = RawHttp.get(hub.port(), "/?token=" + TOKEN);
        assertEquals(200, page.status());
        String cookie = page.header("set-cookie");
        assertNotNull(cookie);
        String name = "webconsole_token_" + hub.port(); // cookies ignore ports: each hub has its own
        assertTrue(cookie.startsWith(name + "=" + TOKEN), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, RawHttp.get(hub.port(), "/console.css", "Cookie: " + name + "=" + TOKEN).status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws", "Cookie: " + name + "=" + TOKEN).status());
        assertEquals(401, RawHttp.get(hub.port(), "/console.css", "Cookie: webconsole_token_1=" + TOKEN).status());
    }

    @Test
    void repeatedFailuresFromOneAddressAreSlowedDown() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(RawHttp.get(hub.port(), "/?token=guess-number-" + i).status());
        }
        assertEquals(401, statuses.get(0));
        assertEquals(429, statuses.get(11), statuses.toString());
        assertEquals(429, RawHttp.get(hub.port(), "/?token=another-guess").status(), "wrong guesses stay refused for the minute");
        assertEquals(200, RawHttp.get(hub.port(), "/?token=" + TOKEN).status(), "the right token is slowed, never refused");
    }

    @Test
    void tabsRetryingOneStaleTokenDoNotLockTheOwnerOut() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (int i = 0; i < 30; i++) {
            assertEquals(401, RawHttp.upgrade(hub.port(), "/ws?token=token-of-the-previous-run").status());
        }
        assertEquals(200, RawHttp.get(hub.port(), "/?token=" + TOKEN).status());
    }

    @Test
    void aForeignPageCannotSpendTheOwnersFailureBudget() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (int i = 0; i < 30; i++) {
            assertEquals(403, RawHttp.upgrade(hub.port(), "/ws?token=guess-" + i, "Origin: http://evil.example").status());
        }
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws?token=" + TOKEN).status());
    }

    @Test
    void anAllowedOriginMatchesWithOrWithoutItsDefaultPort() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.allowedOrigins(List.of("https://logs.example.com:443")));
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws", "Origin: https://logs.example.com").status());
    }

    @Test
    void anAutoTokenIsGeneratedAndPutInTheUrlToOpen() {
        ConsoleHub hub = hubs.startHub(b -> b.token("auto"));
        String token = hub.config().token();
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertEquals(hub.url() + "?token=" + token, hub.openUrl().toString());
    }

    @Test
    void bindingBeyondLoopbackNeedsATokenTlsOrInsecure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubConfig.builder().host("0.0.0.0").build());
        assertEquals("host=\"0.0.0.0\" lets other machines connect, and logs are sensitive: set token=\"auto\" "
                + "(or a token of your own), configure TLS with keystore, or set insecure=\"true\" to allow it anyway",
                e.getMessage());
        assertFalse(HubConfig.builder().host("0.0.0.0").token("auto").build().isLoopback());
        assertFalse(HubConfig.builder().host("0.0.0.0").insecure(true).build().isLoopback());
        assertTrue(HubConfig.builder().host("localhost").build().isLoopback());
    }

    @Test
    void everyResponseCarriesTheHardeningHeaders() throws Exception {
        ConsoleHub hub = hubs.startHub();
        for (String path : List.of("/", "/index.html", "/console.css", "/js/app.js", "/stats", "/missing.html")) {
            Reply reply = RawHttp.get(hub.port(), path);
            String csp = reply.header("content-security-policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("default-src 'self'"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertTrue(csp.contains("connect-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", reply.header("x-content-type-options"), path);
            assertEquals("no-referrer", reply.header("referrer-policy"), path);
            assertEquals("no-store", reply.header("cache-control"), path);
            assertEquals(null, reply.header("server"), path);
            assertFalse(reply.body().contains("12.1"), "no version in the body of " + path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/%2e%2e/pom.xml", "/js/..%2f..%2fpom.xml", "/js/%2e%2e/index.html",
        "/%5c..%5cpom.xml", "/.%2e/x", "/js/../index.html", "/js/", "/dev/webconsole/web/index.html",
        "/nope", "//etc/passwd", "/index.html%00.css"})
    void traversalAndUnknownPathsGet404(String path) throws Exception {
        ConsoleHub hub = hubs.startHub();
        assertEquals(404, RawHttp.get(hub.port(), path).status(), path);
    }

    @Test
    void tabsBeyondMaxSessionsGet503AndTheStatusSaysSoOnce() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        ConsoleHub hub = hubs.startHub(b -> b.maxTabs(2).diagnostics((level, message, error) -> reports.add(message)));
        hubs.connect(hub, "").next("hello");
        hubs.connect(hub, "").next("hello");
        assertEquals(503, RawHttp.upgrade(hub.port(), "/ws").status());
        assertEquals(503, RawHttp.upgrade(hub.port(), "/ws").status());
        assertEquals(1, reports.stream().filter(m -> m.contains("maxTabs")).count(), reports.toString());
    }

    @Test
    void aClosedTabFreesItsPlace() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxTabs(1));
        WsClient first = hubs.connect(hub, "");
        first.next("hello");
        first.close();
        first.awaitClose();
        awaitCondition(() -> {
            try {
                return RawHttp.upgrade(hub.port(), "/ws").status() == 101;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "the place of a closed tab should be free again");
    }

    @Test
    void upgradeAttemptsPerSecondAreCapped() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxUpgradesPerSecond(3).maxTabs(100));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(RawHttp.upgrade(hub.port(), "/ws").status());
        }
        assertTrue(statuses.contains(429), statuses.toString());
        assertTrue(statuses.contains(101), statuses.toString());
    }

    @Test
    void aFloodOfSubscribesIsCapped() throws Exception {
        ConsoleHub hub = hubs.startHub();
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        for (int i = 0; i < 200; i++) {
            tab.send("{\"type\":\"subscribe\",\"filter\":{\"level\":\"INFO\"}}");
        }
        // Once a refusal is counted its error is queued; an event published after it comes after it.
        awaitCondition(() -> hub.stats().rejectedMessages() > 0, "the flood should be refused");
        hub.publish(info("a", "after the flood"));
        boolean capped = false;
        while (true) {
            JsonNode frame = tab.next();
            if (frame.path("type").asText().equals("error")) {
                capped |= frame.path("message").asText().startsWith("too many subscribe messages");
            } else if (frame.path("type").asText().equals("events")
                    && frame.path("events").get(frame.path("events").size() - 1).path("message").asText().equals("after the flood")) {
                break;
            }
        }
        assertTrue(capped);
        assertTrue(hub.stats().rejectedMessages() > 0);
    }

    @Test
    void aPeerThatNeverAnswersPingsIsDisconnected() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.pingInterval(java.time.Duration.ofMillis(100)));
        try (Socket dead = new Socket("127.0.0.1", hub.port())) {
            assertEquals(101, RawHttp.upgradeOn(dead, "/ws").status());
            awaitCondition(() -> hub.stats().tabs() == 1, "the raw tab should be registered");
            // The raw socket never reads, so it never answers a ping.
            awaitCondition(() -> hub.stats().tabs() == 0, "a silent peer should be disconnected");
        }
    }

    @Test
    void redactionMasksMessageContextAndStack() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.redact(List.of("(?<=password=)\\S+", "(?i)bearer [A-Za-z0-9._-]+")));
        WsClient tab = hubs.connect(hub, "");
        tab.next("hello");
        hub.publish(new ConsoleEvent(1L, "WARN", Severity.WARN, "auth", "main",
                "login with password=hunter2 failed",
                new ConsoleEvent.ThrownInfo("java.lang.IllegalStateException", "header Bearer abc.def.ghi rejected",
                        "java.lang.IllegalStateException: header Bearer abc.def.ghi rejected\n\tat a.B(B.java:1)"),
                Map.of("auth", "Bearer abc.def.ghi", "user", "ann"), null, null));
        JsonNode event = tab.events(1).get(0);
        String text = event.toString();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("abc.def.ghi"), text);
        assertEquals("login with password=*** failed", event.path("message").asText());
        assertEquals("***", event.path("context").path("auth").asText());
        assertEquals("ann", event.path("context").path("user").asText());
        assertTrue(event.path("thrown").path("stack").asText().startsWith("java.lang.IllegalStateException: header *** rejected"));
    }

    @Test
    void aBadRedactPatternIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubConfig.builder().redact(List.of("password=(")).build());
        assertTrue(e.getMessage().startsWith("redact=\"password=(\" is not a valid regular expression"), e.getMessage());
    }
}
