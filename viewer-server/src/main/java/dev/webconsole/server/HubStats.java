package dev.webconsole.server;

/**
 * A snapshot of the hub's counters. Every bound that drops something has a counter here.
 *
 * @param tabs tabs connected now
 * @param published events accepted into the ingest queue
 * @param lastSeq the newest seq assigned
 * @param ingestDropped events dropped because the ingest queue was full
 * @param tabDropped events dropped from slow tabs' queues, summed over tabs
 * @param sendFailed frames whose send failed (the tab is then closed)
 * @param truncated events whose message or stack was cut to the size limit
 * @param rejectedMessages messages from tabs and publishers that were refused as malformed or over a limit
 * @param publishersHeldBack times the hub read a publisher's connection later, because its source
 *     was over {@code maxSourceEventsPerSecond} or had its share of the ingest queue waiting
 *     ({@code sourceSharePercent}), or the queue was full; its events wait at the publisher, none is lost
 */
public record HubStats(
        int tabs,
        long published,
        long lastSeq,
        long ingestDropped,
        long tabDropped,
        long sendFailed,
        long truncated,
        long rejectedMessages,
        long publishersHeldBack) {}
