package dev.webconsole.server;

import java.time.Duration;
import java.util.Objects;

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
    public static final int DEFAULT_MAX_FRAMES_PER_SECOND = 250;
    public static final int DEFAULT_MAX_EVENTS_PER_FRAME = 2_000;
    public static final int DEFAULT_MAX_INBOUND_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 100_000;

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
    private final Duration stopTimeout;
    private final Diagnostics diagnostics;

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
        stopTimeout = b.stopTimeout;
        diagnostics = b.diagnostics;
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
        private Duration stopTimeout = Duration.ofSeconds(2);
        private Diagnostics diagnostics = Diagnostics.platform();

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
        public Builder stopTimeout(Duration stopTimeout) { this.stopTimeout = stopTimeout; return this; }
        public Builder diagnostics(Diagnostics diagnostics) { this.diagnostics = diagnostics; return this; }

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
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout=\"" + stopTimeout + "\" is negative");
            }
            Objects.requireNonNull(diagnostics, "diagnostics");
            return new HubConfig(this);
        }

        private static void requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + "=\"" + value + "\" is out of range: use " + min + " to " + max);
            }
        }
    }
}
