package dev.webconsole.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real hubs on port 0, a real Jetty WebSocket client and hand-written raw sockets, all on
 * loopback. A JUnit extension: register it with
 * {@code @RegisterExtension final HubFixture hubs = new HubFixture();} and everything a test
 * started is stopped after it.
 */
public final class HubFixture implements BeforeEachCallback, AfterEachCallback {
    public static final ObjectMapper JSON = new ObjectMapper();

    private WebSocketClient client;
    private final List<ConsoleHub> hubs = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext test) throws Exception {
        client = new WebSocketClient();
        client.setMaxTextMessageSize(64L * 1024 * 1024); // a browser has no such limit
        client.start();
    }

    @Override
    public void afterEach(ExtensionContext test) throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        hubs.forEach(ConsoleHub::stop);
        client.stop();
    }

    /** The WebSocket client tabs connect with; for a test that closes its own tabs. */
    public WebSocketClient client() {
        return client;
    }

    public ConsoleHub startHub() {
        return startHub(b -> b);
    }

    public ConsoleHub startHub(UnaryOperator<HubConfig.Builder> settings) {
        ConsoleHub hub = new ConsoleHub(settings.apply(HubConfig.builder().port(0)).build());
        hub.start();
        hubs.add(hub);
        return hub;
    }

    public WsClient connect(ConsoleHub hub, String query) throws Exception {
        return track(WsClient.connect(client, wsUri(hub, query)));
    }

    /** A publisher at {@code /publish} with {@code token} that said hello as {@code source} from host "laptop", and was welcomed. */
    public WsClient publisher(ConsoleHub hub, String token, String source) throws Exception {
        return publisher(hub, token, source, "laptop", 42);
    }

    /** As {@link #publisher(ConsoleHub, String, String)}, from another application: {@code host} and {@code pid}. */
    public WsClient publisher(ConsoleHub hub, String token, String source, String host, long pid) throws Exception {
        WsClient p = track(WsClient.connectWithToken(client, URI.create("ws://127.0.0.1:" + hub.port() + "/publish"), token));
        p.send(JSON.writeValueAsString(JSON.createObjectNode().put("type", "hello").put("source", source).put("host", host)
                .put("pid", pid).put("jvm", "17").put("startTime", 1L)));
        p.next("welcome");
        return p;
    }

    /** A tab connected with {@code query} whose hello has been read. */
    public WsClient tab(ConsoleHub hub, String query) throws Exception {
        WsClient tab = connect(hub, query);
        tab.next("hello");
        return tab;
    }

    public WsClient connectNotReading(ConsoleHub hub, String query) throws Exception {
        return track(WsClient.connect(client, wsUri(hub, query), false));
    }

    /** A hand-written client; {@code receiveBuffer} 0 keeps the system default. */
    public RawWebSocket connectRaw(ConsoleHub hub, String query, int receiveBuffer) throws IOException {
        return track(RawWebSocket.connect(hub.port(), "/ws" + (query.isEmpty() ? "" : "?" + query), receiveBuffer));
    }

    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    public static URI wsUri(ConsoleHub hub, String query) {
        return URI.create("ws://127.0.0.1:" + hub.port() + "/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    /** {@code {"type":"subscribe"}}, to which a test adds {@code since}, {@code hub} or a filter. */
    public static ObjectNode subscribe() {
        return JSON.createObjectNode().put("type", "subscribe");
    }

    public static void awaitTabs(ConsoleHub hub, int tabs) throws InterruptedException {
        awaitCondition(() -> hub.stats().tabs() == tabs,
                () -> "expected " + tabs + " tabs, have " + hub.stats().tabs());
    }

    /** Waits for a condition with a bound ({@link WsClient#WAIT}), yielding between checks. */
    public static void awaitCondition(BooleanSupplier condition, String message) throws InterruptedException {
        awaitCondition(condition, () -> message);
    }

    /** Waits for a condition with a bound ({@link WsClient#WAIT}), yielding between checks. */
    public static void awaitCondition(BooleanSupplier condition, java.util.function.Supplier<String> message)
            throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            LockSupport.parkNanos(1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Live threads whose names start with {@code prefix}. */
    public static List<String> threadsNamed(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
