package dev.webconsole.server;

import java.util.List;

/**
 * The hub's counters over JMX, as {@code dev.webconsole:type=ConsoleHub,port=N}: the same numbers
 * as {@code /stats} (see {@link HubStats}), read when asked.
 */
public interface ConsoleHubMXBean {
    /** The domain of the hub's JMX names. */
    String DOMAIN = "dev.webconsole";

    /** The console page's address. */
    String getUrl();

    int getTabs();

    long getPublished();

    long getLastSeq();

    long getIngestDropped();

    long getTabDropped();

    long getSendFailed();

    long getTruncated();

    long getRejectedMessages();

    long getPublishersHeldBack();

    /** The active level boosts, one line each: logger, level, scope, until, who asked. */
    List<String> getBoosts();
}
