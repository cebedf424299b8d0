// Picking the logger of a level boost without changing the view: the boost panel's Pick button
// turns picking on; the next click on a tree node or a row gives that logger (and the row's source)
// to the panel and does nothing else (no filter, no expanded row, no detail panel). Esc (through
// `overlays`), the button again, or a click elsewhere ends picking.

import { Overlays } from './overlays.js';

/** The logger (and source) a click in a pick target names: a tree node's path or a row's logger. */
export function pickedLogger(target) {
  const node = target.closest('[data-logger]');
  if (node) return { logger: node.dataset.logger, source: null };
  const row = target.closest('[data-seq]');
  const logger = row && row.querySelector('.logger[data-name]');
  return logger ? { logger: logger.dataset.name, source: row.dataset.source ?? '' } : null;
}

export class BoostPick {
  /**
   * @param o.button   the Pick button (a toggle: aria-pressed)
   * @param o.pickFrom containers whose tree nodes and rows can be picked
   * @param o.onPick   ({logger, source}) => void; source is null for a tree node, '' for a row without one
   * @param o.onChange (picking) => void
   */
  constructor({ button, pickFrom, onPick, onChange = () => {}, overlays = new Overlays(), doc = document }) {
    this.button = button;
    this.pickFrom = pickFrom;
    this.onPick = onPick;
    this.onChange = onChange;
    this.overlays = overlays;
    this.doc = doc;
    this.picking = false;
    this.cancel = () => this.set(false);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => this.set(!this.picking));
    // In the capture phase: the click is the pick's alone, the tree's and the rows' own handlers never see it.
    doc.addEventListener('click', (e) => this.click(e), true);
  }

  click(e) {
    if (!this.picking || this.button.contains(e.target)) return;
    if (!this.pickFrom.some((c) => c.contains(e.target))) {
      this.set(false); // a click elsewhere ends picking and does what it does
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    const picked = pickedLogger(e.target);
    if (!picked) return; // not on a logger (the tree's blank space, a gap row): still picking
    this.set(false);
    this.onPick(picked);
  }

  set(picking) {
    if (picking === this.picking) return;
    this.picking = picking;
    this.button.setAttribute('aria-pressed', String(picking));
    this.doc.body.classList.toggle('boost-picking', picking);
    if (picking) this.overlays.register(this.cancel);
    else this.overlays.release(this.cancel);
    this.onChange(picking);
  }
}
