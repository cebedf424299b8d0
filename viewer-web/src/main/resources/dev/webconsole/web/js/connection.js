// The socket to the hub: connect, parse frames, resume after a drop, back off, report state.
// It owns no DOM and no globals: the socket factory, URL builder and timers are passed in, so tests
// drive it with a fake socket and fake timers.
//
// Resuming: the connection remembers where the stream it asked for stands (`resumeSeq`: the seq of
// the last event received, or the `since` of the last subscribe), and reconnects with
// `since=resumeSeq&hub=<id from hello>` in the socket URL, so the hub replays only what was missed.
// A hub that restarted (a new `hub` id in hello, or a lastSeq below resumeSeq) numbers from 1 again:
// the connection reports it (onRestart). Given the old hub id, the new hub replays its whole history
// by itself; otherwise the connection asks for it with a subscribe.

/** Close codes after which retrying would repeat the fault: the page stays closed and says why. */
export const FINAL_CLOSE_CODES = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

const CLOSE_NAMES = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1006: 'connection lost',
  1007: 'bad data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'extension required',
  1011: 'server error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
};

/** "1008 policy violation" for a close code. */
export function describeClose(code) {
  const name = CLOSE_NAMES[code];
  return name ? `${code} ${name}` : String(code);
}

/** The longest wait between retries to a hub on this machine (it restarts in seconds, not minutes). */
export const LOOPBACK_MAX_DELAY_MS = 3000;
/** The longest wait between retries to a remote hub. */
export const REMOTE_MAX_DELAY_MS = 30_000;

/**
 * Reconnect delay in ms for the n-th consecutive failure (0-based): 1, 2, 4, 8, 16, 30, 30 ... s
 * (capped at maxMs), ±20% jitter, at least minMs.
 */
export function backoffDelay(attempt, random = Math.random, minMs = 0, maxMs = REMOTE_MAX_DELAY_MS) {
  const base = Math.min(maxMs, 1000 * 2 ** Math.min(attempt, 10));
  const jitter = 0.8 + 0.4 * random();
  return Math.max(minMs, Math.round(base * jitter));
}

const OPEN = 1;

export class Connection {
  /**
   * @param {object} o
   * @param {(url: string) => WebSocket} o.createSocket  makes a socket (a real WebSocket in the page)
   * @param {(filter: object, since: number|null, hub: string|null) => string} o.buildUrl  socket URL with query
   * @param {object} o.filter  the hub's part of the filter: { loggers, exclude, level }
   * @param {number|null} [o.since]  resume point for the first connect (null: all history)
   * @param {object} [o.timers]  { setTimeout, clearTimeout, now }
   * @param {() => number} [o.random]
   * @param {number} [o.maxDelayMs]  longest backoff (LOOPBACK_MAX_DELAY_MS for a hub on this machine)
   * @param {object} o.on  handlers: hello(msg), events(list), gap(msg), serverError(text),
   *        restart(hello), status(status)
   */
  constructor({ createSocket, buildUrl, filter, since = null, timers = globalThis, random = Math.random, maxDelayMs = REMOTE_MAX_DELAY_MS, on = {} }) {
    this.maxDelayMs = maxDelayMs;
    this.createSocket = createSocket;
    this.buildUrl = buildUrl;
    this.filter = filter;
    this.resumeSeq = since;
    this.timers = {
      setTimeout: (timers.setTimeout ?? globalThis.setTimeout).bind(globalThis),
      clearTimeout: (timers.clearTimeout ?? globalThis.clearTimeout).bind(globalThis),
      now: timers.now ?? (() => Date.now()),
    };
    this.random = random;
    this.on = on;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.hubId = null;
    this.stopped = false;
    /** Filter changed while no socket was open: send a subscribe once the next socket says hello. */
    this.urlFilterStale = false;
    this.status = { state: 'connecting', code: null, reason: '', retryAt: null, attempt: 0, server: null };
  }

  /** Sends a message (a control message) on the open socket; false when there is none. */
  send(msg) {
    if (!this.socket || this.socket.readyState !== OPEN || !this.helloSeen) return false;
    this.socket.send(JSON.stringify(msg));
    return true;
  }

  /** Opens the first socket. */
  start() {
    this.stopped = false;
    this.connect();
  }

