// A virtualized list of rows: only the rows in and near the viewport are in the DOM.
// Collapsed rows have one fixed height; expanded rows are measured after they render and their
// extra height is kept per entry, so positions stay exact without measuring every row (the
// position math is in row-geometry.js). Where the scroll position goes, following the bottom or
// keeping the row the user reads in place, is decided in scroll-keeper.js.

import { RowGeometry } from './row-geometry.js';
import { RowHeights } from './row-heights.js';
import { ScrollKeeper } from './scroll-keeper.js';

const OVERSCAN = 8;

export class VirtualList {
  /**
   * @param o.scroller  the scrolling element
   * @param o.sizer     child of scroller whose height is the whole list
   * @param o.layer     element that holds the row elements (inside sizer)
   * @param o.rowHeight collapsed row height in px
   * @param o.buildRow  (entry, expanded) => Element
   * @param o.onFollowChange (following) => void, called on user-driven changes
   * @param o.insets    () => {top, bottom}: px of the scroller covered by a sticky header and kept
   *                    free at the bottom; rows are laid out in the rest
   */
  constructor({ scroller, sizer, layer, rowHeight, buildRow, onFollowChange, insets }) {
    this.scroller = scroller;
    this.sizer = sizer;
    this.layer = layer;
    this.rowHeight = rowHeight;
    this.buildRow = buildRow;
    this.insets = insets ?? (() => ({ top: 0, bottom: 0 }));
    this.indexOf = () => -1;
    this.items = [];
    this.count = 0;
    /** Heights of expanded and wrapped rows. */
    this.heights = new RowHeights(rowHeight);
    /** entry -> element currently in the DOM. */
    this.rendered = new Map();
    this.generation = 0;
    this.geometry = new RowGeometry(rowHeight);
    this.scroll = new ScrollKeeper(this.geometry, onFollowChange ?? (() => {}));
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

  /** Whether the list sticks to the bottom. */
  get following() {
    return this.scroll.following;
  }

  /** Asks the owner for a render on the next frame. */
  requestRender() {
    this.onScheduled?.();
  }

  /** The height (px) rows are laid out in: the scroller's, less the header and the bottom room. */
  viewportHeight() {
    const { top, bottom } = this.insets();
    return Math.max(this.rowHeight, this.scroller.clientHeight - top - bottom);
  }

  /** Turns wrapped lines on or off; rows are built and measured again. */
  setWrap(on) {
    if (this.heights.setWrap(on)) this.invalidate();
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
    this.scroll.userLeftBottom();
  }

  handleScroll() {
    const top = this.scroller.scrollTop;
    if (this.scroll.scrolled(top, () => this.isAtBottom(), (at) => this.anchorAt(at))) this.requestRender();
  }

  /**
   * Expands or collapses a row and keeps it where it is on screen: the list stops following (the
   * owner decides when to follow again) and anchors on that row, so its growth goes downwards.
   */
  toggleExpanded(entry) {
    const i = this.items.indexOf(entry);
    if (i >= 0 && i < this.count) {
      this.scroll.stopFollowing();
      this.scroll.anchor = { entry, offset: this.scroller.scrollTop - this.geometry.topOf(i) };
    }
    this.heights.toggle(entry);
    this.dropRendered(entry);
  }

  get expandedCount() {
    return this.heights.expandedCount;
  }

  /** Collapses every row. */
  collapseAll() {
    for (const entry of this.heights.collapseAll()) this.dropRendered(entry);
  }

  isExpanded(entry) {
    return this.heights.isExpanded(entry);
  }

  /** Forgets expanded rows and rendered nodes (after a Clear). */
  reset() {
    this.heights.clear();
    for (const node of this.rendered.values()) node.remove();
    this.rendered.clear();
    this.scroll.anchor = null;
    this.scroll.pinned = null;
  }

  dropRendered(entry) {
    const node = this.rendered.get(entry);
    if (node) {
      node.remove();
      this.rendered.delete(entry);
    }
  }

  /**
   * Renders the first `count` entries of `items` (a key-sorted array).
   * @param indexOf entry -> index in items, or -1
   */
  render(items, count, indexOf) {
    this.items = items;
    this.count = count;
    this.indexOf = indexOf;
    this.geometry.layout(count, this.heights.forLayout(indexOf), indexOf);
    const total = this.geometry.total;
    this.sizer.style.height = total + 'px';

    const s = this.scroller;
    const viewH = this.viewportHeight();
    this.viewHeight = viewH;
    const want = this.scroll.topFor(Math.max(0, total - viewH), s.scrollTop, count, indexOf);
    if (want !== null) this.writeScrollTop(want);

    const top = s.scrollTop;
    const [first, last] = this.geometry.rowsAround(top, viewH, count, OVERSCAN);
    const keep = this.placeRows(items, first, last);

    // Remember the first visible row as the anchor for the next render.
    this.scroll.anchor = this.anchorAt(top);

    // If an expanded row changed height, positions move: render again next frame.
    if (this.heights.measure(keep, (entry) => this.rendered.get(entry).offsetHeight)) this.requestRender();
  }

  /** Puts the rows first..last of `items` in the DOM, in order, and removes the others; returns their entries. */
  placeRows(items, first, last) {
    const wanted = [];
    const keep = new Set();
    for (let i = first; i <= last; i++) {
      const entry = items[i];
      let node = this.rendered.get(entry);
      const expanded = this.heights.isExpanded(entry);
      if (!node || node.__gen !== this.generation) {
        if (node) node.remove();
        node = this.buildRow(entry, expanded);
        node.__gen = this.generation;
        this.rendered.set(entry, node);
      }
      const y = this.geometry.topOf(i);
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
    return keep;
  }

  /**
   * Scrolls as little as needed to show all of `entry`'s row (in the items of the last render),
   * as the user's own scroll: the list stops following.
   */
  ensureVisible(entry) {
    const i = this.indexOf(entry);
    if (i < 0 || i >= this.count) return;
    const at = this.scroller.scrollTop;
    const y = this.scroll.topShowing(i, this.count, at, this.viewportHeight());
    if (y === at) return;
    this.userLeftBottom();
    this.writeScrollTop(y);
    this.scroll.anchor = this.anchorAt(this.scroller.scrollTop);
    this.requestRender();
  }

  /** Rows that fit in the viewport at the last render (a guess before the first). */
  pageRows() {
    return Math.ceil((this.viewHeight || 1000) / this.rowHeight);
  }

  /** Rows that fit in the viewport, at least one. */
  fullPageRows() {
    return Math.max(1, Math.floor(this.viewportHeight() / this.rowHeight) - 1);
  }

  /** The first row visible at scroll position `top` of the last render, with its offset, or null. */
  anchorAt(top) {
    const i = this.geometry.indexAt(top);
    return i < this.count ? { entry: this.items[i], offset: top - this.geometry.topOf(i) } : null;
  }

  /** Stops following and scrolls so that `entry` (in the items of the next render) is in the middle. */
  reveal(entry) {
    // Pinned, not only anchored: rows a replay merges above or below must not push it away.
    this.scroll.pin(entry, -Math.max(0, (this.viewportHeight() - this.rowHeight) / 2));
    this.requestRender();
  }

  /** Scrolls to the end and follows again. */
  jumpToEnd() {
    this.scroll.follow();
    this.writeScrollTop(Math.max(0, this.geometry.total - this.viewportHeight()));
  }

  writeScrollTop(y) {
    this.scroller.scrollTop = y;
    this.scroll.wrote(this.scroller.scrollTop);
  }

  /** The entries whose rows are in the DOM, in order. */
  renderedEntries() {
    return [...this.rendered.keys()].sort((a, b) => a.key - b.key);
  }
}
