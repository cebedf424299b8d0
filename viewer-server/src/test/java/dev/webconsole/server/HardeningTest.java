package dev.webconsole.server;

import static dev.webconsole.server.testing.HubFixture.awaitCondition;
import static dev.webconsole.server.testing.HubFixture.awaitTabs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.RawHttp;
import dev.webconsole.server.testing.RawHttp.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an outsider on this machine can try with raw sockets: guesses, odd paths, broken requests, connection floods. */
class HardeningTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();

    private static final String TOKEN = "s3cret-token-for-tests";

    @Test
    void aForeignPageNeverSpendsTheOwnersGuessBudget() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (int i = 0; i < 30; i++) {
            // What an <img src="http://127.0.0.1:port/?token=..."> on another site sends: no Origin, cross-site.
            assertEquals(403, RawHttp.get(hub.port(), "/?token=img-guess-" + i, "Sec-Fetch-Site: cross-site").status());
            assertEquals(403, RawHttp.get(hub.port(), "/stats?token=fetch-guess-" + i, "Origin: http://evil.example").status());
        }
        assertEquals(200, RawHttp.get(hub.port(), "/?token=" + TOKEN).status());
        assertEquals(200, RawHttp.get(hub.port(), "/stats", "Authorization: Bearer " + TOKEN).status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws?token=" + TOKEN).status());
        assertEquals(401, RawHttp.get(hub.port(), "/?token=one-wrong-guess").status(), "the budget is untouched");
    }

    @Test
    void aCrossSiteRequestIsRefusedWithWhatToDoAndTheOwnersAreServed() throws Exception {
        ConsoleHub hub = hubs.startHub();
        for (String site : List.of("cross-site", "same-site")) {
            Reply reply = RawHttp.get(hub.port(), "/", "Sec-Fetch-Site: " + site);
            assertEquals(403, reply.status(), site);
            assertEquals("403 Forbidden: requests from other sites are refused; open the console's address directly"
                    + " (type or paste it into the address bar)\n", reply.body(), site);
        }
        // Typed, pasted or a bookmark ("none"), the page's own requests ("same-origin"), and clients that send neither.
        assertEquals(200, RawHttp.get(hub.port(), "/", "Sec-Fetch-Site: none").status());
        assertEquals(200, RawHttp.get(hub.port(), "/js/app.js", "Sec-Fetch-Site: same-origin").status());
        assertEquals(200, RawHttp.get(hub.port(), "/stats").status());
    }

    @Test
    void theRightTokenWinsOverALockout() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (int i = 0; i < 11; i++) {
            RawHttp.get(hub.port(), "/?token=local-guess-" + i);
        }
        assertEquals(429, RawHttp.get(hub.port(), "/?token=local-guess-last").status());
        assertEquals(200, RawHttp.get(hub.port(), "/?token=" + TOKEN).status());
        assertEquals(200, RawHttp.get(hub.port(), "/stats", "Authorization: Bearer " + TOKEN).status());
        assertEquals(101, RawHttp.upgrade(hub.port(), "/ws?token=" + TOKEN).status());
    }

    @Test
    void theGuessBudgetHoldsAcrossManySourceAddresses() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.token(TOKEN));
        for (int i = 0; i < 10; i++) {
            assertEquals(401, RawHttp.getFrom("127.0.0.1", hub.port(), "/?token=guess-" + i).status());
        }
        // One guess from each of 90 more addresses spends the budget of all addresses together (100).
        for (int i = 0; i < 90; i++) {
            assertEquals(401, RawHttp.getFrom(address(i), hub.port(), "/?token=spread-" + i).status(), address(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> late = new ArrayList<>();
            for (int i = 90; i < 140; i++) {
                String from = address(i);
                String guess = "/?token=late-" + i;
                late.add(pool.submit(() -> RawHttp.getFrom(from, hub.port(), guess).status()));
            }
            for (Future<Integer> status : late) {
                assertEquals(429, status.get(WAIT_SECONDS, TimeUnit.SECONDS), "a fresh address gains nothing");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(429, RawHttp.getFrom("127.0.0.1", hub.port(), "/?token=guess-again").status(), "still locked");
        assertEquals(200, RawHttp.getFrom("127.0.0.1", hub.port(), "/?token=" + TOKEN).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/js/..;/index.html", "/js/%u002e%u002e/index.html", "/js", "/js/;", "/index.html;.js",
        "/js/app.js;jsessionid=1", "/;", "/console.css;x=1", "/js/app.js/", "/JS/app.js"})
    void onlyThePagesOwnFilesAreServed(String path) throws Exception {
        ConsoleHub hub = hubs.startHub();
        Reply reply = RawHttp.get(hub.port(), path);
        assertEquals(404, reply.status(), path);
        assertEquals("404 Not Found\n", reply.body(), path);
    }

    @Test
    void thePagesFilesAreStillServed() throws Exception {
        ConsoleHub hub = hubs.startHub();
        for (String path : List.of("/", "/index.html", "/console.css", "/js/app.js", "/js/rows.js", "/stats")) {
            assertEquals(200, RawHttp.get(hub.port(), path).status(), path);
        }
    }

    @Test
    void errorsFromTheParserCarryTheHardeningHeaders() throws Exception {
        ConsoleHub hub = hubs.startHub();
        String host = "Host: 127.0.0.1:" + hub.port() + "\r\n";
        List<String> requests = List.of(
                "GET / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "GET / HTTP/1.1\r\n" + host + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n",
                "GET / HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                "GET / HTTP/3.0\r\n" + host + "\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "GET /../pom.xml HTTP/1.1\r\n" + host + "\r\n");
        List<Integer> statuses = new ArrayList<>();
        for (String request : requests) {
            Reply reply = RawHttp.send(hub.port(), request);
            statuses.add(reply.status());
            String what = reply.status() + " for " + request.substring(0, Math.min(40, request.length()));
            assertTrue(reply.status() >= 400, what);
            assertNotNull(reply.header("content-security-policy"), what);
            assertTrue(reply.header("content-security-policy").contains("frame-ancestors 'none'"), what);
            assertEquals("nosniff", reply.header("x-content-type-options"), what);
            assertEquals("no-referrer", reply.header("referrer-policy"), what);
            assertEquals("DENY", reply.header("x-frame-options"), what);
        }
        assertTrue(statuses.containsAll(List.of(400, 414, 431, 404)), statuses.toString());
    }

    @Test
    void connectionsBeyondTheLimitPerAddressAreClosed() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxConnectionsPerAddress(4).headerTimeout(Duration.ofSeconds(20)));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                held.add(halfRequest("127.0.0.2", hub.port()));
            }
            int closed = 0;
            for (Socket socket : held.subList(4, 10)) {
                closed += isClosedByServer(socket) ? 1 : 0;
            }
            assertEquals(6, closed, "connections over the limit are closed at once");
            assertEquals(200, RawHttp.getFrom("127.0.0.1", hub.port(), "/").status(), "another address is served");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        awaitCondition(() -> {
            try {
                return RawHttp.getFrom("127.0.0.2", hub.port(), "/").status() == 200;
            } catch (IOException stillFull) {
                return false;
            }
        }, "refused and closed connections give their places back");
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxConnectionsPerAddress(2));
        for (int i = 0; i < 20; i++) {
            // The hub may see the close a moment after the client: wait for the place, boundedly.
            awaitCondition(() -> {
                try {
                    return RawHttp.get(hub.port(), "/stats").status() == 200;
                } catch (IOException closedAtOnce) {
                    return false;
                }
            }, "request " + i + " should find a free place");
        }
        // The same for the tab: the last request's place may come back a moment later.
        List<Socket> tab = new ArrayList<>();
        awaitCondition(() -> upgraded(hub.port(), tab), "the tab should find a free place");
        awaitTabs(hub, 1);
        tab.get(0).close();
        awaitTabs(hub, 0);
        for (int i = 0; i < 2; i++) {
            awaitCondition(() -> {
                try {
                    return RawHttp.get(hub.port(), "/stats").status() == 200;
                } catch (IOException closedAtOnce) {
                    return false;
                }
            }, "a closed tab gives its place back");
        }
    }

    @Test
    void aConnectionThatTricklesItsHeadersIsClosedAndTheOwnerIsServed() throws Exception {
        ConsoleHub hub = hubs.startHub(b -> b.maxConnectionsPerAddress(1000).headerTimeout(Duration.ofMillis(500)));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                tricklers.add(halfRequest(address(i % 20), hub.port()));
            }
            // One byte every 50 ms on each: never idle long enough for the idle timeout, never a whole head.
            trickle.scheduleAtFixedRate(() -> {
                for (Socket s : tricklers) {
                    try {
                        s.getOutputStream().write('x');
                    } catch (IOException closed) {
                        // closed by the hub: what this test waits for
                    }
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
            assertEquals(200, RawHttp.getFrom("127.0.0.1", hub.port(), "/").status(), "the owner's page loads");
            for (Socket socket : tricklers) {
                assertTrue(isClosedByServer(socket), "a trickling connection is closed by the header deadline");
            }
        } finally {
            trickle.shutdownNow();
            for (Socket socket : tricklers) {
                socket.close();
            }
        }
    }

    private static final long WAIT_SECONDS = 30;

    /** A loopback address other than 127.0.0.1: 127.0.1.x. */
    private static String address(int i) {
        return "127.0." + (1 + i / 250) + "." + (1 + i % 250);
    }

    private static Socket halfRequest(String from, int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Opens a tab on a new connection; true, with the socket added to {@code opened}, if it got 101. */
    private static boolean upgraded(int port, List<Socket> opened) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            try {
                if (RawHttp.upgradeOn(socket, "/ws").status() == 101) {
                    opened.add(socket);
                    return true;
                }
            } catch (IOException closedAtOnce) {
                // refused at accept: closed below, and tried again
            }
            socket.close();
            return false;
        } catch (IOException notConnected) {
            return false;
        }
    }

    /** Reads until the server closes the socket; a read timeout means it did not. */
    private static boolean isClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
