// The log itself: the virtual list of rows, the empty-state text, the "N new" / Resume pill and
// the paused outline. Clicks on a row's parts go to the handlers; expanding a row is the view's own.

import { VirtualList } from './virtual-list.js';
import { buildRow, isExpandable } from './rows.js';
import { formatCount } from './format.js';
import { setText } from './status-bar.js';

export class LogView {
  constructor(doc = document) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.scroller = $('scroller');
    this.layer = $('rows');
    this.empty = $('empty');
    this.jump = $('jump');
    this.newCountEl = $('new-count');
    this.jumpLabel = $('jump-label');
    this.style = { matcher: null, utc: false, marked: null };
    this.onLayout = () => {};
    const cssRow = parseFloat(getComputedStyle(doc.documentElement).getPropertyValue('--row-h'));
    this.list = new VirtualList({
      scroller: this.scroller,
      sizer: $('sizer'),
      layer: this.layer,
      rowHeight: Number.isFinite(cssRow) && cssRow > 0 ? cssRow : 22,
      buildRow: (entry, expanded) => buildRow(entry, { ...this.style, expanded }),
      onFollowChange: (following) => this.onFollowChange(following),
    });
    this.onFollowChange = () => {};
    this.list.onScheduled = () => this.onLayout();
    this.bindHoldSources();
    window.addEventListener('resize', () => this.onLayout());
    new ResizeObserver(() => this.onLayout()).observe(this.scroller);
  }

  /**
   * The user works in the rows while the pointer is over them, text in them is selected, something
   * in them has the focus, or a row is expanded. onHold(held) hears when that starts and ends.
   */
  bindHoldSources() {
    this.onHold = () => {};
    this.holdBy = { pointer: false, selection: false, focus: false };
    this.held = false;
    const set = (key, on) => {
      this.holdBy[key] = on;
      this.updateHold();
    };
    this.scroller.addEventListener('pointerenter', () => set('pointer', true));
    this.scroller.addEventListener('pointerleave', () => set('pointer', false));
    this.doc.addEventListener('selectionchange', () => {
      const sel = this.doc.getSelection();
      set('selection', Boolean(sel && !sel.isCollapsed && this.layer.contains(sel.anchorNode)));
    });
    this.layer.addEventListener('focusin', () => set('focus', true));
    this.layer.addEventListener('focusout', (e) => set('focus', this.layer.contains(e.relatedTarget)));
  }

  updateHold() {
    const h = this.holdBy;
    const held = h.pointer || h.selection || h.focus || this.list.expandedCount > 0;
    if (held === this.held) return;
    this.held = held;
    this.onHold(held);
  }

  /** handler(held): the user started (true) or stopped (false) working in the rows. */
  bindHold(handler) {
    this.onHold = handler;
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
   * Clicks on rows. handlers: copy(event), context(entry), logger(event, alt), chip(kind, value). A click elsewhere
   * on an expandable row expands or collapses it (not while the user selects text in it).
   */
  bindRowClick({ copy, context, logger, chip }) {
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
      else if (isExpandable(ev) || this.list.isExpanded(entry)) {
        const sel = this.doc.getSelection();
        if (sel && !sel.isCollapsed && rowEl.contains(sel.anchorNode)) return; // selecting text, not toggling
        this.list.toggleExpanded(entry);
        this.updateHold();
        this.onLayout();
      }
    });
  }

  /**
   * handler(event): the user asked to open a row, by a click on it outside its links, buttons and
   * chips (not while selecting text in it) or by Enter on a focused row.
   */
  bindOpen(handler) {
    const eventOf = (rowEl) => this.list.renderedEntries().find((x) => String(x.id) === rowEl.dataset.id)?.event;
    this.layer.addEventListener('click', (e) => {
      const rowEl = e.target.closest('.row');
      if (!rowEl || e.target.closest('a, button, .chip, .logger, .detail')) return;
      const sel = this.doc.getSelection();
      if (sel && !sel.isCollapsed && rowEl.contains(sel.anchorNode)) return;
      const ev = eventOf(rowEl);
      if (ev) handler(ev);
    }, true); // before the click that expands the row redraws it
    this.layer.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !e.target.classList?.contains('row')) return;
      const ev = eventOf(e.target);
      if (ev) {
        e.preventDefault();
        handler(ev);
      }
    });
  }

  /** Gives the focus to the drawn row of the event with this seq (after a panel closes); false when it is not drawn. */
  focusRow(seq) {
    const rowEl = this.layer.querySelector(`.row[data-seq="${Number(seq)}"]`);
    if (!rowEl) return false;
    if (!rowEl.hasAttribute('tabindex')) rowEl.tabIndex = -1;
    rowEl.focus({ preventScroll: true });
    return true;
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
    setText(this.jumpLabel, paused ? 'Resume' : 'Jump to latest');
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
