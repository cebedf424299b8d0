// "Show in context" and the address: the address holds ?around=SEQ while the log shows a row in
// context; the banner and the marked row follow it, also after Back, Forward and a reload. No DOM.

/**
 * Shows the banner (or hides it and unmarks the row) for the address's ?around=SEQ; the row is
 * marked and scrolled to as soon as the store holds it (after a reload, when the replay brings it).
 */
export function showContextState(page) {
  const seq = page.address.readAround();
  page.pendingAround = seq;
  if (seq === null) {
    page.v.contextBanner.hide();
    page.v.logView.showInContext(null);
  } else {
    page.v.contextBanner.show(seq, page.address.cameFromFilteredView);
    revealAround(page);
  }
}

/** Marks and reveals the event page.pendingAround names if the store holds it; then forgets it. */
export function revealAround(page) {
  const { store } = page;
  const entry = store.view[store.viewIndexOf(store.keyOf(page.pendingAround))];
  if (!entry || entry.kind !== 'event' || entry.seq !== page.pendingAround) return;
  page.pendingAround = null;
  page.follow.followChanged(false, Math.max(page.lastViewKey(), store.keyOf(page.progress.lastSeq)));
  page.v.logView.showInContext(entry);
}

/** The banner's way back: the filtered view before (Back), or, opened from a bookmark, the same view without the banner. */
export function leaveContext(page) {
  if (page.address.cameFromFilteredView) {
    page.address.back();
  } else {
    page.address.writeFilter(page.filter);
    showContextState(page);
  }
}
