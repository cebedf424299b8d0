// The errors the tab has received, grouped, with no DOM. An error is an ERROR or FATAL event, an
// event of a custom level as severe, or any event with a thrown exception. Errors with an exception
// group by its type (the top-level one, as logged) and the first frame of application code in its
// stack (not the JDK's or a framework's, see frames.js); errors without one by level and logger.
// Events are counted once each, by seq: replays after a reconnect or a wider filter add nothing.

import { isFrameworkFrame } from './frames.js';
import { levelWeight } from './filter.js';

/** Groups kept; past it the group seen longest ago goes (and is counted in `droppedGroups`). */
export const MAX_GROUPS = 200;
/** Seqs remembered to count each error once; the oldest are forgotten first. */
export const MAX_SEEN = 100_000;
/** Sources counted by name in one group; errors from any further ones are counted together. */
export const MAX_GROUP_SOURCES = 16;
const ERROR_WEIGHT = 200;
const EPOCH = 2 ** 40;

/** The `thrown.type` of a thread dump (logger `webconsole.threads`): a stack listing, not an exception. */
export const THREAD_DUMP = 'thread dump';

/**
 * Whether an event counts as an error: ERROR, FATAL, a custom level at least as severe, or a thrown
 * exception. A thread dump carries its listing as a thrown but counts only by its level (ERROR when
 * it found a deadlock).
 */
export function isErrorEvent(ev) {
  if (!ev) return false;
  if (ev.thrown && ev.thrown.type !== THREAD_DUMP) return true;
  const weight = levelWeight(ev.level, ev.severity);
  return weight !== null && weight <= ERROR_WEIGHT;
}

/** A frame line as "com.acme.Svc.run(Svc.java:12)": no "at", no class loader or module prefix. */
export function frameText(line) {
  const m = /^\s*at\s+(.+?)\s*$/.exec(String(line ?? ''));
  if (!m) return null;
  const text = m[1];
  const paren = text.indexOf('(');
  const head = paren < 0 ? text : text.slice(0, paren);
  return text.slice(head.lastIndexOf('/') + 1);
}

/**
 * The first frame of application code in a stack text (as printStackTrace writes it): first in the
 * top-level exception's own frames, then in its causes' and suppressed ones; when every frame is the
 * JDK's or a framework's, the top-level exception's first frame; null when the stack has no frame.
 */
export function firstAppFrame(stack) {
  const lines = String(stack ?? '').split(/\r?\n/);
  let first = null;
  let topLevel = true;
  let appInCause = null;
  for (const line of lines) {
    if (/^\s*(Caused by|Suppressed):/.test(line)) {
      topLevel = false;
      continue;
    }
    const frame = frameText(line);
    if (frame === null) continue;
    if (topLevel) first ??= frame;
    if (isFrameworkFrame(line)) continue;
    if (topLevel) return frame;
    appInCause ??= frame;
  }
  return appInCause ?? first;
}

/** What an error is grouped by: {key, type, frame, level, logger}. */
export function groupOf(ev) {
  if (ev.thrown) {
    const type = String(ev.thrown.type ?? 'Throwable');
    const frame = firstAppFrame(ev.thrown.stack);
    return { key: `thrown\u0000${type}\u0000${frame ?? ''}`, type, frame, level: null, logger: null };
  }
  const level = String(ev.level ?? '');
  const logger = String(ev.logger ?? '');
  return { key: `level\u0000${level}\u0000${logger}`, type: null, frame: null, level, logger };
}

/** Groups of the errors seen; `version` rises whenever something shown changed. */
export class ErrorGroups {
  constructor({ maxGroups = MAX_GROUPS, maxSeen = MAX_SEEN } = {}) {
    this.maxGroups = maxGroups;
    this.maxSeen = maxSeen;
    /**
     * key -> {key, type, frame, level, logger, count, first, last, message, lastSeq, sources}; sources:
     * source name -> errors of the group from it, '' for events without one, null for the ones past
     * MAX_GROUP_SOURCES.
     */
    this.byKey = new Map();
    this.seen = new Set();
    this.epoch = 0;
    this.floor = -Infinity;
    this.total = 0;
    this.droppedGroups = 0;
    this.version = 0;
    /** The group the log is filtered to ({key, type, frame, level, logger}), or null; it outlives a Clear. */
    this.selected = null;
    this.keys = new WeakMap();
  }

  /** Adds the errors of one `events` frame; returns how many were new. */
  add(events) {
    let added = 0;
    for (const ev of events) {
      if (!ev || typeof ev.seq !== 'number' || !isErrorEvent(ev)) continue;
      const at = this.epoch * EPOCH + ev.seq;
      if (at <= this.floor || this.seen.has(at)) continue;
      this.remember(at);
      this.count(ev);
      added++;
    }
    if (added) {
      this.total += added;
      this.version++;
    }
    return added;
  }

  /** The hub restarted: its seqs start again. */
  restart() {
    this.epoch++;
  }

  /**
   * Forgets every group (Clear). Errors seen before, and any at or below `floorKey` (the store's
   * key, epoch * 2^40 + seq, of the newest event it cleared), stay uncounted if a replay brings them.
   */
  clear(floorKey = -Infinity) {
    this.floor = [...this.seen].reduce((a, b) => Math.max(a, b), Math.max(this.floor, floorKey));
    this.seen.clear();
    this.byKey.clear();
    this.total = 0;
    this.droppedGroups = 0;
    this.version++;
  }

