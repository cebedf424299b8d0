// Follow and pause, with no DOM: which rows the view shows and how many arrived since the user
// stopped following. Keys are store keys (see store.js).
//
// Paused: the view shows the rows up to `pauseKey` and nothing newer. Not following (scrolled up):
// the view shows everything, and rows after `newSinceKey` count as new.

export class FollowState {
  constructor() {
    this.paused = false;
    this.pauseKey = null;
    this.newSinceKey = null;
  }

  /** Freezes the view at `lastKey`; rows still waiting count as new. */
  pause(lastKey) {
    this.paused = true;
    this.pauseKey = lastKey;
    if (this.newSinceKey === null) this.newSinceKey = lastKey;
  }

  /** Shows every row again; new rows stop counting when the list follows. */
  resume(following) {
    this.paused = false;
    this.pauseKey = null;
    if (following) this.newSinceKey = null;
  }

  /** The user scrolled away from the bottom (false) or back to it (true). */
  followChanged(following, lastKey) {
    if (!following && this.newSinceKey === null) this.newSinceKey = this.paused ? this.pauseKey : lastKey;
    if (following && !this.paused) this.newSinceKey = null;
  }

  /** Jump to latest: resumed and nothing counts as new. */
  jumpToLatest() {
    this.resume(true);
    this.newSinceKey = null;
  }

  /** After a Clear (or a hub restart) the paused view ends at `floorKey`. */
  rebase(floorKey) {
    if (this.paused) this.pauseKey = floorKey;
  }

  /** After a Clear: what was held is gone, so nothing before the floor counts as new. */
  cleared(floorKey) {
    this.rebase(floorKey);
    this.newSinceKey = this.paused ? this.pauseKey : null;
  }

  /** Number of view entries to show. */
  shownCount(store) {
    if (!this.paused || this.pauseKey === null) return store.view.length;
    return store.viewCountUpTo(this.pauseKey);
  }

  /** Event rows in the view newer than `newSinceKey`. */
  newCount(view) {
    if (this.newSinceKey === null) return 0;
    let n = 0;
    for (let i = view.length - 1; i >= 0 && view[i].key > this.newSinceKey; i--) if (view[i].kind === 'event') n++;
    return n;
  }
}
