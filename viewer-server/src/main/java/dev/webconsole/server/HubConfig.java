package dev.webconsole.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of a {@link ConsoleHub}. Build one with {@link #builder()}; {@link Builder#build()}
 * rejects a bad value with an {@link IllegalArgumentException} that names the setting and the value.
 */
public final class HubConfig {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7171;
    public static final int DEFAULT_HISTORY = 10_000;
    public static final int DEFAULT_SESSION_QUEUE = 20_000;
    public static final int DEFAULT_INGEST_QUEUE = 65_536;
    public static final int DEFAULT_MAX_SESSIONS = 64;
    public static final int DEFAULT_MAX_FRAMES_PER_SECOND = 500;
    public static final int DEFAULT_MAX_EVENTS_PER_FRAME = 2_000;
    public static final int DEFAULT_MAX_INBOUND_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 100_000;
    /** permessage-deflate is off by default: see docs/PERFORMANCE.md for the figures behind it. */
    public static final boolean DEFAULT_COMPRESSION = false;
    public static final int DEFAULT_MAX_UPGRADES_PER_SECOND = 100;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_BOOSTS = 10;
    /** How long one minute of a level boost lasts: a minute, except in tests. */
    public static final Duration DEFAULT_BOOST_MINUTE = Duration.ofMinutes(1);
    /** {@code token="auto"} generates a random token at start. */
    public static final String AUTO_TOKEN = "auto";
    static final int MIN_TOKEN_CHARS = 12;

    private final String host;
    private final int port;
    private final int history;
    private final int sessionQueue;
    private final int ingestQueue;
    private final int maxSessions;
    private final int maxFramesPerSecond;
    private final int maxEventsPerFrame;
    private final int maxInboundBytes;
    private final int maxMessageChars;
    private final boolean compression;
    private final int maxUpgradesPerSecond;
    private final Duration pingInterval;
    private final String token;
    /** The token as configured ("auto", a value, or null), to tell a changed setting from a new random token. */
    private final String tokenSetting;
    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;
    private final boolean insecure;
    private final Path keystore;
    private final String keystorePassword;
    private final String keystoreType;
    private final List<Pattern> redact;
    private final Duration stopTimeout;
    private final Diagnostics diagnostics;
    private final Boolean controlSetting;
    private final boolean control;
    private final int maxBoosts;
    private final Duration boostMinute;
    private final LevelControl levelControl;

    private HubConfig(Builder b) {
        host = b.host;
        port = b.port;
        history = b.history;
        sessionQueue = b.sessionQueue;
        ingestQueue = b.ingestQueue;
        maxSessions = b.maxSessions;
        maxFramesPerSecond = b.maxFramesPerSecond;
        maxEventsPerFrame = b.maxEventsPerFrame;
        maxInboundBytes = b.maxInboundBytes;
        maxMessageChars = b.maxMessageChars;
        compression = b.compression;
        maxUpgradesPerSecond = b.maxUpgradesPerSecond;
        pingInterval = b.pingInterval;
        token = b.token;
        tokenSetting = b.tokenSetting;
        allowedOrigins = List.copyOf(b.allowedOrigins);
        allowedHosts = List.copyOf(b.allowedHosts);
        insecure = b.insecure;
        keystore = b.keystore;
        keystorePassword = b.keystorePassword;
        keystoreType = b.keystoreType;
        redact = List.copyOf(b.redact);
        stopTimeout = b.stopTimeout;
        diagnostics = b.diagnostics;
        controlSetting = b.control;
        control = b.control == null ? isLoopback(b.host) : b.control;
        maxBoosts = b.maxBoosts;
        boostMinute = b.boostMinute;
        levelControl = b.levelControl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address to bind; {@code 127.0.0.1} by default. */
    public String host() { return host; }

    /** The port to bind; 0 picks a free one. */
    public int port() { return port; }

    /** How many recent events are kept for tabs that connect or reconnect. */
    public int history() { return history; }

    /** How many events may wait for one tab before its oldest are dropped (and reported as a gap). */
    public int sessionQueue() { return sessionQueue; }

    /** How many events may wait for the dispatcher before new ones are dropped (and reported as a gap). */
    public int ingestQueue() { return ingestQueue; }

    /** How many tabs may be connected at once; more are refused with HTTP 503. */
    public int maxSessions() { return maxSessions; }

    /** How many frames per second one tab gets at most; events that arrive meanwhile share a frame. */
    public int maxFramesPerSecond() { return maxFramesPerSecond; }

    /** How many events one frame carries at most. */
    public int maxEventsPerFrame() { return maxEventsPerFrame; }

    /** The largest message a tab may send; a larger one closes it with 1009. */
    public int maxInboundBytes() { return maxInboundBytes; }

    /** Messages and stack traces longer than this are cut and marked as truncated. */
    public int maxMessageChars() { return maxMessageChars; }

    /** Whether tabs that offer permessage-deflate get it; off by default (see docs/PERFORMANCE.md). */
    public boolean compression() { return compression; }

    /** How many WebSocket upgrades the hub accepts per second, from everyone together; more get HTTP 429. */
    public int maxUpgradesPerSecond() { return maxUpgradesPerSecond; }

    /** How often the hub pings each tab; a tab silent for 3 intervals is disconnected as dead. */
    public Duration pingInterval() { return pingInterval; }

    /** The token the page, {@code /ws} and {@code /stats} require, or {@code null} for none. */
    public String token() { return token; }

    /** Origins besides the hub's own whose pages may open {@code /ws} (for a reverse proxy). */
    public List<String> allowedOrigins() { return allowedOrigins; }

    /** Host names besides the hub's own that requests may name (for a reverse proxy); {@code *} allows any. */
    public List<String> allowedHosts() { return allowedHosts; }

    /** Whether a non-loopback address may be bound without a token or TLS. */
    public boolean insecure() { return insecure; }

    /** The keystore for https and wss, or {@code null} for plain http. */
    public Path keystore() { return keystore; }

    public String keystorePassword() { return keystorePassword; }

    public String keystoreType() { return keystoreType; }

    /** Patterns whose matches are masked in messages, context values and stack text before they leave the process. */
    public List<Pattern> redact() { return redact; }

    /**
     * Whether tabs may boost levels and take thread dumps: by default only on loopback; beyond it
     * only with {@code control=true} together with a token or TLS.
     */
    public boolean control() { return control; }

    /** How many level boosts may be active at once. */
    public int maxBoosts() { return maxBoosts; }

    /** How long one minute of a level boost lasts; a minute except in tests. */
    public Duration boostMinute() { return boostMinute; }

    /** What applies level boosts in the application, or {@code null} when the hub has none. */
    public LevelControl levelControl() { return levelControl; }

    /**
     * The names of the settings in which {@code other} differs from this config (diagnostics aside;
     * a generated token counts as the same setting as another generated token).
     */
    public List<String> differences(HubConfig other) {
        List<String> names = new ArrayList<>();
        differ(names, "host", host, other.host);
        differ(names, "port", port, other.port);
        differ(names, "history", history, other.history);
        differ(names, "sessionQueue", sessionQueue, other.sessionQueue);
        differ(names, "ingestQueue", ingestQueue, other.ingestQueue);
        differ(names, "maxSessions", maxSessions, other.maxSessions);
        differ(names, "maxFramesPerSecond", maxFramesPerSecond, other.maxFramesPerSecond);
        differ(names, "maxEventsPerFrame", maxEventsPerFrame, other.maxEventsPerFrame);
        differ(names, "maxInboundBytes", maxInboundBytes, other.maxInboundBytes);
        differ(names, "maxMessageChars", maxMessageChars, other.maxMessageChars);
        differ(names, "maxUpgradesPerSecond", maxUpgradesPerSecond, other.maxUpgradesPerSecond);
        differ(names, "pingInterval", pingInterval, other.pingInterval);
        differ(names, "token", tokenSetting, other.tokenSetting);
        differ(names, "allowedOrigins", allowedOrigins, other.allowedOrigins);
        differ(names, "allowedHosts", allowedHosts, other.allowedHosts);
        differ(names, "insecure", insecure, other.insecure);
        differ(names, "keystore", keystore, other.keystore);
        differ(names, "keystoreType", keystoreType, other.keystoreType);
        differ(names, "compression", compression, other.compression);
        differ(names, "control", controlSetting, other.controlSetting);
        differ(names, "maxBoosts", maxBoosts, other.maxBoosts);
        differ(names, "boostMinute", boostMinute, other.boostMinute);
        differ(names, "redact", redact.stream().map(Pattern::pattern).toList(),
                other.redact.stream().map(Pattern::pattern).toList());
        return names;
    }

    private static void differ(List<String> names, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            names.add(name);
        }
    }

    /** Whether the configured host is a loopback address. */
    public boolean isLoopback() { return isLoopback(host); }

    /** How long {@link ConsoleHub#stop()} waits for tabs to close. */
    public Duration stopTimeout() { return stopTimeout; }

    public Diagnostics diagnostics() { return diagnostics; }

    /** Builds a {@link HubConfig}; every setter returns this builder. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int history = DEFAULT_HISTORY;
        private int sessionQueue = DEFAULT_SESSION_QUEUE;
        private int ingestQueue = DEFAULT_INGEST_QUEUE;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private int maxFramesPerSecond = DEFAULT_MAX_FRAMES_PER_SECOND;
        private int maxEventsPerFrame = DEFAULT_MAX_EVENTS_PER_FRAME;
        private int maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;
        private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
        private boolean compression = DEFAULT_COMPRESSION;
        private int maxUpgradesPerSecond = DEFAULT_MAX_UPGRADES_PER_SECOND;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private String token;
        private String tokenSetting;
        private List<String> allowedOrigins = List.of();
        private List<String> allowedHosts = List.of();
        private boolean insecure;
        private Path keystore;
        private String keystorePassword = "";
        private String keystoreType = "PKCS12";
        private List<String> redactRegexes = List.of();
        private final List<Pattern> redact = new ArrayList<>();
        private Duration stopTimeout = Duration.ofSeconds(2);
        private Diagnostics diagnostics = Diagnostics.platform();
        private Boolean control;
        private int maxBoosts = DEFAULT_MAX_BOOSTS;
        private Duration boostMinute = DEFAULT_BOOST_MINUTE;
        private LevelControl levelControl;

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder history(int history) { this.history = history; return this; }
        public Builder sessionQueue(int sessionQueue) { this.sessionQueue = sessionQueue; return this; }
        public Builder ingestQueue(int ingestQueue) { this.ingestQueue = ingestQueue; return this; }
        public Builder maxSessions(int maxSessions) { this.maxSessions = maxSessions; return this; }
        public Builder maxFramesPerSecond(int value) { this.maxFramesPerSecond = value; return this; }
        public Builder maxEventsPerFrame(int value) { this.maxEventsPerFrame = value; return this; }
        public Builder maxInboundBytes(int value) { this.maxInboundBytes = value; return this; }
        public Builder maxMessageChars(int value) { this.maxMessageChars = value; return this; }
        public Builder compression(boolean value) { this.compression = value; return this; }
        public Builder maxUpgradesPerSecond(int value) { this.maxUpgradesPerSecond = value; return this; }
        public Builder pingInterval(Duration value) { this.pingInterval = value; return this; }
        /** A secret the page and socket require; {@code "auto"} generates one; {@code null} or empty for none. */
        public Builder token(String token) { this.token = token; return this; }
        public Builder allowedOrigins(List<String> origins) { this.allowedOrigins = List.copyOf(origins); return this; }
        public Builder allowedHosts(List<String> hosts) { this.allowedHosts = List.copyOf(hosts); return this; }
        public Builder insecure(boolean insecure) { this.insecure = insecure; return this; }
        public Builder keystore(Path keystore) { this.keystore = keystore; return this; }
        public Builder keystorePassword(String password) { this.keystorePassword = password; return this; }
        public Builder keystoreType(String type) { this.keystoreType = type; return this; }
        /** Regular expressions whose matches are replaced by {@code ***}. */
        public Builder redact(List<String> regexes) { this.redactRegexes = List.copyOf(regexes); return this; }
        public Builder stopTimeout(Duration stopTimeout) { this.stopTimeout = stopTimeout; return this; }
        public Builder diagnostics(Diagnostics diagnostics) { this.diagnostics = diagnostics; return this; }
        /** {@code true}, {@code false}, or {@code null} for the default: on only when bound to loopback. */
        public Builder control(Boolean control) { this.control = control; return this; }
        public Builder maxBoosts(int value) { this.maxBoosts = value; return this; }
        /** How long one minute of a boost lasts; tests make it short. */
        public Builder boostMinute(Duration value) { this.boostMinute = value; return this; }
        public Builder levelControl(LevelControl value) { this.levelControl = value; return this; }

        /** @throws IllegalArgumentException naming the first setting whose value is not allowed */
        public HubConfig build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host=\"" + host + "\" is empty: give an address to bind, such as 127.0.0.1");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port=\"" + port + "\" is out of range: use 1 to 65535, or 0 to pick a free port");
            }
            requireRange("history", history, 0, 10_000_000);
            requireRange("sessionQueue", sessionQueue, 1, 10_000_000);
            requireRange("ingestQueue", ingestQueue, 1, 10_000_000);
            requireRange("maxSessions", maxSessions, 1, 100_000);
            requireRange("maxFramesPerSecond", maxFramesPerSecond, 1, 100_000);
            requireRange("maxEventsPerFrame", maxEventsPerFrame, 1, 1_000_000);
            requireRange("maxInboundBytes", maxInboundBytes, 1024, 16 * 1024 * 1024);
            requireRange("maxMessageChars", maxMessageChars, 100, 100_000_000);
            requireRange("maxUpgradesPerSecond", maxUpgradesPerSecond, 1, 100_000);
            Objects.requireNonNull(pingInterval, "pingInterval");
            if (pingInterval.isNegative() || pingInterval.isZero()) {
                throw new IllegalArgumentException("pingInterval=\"" + pingInterval + "\" must be positive");
            }
            if (token != null && token.isBlank()) {
                token = null;
            }
            tokenSetting = token;
            if (AUTO_TOKEN.equals(token)) {
                byte[] secret = new byte[16];
                new SecureRandom().nextBytes(secret);
                token = HexFormat.of().formatHex(secret);
            } else if (token != null && token.length() < MIN_TOKEN_CHARS) {
                throw new IllegalArgumentException("token is too short (" + token.length() + " characters): use at least "
                        + MIN_TOKEN_CHARS + ", or token=\"auto\" to generate one");
            }
            if (keystore != null && !Files.isReadable(keystore)) {
                throw new IllegalArgumentException("keystore=\"" + keystore + "\" cannot be read: give the path of a PKCS12 or JKS file");
            }
            Objects.requireNonNull(keystorePassword, "keystorePassword");
            Objects.requireNonNull(keystoreType, "keystoreType");
            for (String origin : allowedOrigins) {
                if (!origin.matches("https?://[^/?#\\s]+")) {
                    throw new IllegalArgumentException("allowedOrigins has \"" + origin
                            + "\", which is not an origin: use scheme://host[:port], such as https://logs.example.com");
                }
            }
            redact.clear();
            for (String regex : redactRegexes) {
                try {
                    redact.add(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("redact=\"" + regex + "\" is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            if (!isLoopback(host) && token == null && keystore == null && !insecure) {
                throw new IllegalArgumentException("host=\"" + host + "\" lets other machines connect, and logs are "
                        + "sensitive: set token=\"auto\" (or a token of your own), configure TLS with keystore, "
                        + "or set insecure=\"true\" to allow it anyway");
            }
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout=\"" + stopTimeout + "\" is negative");
            }
            Objects.requireNonNull(diagnostics, "diagnostics");
            requireRange("maxBoosts", maxBoosts, 1, 1_000);
            Objects.requireNonNull(boostMinute, "boostMinute");
            if (boostMinute.isNegative() || boostMinute.isZero()) {
                throw new IllegalArgumentException("boostMinute=\"" + boostMinute + "\" must be positive");
            }
            if (Boolean.TRUE.equals(control) && !isLoopback(host) && token == null && keystore == null) {
                throw new IllegalArgumentException("control=\"true\" on host=\"" + host + "\" would let anyone who reaches"
                        + " the port change what the application logs: set token=\"auto\" (or a token of your own)"
                        + " or configure TLS with keystore, or leave control off");
            }
            return new HubConfig(this);
        }

        private static void requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + "=\"" + value + "\" is out of range: use " + min + " to " + max);
            }
        }
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host=\"" + host + "\" cannot be resolved: " + e.getMessage());
        }
    }
}