  /** The groups, the one seen last first. */
  groups() {
    return [...this.byKey.values()].sort((a, b) => b.last - a.last || b.lastSeq - a.lastSeq);
  }

  /**
   * Filters the log to a group (a key from groups()), or to none (null or a key it does not hold).
   * Returns whether that changed.
   */
  select(key) {
    const g = key === null ? undefined : this.byKey.get(key);
    const next = g ? { key: g.key, type: g.type, frame: g.frame, level: g.level, logger: g.logger } : null;
    if ((next?.key ?? null) === (this.selected?.key ?? null)) return false;
    this.selected = next;
    this.version++;
    return true;
  }

  /** A click on a group: filters to it, or removes the filter when it is the chosen one; null removes it. */
  pick(key) {
    return this.select(key !== null && key === this.selected?.key ? null : key);
  }

  /** A page-side predicate (event -> boolean) narrowed to the selected group, or as it is when none is. */
  within(predicate) {
    if (this.selected === null) return predicate;
    const key = this.selected.key;
    return (ev) => predicate(ev) && isErrorEvent(ev) && this.keyOf(ev) === key;
  }

  keyOf(ev) {
    let key = this.keys.get(ev);
    if (key === undefined) {
      key = groupOf(ev).key;
      this.keys.set(ev, key);
    }
    return key;
  }

  // ---- internals ----

  remember(at) {
    this.seen.add(at);
    if (this.seen.size > this.maxSeen) this.seen.delete(this.seen.values().next().value);
  }

  count(ev) {
    const key = this.keyOf(ev);
    let g = this.byKey.get(key);
    const time = Number.isFinite(ev.time) ? ev.time : Date.now();
    if (!g) {
      g = { ...groupOf(ev), count: 0, first: time, last: time, message: '', lastSeq: ev.seq, sources: new Map() };
      this.byKey.set(key, g);
      if (this.byKey.size > this.maxGroups) this.dropOldest();
    }
    g.count++;
    countSource(g.sources, ev.source);
    g.first = Math.min(g.first, time);
    if (time >= g.last) {
      g.last = time;
      g.message = String(ev.thrown?.message ?? ev.message ?? '');
      g.lastSeq = ev.seq;
    }
  }

  dropOldest() {
    let oldest = null;
    for (const g of this.byKey.values()) {
      if (g.key !== this.selected?.key && (!oldest || g.last < oldest.last)) oldest = g;
    }
    if (!oldest) return;
    this.byKey.delete(oldest.key);
    this.droppedGroups++;
  }
}

function countSource(sources, source) {
  let name = source === undefined || source === null ? '' : String(source);
  if (!sources.has(name) && sources.size >= MAX_GROUP_SOURCES) name = null;
  sources.set(name, (sources.get(name) ?? 0) + 1);
}

/**
 * The sources a group came from, the most errors first: [{source, count}]; source '' stands for
 * events without a source, null (last) for the sources past MAX_GROUP_SOURCES. Empty when none of
 * its errors came with a source (a console of one application).
 */
export function groupSources(g) {
  if (g.sources.size === 0 || (g.sources.size === 1 && g.sources.has(''))) return [];
  const past = (source) => (source === null ? 1 : 0);
  const unnamed = (source) => (source === '' ? 1 : 0);
  return [...g.sources].map(([source, count]) => ({ source, count })).sort((a, b) => past(a.source) - past(b.source)
    || b.count - a.count || unnamed(a.source) - unnamed(b.source) || String(a.source).localeCompare(String(b.source)));
}

/**
 * The count of errors that came while the tab was in the background: it starts at 0 when the
 * tab is hidden and is reset when it is visible again.
 */
export class HiddenCount {
  constructor() {
    this.hidden = false;
    this.count = 0;
  }

  /** The tab was hidden (true) or shown (false); returns whether the count changed. */
  setHidden(hidden) {
    this.hidden = hidden;
    if (hidden || this.count === 0) return false;
    this.count = 0;
    return true;
  }

  /** New errors arrived; returns whether the count changed. */
  add(n) {
    if (!this.hidden || n <= 0) return false;
    this.count += n;
    return true;
  }
}

/** The page title with the count of new errors in front: "(3) WebConsole"; 0 gives the title alone. */
export function countedTitle(title, n) {
  const base = String(title ?? '').replace(/^\(\d+\+?\) /, '');
  return n > 0 ? `(${n > 999 ? '999+' : n}) ${base}` : base;
}

/** The count on the favicon's badge: up to 99, then "99+". */
export function badgeText(n) {
  return n > 99 ? '99+' : String(n);
}

/** A group in one line: "java.sql.SQLException at com.acme.Repo.save(Repo.java:42)", or "ERROR from com.acme.Svc". */
export function groupLabel(g) {
  if (g.type !== null) return g.frame ? `${g.type} at ${g.frame}` : g.type;
  return `${g.level} from ${g.logger || '(no logger)'}`;
}

/** A group in a few words, without packages: "SQLException at Repo.save(Repo.java:42)". */
export function shortGroupLabel(g) {
  if (g.type === null) return groupLabel(g);
  const type = g.type.slice(g.type.lastIndexOf('.') + 1);
  if (!g.frame) return type;
  const paren = g.frame.indexOf('(');
  const method = paren < 0 ? g.frame : g.frame.slice(0, paren);
  const dots = method.split('.');
  return `${type} at ${dots.slice(-2).join('.')}${paren < 0 ? '' : g.frame.slice(paren)}`;
}
