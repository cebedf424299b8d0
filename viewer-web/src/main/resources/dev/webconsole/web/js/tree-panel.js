// The logger tree panel: the tree (tree-view.js), its reset link, and whether the panel is shown
// (the toolbar's tree button). In a wide window it is a side panel, shown or hidden as the user last
// chose there (remembered). In a narrow one it is an overlay over a backdrop that dims the log: it
// starts closed (also when the window becomes narrow) and closes on Esc, on a click on the backdrop
// or elsewhere outside it, and after a choice in it; widening the window brings back the wide
// choice. Redraws of the tree are spaced at least TREE_INTERVAL_MS apart: counts change with every
// frame, nobody reads them that fast.

import { TreeView } from './tree-view.js';
import { PREF, pref, setPref } from './prefs.js';
import { Overlays } from './overlays.js';

const TREE_INTERVAL_MS = 300;

export class TreePanel {
  /** @param overlays  Overlays: the tree registers there while it is shown over the log */
  constructor(tree, doc = document, overlays = new Overlays()) {
    const $ = (id) => doc.getElementById(id);
    this.handlers = { include: () => {}, exclude: () => {}, showOnly: () => {}, layout: () => {} };
    const chose = (handler) => (...args) => {
      handler(...args);
      if (this.narrow.matches) this.setShown(false);
    };
    this.view = new TreeView({
      container: $('logger-tree'),
      tree,
      onInclude: chose((path) => this.handlers.include(path)),
      onExclude: chose((path) => this.handlers.exclude(path)),
      onShowOnly: chose((path, alt) => this.handlers.showOnly(path, alt)),
    });
    this.reset = $('tree-reset');
    this.lastRender = 0;
    this.timer = null;

    this.body = doc.body;
    this.toggleButton = $('toggle-tree');
    this.sidebar = $('sidebar');
    this.overlays = overlays;
    this.closeOverlay = () => this.setShown(false);
    this.backdrop = doc.createElement('div');
    this.backdrop.className = 'tree-backdrop';
    this.backdrop.setAttribute('aria-hidden', 'true');
    this.backdrop.addEventListener('click', this.closeOverlay);
    this.sidebar.after(this.backdrop);
    this.narrow = matchMedia('(max-width: 760px)');
    const fit = () => this.setShown(this.narrow.matches ? false : pref(PREF.tree) !== 'hidden');
    fit();
    this.narrow.addEventListener('change', fit);
    this.toggleButton.addEventListener('click', () => {
      this.setShown(this.body.classList.contains('tree-hidden'));
      if (!this.narrow.matches) setPref(PREF.tree, this.shown ? 'shown' : 'hidden');
      else if (this.shown) this.sidebar.querySelector('button, input')?.focus();
    });
    doc.addEventListener('pointerdown', (e) => {
      const outside = !this.sidebar.contains(e.target) && !this.toggleButton.contains(e.target) && e.target !== this.backdrop;
      if (this.shown && this.narrow.matches && outside) this.setShown(false); // the backdrop closes on its click
    });
  }

  get shown() {
    return !this.body.classList.contains('tree-hidden');
  }

  /** Shows or hides the panel; over the log (a narrow window) it is an overlay that Esc closes. */
  setShown(show) {
    const was = this.shown;
    this.body.classList.toggle('tree-hidden', !show);
    this.toggleButton.setAttribute('aria-expanded', String(show));
    if (show && this.narrow.matches) this.overlays.register(this.closeOverlay);
    else this.overlays.release(this.closeOverlay);
    if (!show && was && this.sidebar.contains(this.body.ownerDocument.activeElement)) this.toggleButton.focus();
    if (show !== was) this.handlers.layout();
  }

  /** handler(path): a branch's + was clicked. */
  bindInclude(handler) {
    this.handlers.include = handler;
  }

  /** handler(path, alt): a branch's name was clicked (with Alt: hide it). */
  bindShowOnly(handler) {
    this.handlers.showOnly = handler;
  }

  /** handler(path): a branch's − was clicked. */
  bindExclude(handler) {
    this.handlers.exclude = handler;
  }

  bindReset(handler) {
    this.reset.addEventListener('click', handler);
  }

  /** handler(): the panel was shown or hidden, so the log's width changed. */
  bindLayout(handler) {
    this.handlers.layout = handler;
  }

  setFilter(filter) {
    this.view.setFilter(filter);
    this.lastRender = 0;
  }

  /** A new tree (after a Clear): drawn at the next render. */
  setTree(tree) {
    this.view.setTree(tree);
    this.lastRender = 0;
  }

  /** Draws the tree now if the last draw is old enough, else once when it is. */
  render() {
    const now = performance.now();
    if (now - this.lastRender >= TREE_INTERVAL_MS) {
      this.lastRender = now;
      this.view.render();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.lastRender = performance.now();
        this.view.render();
      }, TREE_INTERVAL_MS);
    }
  }
}
