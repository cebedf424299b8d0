// The logger tree panel: one flat list of nodes in depth-first order, indented by depth.
// Each node: [data-logger="com.acme.db"] with a twisty, its name, its event count, and
// .tree-include / .tree-exclude buttons. Nodes are kept by path and updated in place.
// Every control is a button in the tab order: the twisty folds (aria-expanded), the name shows
// only that branch (Alt: hides it) and leaves it unfolded, + and − include or exclude it.

import { compactCount, formatCount, showControls } from './format.js';
import { loggerAllowed, loggerMatches } from './filter.js';

export class TreeView {
  /**
   * @param o.container  element to fill
   * @param o.tree       LoggerTree
   * @param o.onInclude  (path) => void
   * @param o.onExclude  (path) => void
   * @param o.onShowOnly (path, alt) => void: the name was clicked
   */
  constructor({ container, tree, onInclude, onExclude, onShowOnly = () => {} }) {
    this.container = container;
    this.tree = tree;
    this.nodes = new Map();
    this.collapsed = new Set();
    this.shown = { shape: -1, count: -1, filter: '', collapsed: 0 };
    this.collapseVersion = 0;
    this.filter = { loggers: [], exclude: [] };

    container.addEventListener('click', (e) => {
      const node = e.target.closest('[data-logger]');
      if (!node) return;
      const path = node.dataset.logger;
      if (e.target.closest('.tree-include')) onInclude(path);
      else if (e.target.closest('.tree-exclude')) onExclude(path);
      else if (e.target.closest('.tree-name')) onShowOnly(path, e.altKey);
      else if (e.target.closest('.twisty')) this.toggle(path);
    });
  }

  setTree(tree) {
    this.tree = tree;
    this.nodes.clear();
    this.container.replaceChildren();
    this.shown.shape = -1;
  }

  setFilter(filter) {
    this.filter = { loggers: [...filter.loggers], exclude: [...filter.exclude] };
  }

  toggle(path) {
    if (this.collapsed.has(path)) this.collapsed.delete(path);
    else this.collapsed.add(path);
    this.collapseVersion++;
    this.render();
  }

  /** Updates the DOM when the tree, its counts, the filter or the collapsed set changed. */
  render() {
    const t = this.tree;
    const filterKey = JSON.stringify(this.filter);
    const s = this.shown;
    if (s.shape === t.shapeVersion && s.count === t.countVersion && s.filter === filterKey && s.collapsed === this.collapseVersion) {
      return;
    }
    const structural = s.shape !== t.shapeVersion || s.filter !== filterKey || s.collapsed !== this.collapseVersion;
    s.shape = t.shapeVersion;
    s.count = t.countVersion;
    s.filter = filterKey;
    s.collapsed = this.collapseVersion;

    if (!structural) {
      for (const [path, el] of this.nodes) {
        const n = t.node(path);
        if (n) setCount(el, n.count);
      }
      return;
    }

    const wanted = [];
    const visit = (node) => {
      for (const child of t.sortedChildren(node)) {
        wanted.push(this.nodeElement(child));
        if (child.children.size && !this.collapsed.has(child.path)) visit(child);
      }
    };
    visit(t.root);
    const keep = new Set(wanted);
    for (const [path, el] of this.nodes) {
      if (!keep.has(el)) {
        el.remove();
        this.nodes.delete(path);
      }
    }
    let child = this.container.firstChild;
    for (const el of wanted) {
      if (child === el) child = child.nextSibling;
      else this.container.insertBefore(el, child);
    }
    this.container.classList.toggle('empty', wanted.length === 0);
  }

  nodeElement(node) {
    let el = this.nodes.get(node.path);
    if (!el) {
      el = document.createElement('div');
      el.className = 'tree-node';
      el.dataset.logger = node.path;
      el.setAttribute('role', 'listitem');
      el.setAttribute('aria-level', String(node.depth));
      el.style.setProperty('--depth', String(node.depth - 1));
      const twisty = button('twisty', '', `Loggers under ${node.path}`);
      const name = button('tree-name', showControls(node.name), `Show only ${node.path} (Alt+click: hide it)`);
      name.title = showControls(node.path); // the whole name; the label says what a click does
      const count = document.createElement('span');
      count.className = 'tree-count';
      const inc = button('tree-include', '+', `Show ${node.path} (toggle)`);
      const exc = button('tree-exclude', '\u2212', `Hide ${node.path} (toggle)`);
      el.append(twisty, name, count, inc, exc);
      this.nodes.set(node.path, el);
    }
    const hasChildren = node.children.size > 0;
    const collapsed = this.collapsed.has(node.path);
    el.classList.toggle('branch', hasChildren);
    const twisty = el.firstChild;
    if (hasChildren) twisty.setAttribute('aria-expanded', String(!collapsed));
    else twisty.removeAttribute('aria-expanded');
    twisty.textContent = hasChildren ? (collapsed ? '\u25b8' : '\u25be') : '';
    const { loggers, exclude } = this.filter;
    const included = loggers.includes(node.path);
    const excluded = exclude.includes(node.path);
    el.classList.toggle('included', included);
    el.classList.toggle('excluded', excluded);
    // Dimmed: the filter hides this whole branch (or, with includes, nothing under it is included).
    const shown = loggerAllowed(node.path, loggers, exclude) || loggers.some((p) => loggerMatches(node.path, p));
    el.classList.toggle('dimmed', !shown);
    el.querySelector('.tree-include').setAttribute('aria-pressed', String(included));
    el.querySelector('.tree-exclude').setAttribute('aria-pressed', String(excluded));
    setCount(el, node.count);
    return el;
  }
}

function setCount(el, n) {
  const c = el.children[2];
  const text = compactCount(n);
  if (c.textContent !== text) {
    c.textContent = text;
    c.title = `${formatCount(n)} events held`;
  }
}

function button(cls, text, title) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  b.title = showControls(title); // the title names a logger: log text
  b.setAttribute('aria-label', b.title);
  return b;
}
