// "Show in context" and the address: the address holds ?around=SEQ while the log shows a row in
// context; the banner and the marked row follow it, also after Back, Forward and a reload. No DOM.

/** Shows the banner (or hides it and unmarks the row) for the address's ?around=SEQ. */
export function showContextState(page) {
  const seq = page.address.readAround();
  if (seq === null) {
    page.v.contextBanner.hide();
    page.v.logView.showInContext(null);
  } else {
    page.v.contextBanner.show(seq, page.address.cameFromFilteredView);
  }
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
