package dev.webconsole.server.internal;

/**
 * What a tab asked for: its filter, and where to resume.
 *
 * @param filter the events it wants
 * @param since resume after this seq; {@code null} replays the whole history
 * @param hubId the hub id the {@code since} belongs to, or {@code null}; a different hub (a restart)
 *     means the seq numbers start afresh, so the whole history is replayed
 */
record Subscription(TabFilter filter, Long since, String hubId) {
    static final Subscription ALL = new Subscription(TabFilter.ALL, null, null);
}
