// Logger names seen so far, as a tree split on dots, with event counts per branch. No DOM.

function makeNode(name, path, depth) {
  return { name, path, depth, count: 0, children: new Map() };
}

export class LoggerTree {
  constructor() {
    this.clear();
  }

  /** Forgets every name and count. */
  clear() {
    this.root = makeNode('', '', 0);
    /** logger name -> its nodes from the top branch down, so counting does not split names again. */
    this.chains = new Map();
    /** Rises when a node is added (the tree's shape changed). */
    this.shapeVersion = (this.shapeVersion ?? 0) + 1;
    /** Rises when any count changed. */
    this.countVersion = (this.countVersion ?? 0) + 1;
  }

  /** Counts `n` events of a logger on every branch from the root down to it. */
  add(logger, n = 1) {
    this.root.count += n;
    if (typeof logger !== 'string' || logger === '') {
      this.countVersion++;
      return;
    }
    let chain = this.chains.get(logger);
    if (!chain) {
      chain = [];
      let node = this.root;
      let path = '';
      for (const seg of logger.split('.')) {
        path = path ? path + '.' + seg : seg;
        let child = node.children.get(seg);
        if (!child) {
          child = makeNode(seg, path, node.depth + 1);
          node.children.set(seg, child);
          this.shapeVersion++;
        }
        chain.push(child);
        node = child;
      }
      this.chains.set(logger, chain);
    }
    for (const node of chain) node.count += n;
    this.countVersion++;
  }

  /** Takes back `n` events of a logger (when the store trims them). Nodes stay: names seen so far. */
  remove(logger, n = 1) {
    this.root.count = Math.max(0, this.root.count - n);
    if (typeof logger === 'string' && logger !== '') {
      const chain = this.chains.get(logger);
      if (chain) {
        for (const node of chain) node.count = Math.max(0, node.count - n);
      } else {
        let node = this.root;
        for (const seg of logger.split('.')) {
          node = node.children.get(seg);
          if (!node) break;
          node.count = Math.max(0, node.count - n);
        }
      }
    }
    this.countVersion++;
  }

  /** Makes sure a node exists for a prefix (a filter names it before any event arrived). */
  ensure(path) {
    if (path) this.add(path, 0);
  }

  /** The node for a dotted path, or undefined. */
  node(path) {
    if (path === '') return this.root;
    let node = this.root;
    for (const seg of path.split('.')) {
      node = node.children.get(seg);
      if (!node) return undefined;
    }
    return node;
  }

  /** A node's children sorted by name. */
  sortedChildren(node) {
    return [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
