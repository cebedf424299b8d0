// The heights of the rows that are not one line tall, with no DOM: expanded rows, and (with
// wrapping on) collapsed rows whose message wraps. Both are measured after they render; the rest
// have the one fixed row height (row-geometry.js places them all).

export class RowHeights {
  /** @param rowHeight collapsed row height in px */
  constructor(rowHeight) {
    this.rowHeight = rowHeight;
    /** entry -> measured height (px) of expanded rows. */
    this.expanded = new Map();
    /** entry -> measured height (px) of collapsed rows taller than one line (wrapping on). */
    this.wrapped = new Map();
    this.wrap = false;
  }

  /** Turns wrapping on or off; false when it already was. */
  setWrap(on) {
    if (this.wrap === on) return false;
    this.wrap = on;
    this.wrapped.clear();
    return true;
  }

  /** Expands or collapses a row. */
  toggle(entry) {
    this.wrapped.delete(entry);
    if (this.expanded.has(entry)) this.expanded.delete(entry);
    else this.expanded.set(entry, this.rowHeight);
  }

  isExpanded(entry) {
    return this.expanded.has(entry);
  }

  get expandedCount() {
    return this.expanded.size;
  }

  /** Collapses every row; returns the entries that were expanded. */
  collapseAll() {
    const was = [...this.expanded.keys()];
    this.expanded.clear();
    return was;
  }

  clear() {
    this.expanded.clear();
    this.wrapped.clear();
  }

  /** The heights for a layout (see RowGeometry.layout); wrapped rows no longer in the rows are forgotten. */
  forLayout(indexOf) {
    if (!this.wrap) return this.expanded;
    for (const entry of this.wrapped.keys()) if (indexOf(entry) < 0) this.wrapped.delete(entry);
    return [this.expanded, this.wrapped];
  }

  /**
   * Takes the heights of rendered rows: `heightOf(entry)` gives a row's height in px (0: unknown).
   * Expanded rows always, the others while wrapping is on. True when one changed.
   */
  measure(entries, heightOf) {
    let changed = false;
    for (const entry of entries) {
      const expanded = this.expanded.has(entry);
      if (!expanded && !this.wrap) continue;
      const h = heightOf(entry);
      const map = expanded ? this.expanded : this.wrapped;
      const was = map.get(entry) ?? this.rowHeight;
      if (!h || h === was) continue;
      if (expanded || h > this.rowHeight) map.set(entry, h);
      else map.delete(entry);
      changed = true;
    }
    return changed;
  }
}
