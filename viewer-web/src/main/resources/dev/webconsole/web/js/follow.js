// Follow and pause, with no DOM: which rows the view shows and how many arrived since the user
// stopped following. Keys are store keys (see store.js).
//
// Paused: the view shows the rows up to `pauseKey` and nothing newer. Held (the user points at,
// selects in, focuses or expands rows): the same, up to `holdKey`, until the hold ends; then the
// view follows again if it followed when the hold began. Not following (scrolled up): the view
// shows everything, and rows after `newSinceKey` count as new.

export class FollowState {
  constructor() {
    this.paused = false;
    this.pauseKey = null;
    this.newSinceKey = null;
    this.holdKey = null;
    /** Whether the list followed when the hold began (and the user did not scroll since). */
    this.heldWhileFollowing = false;
  }

  get held() {
    return this.holdKey !== null;
  }

  /** The view holds still at `lastKey` while the user works in it. */
  hold(lastKey, following) {
    if (this.held) return;
    this.holdKey = lastKey;
    this.heldWhileFollowing = following;
    if (this.newSinceKey === null) this.newSinceKey = this.paused ? this.pauseKey : lastKey;
  }

  /**
   * Rows that fit on screen without scrolling move nothing: while held, the view may still grow
   * up to `room` rows.
   */
  extendHold(store, room) {
    const shown = this.shownCount(store);
    if (shown >= room || shown >= store.view.length) return;
    const key = store.view[Math.min(store.view.length, room) - 1].key;
    if (key > this.holdKey) this.holdKey = key;
  }

  /** The hold ended; returns whether the view should follow again. */
  release() {
    if (!this.held) return false;
    this.holdKey = null;
    const refollow = this.heldWhileFollowing && !this.paused;
    if (refollow) this.newSinceKey = null;
    return refollow;
  }

  /** The newest key the view shows, or null when it shows every row. */
  get freezeKey() {
    if (this.paused && this.pauseKey !== null) return this.holdKey === null ? this.pauseKey : Math.min(this.pauseKey, this.holdKey);
    return this.holdKey;
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
    if (following && !this.held) this.newSinceKey = null;
  }

  /** The user scrolled away from the bottom (false) or back to it (true). */
  followChanged(following, lastKey) {
    this.heldWhileFollowing = false; // the user scrolled: a hold ending does not take them back down
    if (!following && this.newSinceKey === null) this.newSinceKey = this.freezeKey ?? lastKey;
    if (following && !this.paused && !this.held) this.newSinceKey = null;
  }

  /** Jump to latest: resumed and nothing counts as new. */
  jumpToLatest() {
    this.holdKey = null;
    this.resume(true);
    this.newSinceKey = null;
  }

  /** After a Clear (or a hub restart) the paused view ends at `floorKey`. */
  rebase(floorKey) {
    if (this.paused) this.pauseKey = floorKey;
    if (this.held) this.holdKey = floorKey;
  }

  /** After a Clear: what was held is gone, so nothing before the floor counts as new. */
  cleared(floorKey) {
    this.rebase(floorKey);
    this.newSinceKey = this.freezeKey;
  }

  /** Number of view entries to show. */
  shownCount(store) {
    const key = this.freezeKey;
    return key === null ? store.view.length : store.viewCountUpTo(key);
  }

  /** Event rows in the view newer than `newSinceKey`. */
  newCount(view) {
    if (this.newSinceKey === null) return 0;
    let n = 0;
    for (let i = view.length - 1; i >= 0 && view[i].key > this.newSinceKey; i--) if (view[i].kind === 'event') n++;
    return n;
  }
}
