package dev.webconsole.appender.internal;

import dev.webconsole.server.HubConfig;
import java.net.URI;
import java.net.URISyntaxException;

/** Reads a publishing appender's attributes, naming the attribute that is wrong. */
public final class PublisherSettings {
    private PublisherSettings() {}

    /** @throws IllegalArgumentException naming the attribute and the fix */
    /** @param control the appender's control, maxBoosts and boostMinute, and its level control, as an embedded hub would take them */
    public static PublisherManager.Settings read(String hub, String token, String outbox, String source, HubConfig control) {
        URI uri;
        try {
            uri = new URI(hub.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hub=\"" + hub + "\" is not an address: use ws://host:port or wss://host:port");
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("hub=\"" + hub + "\" is not a WebSocket address: use ws://host:port or wss://host:port");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("hub=\"" + hub + "\" needs publisherToken: the token the hub was started "
                    + "with (--publisher-token), not the viewers' token");
        }
        int capacity = Attributes.number("outbox", outbox);
        if (capacity < 1 || capacity > 10_000_000) {
            throw new IllegalArgumentException("outbox=\"" + capacity + "\" is out of range: use 1 to 10000000");
        }
        if (source.length() > 200) {
            throw new IllegalArgumentException("source is " + source.length() + " characters long; at most 200");
        }
        return new PublisherManager.Settings(uri, source, token, capacity, control.levelControl(), control.control(),
                control.maxBoosts(), control.boostMinute());
    }
}
