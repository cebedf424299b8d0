// The logger tree panel: the tree (tree-view.js), its reset link, and whether the panel is shown
// (the toolbar's tree button; always hidden at first on a narrow window). Redraws of the tree are
// spaced at least TREE_INTERVAL_MS apart: counts change with every frame, nobody reads them that fast.

import { TreeView } from './tree-view.js';
import { PREF, pref, setPref } from './prefs.js';

const TREE_INTERVAL_MS = 300;

export class TreePanel {
  constructor(tree, doc = document) {
    const $ = (id) => doc.getElementById(id);
    this.handlers = { include: () => {}, exclude: () => {}, layout: () => {} };
    this.view = new TreeView({
      container: $('logger-tree'),
      tree,
      onInclude: (path) => this.handlers.include(path),
      onExclude: (path) => this.handlers.exclude(path),
    });
    this.reset = $('tree-reset');
    this.lastRender = 0;
    this.timer = null;

    const body = doc.body;
    const narrow = matchMedia('(max-width: 760px)');
    body.classList.toggle('tree-hidden', narrow.matches ? true : pref(PREF.tree) === 'hidden');
    $('toggle-tree').addEventListener('click', () => {
      const hidden = body.classList.toggle('tree-hidden');
      if (!narrow.matches) setPref(PREF.tree, hidden ? 'hidden' : 'shown');
      this.handlers.layout();
    });
  }

  /** handler(path): a branch's + was clicked. */
  bindInclude(handler) {
    this.handlers.include = handler;
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
