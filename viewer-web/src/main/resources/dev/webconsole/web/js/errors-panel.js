// The errors panel: a toolbar button with the number of errors seen, and a panel that lists them
// grouped (error-groups.js) with count, first and last time and, when the hub has sources, the
// sources each group came from (in the legend's colours, with counts when more than one); a
// click on a group filters the log to it, shown as a removable chip under the toolbar (Esc, or
// the chip, removes it). It owns the button, the panel, the chip and the tab's title and favicon
// badge (tab-badge.js).
// Group names come from log text: they reach the DOM as text, with bidi controls made visible.

import { formatCount, formatDateTime, formatTime, levelClass, showControls } from './format.js';
import { groupLabel, groupSources, shortGroupLabel } from './error-groups.js';
import { SourceColors } from './sources.js';
import { TabBadge } from './tab-badge.js';
import { appendBreakable } from './breaks.js';

function el(doc, tag, className, text) {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = showControls(text);
  return e;
}

/** Source chips shown in a group; the rest are counted in one more chip. */
const SHOWN_SOURCES = 4;

/** What a group's source chip says of it: "orders", "no source", "other sources". */
function sourceName(source) {
  return source === null ? 'other sources' : source === '' ? 'no source' : source;
}

/** A span whose long qualified name wraps at its dots, `$` and `(`, not inside a word. */
function nameSpan(doc, className, text) {
  const e = el(doc, 'span', className);
  appendBreakable(e, showControls(text));
  return e;
}

