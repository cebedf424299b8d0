// The hub's counters (GET stats, polled while connected), where the hub's numbering stands, and
// the page's live event rate. No DOM.

import { formatCount } from './format.js';

const STATS_INTERVAL_MS = 5000;
/** Hub counters worth showing when they are not zero: [label, value of the stats JSON]. */
const STAT_LABELS = [
  ['dropped by the hub (ingest queue full)', (s) => s.ingestDropped],
  ['dropped for slow tabs', (s) => s.tabDropped],
  ['frames that failed to send', (s) => s.sendFailed],
];

/** The labelled counters of a stats object that are not zero, such as "3 dropped for slow tabs". */
export function statParts(stats) {
  const parts = [];
  for (const [label, read] of STAT_LABELS) {
    const v = read(stats);
    if (typeof v === 'number' && v > 0) parts.push(`${formatCount(v)} ${label}`);
  }
  return parts;
}

export class StatsPoller {
  /**
   * @param o.url        () => URL of the stats endpoint
   * @param o.connected  () => whether to keep polling
   * @param o.show       (stats) => void
   * @param o.fetch      the fetch function
   */
  constructor({ url, connected, show, fetch = globalThis.fetch.bind(globalThis) }) {
    this.url = url;
    this.connected = connected;
    this.show = show;
    this.fetch = fetch;
    this.timer = null;
    this.disabled = false;
  }

  /** Polls now and then every STATS_INTERVAL_MS while connected; stops for good on 404 (stats turned off). */
  async poll() {
    clearTimeout(this.timer);
    if (this.disabled) return;
    try {
      const res = await this.fetch(this.url(), { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 404) {
        this.disabled = true;
        return;
      }
      if (res.ok) {
        const stats = await res.json();
        if (stats && typeof stats === 'object') this.show(stats);
      }
    } catch {
      // the hub may be gone; the socket status says so
    }
    if (this.connected()) this.timer = setTimeout(() => this.poll(), STATS_INTERVAL_MS);
  }
}

/** Counts events per second over a sliding two-second window. */
export class RateMeter {
  constructor() {
    this.samples = [];
  }
  add(n, now = performance.now()) {
    this.samples.push([now, n]);
  }
  rate(now = performance.now()) {
    const from = now - 2000;
    while (this.samples.length && this.samples[0][0] < from) this.samples.shift();
    let sum = 0;
    for (const [, n] of this.samples) sum += n;
    return Math.round(sum / 2);
  }
}

/**
 * What this tab knows of the hub's stream: its newest seq (from hello, stats and events), which
 * events are live rather than replayed history, the live rate and when the last event came.
 */
export class HubProgress {
  constructor() {
    this.lastSeq = 0;
    /** Events up to this seq are history replayed to this tab, not live. */
    this.liveAfter = Infinity;
    /** Date.now() of the last event received, or null. */
    this.lastEventAt = null;
    this.meter = new RateMeter();
  }

  /** A socket said hello: what the hub holds now is history. */
  hello(lastSeq) {
    this.lastSeq = typeof lastSeq === 'number' ? lastSeq : 0;
    this.liveAfter = this.lastSeq;
  }

  /** A replay of history was asked for (a wider filter): what the hub numbered so far is not live. */
  replayAsked() {
    this.liveAfter = Math.max(this.liveAfter, this.lastSeq);
  }

  /** The hub's stats said where its numbering stands. */
  stats(stats) {
    if (typeof stats.lastSeq === 'number' && stats.lastSeq > this.lastSeq) this.lastSeq = stats.lastSeq;
  }

  received(events, now = Date.now()) {
    let live = 0;
    for (const ev of events) if (ev.seq > this.liveAfter) live++;
    const last = events[events.length - 1].seq;
    if (last > this.lastSeq) this.lastSeq = last;
    if (live) this.meter.add(live);
    this.lastEventAt = now;
  }

  /** Live events per second. */
  rate() {
    return this.meter.rate();
  }

  /** Events the hub numbered after `seq` (the last one this tab holds or cleared). */
  othersAfter(seq) {
    return this.lastSeq - seq;
  }
}
