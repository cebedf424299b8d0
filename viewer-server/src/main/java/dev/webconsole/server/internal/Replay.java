package dev.webconsole.server.internal;

/**
 * Starts a tab's stream from the history when it subscribes: the gap before what is still kept,
 * then the kept events after its {@code since} that its filter matches. Dispatcher thread only.
 */
final class Replay {
    private final History history;
    private final EventEncoder encoder;
    private final String hubId;

    Replay(History history, EventEncoder encoder, String hubId) {
        this.history = history;
        this.encoder = encoder;
        this.hubId = hubId;
    }

    /** Sets the tab's filter and offers it the history it asks for; {@code nextSeq} is the seq the next event gets. */
    void subscribe(Tab tab, Subscription subscription, long nextSeq) {
        tab.filter(subscription.filter());
        Long since = subscription.since();
        if (since != null) {
            since = Math.max(since, tab.highestTaken()); // what is sent or on its way is not sent again
        }
        if (since != null && subscription.hubId() != null && !subscription.hubId().equals(hubId)) {
            since = null; // another hub's seq numbers: this one started afresh
        }
        long newest = nextSeq - 1;
        if (since != null && since > newest) {
            tab.offerFrame(encoder.errorBytes("since=" + since + " is newer than the newest event (" + newest
                    + "); replaying the whole history"));
            since = null;
        }
        long first = firstAvailableSeq(nextSeq);
        if (since != null && since + 1 < first) {
            // A gap entry, not a frame: a later subscribe drops it with the queue, and its range counts as taken.
            tab.offer(Outgoing.gap(since + 1, first - 1, encoder.gap(since + 1, first - 1, "history-overflow")));
        }
        history.replay(since == null ? 0 : since, tab.filter(), tab::offer);
    }

    /** The oldest seq a tab can still be sent: the history's first, or {@code nextSeq} when it is empty. */
    long firstAvailableSeq(long nextSeq) {
        return history.isEmpty() ? nextSeq : history.firstSeq();
    }
}
