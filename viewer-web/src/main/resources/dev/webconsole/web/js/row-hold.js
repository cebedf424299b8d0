// When the user works in the rows, they hold still: while the pointer is over them, text in them is
// selected, something in them has the focus, a row is expanded or a row's details are open.

export class RowHold {
  /**
   * @param o.expanded () => whether a row is expanded
   * @param o.onChange (held) => void, when holding starts and ends
   */
  constructor({ scroller, layer, doc, expanded, onChange }) {
    this.by = { pointer: false, selection: false, focus: false, detail: false };
    this.held = false;
    this.expanded = expanded;
    this.onChange = onChange;
    scroller.addEventListener('pointerenter', () => this.set('pointer', true));
    scroller.addEventListener('pointerleave', () => this.set('pointer', false));
    doc.addEventListener('selectionchange', () => {
      const sel = doc.getSelection();
      this.set('selection', Boolean(sel && !sel.isCollapsed && layer.contains(sel.anchorNode)));
    });
    layer.addEventListener('focusin', () => this.set('focus', true));
    layer.addEventListener('focusout', (e) => this.set('focus', layer.contains(e.relatedTarget)));
  }

  /** `key` ('pointer', 'selection', 'focus' or 'detail') holds the rows (`on`) or no longer does. */
  set(key, on) {
    this.by[key] = on;
    this.update();
  }

  /** Tells onChange when holding started or ended (after a row expanded or collapsed, too). */
  update() {
    const h = this.by;
    const held = h.pointer || h.selection || h.focus || h.detail || this.expanded();
    if (held === this.held) return;
    this.held = held;
    this.onChange(held);
  }
}
