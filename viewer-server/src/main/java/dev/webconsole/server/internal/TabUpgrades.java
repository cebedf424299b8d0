package dev.webconsole.server.internal;

import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/** Answers {@code /ws} upgrades: 503 when every tab place is taken, else an endpoint with the query string's filter. */
final class TabUpgrades implements WebSocketCreator {
    private final TabEndpoint.Services services;
    private final boolean compression;

    TabUpgrades(TabEndpoint.Services services, boolean compression) {
        this.services = services;
        this.compression = compression;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (services.admission().refuseUpgrade(request, response, callback)) {
            return null;
        }
        if (!compression) {
            response.setExtensions(List.of()); // no permessage-deflate unless configured: see docs/PERFORMANCE.md
        }
        try {
            return new TabEndpoint(services, services.messages().parseQuery(Request.extractQueryParameters(request)), null);
        } catch (ClientMessages.BadMessageException e) {
            return new TabEndpoint(services, Subscription.ALL, e.getMessage());
        }
    }
}
