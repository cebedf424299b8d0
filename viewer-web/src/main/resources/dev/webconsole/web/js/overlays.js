// The open panels and overlays (help, the tree overlay, menus, detail and errors panels), most
// recent last, so that one Esc closes the one on top. No DOM: a panel registers when it opens and
// gives the function that closes it; it releases its entry when it closes by other means.

export class Overlays {
  constructor() {
    this.stack = [];
  }

  /**
   * An overlay opened; `close()` closes it. Returns release(): call it when the overlay closed
   * some other way (its own button, an outside click), so that Esc does not close it again.
   * Registering the same close function again moves it to the top.
   */
  register(close) {
    if (typeof close !== 'function') throw new TypeError('Overlays.register: pass the function that closes the overlay');
    this.release(close);
    this.stack.push(close);
    return () => this.release(close);
  }

  /** Closes the overlay on top; false when none is open. */
  closeTop() {
    const close = this.stack.pop();
    if (!close) return false;
    close();
    return true;
  }

  /** Forgets an overlay without closing it. */
  release(close) {
    const i = this.stack.lastIndexOf(close);
    if (i >= 0) this.stack.splice(i, 1);
  }

  isOpen(close) {
    return this.stack.includes(close);
  }

  get size() {
    return this.stack.length;
  }
}
