// The log's header row and its Columns menu: column names, a resize handle on each column's right
// edge (drag, or the arrow keys), and a menu to hide columns and wrap long messages. The choices
// are kept in localStorage (columns.js); the rows follow them through CSS variables and classes
// on the scroller.

import { COLUMNS, MAX_WIDTH, parseLayout, formatLayout, withHidden, withWidth } from './columns.js';
import { PREF, pref, setPref } from './prefs.js';

/** Space between a column's text and the next column (px); part of each column's track. */
const GAP = 10;
/** How much one arrow key press resizes a column (px). */
const KEY_STEP = 10;
/** The columns a narrow window leaves out (columns.css): its menu does not list them. */
const WIDE_ONLY = new Set(['src', 'logger', 'thread']);

export class ColumnHead {
  /** @param o.scroller the log's scroller (the grid); @param o.mount where the menu goes */
  constructor({ scroller, mount, doc = document }) {
    this.doc = doc;
    this.scroller = scroller;
    this.layout = parseLayout(pref(PREF.columns, ''));
    this.onWrap = () => {};
    this.onLoggerRoom = () => {};
    this.head = this.buildHead();
    scroller.prepend(this.head);
    this.menu = this.buildMenu();
    mount.append(this.menu);
    this.bindMenu();
    this.apply();
    this.charWidth = 0;
    new ResizeObserver(() => this.reportLoggerRoom()).observe(this.cells.logger);
    // The rows ask for the header's height on every frame: kept from the observer, so that asking
    // never forces a layout after the frame has changed the page.
    this.headHeight = -1;
    new ResizeObserver(() => {
      this.headHeight = this.head.offsetHeight;
    }).observe(this.head);
  }

  buildHead() {
    const head = this.doc.createElement('div');
    head.className = 'log-head';
    head.id = 'log-head';
    head.setAttribute('role', 'row');
    this.cells = {};
    for (const { key, label } of COLUMNS) {
      const c = this.headCell(key, label);
      c.append(this.resizer(key, label));
      this.cells[key] = c;
      head.append(c);
    }
    head.append(this.headCell('msg', 'Message'));
    const end = this.headCell('actions', '');
    this.menuButton = this.doc.createElement('button');
    this.menuButton.type = 'button';
    this.menuButton.id = 'columns-button';
    this.menuButton.className = 'columns-button';
    this.menuButton.textContent = 'Columns';
    this.menuButton.title = 'Show or hide columns, wrap long messages';
    this.menuButton.setAttribute('aria-expanded', 'false');
    this.menuButton.setAttribute('aria-controls', 'columns-menu');
    end.append(this.menuButton);
    head.append(end);
    // One "0" in the rows' font: how many characters fit in the logger column.
    this.probe = this.doc.createElement('span');
    this.probe.className = 'char-probe';
    this.probe.setAttribute('aria-hidden', 'true');
    this.probe.textContent = '0000000000';
    this.cells.logger.append(this.probe);
    return head;
  }

  headCell(key, label) {
    const c = this.doc.createElement('div');
    c.className = 'head-cell head-' + key;
    c.setAttribute('role', 'columnheader');
    const name = this.doc.createElement('span');
    name.className = 'head-name';
    name.textContent = label;
    c.append(name);
    return c;
  }

