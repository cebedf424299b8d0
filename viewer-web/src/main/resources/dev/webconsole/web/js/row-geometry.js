// Where the rows of a virtualized list sit, with no DOM: collapsed rows have one fixed height, and
// expanded rows add their measured extra height, so positions are exact without measuring every row.

export class RowGeometry {
  /** @param rowHeight collapsed row height in px */
  constructor(rowHeight) {
    this.rowHeight = rowHeight;
    /** Expanded rows' extra heights as [index, extra], sorted by index. */
    this.extras = [];
    /** Height of the whole list in px. */
    this.total = 0;
  }

  /**
   * Lays out `count` rows.
   * @param heights entry -> measured height (px) of expanded rows (or an array of such maps, with no entry in two)
   * @param indexOf entry -> index in the rows, or -1
   */
  layout(count, heights, indexOf) {
    this.extras = this.computeExtras(count, heights, indexOf);
    let extraSum = 0;
    for (const [, e] of this.extras) extraSum += e;
    this.total = count * this.rowHeight + extraSum;
  }

  /** Expanded rows' extra heights as [index, extra] sorted by index, for the first `count` rows. */
  computeExtras(count, heights, indexOf) {
    const out = [];
    for (const map of Array.isArray(heights) ? heights : [heights]) {
      for (const [entry, h] of map) {
        const i = indexOf(entry);
        if (i < 0) continue;
        if (i < count && h > this.rowHeight) out.push([i, h - this.rowHeight]);
      }
    }
    out.sort((a, b) => a[0] - b[0]);
    return out;
  }

  /** The top (px) of row i. */
  topOf(i) {
    let y = i * this.rowHeight;
    for (const [j, extra] of this.extras) {
      if (j >= i) break;
      y += extra;
    }
    return y;
  }

  /** The index of the row at height y (px); rows past the end count on at the collapsed height. */
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
   * The first and last index of the rows to render for a viewport of `height` px at scroll position
   * `top`: those in it and `overscan` more on each side, within the first `count` rows.
   */
  rowsAround(top, height, count, overscan) {
    const first = Math.max(0, this.indexAt(top) - overscan);
    const last = Math.min(count - 1, this.indexAt(top + height) + overscan);
    return [first, last];
  }
}
