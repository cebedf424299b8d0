package dev.webconsole.server;

import static dev.webconsole.server.HubSettings.*;

import dev.webconsole.server.internal.HostNames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link ConsoleHub}. Build one with {@link #builder()}; {@link Builder#build()}
 * rejects a bad value with an {@link IllegalArgumentException} that names the setting and the value.
 * A setting that is not set keeps its default, which is given with its check in {@link HubSettings}.
 */
public final class HubConfig {
    /** {@code token="auto"} generates a random token at start. */
    public static final String AUTO_TOKEN = HubSettings.AUTO_TOKEN;

    private final Map<Setting<?>, Object> values;
    /** The token in force: the configured one, or the one generated for "auto". */
    private final String token;
    private final List<Pattern> redact;

    private HubConfig(Map<Setting<?>, Object> values, String token, List<Pattern> redact) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values)); // some defaults are null
        this.token = token;
        this.redact = redact;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address to bind; {@code 127.0.0.1} by default. */
    public String host() { return get(HOST); }

    /** The port to bind; 0 picks a free one. */
    public int port() { return get(PORT); }

    /** How many recent events are kept for tabs that connect or reconnect. */
    public int history() { return get(HISTORY); }

    /** How many events may wait for one tab before its oldest are dropped (and reported as a gap). */
    public int tabQueue() { return get(TAB_QUEUE); }

    /** How many events may wait for the dispatcher before new ones are dropped (and reported as a gap). */
    public int ingestQueue() { return get(INGEST_QUEUE); }

    /** How many tabs may be connected at once; more are refused with HTTP 503. */
    public int maxTabs() { return get(MAX_TABS); }

    /** How many frames per second one tab gets at most; events that arrive meanwhile share a frame. */
    public int maxFramesPerSecond() { return get(MAX_FRAMES_PER_SECOND); }

    /** How many events one frame carries at most. */
    public int maxEventsPerFrame() { return get(MAX_EVENTS_PER_FRAME); }

    /** The largest message a tab may send; a larger one closes it with 1009. */
    public int maxInboundBytes() { return get(MAX_INBOUND_BYTES); }

    /** Messages and stack traces longer than this are cut and marked as truncated. */
    public int maxMessageChars() { return get(MAX_MESSAGE_CHARS); }

    /** Whether tabs that offer permessage-deflate get it; off by default (see docs/PERFORMANCE.md). */
    public boolean compression() { return get(COMPRESSION); }

    /** How many WebSocket upgrades the hub accepts per second, from everyone together; more get HTTP 429. */
    public int maxUpgradesPerSecond() { return get(MAX_UPGRADES_PER_SECOND); }

    /** How often the hub pings each tab; a tab silent for 3 intervals is disconnected as dead. */
    public Duration pingInterval() { return get(PING_INTERVAL); }

    /** How many connections one client address may hold open at once; more are closed as they arrive. */
    public int maxConnectionsPerAddress() { return get(MAX_CONNECTIONS_PER_ADDRESS); }

    /** How long a connection may take to send a request's headers before it is closed. */
    public Duration headerTimeout() { return get(HEADER_TIMEOUT); }

    /** The token the page, {@code /ws} and {@code /stats} require, or {@code null} for none. */
    public String token() { return token; }

    /** The token publishers present at {@code /publish}, or {@code null}: then the hub takes no publishers. */
    public String publisherToken() { return get(PUBLISHER_TOKEN); }

    /** How many events per second the hub reads from one publisher at most; a faster one is read more slowly. */
    public int maxSourceEventsPerSecond() { return get(MAX_SOURCE_EVENTS_PER_SECOND); }

    /** How full (in percent) the ingest queue may be before the hub stops reading from publishers for a moment. */
    public int sourceSharePercent() { return get(SOURCE_SHARE); }

    /** Origins besides the hub's own whose pages may open {@code /ws} (for a reverse proxy). */
    public List<String> allowedOrigins() { return get(ALLOWED_ORIGINS); }

    /** Host names besides the hub's own that requests may name (for a reverse proxy); {@code *} allows any. */
    public List<String> allowedHosts() { return get(ALLOWED_HOSTS); }

    /** Whether a non-loopback address may be bound without a token or TLS. */
    public boolean insecure() { return get(INSECURE); }

    /** The keystore for https and wss, or {@code null} for plain http. */
    public Path keystore() { return get(KEYSTORE); }

    /** Whether the hub serves https and wss: a keystore is set. */
    public boolean isTls() { return keystore() != null; }

    public String keystorePassword() { return get(KEYSTORE_PASSWORD); }

    /** The keystore's type; {@code PKCS12} by default. */
    public String keystoreType() { return get(KEYSTORE_TYPE); }

    /** Patterns whose matches are masked in messages, context values and stack text before they leave the process. */
    public List<Pattern> redact() { return redact; }

    /**
     * Whether tabs may boost levels and take thread dumps: by default only on loopback; beyond it
     * only with {@code control=true} together with a token or TLS.
     */
    public boolean control() { return Exposure.control(get(CONTROL), host()); }

    /** How many level boosts may be active at once. */
    public int maxBoosts() { return get(MAX_BOOSTS); }

    /** How long one minute of a level boost lasts; a minute except in tests. */
    public Duration boostMinute() { return get(BOOST_MINUTE); }

    /** What applies level boosts in the application, or {@code null} when the hub has none. */
    public LevelControl levelControl() { return get(LEVEL_CONTROL); }

    /** Whether the configured host is a loopback address. */
    public boolean isLoopback() { return HostNames.isLoopback(host()); }

    /** How long {@link ConsoleHub#stop()} waits for tabs to close. */
    public Duration stopTimeout() { return get(STOP_TIMEOUT); }

    public Diagnostics diagnostics() { return get(DIAGNOSTICS); }

    /**
     * The names of the settings in which {@code other} differs from this config (password, stop
     * timeout and diagnostics aside; a generated token counts as the same setting as another
     * generated token).
     */
    public List<String> differences(HubConfig other) {
        List<String> names = new ArrayList<>();
        for (Setting<?> s : SETTINGS) {
            if (s.compared() && !Objects.equals(values.get(s), other.values.get(s))) {
                names.add(s.name());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked") // each value was set through its own typed setting
    private <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** Builds a {@link HubConfig}; every setter returns this builder. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new HashMap<>();

        private Builder() {
            for (Setting<?> s : SETTINGS) {
                values.put(s, s.defaultValue());
            }
        }

        private <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        public Builder host(String host) { return set(HOST, host); }
        public Builder port(int port) { return set(PORT, port); }
        public Builder history(int history) { return set(HISTORY, history); }
        public Builder tabQueue(int tabQueue) { return set(TAB_QUEUE, tabQueue); }
        public Builder ingestQueue(int ingestQueue) { return set(INGEST_QUEUE, ingestQueue); }
        public Builder maxTabs(int maxTabs) { return set(MAX_TABS, maxTabs); }
        public Builder maxFramesPerSecond(int value) { return set(MAX_FRAMES_PER_SECOND, value); }
        public Builder maxEventsPerFrame(int value) { return set(MAX_EVENTS_PER_FRAME, value); }
        public Builder maxInboundBytes(int value) { return set(MAX_INBOUND_BYTES, value); }
        public Builder maxMessageChars(int value) { return set(MAX_MESSAGE_CHARS, value); }
        public Builder compression(boolean value) { return set(COMPRESSION, value); }
        public Builder maxUpgradesPerSecond(int value) { return set(MAX_UPGRADES_PER_SECOND, value); }
        public Builder pingInterval(Duration value) { return set(PING_INTERVAL, value); }
        public Builder maxConnectionsPerAddress(int value) { return set(MAX_CONNECTIONS_PER_ADDRESS, value); }
        public Builder headerTimeout(Duration value) { return set(HEADER_TIMEOUT, value); }
        /** A secret the page and socket require; {@code "auto"} generates one; {@code null} or empty for none. */
        public Builder token(String token) { return set(TOKEN, token == null || token.isBlank() ? null : token); }
        /** A secret publishers must present; {@code null} or empty: the hub takes no publishers. */
        public Builder publisherToken(String token) { return set(PUBLISHER_TOKEN, token == null || token.isBlank() ? null : token); }
        public Builder maxSourceEventsPerSecond(int value) { return set(MAX_SOURCE_EVENTS_PER_SECOND, value); }
        public Builder sourceSharePercent(int value) { return set(SOURCE_SHARE, value); }
        public Builder allowedOrigins(List<String> origins) { return set(ALLOWED_ORIGINS, List.copyOf(origins)); }
        public Builder allowedHosts(List<String> hosts) { return set(ALLOWED_HOSTS, List.copyOf(hosts)); }
        public Builder insecure(boolean insecure) { return set(INSECURE, insecure); }
        public Builder keystore(Path keystore) { return set(KEYSTORE, keystore); }
        public Builder keystorePassword(String password) { return set(KEYSTORE_PASSWORD, password); }
        public Builder keystoreType(String type) { return set(KEYSTORE_TYPE, type); }
        /** Regular expressions whose matches are replaced by {@code ***}. */
        public Builder redact(List<String> regexes) { return set(REDACT, List.copyOf(regexes)); }
        public Builder stopTimeout(Duration stopTimeout) { return set(STOP_TIMEOUT, stopTimeout); }
        public Builder diagnostics(Diagnostics diagnostics) { return set(DIAGNOSTICS, diagnostics); }
        /** {@code true}, {@code false}, or {@code null} for the default: on only when bound to loopback. */
        public Builder control(Boolean control) { return set(CONTROL, control); }
        public Builder maxBoosts(int value) { return set(MAX_BOOSTS, value); }
        /** How long one minute of a boost lasts; tests make it short. */
        public Builder boostMinute(Duration value) { return set(BOOST_MINUTE, value); }
        public Builder levelControl(LevelControl value) { return set(LEVEL_CONTROL, value); }

        /** @throws IllegalArgumentException naming the first setting whose value is not allowed */
        public HubConfig build() {
            for (Setting<?> s : SETTINGS) {
                s.check(values.get(s));
            }
            String token = (String) values.get(TOKEN);
            Exposure.check((String) values.get(HOST), token != null || values.get(KEYSTORE) != null,
                    (Boolean) values.get(INSECURE), (Boolean) values.get(CONTROL));
            String publisherToken = (String) values.get(PUBLISHER_TOKEN);
            if (publisherToken != null && publisherToken.equals(token)) {
                throw new IllegalArgumentException("publisherToken is the same as token: give publishers a token of "
                        + "their own, so that a viewer cannot publish");
            }
            @SuppressWarnings("unchecked")
            List<String> regexes = (List<String>) values.get(REDACT);
            return new HubConfig(values, AUTO_TOKEN.equals(token) ? newToken() : token, HubSettings.patterns(regexes));
        }

        private static String newToken() {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            return HexFormat.of().formatHex(secret);
        }
    }
}
