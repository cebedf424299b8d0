package dev.webconsole.server;

import dev.webconsole.server.testing.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts real hubs on port 0 and a real WebSocket client; stops everything after each test. */
abstract class HubTestBase {
    protected WebSocketClient client;
    private final List<ConsoleHub> hubs = new ArrayList<>();
    private final List<WsClient> sockets = new ArrayList<>();

    @BeforeEach
    void startClient() throws Exception {
        client = new WebSocketClient();
        client.setMaxTextMessageSize(64L * 1024 * 1024); // a browser has no such limit
        client.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        sockets.forEach(WsClient::close);
        hubs.forEach(ConsoleHub::stop);
        client.stop();
    }

    protected ConsoleHub startHub() {
        return startHub(b -> b);
    }

    protected ConsoleHub startHub(UnaryOperator<HubConfig.Builder> settings) {
        ConsoleHub hub = new ConsoleHub(settings.apply(HubConfig.builder().port(0)).build());
        hub.start();
        hubs.add(hub);
        return hub;
    }

    protected WsClient connect(ConsoleHub hub, String query) throws Exception {
        return track(WsClient.connect(client, wsUri(hub, query)));
    }

    protected WsClient connectNotReading(ConsoleHub hub, String query) throws Exception {
        return track(WsClient.connect(client, wsUri(hub, query), false));
    }

    protected static URI wsUri(ConsoleHub hub, String query) {
        return URI.create("ws://127.0.0.1:" + hub.port() + "/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    private WsClient track(WsClient ws) {
        sockets.add(ws);
        return ws;
    }
}
