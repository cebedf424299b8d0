package dev.webconsole.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting of {@link HubConfig} once: its name, its default and its check. The builder, the
 * accessors and {@link HubConfig#differences} all go through these.
 */
final class HubSettings {
    /** {@code token="auto"} generates a random token at start. */
    static final String AUTO_TOKEN = "auto";
    static final int MIN_TOKEN_CHARS = 12;

    static final Setting<String> HOST = Setting.of("host", "127.0.0.1", (name, host) -> {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host=\"" + host + "\" is empty: give an address to bind, such as 127.0.0.1");
        }
    });
    static final Setting<Integer> PORT = Setting.of("port", 7171, (name, port) -> {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port=\"" + port + "\" is out of range: use 1 to 65535, or 0 to pick a free port");
        }
    });
    static final Setting<Integer> HISTORY = Setting.range("history", 10_000, 0, 10_000_000);
    static final Setting<Integer> TAB_QUEUE = Setting.range("tabQueue", 20_000, 1, 10_000_000);
    static final Setting<Integer> INGEST_QUEUE = Setting.range("ingestQueue", 65_536, 1, 10_000_000);
    static final Setting<Integer> MAX_TABS = Setting.range("maxTabs", 64, 1, 100_000);
    static final Setting<Integer> MAX_FRAMES_PER_SECOND = Setting.range("maxFramesPerSecond", 500, 1, 100_000);
    static final Setting<Integer> MAX_EVENTS_PER_FRAME = Setting.range("maxEventsPerFrame", 2_000, 1, 1_000_000);
    static final Setting<Integer> MAX_INBOUND_BYTES = Setting.range("maxInboundBytes", 64 * 1024, 1024, 16 * 1024 * 1024);
    static final Setting<Integer> MAX_MESSAGE_CHARS = Setting.range("maxMessageChars", 100_000, 100, 100_000_000);
    static final Setting<Integer> MAX_UPGRADES_PER_SECOND = Setting.range("maxUpgradesPerSecond", 100, 1, 100_000);
    static final Setting<Duration> PING_INTERVAL = Setting.of("pingInterval", Duration.ofSeconds(20), Setting::positive);
    /** Above maxTabs' default: every tab of one browser comes from one address. */
    static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.range("maxConnectionsPerAddress", 256, 1, 1_000_000);
    static final Setting<Duration> HEADER_TIMEOUT = Setting.millis("headerTimeoutMillis", Duration.ofSeconds(10), 100, 600_000);
    /** As configured: "auto", a value, or null; a generated token counts as the same setting as another. */
    static final Setting<String> TOKEN = Setting.of("token", null, (name, token) -> {
        if (token != null && !AUTO_TOKEN.equals(token) && token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("token is too short (" + token.length() + " characters): use at least "
                    + MIN_TOKEN_CHARS + ", or token=\"auto\" to generate one");
        }
    });
    /** Publishers (applications sending their events to this hub) need this token; {@code null}: no publishers. */
    static final Setting<String> PUBLISHER_TOKEN = Setting.of("publisherToken", null, (name, token) -> {
        if (token != null && token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("publisherToken is too short (" + token.length() + " characters): use at least "
                    + MIN_TOKEN_CHARS);
        }
    });
    static final Setting<Integer> MAX_SOURCE_EVENTS_PER_SECOND =
            Setting.range("maxSourceEventsPerSecond", 500_000, 1, 100_000_000);
    static final Setting<Integer> SOURCE_SHARE = Setting.range("sourceSharePercent", 50, 1, 100);
    static final Setting<List<String>> ALLOWED_ORIGINS = Setting.of("allowedOrigins", List.of(), (name, origins) -> {
        for (String origin : origins) {
            if (!origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("allowedOrigins has \"" + origin
                        + "\", which is not an origin: use scheme://host[:port], such as https://logs.example.com");
            }
        }
    });
    static final Setting<List<String>> ALLOWED_HOSTS = Setting.of("allowedHosts", List.of(), Setting::notNull);
    static final Setting<Boolean> INSECURE = Setting.of("insecure", false, Setting::notNull);
    static final Setting<Path> KEYSTORE = Setting.of("keystore", null, (name, keystore) -> {
        if (keystore != null && !Files.isReadable(keystore)) {
            throw new IllegalArgumentException("keystore=\"" + keystore + "\" cannot be read: give the path of a PKCS12 or JKS file");
        }
    });
    static final Setting<String> KEYSTORE_TYPE = Setting.of("keystoreType", "PKCS12", Setting::notNull);
    /** permessage-deflate is off by default: see docs/PERFORMANCE.md for the figures behind it. */
    static final Setting<Boolean> COMPRESSION = Setting.of("compression", false, Setting::notNull);
    /** Regular expressions; compiled (and so checked) by {@link #patterns}. */
    static final Setting<List<String>> REDACT = Setting.of("redact", List.of(), (name, regexes) -> patterns(regexes));
    /** true, false, or null for the default: on only when bound to loopback (see {@link Exposure}). */
    static final Setting<Boolean> CONTROL = Setting.of("control", null, (name, control) -> { });
    static final Setting<Integer> MAX_BOOSTS = Setting.range("maxBoosts", 10, 1, 1_000);
    /** How long one minute of a level boost lasts: a minute, except in tests. */
    static final Setting<Duration> BOOST_MINUTE = Setting.of("boostMinute", Duration.ofMinutes(1), Setting::positive);
    // Not compared: a new password, stop timeout or diagnostics is not a different hub.
    static final Setting<String> KEYSTORE_PASSWORD = Setting.uncompared("keystorePassword", "", Setting::notNull);
    static final Setting<Duration> STOP_TIMEOUT = Setting.uncompared("stopTimeout", Duration.ofSeconds(2), Setting::notNegative);
    static final Setting<Diagnostics> DIAGNOSTICS = Setting.uncompared("diagnostics", Diagnostics.platform(), Setting::notNull);
    /** Null for a hub without one: boosts are then refused. */
    static final Setting<LevelControl> LEVEL_CONTROL = Setting.uncompared("levelControl", null, (name, c) -> { });

    /** In the order build() checks them and differences() names them. */
    static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, HISTORY, TAB_QUEUE, INGEST_QUEUE, MAX_TABS,
            MAX_FRAMES_PER_SECOND, MAX_EVENTS_PER_FRAME, MAX_INBOUND_BYTES, MAX_MESSAGE_CHARS, MAX_UPGRADES_PER_SECOND,
            PING_INTERVAL, MAX_CONNECTIONS_PER_ADDRESS, HEADER_TIMEOUT, TOKEN, PUBLISHER_TOKEN, MAX_SOURCE_EVENTS_PER_SECOND, SOURCE_SHARE,
            ALLOWED_ORIGINS, ALLOWED_HOSTS, INSECURE,
            KEYSTORE, KEYSTORE_TYPE, COMPRESSION, REDACT, CONTROL, MAX_BOOSTS, BOOST_MINUTE, KEYSTORE_PASSWORD, STOP_TIMEOUT,
            DIAGNOSTICS, LEVEL_CONTROL);

    private HubSettings() {
    }

    /** Compiles the {@code redact} expressions, naming the first that is not valid. */
    static List<Pattern> patterns(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>(regexes.size());
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("redact=\"" + regex + "\" is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return List.copyOf(patterns);
    }
}
