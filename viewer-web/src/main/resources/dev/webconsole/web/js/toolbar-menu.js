// The toolbar's "⋯" menu in a narrow window: the level, the logger fields and the actions move
// into it so that the toolbar keeps one row (a11y.css; in a wide window the menu's box is
// `display: contents` and the button is hidden). It closes on Esc (through `overlays`), on a
// click outside it and after a button in it was pressed; focus then returns to the "⋯" button.

import { Overlays } from './overlays.js';

export class ToolbarMenu {
  constructor(doc = document, overlays = new Overlays()) {
    this.doc = doc;
    this.button = doc.getElementById('toolbar-menu');
    this.panel = doc.getElementById('toolbar-more');
    this.overlays = overlays;
    this.close = () => this.setOpen(false);
    this.button.addEventListener('click', () => this.setOpen(!this.open));
    this.panel.addEventListener('click', (e) => {
      if (this.open && e.target.closest('button')) this.setOpen(false);
    });
    doc.addEventListener('pointerdown', (e) => {
      if (this.open && !this.panel.contains(e.target) && !this.button.contains(e.target)) this.setOpen(false);
    });
    matchMedia('(max-width: 760px)').addEventListener?.('change', (e) => {
      if (!e.matches) this.setOpen(false);
    });
  }

  get open() {
    return this.doc.body.classList.contains('menu-open');
  }

  setOpen(open) {
    if (open === this.open) return;
    const focusWasInside = this.panel.contains(this.doc.activeElement);
    this.doc.body.classList.toggle('menu-open', open);
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.overlays.register(this.close);
      this.panel.querySelector('select, input, button')?.focus();
    } else {
      this.overlays.release(this.close);
      if (focusWasInside || this.doc.activeElement === this.doc.body) this.button.focus();
    }
  }
}