  /** Closes the socket for good (no reconnect). */
  stop() {
    this.stopped = true;
    this.cancelRetry();
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      detach(s);
      try {
        s.close(1000, 'page closed');
      } catch {
        // already closing
      }
    }
  }

  /** Connects now: after a final close, or to skip a backoff wait. */
  reconnectNow() {
    if (this.socket) return;
    this.cancelRetry();
    this.stopped = false;
    this.connect();
  }

  /**
   * Asks the hub again for every event after `since`, on a new socket: the hub never sends one
   * socket an event twice, so events the page let go (it was paused at its row bound) come back
   * only to a fresh subscription. What the hub's history no longer holds comes as a gap.
   */
  refetchFrom(since) {
    this.resumeSeq = since;
    if (!this.socket) return; // the next connect resumes from there
    const s = this.socket;
    this.socket = null;
    detach(s);
    try {
      s.close(1000, 'refetching from history');
    } catch {
      // already closing
    }
    this.connect();
  }

  /**
   * Replaces the hub-side filter. `since` null asks for all matching history (the filter widened);
   * a number asks only for events after it.
   */
  setFilter(filter, since) {
    this.filter = filter;
    this.resumeSeq = since ?? null;
    if (this.socket && this.socket.readyState === OPEN && this.helloSeen) {
      this.sendSubscribe();
    } else {
      // A socket that is still opening was built with the old filter in its URL.
      this.urlFilterStale = this.socket !== null;
    }
  }

  sendSubscribe() {
    const msg = { type: 'subscribe' };
    if (this.resumeSeq !== null && this.resumeSeq !== undefined) {
      msg.since = this.resumeSeq;
      if (this.hubId) msg.hub = this.hubId;
    }
    msg.filter = this.filter;
    try {
      this.socket.send(JSON.stringify(msg));
    } catch {
      // The close handler reconnects, with the filter in the URL.
    }
  }

  connect() {
    this.cancelRetry();
    this.helloSeen = false;
    this.urlFilterStale = false;
    this.setStatus({ state: this.attempt === 0 && !this.status.code ? 'connecting' : 'reconnecting', retryAt: null });
    // With a since, name the hub it belongs to: a restarted hub then replays its whole history.
    this.sentHub = this.resumeSeq !== null && this.resumeSeq !== undefined ? this.hubId : null;
    let socket;
    try {
      socket = this.createSocket(this.buildUrl(this.filter, this.resumeSeq, this.sentHub));
    } catch (e) {
      this.socket = null;
      this.handleClose(1006, e instanceof Error ? e.message : String(e));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setStatus({ state: 'connected', code: null, reason: '', retryAt: null });
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.handleMessage(ev.data);
    };
    socket.onerror = () => {
      // The close event follows and carries the code.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      detach(socket);
      this.handleClose(ev.code, ev.reason);
    };
  }

  handleMessage(data) {
    if (typeof data !== 'string') return;
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'hello':
        this.handleHello(msg);
        break;
      case 'events':
        if (Array.isArray(msg.events) && msg.events.length) {
          const last = msg.events[msg.events.length - 1];
          if (last && typeof last.seq === 'number') this.resumeSeq = last.seq;
          this.on.events?.(msg.events);
        }
        break;
      case 'gap':
        this.on.gap?.(msg);
        break;
      case 'error':
        this.on.serverError?.(String(msg.message ?? 'error'));
        break;
      case 'levels':
        this.on.levels?.(msg);
        break;
      case 'sources':
        this.on.sources?.(msg);
        break;
      case 'loggers':
        this.on.loggers?.(msg);
        break;
      default:
      // Unknown frame types are ignored (protocol v1: clients ignore what they do not know).
    }
  }

  handleHello(msg) {
    this.helloSeen = true;
    this.attempt = 0;
    const restarted =
      (this.hubId !== null && typeof msg.hub === 'string' && msg.hub !== this.hubId) ||
      (this.resumeSeq !== null && typeof msg.lastSeq === 'number' && msg.lastSeq < this.resumeSeq);
    if (typeof msg.hub === 'string') this.hubId = msg.hub;
    this.setStatus({ state: 'connected', code: null, reason: '', retryAt: null, server: msg.server ?? null });
    this.on.hello?.(msg);
    if (restarted) {
      this.resumeSeq = null;
      this.on.restart?.(msg);
      // The URL named the old hub: the new one is already replaying everything.
      if (!this.sentHub || this.urlFilterStale) this.sendSubscribe();
      this.urlFilterStale = false;
    } else if (this.urlFilterStale) {
      this.urlFilterStale = false;
      this.sendSubscribe();
    }
  }

  handleClose(code, reason) {
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.attempt = 0;
      this.setStatus({ state: 'closed', code, reason: reason ?? '', retryAt: null });
      return;
    }
    const delay = backoffDelay(this.attempt, this.random, code === 1013 ? 5000 : 0, this.maxDelayMs);
    this.attempt++;
    const retryAt = this.timers.now() + delay;
    this.setStatus({ state: 'reconnecting', code: code ?? null, reason: reason ?? '', retryAt, attempt: this.attempt });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  cancelRetry() {
    if (this.retryTimer !== null) {
      this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  setStatus(patch) {
    this.status = { ...this.status, ...patch };
    this.on.status?.(this.status);
  }
}

function detach(socket) {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
}