export class ErrorsPanel {
  /**
   * overlays: the page's Overlays, so that Esc closes this panel when it is on top; colors: the
   * page's SourceColors, so that a group's sources have the legend's colours.
   */
  constructor(doc = document, overlays = null, colors = new SourceColors()) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.colors = colors;
    this.overlays = overlays;
    this.closer = () => this.setOpen(false, this.panel.contains(this.doc.activeElement));
    this.button = $('errors-button');
    this.buttonCount = $('errors-count');
    this.panel = $('errors-panel');
    this.summary = $('errors-summary');
    this.list = $('errors-list');
    this.chip = $('error-filter');
    this.badge = new TabBadge(doc);
    this.onPick = () => {};
    this.shown = { version: -1, utc: null, open: false };
    /** What setGroups was last given, drawn when the panel opens. */
    this.last = null;
    this.button.addEventListener('click', () => this.setOpen(this.panel.hidden));
    $('errors-close').addEventListener('click', () => this.setOpen(false, true));
    this.list.addEventListener('click', (e) => {
      const b = e.target.closest('.error-group');
      if (b) this.onPick(b.dataset.key);
    });
    this.chip.addEventListener('click', (e) => {
      if (e.target.closest('.error-chip')) this.onPick(null);
    });
    doc.addEventListener('pointerdown', (e) => {
      if (!this.panel.hidden && !this.panel.contains(e.target) && !this.button.contains(e.target)) this.setOpen(false);
    });
    // Esc with nothing open removes the group filter; an open panel or dialog closes first (overlays).
    doc.addEventListener('keydown', (e) => this.escape(e));
    window.addEventListener('resize', () => this.place());
  }

  /** The panel hangs just under the toolbar, however many lines the toolbar takes. */
  place() {
    const bar = this.doc.querySelector('.toolbar');
    if (!this.panel.hidden && bar) this.panel.style.top = `${Math.round(bar.getBoundingClientRect().bottom) + 4}px`;
  }

  /** handler(key): a group was clicked (to filter the log to it, or back); null: the filter is to go. */
  bindPick(handler) {
    this.onPick = handler;
  }

  /** New errors came (from errors.add): counted in the title and favicon while the tab is hidden. */
  newErrors(n) {
    this.badge.addErrors(n);
  }

  /** Shows the groups of an ErrorGroups and its selected group; cheap when nothing changed. */
  setGroups(errors, utc) {
    this.last = { errors, utc };
    const s = this.shown;
    const open = !this.panel.hidden;
    if (s.version === errors.version && s.utc === utc && s.open === open) return;
    const countChanged = s.version !== errors.version;
    this.shown = { version: errors.version, utc, open };
    if (countChanged) {
      this.buttonCount.textContent = errors.total ? formatCount(errors.total) : '';
      this.button.classList.toggle('has-errors', errors.total > 0);
      this.button.title = errors.total ? `${formatCount(errors.total)} errors seen: show them grouped` : 'No errors seen yet';
      this.showChip(errors.selected);
    }
    if (open) this.renderList(errors, utc);
  }

  setOpen(open, returnFocus = false) {
    if (open === !this.panel.hidden) return;
    this.panel.hidden = !open;
    this.order = open ? [] : null;
    this.button.setAttribute('aria-expanded', String(open));
    this.shown = { ...this.shown, open };
    this.place();
    if (open) this.overlays?.register(this.closer);
    else this.overlays?.release(this.closer);
    if (open && this.last) this.renderList(this.last.errors, this.last.utc);
    if (open) (this.list.querySelector('.error-group') ?? this.panel.querySelector('#errors-close')).focus();
    if (!open && returnFocus) this.button.focus();
  }

  /**
   * Esc: an open panel, menu or dialog closes first (the page's Overlays, which then stop the key);
   * with none open, Esc removes the group filter (not while typing in a field).
   */
  escape(e) {
    if (e.key !== 'Escape' || e.defaultPrevented || (this.overlays?.size ?? 0) > 0) return;
    if (!this.panel.hidden) {
      e.preventDefault();
      this.closer();
      return;
    }
    const t = e.target;
    const typing = t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (!this.chip.hidden && !typing) {
      e.preventDefault();
      this.onPick(null);
    }
  }

  /**
   * While the panel is open its groups keep the order they had when it opened (new groups go at
   * the end), so a group does not move away under the pointer; the next opening sorts afresh.
   */
  ordered(groups) {
    if (!this.order) return groups;
    const at = new Map(this.order.map((key, i) => [key, i]));
    for (const g of groups) {
      if (!at.has(g.key)) {
        at.set(g.key, this.order.length);
        this.order.push(g.key);
      }
    }
    return [...groups].sort((a, b) => at.get(a.key) - at.get(b.key));
  }

  renderList(errors, utc) {
    const groups = this.ordered(errors.groups());
    const doc = this.doc;
    const n = groups.length;
    let summary = n ? `${formatCount(errors.total)} errors in ${formatCount(n)} groups` : 'No errors seen yet.';
    if (errors.droppedGroups) summary += ` (${formatCount(errors.droppedGroups)} older groups not kept)`;
    this.summary.textContent = summary;
    const items = groups.map((g) => {
      const li = el(doc, 'li');
      const b = el(doc, 'button', 'error-group');
      b.type = 'button';
      b.dataset.key = g.key;
      b.setAttribute('aria-pressed', String(errors.selected?.key === g.key));
      const what = el(doc, 'span', 'eg-what');
      if (g.type !== null) {
        what.append(nameSpan(doc, 'eg-type', g.type), nameSpan(doc, 'eg-frame', g.frame ? `at ${g.frame}` : 'no frame of application code'));
      } else {
        what.append(el(doc, 'span', 'eg-type ' + levelClass(g.level), g.level), nameSpan(doc, 'eg-frame', `from ${g.logger}`));
      }
      if (g.message) what.append(el(doc, 'span', 'eg-msg', g.message.split(/\r?\n/, 1)[0]));
      const from = groupSources(g);
      if (from.length) what.append(this.sourceChips(from));
      const times = el(doc, 'span', 'eg-times');
      times.append(el(doc, 'span', 'eg-first', `first ${formatTime(g.first, utc)}`), el(doc, 'span', 'eg-last', `last ${formatTime(g.last, utc)}`));
      b.append(el(doc, 'span', 'eg-count', formatCount(g.count)), what, times);
      const fromText = from.length ? `\nfrom ${from.map((f) => `${sourceName(f.source)} ${formatCount(f.count)}`).join(', ')}` : '';
      b.title = showControls(`${groupLabel(g)}\n${formatCount(g.count)} times, first ${formatDateTime(g.first, utc)}, last ${formatDateTime(g.last, utc)}`
        + fromText + '\nClick: show only this group');
      li.append(b);
      return li;
    });
    const focusedKey = this.list.contains(doc.activeElement) ? doc.activeElement.dataset.key : null;
    this.list.replaceChildren(...items);
    if (focusedKey) [...this.list.querySelectorAll('.error-group')].find((b) => b.dataset.key === focusedKey)?.focus();
  }

  /**
   * The sources a group came from as chips, the most errors first: the name alone when there is
   * one, with its count when there are more; past SHOWN_SOURCES one chip counts the rest.
   */
  sourceChips(from) {
    const doc = this.doc;
    const line = el(doc, 'span', 'eg-sources');
    const many = from.length > 1;
    const shown = from.length > SHOWN_SOURCES ? from.slice(0, SHOWN_SOURCES - 1) : from;
    for (const { source, count } of shown) {
      const colour = source ? this.colors.className(source) : 'eg-no-source';
      const chip = el(doc, 'span', `chip chip-source ${colour}`, sourceName(source));
      chip.dataset.source = source ?? '';
      chip.title = showControls(`${sourceName(source)}: ${formatCount(count)} of this group's errors`);
      if (many) chip.append(el(doc, 'span', 'eg-source-count', ` ${formatCount(count)}`));
      line.append(chip);
    }
    const rest = from.slice(shown.length);
    if (rest.length) {
      const more = el(doc, 'span', 'chip chip-source eg-more-sources', `+${rest.length} more`);
      more.title = showControls(rest.map((f) => `${sourceName(f.source)} ${formatCount(f.count)}`).join('\n'));
      line.append(more);
    }
    return line;
  }

  showChip(selected) {
    this.chip.replaceChildren();
    this.chip.hidden = !selected;
    if (!selected) return;
    const c = el(this.doc, 'button', 'filter-chip error-chip', `error: ${shortGroupLabel(selected)} \u00d7`);
    c.type = 'button';
    c.title = showControls(`Only the error group ${groupLabel(selected)}\nClick or Esc: remove this filter`);
    this.chip.append(c);
  }
}
