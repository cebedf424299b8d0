// A virtualized list of rows: only the rows in and near the viewport are in the DOM.
// Collapsed rows have one fixed height; expanded rows are measured after they render and their
// extra height is kept per entry, so positions stay exact without measuring every row.
//
// Following: the list sticks to the bottom while `following` is true. Only the user turns it off
// (wheel up, keys, dragging the scrollbar, touch) and only the user's own scroll to the bottom turns
// it back on; scroll events caused by the list's own scrollTop writes are recognized and ignored.

const OVERSCAN = 8;

export class VirtualList {
  /**
   * @param o.scroller  the scrolling element
   * @param o.sizer     child of scroller whose height is the whole list
   * @param o.layer     element that holds the row elements (inside sizer)
   * @param o.rowHeight collapsed row height in px
   * @param o.buildRow  (entry, expanded) => Element
   * @param o.onFollowChange (following) => void, called on user-driven changes
   */
  constructor({ scroller, sizer, layer, rowHeight, buildRow, onFollowChange }) {
    this.scroller = scroller;
    this.sizer = sizer;
    this.layer = layer;
    this.rowHeight = rowHeight;
    this.buildRow = buildRow;
    this.onFollowChange = onFollowChange ?? (() => {});
    this.items = [];
    this.count = 0;
    this.following = true;
    /** entry -> measured height (px) of expanded rows. */
    this.expanded = new Map();
    /** entry -> element currently in the DOM. */
    this.rendered = new Map();
    this.generation = 0;
    this.lastSetTop = -1;
    this.prevTop = 0;
    this.anchor = null;
    /** An anchor kept over renders (reveal) until the user scrolls. */
    this.pinned = null;
    this.total = 0;
    this.extras = [];
    this.onScheduled = null;
    this.viewHeight = 0;

    scroller.addEventListener('scroll', () => this.handleScroll(), { passive: true });
    scroller.addEventListener('wheel', (e) => {
      if (e.deltaY < 0 && scroller.scrollHeight > scroller.clientHeight) this.userLeftBottom();
    }, { passive: true });
    scroller.addEventListener('keydown', (e) => {
      if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) this.userLeftBottom();
    });
    scroller.addEventListener('touchmove', () => this.userLeftBottom(), { passive: true });
    scroller.addEventListener('pointerdown', (e) => {
      // A press on the scroller itself (not a row) is a press on its scrollbar.
      if (e.target === scroller) this.userLeftBottom();
    });
  }

  /** Asks the owner for a render on the next frame. */
  requestRender() {
    this.onScheduled?.();
  }

  /** Forces every row to be built again (search, time zone or other display settings changed). */
  invalidate() {
    this.generation++;
  }

  isAtBottom() {
    const s = this.scroller;
    return s.scrollTop + s.clientHeight >= s.scrollHeight - Math.max(4, this.rowHeight / 2);
  }

  userLeftBottom() {
    this.pinned = null;
    if (!this.following) return;
    this.following = false;
    this.lastSetTop = -1;
    this.onFollowChange(false);
  }

  handleScroll() {
    const top = this.scroller.scrollTop;
    if (this.lastSetTop >= 0 && Math.abs(top - this.lastSetTop) < 1) {
      this.prevTop = top;
      return; // our own write: the render that made it already drew the rows for it
    }
    // The user scrolled. Upward always stops following (even a few pixels, which still count as
    // "at the bottom"); only reaching the bottom while not moving up starts it again.
    const movedUp = top < this.prevTop - 0.5;
    this.prevTop = top;
    this.lastSetTop = -1;
    this.pinned = null;
    // The row now at the top is what the user reads: keep it (not the one before the scroll) in
    // place when rows are trimmed or merged above it.
    this.anchor = this.anchorAt(top);
    if (movedUp) {
      if (this.following) {
        this.following = false;
        this.onFollowChange(false);
      }
    } else if (!this.following && this.isAtBottom()) {
      this.following = true;
      this.onFollowChange(true);
    }
    this.requestRender();
  }

  /**
   * Expands or collapses a row and keeps it where it is on screen: the list stops following (the
   * owner decides when to follow again) and anchors on that row, so its growth goes downwards.
   */
  toggleExpanded(entry) {
    const i = this.items.indexOf(entry);
    if (i >= 0 && i < this.count) {
      this.following = false;
      this.lastSetTop = -1;
      this.pinned = null;
      this.anchor = { entry, offset: this.scroller.scrollTop - this.topOf(i) };
    }
    if (this.expanded.has(entry)) this.expanded.delete(entry);
    else this.expanded.set(entry, this.rowHeight);
    this.dropRendered(entry);
  }

  get expandedCount() {
    return this.expanded.size;
  }

  /** Collapses every row. */
  collapseAll() {
    for (const entry of this.expanded.keys()) this.dropRendered(entry);
    this.expanded.clear();
  }

  isExpanded(entry) {
    return this.expanded.has(entry);
  }

  /** Forgets expanded rows and rendered nodes (after a Clear). */
  reset() {
    this.expanded.clear();
    for (const node of this.rendered.values()) node.remove();
    this.rendered.clear();
    this.anchor = null;
    this.pinned = null;
  }

  dropRendered(entry) {
    const node = this.rendered.get(entry);
    if (node) {
      node.remove();
      this.rendered.delete(entry);
    }
  }

  /** Expanded rows' extra heights as [index, extra] sorted by index, for the current items. */
  computeExtras(indexOf) {
    const out = [];
    for (const [entry, h] of this.expanded) {
      const i = indexOf(entry);
      if (i < 0) continue;
      if (i < this.count && h > this.rowHeight) out.push([i, h - this.rowHeight]);
    }
    out.sort((a, b) => a[0] - b[0]);
    return out;
  }

  topOf(i) {
    let y = i * this.rowHeight;
    for (const [j, extra] of this.extras) {
      if (j >= i) break;
      y += extra;
    }
    return y;
  }

  indexAt(y) {
    let acc = 0;
    for (const [j, extra] of this.extras) {
      const top = j * this.rowHeight + acc;
      if (y < top) break;
      if (y < top + this.rowHeight + extra) return j;
      acc += extra;
    }
    return Math.max(0, Math.floor((y - acc) / this.rowHeight));
  }

  /**
   * Renders the first `count` entries of `items` (a key-sorted array).
   * @param indexOf entry -> index in items, or -1
   */
  render(items, count, indexOf) {
    this.items = items;
    this.count = count;
    this.extras = this.computeExtras(indexOf);
    let extraSum = 0;
    for (const [, e] of this.extras) extraSum += e;
    this.total = count * this.rowHeight + extraSum;
    this.sizer.style.height = this.total + 'px';

    const s = this.scroller;
    const viewH = s.clientHeight;
    this.viewHeight = viewH;
    const maxTop = Math.max(0, this.total - viewH);
    if (this.following) {
      // A scrollbar drag or keyboard scroll since our last write that no event told us about yet.
      if (this.lastSetTop >= 0 && s.scrollTop < this.lastSetTop - 1 && this.lastSetTop <= maxTop) {
        this.following = false;
        this.lastSetTop = -1;
        this.onFollowChange(false);
      } else {
        this.writeScrollTop(maxTop);
      }
    } else if (this.pinned || this.anchor) {
      // Keep the row the user is reading in place when rows are trimmed or merged above it.
      const anchor = this.pinned ?? this.anchor;
      const i = indexOf(anchor.entry);
      if (i >= 0 && i < count) {
        const want = Math.max(0, Math.min(maxTop, this.topOf(i) + anchor.offset));
        if (Math.abs(want - s.scrollTop) >= 1) this.writeScrollTop(want);
      }
    }

    const top = s.scrollTop;
    const first = Math.max(0, this.indexAt(top) - OVERSCAN);
    const last = Math.min(count - 1, this.indexAt(top + viewH) + OVERSCAN);

    const wanted = [];
    const keep = new Set();
    for (let i = first; i <= last; i++) {
      const entry = items[i];
      let node = this.rendered.get(entry);
      const expanded = this.expanded.has(entry);
      if (!node || node.__gen !== this.generation) {
        if (node) node.remove();
        node = this.buildRow(entry, expanded);
        node.__gen = this.generation;
        this.rendered.set(entry, node);
      }
      const y = this.topOf(i);
      if (node.__y !== y) {
        node.style.transform = `translateY(${y}px)`;
        node.__y = y;
      }
      keep.add(entry);
      wanted.push(node);
    }
    for (const [entry, node] of this.rendered) {
      if (!keep.has(entry)) {
        node.remove();
        this.rendered.delete(entry);
      }
    }
    // Keep DOM order equal to list order, moving as few nodes as possible.
    let child = this.layer.firstChild;
    for (const node of wanted) {
      if (child === node) child = child.nextSibling;
      else this.layer.insertBefore(node, child);
    }

    // Remember the first visible row as the anchor for the next render.
    this.anchor = this.anchorAt(top);

    // Measure expanded rows; if one changed height, positions move: render again next frame.
    let changed = false;
    for (const entry of keep) {
      if (!this.expanded.has(entry)) continue;
      const h = this.rendered.get(entry).offsetHeight;
      if (h && h !== this.expanded.get(entry)) {
        this.expanded.set(entry, h);
        changed = true;
      }
    }
    if (changed) this.requestRender();
  }

  /** Rows that fit in the viewport at the last render (a guess before the first). */
  pageRows() {
    return Math.ceil((this.viewHeight || 1000) / this.rowHeight);
  }

  /** The first row visible at scroll position `top` of the last render, with its offset, or null. */
  anchorAt(top) {
    const i = this.indexAt(top);
    return i < this.count ? { entry: this.items[i], offset: top - this.topOf(i) } : null;
  }

  /** Stops following and scrolls so that `entry` (in the items of the next render) is in the middle. */
  reveal(entry) {
    this.following = false;
    this.lastSetTop = -1;
    // Pinned, not only anchored: rows a replay merges above or below must not push it away.
    this.pinned = { entry, offset: -Math.max(0, (this.scroller.clientHeight - this.rowHeight) / 2) };
    this.requestRender();
  }

  /** Scrolls to the end and follows again. */
  jumpToEnd() {
    this.following = true;
    this.pinned = null;
    this.writeScrollTop(Math.max(0, this.total - this.scroller.clientHeight));
  }

  writeScrollTop(y) {
    this.scroller.scrollTop = y;
    this.lastSetTop = this.scroller.scrollTop;
    this.prevTop = this.lastSetTop;
  }

  /** The entries whose rows are in the DOM, in order. */
  renderedEntries() {
    return [...this.rendered.keys()].sort((a, b) => a.key - b.key);
  }
}
