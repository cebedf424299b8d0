// The log itself: the virtual list of rows, the empty-state text, the "N new" / Resume pill and
// the paused outline. Clicks on a row's parts go to the handlers; a click elsewhere on a row opens
// it (bindOpen), its ▸ expands it in place, which is the view's own. It is a grid: a header row
// (column-head.js) and rows of cells; the keyboard moves a current row.

import { VirtualList } from './virtual-list.js';
import { buildRow, isExpandable } from './rows.js';
import { ColumnHead } from './column-head.js';
import { bindRowKeys } from './row-keys.js';
import { RowHold } from './row-hold.js';
import { formatCount } from './format.js';
import { setText } from './status-bar.js';
import { SourceColors } from './sources.js';

/** Room (px) under the rows while the jump pill shows: its height and bottom offset in rows.css, and 4 px. */
const JUMP_ROOM = 48;

export class LogView {
  /** colors: the page's SourceColors, so a row's source has the legend's colour. */
  constructor(doc = document, colors = new SourceColors()) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.scroller = $('scroller');
    this.layer = $('rows');
    this.empty = $('empty');
    this.jump = $('jump');
    this.newCountEl = $('new-count');
    this.jumpLabel = $('jump-label');
    this.style = { matcher: null, utc: false, marked: null, current: null, loggerChars: 0, colors };
    this.onLayout = () => {};
    this.onOpen = null;
    /** Room (px) kept free under the rows: for the jump pill, and what the detail panel covers. */
    this.bottomRoom = 0;
    this.room = { jump: 0, cover: 0 };
    /** While the detail panel is open, cover(rect): the px of the log's bottom it covers. */
    this.cover = null;
    this.head = new ColumnHead({ scroller: this.scroller, mount: this.scroller.parentElement, doc });
    const cssRow = parseFloat(getComputedStyle(doc.documentElement).getPropertyValue('--row-h'));
    this.list = new VirtualList({
      scroller: this.scroller,
      sizer: $('sizer'),
      layer: this.layer,
      rowHeight: Number.isFinite(cssRow) && cssRow > 0 ? cssRow : 22,
      buildRow: (entry, expanded) => buildRow(entry, { ...this.style, expanded }),
      onFollowChange: (following) => this.onFollowChange(following),
      insets: () => ({ top: this.head.height(), bottom: this.bottomRoom }),
    });
    this.onFollowChange = () => {};
    this.list.onScheduled = () => this.onLayout();
    this.onHold = () => {};
    this.hold = new RowHold({ scroller: this.scroller, layer: this.layer, doc, expanded: () => this.list.expandedCount > 0,
      onChange: (held) => this.onHold(held) });
    this.head.bindWrap((on) => {
      this.list.setWrap(on);
      this.onLayout();
    });
    this.head.bindLoggerRoom((chars) => {
      this.style = { ...this.style, loggerChars: chars };
      this.list.invalidate();
      this.onLayout();
    });
    bindRowKeys(this);
    window.addEventListener('resize', () => {
      if (this.cover) this.setRoom('cover', this.cover(this.scroller.getBoundingClientRect()));
      this.onLayout();
    });
    new ResizeObserver(() => this.onLayout()).observe(this.scroller);
  }

  /** handler(held): the user started (true) or stopped (false) working in the rows. */
  bindHold(handler) {
    this.onHold = handler;
  }

  updateHold() {
    this.hold.update();
  }

  /** handler(): the view needs a redraw (scroll, resize, a row expanded). */
  bindLayout(handler) {
    this.onLayout = handler;
  }

  /** handler(following): the user scrolled away from the bottom or back to it. */
  bindFollowChange(handler) {
    this.onFollowChange = handler;
  }

  /** handler(): the jump pill was clicked. */
  bindJump(handler) {
    this.jump.addEventListener('click', handler);
  }

  /**
   * Clicks on rows. handlers: copy(event), context(entry), logger(event, alt), chip(kind, value). The
   * ▸ and the folded context chip expand the row in place (the chip: to show its context values). A
   * click elsewhere makes the row the current one and asks to open it (bindOpen), one effect per
   * click; not while the user selects text in it.
   */
  bindRowClick({ copy, context, logger, chip }) {
    // A press on ▸ leaves the focus where it was: the row is rebuilt, the button with it.
    this.layer.addEventListener('mousedown', (e) => {
      if (e.target.closest('.expand')) e.preventDefault();
    });
    this.layer.addEventListener('click', (e) => {
      const rowEl = e.target.closest('.row');
      if (!rowEl) return;
      const entry = this.list.renderedEntries().find((x) => String(x.id) === rowEl.dataset.id);
      if (!entry) return;
      const ev = entry.event;
      if (e.target.closest('.copy')) copy(ev);
      else if (e.target.closest('.context')) context(entry);
      else if (e.target.closest('.logger')) logger(ev, e.altKey);
      else if (e.target.closest('.chip-ctx')) chip('ctx', e.target.closest('.chip-ctx').dataset.ctx);
      else if (e.target.closest('.chip-marker')) chip('marker', e.target.closest('.chip-marker').dataset.marker);
      else if (e.target.closest('.chip-mdc')) this.toggleExpanded(entry);
      else if (e.target.closest('.expand')) {
        this.setCurrent(entry, false);
        this.toggleExpanded(entry);
      } else if (!e.target.closest('a, button, input, .chip')) {
        const sel = this.doc.getSelection();
        if (sel && !sel.isCollapsed && rowEl.contains(sel.anchorNode)) return; // selecting text, not opening
        this.setCurrent(entry, false);
        this.open(entry);
      }
    });
  }

  /**
   * handler(entry): the user asked to open a row (Enter on the current row, or a click on a row
   * outside its links, buttons and chips). While none is bound, that expands or collapses the row.
   */
  bindOpen(handler) {
    this.onOpen = handler;
  }

  open(entry) {
    if (this.onOpen) this.onOpen(entry);
    else if (isExpandable(entry.event) || this.list.isExpanded(entry)) this.toggleExpanded(entry);
  }

  /**
   * The row the detail panel shows (null: it closed). While it is open the rows hold still, the
   * room `cover(rect)` says it covers under the log's rect is kept free, and the row is in sight.
   */
  showDetailOf(entry, cover = () => 0) {
    this.cover = entry ? cover : null;
    this.hold.set('detail', entry !== null);
    this.setRoom('cover', entry ? cover(this.scroller.getBoundingClientRect()) : 0);
    if (entry) this.list.ensureVisible(entry);
  }

  toggleExpanded(entry) {
    this.list.toggleExpanded(entry);
    this.updateHold();
    this.onLayout();
  }

  /** Enter on the current row: open it (bindOpen), or else expand or collapse it. */
  openCurrent() {
    const entry = this.current;
    if (entry?.kind === 'event') this.open(entry);
  }

  /** → and ← on the current row: expand (`on`) or collapse it in place. */
  expandCurrent(on) {
    const entry = this.current;
    if (entry?.kind !== 'event' || this.list.isExpanded(entry) === on) return;
    if (!on || isExpandable(entry.event)) this.toggleExpanded(entry);
  }

  /** The keyboard's current row (an entry of the last render's items), or null. */
  get current() {
    const c = this.style.current;
    return c && this.list.indexOf(c) >= 0 ? c : null;
  }

  /** Makes `entry` the current row; `reveal` scrolls it into view (which stops following). */
  setCurrent(entry, reveal = true) {
    const old = this.style.current;
    this.style = { ...this.style, current: entry };
    if (old && old !== entry) this.list.rendered.get(old)?.classList.remove('current');
    this.list.rendered.get(entry)?.classList.add('current');
    this.showActive();
    if (reveal) this.list.ensureVisible(entry);
  }

  /** Moves the current row `by` rows (Infinity: the last, -Infinity: the first), within the rows shown. */
  moveCurrent(by) {
    const { items, count } = this.list;
    if (!count) return;
    let i = this.current ? this.list.indexOf(this.current) : -1;
    if (i < 0) {
      // No current row yet: start from the row in view (the last one while following).
      i = this.list.following ? count - 1 : this.list.indexOf(this.list.anchorAt(this.scroller.scrollTop)?.entry);
      if (by > 0 && by !== Infinity) by -= 1;
      else if (by < 0 && by !== -Infinity) by += 1;
    }
    const next = Math.max(0, Math.min(count - 1, by === Infinity ? count - 1 : by === -Infinity ? 0 : i + by));
    this.setCurrent(items[next], by !== Infinity);
  }

  /** The grid's active descendant is the current row while it is in the DOM. */
  showActive() {
    const node = this.style.current && this.list.rendered.get(this.style.current);
    if (node) this.scroller.setAttribute('aria-activedescendant', node.id);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  /** Makes the row of the event with this seq current and gives the log the focus (after a panel closes); false when it is not drawn. */
  focusRow(seq) {
    const entry = this.list.renderedEntries().find((x) => x.kind === 'event' && x.event.seq === Number(seq));
    if (!entry) return false;
    this.setCurrent(entry, false);
    this.scroller.focus({ preventScroll: true });
    return true;
  }

  /** Gives the log the focus, without scrolling it. */
  focus() {
    this.scroller.focus({ preventScroll: true });
  }

  /** How rows are drawn: the search matcher (for highlights) and the time zone. Rebuilds rows when it changed. */
  setRowStyle(matcher, utc) {
    if (this.style.matcher === matcher && this.style.utc === utc) return;
    this.style = { ...this.style, matcher, utc };
    this.list.invalidate();
  }

  /** Marks the row shown in context (null: none) and scrolls it to the middle of the log. */
  showInContext(entry) {
    const old = this.style.marked;
    this.style = { ...this.style, marked: entry };
    if (old) this.list.dropRendered(old);
    if (entry) {
      this.list.dropRendered(entry);
      this.list.reveal(entry);
    }
  }

  /** Draws the first `shown` entries of `items`; indexOf(entry) gives an entry's index or -1. */
  setRows(items, shown, indexOf) {
    this.list.render(items, shown, indexOf);
    this.showActive();
  }

  /** The text over an empty view ('' hides it). */
  setEmpty(text) {
    setText(this.empty, text);
    this.empty.hidden = text === '';
  }

  /** The pill: `newCount` rows below, shown when `visible`, labelled Resume when paused. */
  setJump(newCount, visible, paused) {
    if (this.newCountEl.dataset.count !== String(newCount)) {
      this.newCountEl.dataset.count = String(newCount);
      this.newCountEl.textContent = newCount ? `${formatCount(newCount)} new` : '';
    }
    this.jump.hidden = !visible;
    this.setRoom('jump', visible ? JUMP_ROOM : 0);
    setText(this.jumpLabel, paused ? 'Resume' : 'Jump to latest');
  }

  /** Room kept free under the rows for `what` ('jump' or 'cover'): the larger of the two is kept. */
  setRoom(what, px) {
    this.room[what] = Math.round(px);
    const room = Math.max(this.room.jump, this.room.cover);
    if (room === this.bottomRoom) return;
    this.bottomRoom = room;
    this.scroller.style.paddingBottom = room ? room + 'px' : '';
    // Less room can pull scrollTop up: that is the list's own doing, not the user's scroll.
    if (this.list.following) this.list.writeScrollTop(this.scroller.scrollTop);
  }

  setPaused(paused) {
    this.doc.body.classList.toggle('paused', paused);
  }

  get following() {
    return this.list.following;
  }

  pageRows() {
    return this.list.pageRows();
  }

  /** Scrolls to the end and follows; expanded rows collapse (the user asked for the live end). */
  jumpToEnd() {
    if (this.list.expandedCount) {
      this.list.collapseAll();
      this.updateHold();
    }
    this.list.jumpToEnd();
  }

  /** Forgets expanded and rendered rows (after a Clear). */
  reset() {
    this.list.reset();
    this.updateHold();
  }

  renderedEntries() {
    return this.list.renderedEntries();
  }
}