  /** The drag handle on a column's right edge; also a focusable separator the arrow keys move. */
  resizer(key, label) {
    const r = this.doc.createElement('span');
    r.className = 'col-resize';
    r.dataset.col = key;
    r.tabIndex = 0;
    r.setAttribute('role', 'separator');
    r.setAttribute('aria-orientation', 'vertical');
    r.setAttribute('aria-label', `Resize the ${label} column`);
    r.setAttribute('aria-valuemin', '0');
    r.setAttribute('aria-valuemax', String(MAX_WIDTH));
    r.title = `Drag to resize the ${label} column (or focus and use \u2190 \u2192); double-click for its default width`;
    r.addEventListener('pointerdown', (e) => this.startDrag(e, key, r));
    r.addEventListener('dblclick', () => this.setLayout(withWidth(this.layout, key, null)));
    r.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? KEY_STEP : e.key === 'ArrowLeft' ? -KEY_STEP : 0;
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      this.setLayout(withWidth(this.layout, key, this.width(key) + step));
    });
    return r;
  }

  /** The width (px) of a column's content now: its track less the gap. */
  width(key) {
    return Math.max(0, this.cells[key].getBoundingClientRect().width - GAP);
  }

  startDrag(e, key, handle) {
    e.preventDefault();
    e.stopPropagation();
    handle.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const w0 = this.width(key);
    const move = (m) => this.setLayout(withWidth(this.layout, key, w0 + m.clientX - x0), false);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      this.save();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  }

  buildMenu() {
    const menu = this.doc.createElement('div');
    menu.id = 'columns-menu';
    menu.className = 'columns-menu';
    menu.setAttribute('role', 'group');
    menu.setAttribute('aria-label', 'Columns');
    menu.hidden = true;
    this.boxes = {};
    // Like the header, the menu lists Source only while the hub has sources (columns.css).
    for (const { key, label } of COLUMNS) {
      const row = this.menuBox(key, label);
      row.classList.add('menu-' + key);
      if (WIDE_ONLY.has(key)) row.classList.add('menu-wide');
      menu.append(row);
    }
    const note = this.doc.createElement('span');
    note.className = 'menu-note';
    note.textContent = 'More columns in a wider window';
    menu.append(note);
    const wrap = this.menuBox('wrap', 'Wrap long messages');
    wrap.classList.add('menu-wrap');
    menu.append(wrap);
    return menu;
  }

  menuBox(key, label) {
    const row = this.doc.createElement('label');
    const box = this.doc.createElement('input');
    box.type = 'checkbox';
    box.dataset.col = key;
    row.append(box, this.doc.createTextNode(' ' + label));
    this.boxes[key] = box;
    box.addEventListener('change', () => {
      if (key === 'wrap') this.setLayout({ ...this.layout, wrap: box.checked });
      else this.setLayout(withHidden(this.layout, key, !box.checked));
    });
    return row;
  }

  bindMenu() {
    this.menuButton.addEventListener('click', () => this.toggleMenu());
    this.doc.addEventListener('pointerdown', (e) => {
      if (!this.menu.hidden && !this.menu.contains(e.target) && e.target !== this.menuButton) this.toggleMenu(false);
    });
    this.menu.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      this.toggleMenu(false);
      this.menuButton.focus();
    });
  }

  toggleMenu(show = this.menu.hidden) {
    this.menu.hidden = !show;
    this.menuButton.setAttribute('aria-expanded', String(show));
    if (show) this.menu.querySelector('input').focus();
  }

  /** handler(on): long messages wrap (true) or stay on one line. */
  bindWrap(handler) {
    this.onWrap = handler;
    handler(this.layout.wrap);
  }

  /** handler(chars): how many characters of a logger name fit in its column (0: hidden). */
  bindLoggerRoom(handler) {
    this.onLoggerRoom = handler;
    this.reportLoggerRoom();
  }

  setLayout(layout, save = true) {
    const wrapChanged = layout.wrap !== this.layout.wrap;
    this.layout = layout;
    this.apply();
    if (save) this.save();
    if (wrapChanged) this.onWrap(layout.wrap);
  }

  save() {
    setPref(PREF.columns, formatLayout(this.layout));
  }

  /** Shows the layout: a class per hidden column, a width variable per resized one, the menu's boxes. */
  apply() {
    const { hidden, widths, wrap } = this.layout;
    for (const { key } of COLUMNS) {
      const off = hidden.includes(key);
      this.scroller.classList.toggle('hide-' + key, off);
      if (widths[key] === undefined) this.scroller.style.removeProperty('--col-' + key);
      else this.scroller.style.setProperty('--col-' + key, widths[key] + 'px');
      this.boxes[key].checked = !off;
    }
    for (const { key } of COLUMNS) {
      this.cells[key].querySelector('.col-resize').setAttribute('aria-valuenow', String(Math.round(this.width(key))));
    }
    this.scroller.classList.toggle('wrap', wrap);
    this.boxes.wrap.checked = wrap;
  }

  /** The header's height (px): the rows are laid out below it. */
  height() {
    if (this.headHeight < 0) this.headHeight = this.head.offsetHeight; // before the observer's first report
    return this.headHeight;
  }

  reportLoggerRoom() {
    if (!this.charWidth) this.charWidth = this.probe.getBoundingClientRect().width / 10;
    const room = this.width('logger');
    const chars = this.charWidth > 0 ? Math.floor(room / this.charWidth + 0.01) : 0;
    if (chars !== this.loggerChars) {
      this.loggerChars = chars;
      this.onLoggerRoom(chars);
    }
  }
}
