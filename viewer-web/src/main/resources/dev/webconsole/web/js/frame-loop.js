// Frames from the hub are buffered and applied once per animation frame, then the page redraws.
//
// While following a stream that brings more rows between two frames than the list shows, every
// redraw rebuilds every visible row, and nobody can read them anyway: apply received frames and
// redraw at most every LIVE_REDRAW_MS. Any other change (scroll, filter, pause, resize) asks for
// `redraw()`, which applies and redraws at once.

const LIVE_REDRAW_MS = 100;
/** Background tabs get no animation frames: apply anyway after this long, so memory stays bounded. */
const FALLBACK_MS = 250;

export class FrameLoop {
  /**
   * @param o.apply     (items) => void, items [{t: 'events'|'gap'|'restart', v}] in arrival order
   * @param o.render    () => void
   * @param o.mayDefer  (pendingRows) => boolean: whether a live redraw may wait (following, not paused,
   *                    more rows than one page)
   * @param o.timers    { requestAnimationFrame, setTimeout, clearTimeout, now }
   */
  constructor({ apply, render, mayDefer, timers = globalThis }) {
    this.applyItems = apply;
    this.renderPage = render;
    this.mayDefer = mayDefer;
    this.timers = {
      raf: (timers.requestAnimationFrame ?? globalThis.requestAnimationFrame).bind(globalThis),
      setTimeout: (timers.setTimeout ?? globalThis.setTimeout).bind(globalThis),
      clearTimeout: (timers.clearTimeout ?? globalThis.clearTimeout).bind(globalThis),
      now: timers.now ?? (() => performance.now()),
    };
    this.pending = [];
    this.pendingRows = 0;
    this.requested = false;
    this.fallbackTimer = null;
    this.redrawNow = true;
    this.redrawTimer = null;
    this.lastRedraw = -Infinity;
  }

  /** Buffers one received item for the next frame. */
  enqueue(item) {
    this.pending.push(item);
    this.pendingRows += item.t === 'events' ? item.v.length : 1;
    this.request();
  }

  /** Asks for a frame that redraws at once (something besides new rows changed). */
  redraw() {
    this.redrawNow = true;
    this.request();
  }

  /** Applies and redraws now, before the caller returns (pause and resume freeze the view at once). */
  redrawSync() {
    this.requested = true;
    this.redrawNow = true;
    this.frame();
  }

  /** Applies what is buffered without redrawing (before a Clear or a download). */
  flush() {
    this.pendingRows = 0;
    if (!this.pending.length) return;
    const items = this.pending;
    this.pending = [];
    this.applyItems(items);
  }

  get idle() {
    return this.pending.length === 0;
  }

  request() {
    if (this.requested) return;
    this.requested = true;
    this.timers.raf(() => this.frame());
    this.fallbackTimer = this.timers.setTimeout(() => this.frame(), FALLBACK_MS);
  }

  frame() {
    if (!this.requested) return;
    this.requested = false;
    this.timers.clearTimeout(this.fallbackTimer);
    const now = this.timers.now();
    const wait = this.lastRedraw + LIVE_REDRAW_MS - now;
    if (!this.redrawNow && wait > 0 && this.mayDefer(this.pendingRows)) {
      this.redrawTimer ??= this.timers.setTimeout(() => {
        this.redrawTimer = null;
        this.request();
      }, wait);
      return;
    }
    this.timers.clearTimeout(this.redrawTimer);
    this.redrawTimer = null;
    this.redrawNow = false;
    this.lastRedraw = now;
    this.flush();
    this.renderPage();
  }
}
