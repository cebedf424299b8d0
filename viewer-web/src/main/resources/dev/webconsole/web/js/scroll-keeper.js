// Where a virtualized list's scroll position goes, with no DOM (virtual-list.js reads and writes
// the element).
//
// Following: the list sticks to the bottom while `following` is true. Only the user turns it off
// (wheel up, keys, dragging the scrollbar, touch) and only the user's own scroll to the bottom turns
// it back on; scroll events caused by the list's own scrollTop writes are recognized and ignored.
// Not following, the row the user reads (the anchor, or one pinned by a reveal until the user
// scrolls) keeps its place on screen when rows are trimmed or merged above it.

export class ScrollKeeper {
  /**
   * @param geometry       the list's RowGeometry (row positions of the last layout)
   * @param onFollowChange (following) => void, called on user-driven changes
   */
  constructor(geometry, onFollowChange) {
    this.geometry = geometry;
    this.onFollowChange = onFollowChange;
    this.following = true;
    /** The scrollTop the list wrote last, as the element reported it back; -1 after the user scrolled. */
    this.lastSetTop = -1;
    this.prevTop = 0;
    /** The first visible row and its offset: {entry, offset}, or null. */
    this.anchor = null;
    /** An anchor kept over renders (reveal) until the user scrolls. */
    this.pinned = null;
  }

  /** Records a scrollTop the list wrote itself, as the element reports it back. */
  wrote(top) {
    this.lastSetTop = top;
    this.prevTop = top;
  }

  /** The user left the bottom (wheel up, keys, the scrollbar, touch). */
  userLeftBottom() {
    this.pinned = null;
    if (!this.following) return;
    this.following = false;
    this.lastSetTop = -1;
    this.onFollowChange(false);
  }

  /** Stops following without telling the owner (it decides when to follow again). */
  stopFollowing() {
    this.following = false;
    this.lastSetTop = -1;
    this.pinned = null;
  }

  /** Stops following and keeps `entry` `offset` px below the top of the view over renders. */
  pin(entry, offset) {
    this.stopFollowing();
    this.pinned = { entry, offset };
  }

  /** Follows again, from the list's own jump to the end. */
  follow() {
    this.following = true;
    this.pinned = null;
  }

  /**
   * A scroll event at `top`. False when it is the list's own write (the render that made it drew
   * the rows for it already); true when the user scrolled, and the list must render.
   * @param atBottom () => whether the view is at the bottom now
   * @param anchorAt top => the anchor at that position
   */
  scrolled(top, atBottom, anchorAt) {
    if (this.lastSetTop >= 0 && Math.abs(top - this.lastSetTop) < 1) {
      this.prevTop = top;
      return false;
    }
    // Upward always stops following (even a few pixels, which still count as "at the bottom");
    // only reaching the bottom while not moving up starts it again.
    const movedUp = top < this.prevTop - 0.5;
    this.prevTop = top;
    this.lastSetTop = -1;
    this.pinned = null;
    // The row now at the top is what the user reads: keep it (not the one before the scroll) in
    // place when rows are trimmed or merged above it.
    this.anchor = anchorAt(top);
    if (movedUp) {
      if (this.following) {
        this.following = false;
        this.onFollowChange(false);
      }
    } else if (!this.following && atBottom()) {
      this.following = true;
      this.onFollowChange(true);
    }
    return true;
  }

  /**
   * The scrollTop a render sets, or null to leave it: the bottom (`maxTop`) while following, else
   * the anchored row where it was. A scroll up since the last write that no event reported yet (a
   * scrollbar drag, a key) stops following instead.
   * @param top     the scrollTop now
   * @param indexOf entry -> index in the rows just laid out, or -1
   */
  topFor(maxTop, top, count, indexOf) {
    if (this.following) {
      if (this.lastSetTop >= 0 && top < this.lastSetTop - 1 && this.lastSetTop <= maxTop) {
        this.following = false;
        this.lastSetTop = -1;
        this.onFollowChange(false);
        return null;
      }
      return maxTop;
    }
    const anchor = this.pinned ?? this.anchor;
    if (!anchor) return null;
    const i = indexOf(anchor.entry);
    if (i < 0 || i >= count) return null;
    const want = Math.max(0, Math.min(maxTop, this.geometry.topOf(i) + anchor.offset));
    return Math.abs(want - top) >= 1 ? want : null;
  }

  /** The scrollTop nearest `top` that shows all of row i of `count` in a view `viewH` px high. */
  topShowing(i, count, top, viewH) {
    const rowTop = this.geometry.topOf(i);
    const rowBottom = i + 1 < count ? this.geometry.topOf(i + 1) : this.geometry.total;
    if (rowTop < top) return rowTop;
    if (rowBottom > top + viewH) return Math.min(rowTop, rowBottom - viewH);
    return top;
  }
}
