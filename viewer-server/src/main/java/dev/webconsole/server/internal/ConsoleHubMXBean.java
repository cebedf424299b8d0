package dev.webconsole.server.internal;

/**
 * The hub's counters over JMX, as {@code dev.webconsole:type=ConsoleHub,port=N}: the same numbers
 * as {@code /stats} (see {@link dev.webconsole.server.HubStats}), read when asked.
 */
public interface ConsoleHubMXBean {
    /** The console page's address. */
    String getUrl();

    int getSessions();

    long getPublished();

    long getLastSeq();

    long getIngestDropped();

    long getSessionDropped();

    long getSendFailed();

    long getTruncated();

    long getRejectedMessages();

    /** The active level boosts, one line each: logger, level, scope, until, who asked. */
    java.util.List<String> getBoosts();
}
