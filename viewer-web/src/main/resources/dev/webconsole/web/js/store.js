// The page's rows, with no DOM: a bounded store ordered by seq, and the filtered view of it.
//
// Entries are { id, kind: 'event' | 'gap' | 'note', key, seq?, event? | gap? | text? }.
// `key` orders them: epoch * 2^40 + seq. The epoch rises when the hub restarts (its seqs start
// again at 1). A gap sorts just before its first missing seq; a restart note before seq 1.
// Events are deduplicated by seq, so replays after a reconnect or a wider filter add only what is
// missing, in order.

import { LoggerTree } from './loggertree.js';
import { lowerBound, upperBound, mergeByKey } from './sorted.js';

export const DEFAULT_MAX_ROWS = 100_000;
export const MIN_MAX_ROWS = 100;
export const MAX_MAX_ROWS = 1_000_000;
const EPOCH = 2 ** 40;

/** Clamps a requested row bound into [MIN_MAX_ROWS, MAX_MAX_ROWS]; bad input gives the default. */
export function clampMaxRows(n) {
  const v = Math.floor(Number(n));
  if (!Number.isFinite(v) || v <= 0) return DEFAULT_MAX_ROWS;
  return Math.min(MAX_MAX_ROWS, Math.max(MIN_MAX_ROWS, v));
}

export class RowStore {
  constructor({ maxRows = DEFAULT_MAX_ROWS } = {}) {
    this.maxRows = clampMaxRows(maxRows);
    this.entries = [];
    this.view = [];
    this.tree = new LoggerTree();
    this.levelCounts = new Map();
    this.epoch = 0;
    this.predicate = () => true;
    /** Which events the level counts cover: those the filter lets through, its level parts aside. */
    this.countPredicate = () => true;
    /** Entries removed by the row bound since the last clear. */
    this.trimmed = 0;
    this.floorKey = -Infinity;
    this.nextId = 1;
    /**
     * While the view is frozen (paused, or held while the user works in it) nothing is trimmed, so
     * nothing the user sees goes; at the bound, newer events are not kept and only counted here.
     */
    this.frozen = false;
    /** Events not kept while frozen, since the last thaw. */
    this.unkept = 0;
    /** The highest `to` of a gap row in this epoch, or -1: an event above it cannot fall in a gap. */
    this.gapMaxTo = -1;
  }

  /**
   * Freezes the rows (nothing is trimmed; at the bound new events are counted in `unkept`, not
   * kept) or thaws them. Thawing returns the seq after which events were not kept (ask the hub to
   * replay from there), or null when every event was kept.
   */
  setFrozen(frozen) {
    if (frozen === this.frozen) return null;
    this.frozen = frozen;
    if (frozen) return null;
    const since = this.unkept ? this.lastSeq : null;
    this.unkept = 0;
    this.trim();
    return since;
  }

  /** Highest seq held or cleared in the current epoch (0 when none). */
  get lastSeq() {
    const last = this.entries.length ? this.entries[this.entries.length - 1].key : this.floorKey;
    const seq = Math.floor(last - this.epoch * EPOCH);
    return seq > 0 ? seq : 0;
  }

  /** The seq a Clear left off at in the current epoch, or null (ask a replay only for newer events). */
  get floorSeq() {
    const seq = this.floorKey - this.epoch * EPOCH;
    return seq >= 0 ? Math.floor(seq) : null;
  }

  get size() {
    return this.entries.length;
  }

  /** The sort key of a seq of the current epoch. */
  keyOf(seq) {
    return this.epoch * EPOCH + seq;
  }

  /** Seqs of the events in the view, in order. */
  viewSeqs() {
    const out = [];
    for (const e of this.view) if (e.kind === 'event') out.push(e.seq);
    return out;
  }

  /**
   * Adds events from one `events` frame. Events already held (same seq in this epoch), or older than
   * a clear, are dropped. Returns the number added.
   */
  addEvents(events) {
    const base = this.epoch * EPOCH;
    let added = 0;
    let late = null;
    for (const ev of events) {
      if (!ev || typeof ev.seq !== 'number') continue;
      const key = base + ev.seq;
      if (key <= this.floorKey) continue;
      const lastKey = this.entries.length ? this.entries[this.entries.length - 1].key : -Infinity;
      if (key > lastKey) {
        if (this.frozen && this.entries.length >= this.maxRows) {
          this.unkept++;
          continue;
        }
        const entry = this.makeEvent(ev, key);
        this.entries.push(entry);
        if (this.predicate(ev)) this.view.push(entry);
        added++;
      } else {
        (late ??= []).push(ev);
      }
    }
    if (late) added += this.mergeLate(late, base);
    if (added && this.gapMaxTo >= 0) this.clipGaps(events);
    if (added) this.trim();
    return added;
  }

  /**
   * Adds a `gap` frame as rows: one for each stretch of it in which no event is held, so a gap row
   * never covers a row the page shows (a replay may bring events an earlier gap named, and a gap
   * may name events an earlier replay brought). A repeated gap is dropped. Returns true when added.
   */
  addGap(gap) {
    if (!gap || !Number.isFinite(gap.from) || !Number.isFinite(gap.to) || gap.to < gap.from) return false;
    let added = false;
    for (const [from, to] of this.unheldStretches(gap.from, gap.to)) {
      added = this.insertGap({ from, to, reason: gap.reason }) || added;
    }
    return added;
  }

  /**
   * Where a wider filter's replay starts: after a Clear, or, when the row bound is reached, after
   * the oldest row held (older events would be trimmed at once). Null: the whole history.
   */
  get replaySince() {
    const floor = this.floorSeq;
    if (this.entries.length < this.maxRows) return floor;
    const oldest = this.entries.find((e) => e.kind === 'event' && e.key >= this.epoch * EPOCH);
    return oldest ? Math.max(floor ?? 0, oldest.seq - 1) : floor;
  }

  /**
   * Starts a new epoch (the hub restarted, so its seqs start again) and puts a note row first in it.
   */
  newEpoch(text) {
    this.epoch++;
    this.gapMaxTo = -1;
    const key = this.epoch * EPOCH;
    this.insert({ id: this.nextId++, kind: 'note', key, text }, this.entries.length);
  }

  /**
   * Sets the page-side filter (event -> boolean) and rebuilds the view. Gaps and notes always pass.
   * `countPredicate` picks the events the level counts cover (the filter without its level parts,
   * so a level's count says what showing it would add).
   */
  setPredicate(predicate, countPredicate = () => true) {
    this.predicate = predicate;
    this.countPredicate = countPredicate;
    this.view = this.entries.filter((e) => e.kind !== 'event' || predicate(e.event));
    this.levelCounts.clear();
    for (const e of this.entries) {
      if (e.kind !== 'event') continue;
      e.counted = countPredicate(e.event);
      if (e.counted) this.countLevel(e.event.level, 1);
    }
  }

  /** Changes the row bound; trims at once when it shrank. */
  setMaxRows(n) {
    this.maxRows = clampMaxRows(n);
    this.trim();
  }

  /** Drops every row and count; events up to the newest seen stay dropped if they come again. */
  clear() {
    if (this.entries.length) {
      this.floorKey = Math.max(this.floorKey, this.entries[this.entries.length - 1].key);
    }
    this.entries = [];
    this.view = [];
    this.trimmed = 0;
    this.levelCounts.clear();
    this.tree.clear();
    this.gapMaxTo = -1;
  }

  /** The view index of the first entry with key >= key. */
  viewIndexOf(key) {
    return lowerBound(this.view, key);
  }

  /** Number of view entries with key <= key. */
  viewCountUpTo(key) {
    return upperBound(this.view, key);
  }

  // ---- internals ----

  insertGap(gap) {
    const key = this.epoch * EPOCH + gap.from - 0.5;
    if (key <= this.floorKey) return false;
    const at = lowerBound(this.entries, key);
    const there = this.entries[at];
    if (there && there.key === key && there.kind === 'gap' && there.gap.to === gap.to) return false;
    this.gapMaxTo = Math.max(this.gapMaxTo, gap.to);
    this.insert({ id: this.nextId++, kind: 'gap', key, gap }, at);
    return true;
  }

  /** The stretches [from, to] of a seq range in which this epoch holds no event. */
  unheldStretches(from, to) {
    const base = this.epoch * EPOCH;
    const out = [];
    let next = from;
    for (let i = lowerBound(this.entries, base + from); i < this.entries.length && this.entries[i].key <= base + to; i++) {
      const e = this.entries[i];
      if (e.kind !== 'event') continue;
      if (e.seq > next) out.push([next, e.seq - 1]);
      next = e.seq + 1;
    }
    if (next <= to) out.push([next, to]);
    return out;
  }

  /** Splits the gap rows that events just added fall into, around those events. */
  clipGaps(events) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const ev of events) {
      if (ev && typeof ev.seq === 'number') {
        lo = Math.min(lo, ev.seq);
        hi = Math.max(hi, ev.seq);
      }
    }
    if (lo > this.gapMaxTo) return;
    const base = this.epoch * EPOCH;
    const hit = this.entries.filter((e) => e.kind === 'gap' && e.key > base && e.gap.from <= hi && e.gap.to >= lo);
    for (const g of hit) {
      let i = lowerBound(this.entries, g.key);
      while (this.entries[i] !== g) i++;
      this.entries.splice(i, 1);
      const v = lowerBound(this.view, g.key);
      if (this.view[v] === g) this.view.splice(v, 1);
      for (const [from, to] of this.unheldStretches(g.gap.from, g.gap.to)) {
        this.insertGap({ from, to, reason: g.gap.reason });
      }
    }
  }

  makeEvent(ev, key) {
    const counted = this.countPredicate(ev);
    if (counted) this.countLevel(ev.level, 1);
    this.tree.add(ev.logger);
    return { id: this.nextId++, kind: 'event', key, seq: ev.seq, event: ev, counted };
  }

  forget(entry) {
    if (entry.kind !== 'event') return;
    if (entry.counted) this.countLevel(entry.event.level, -1);
    this.tree.remove(entry.event.logger);
  }

  countLevel(level, delta) {
    const n = (this.levelCounts.get(level) ?? 0) + delta;
    if (n > 0) this.levelCounts.set(level, n);
    else this.levelCounts.delete(level);
  }

  // Events older than the newest held: a replay. Merge them in order, dropping duplicates and rows
  // the bound would trim at once.
  mergeLate(events, base) {
    events.sort((a, b) => a.seq - b.seq);
    const full = this.entries.length >= this.maxRows;
    const oldest = this.entries.length ? this.entries[0].key : Infinity;
    const fresh = [];
    let prevKey = -Infinity;
    for (const ev of events) {
      const key = base + ev.seq;
      if (key === prevKey || key <= this.floorKey) continue;
      prevKey = key;
      if (full && key < oldest) continue;
      const at = lowerBound(this.entries, key);
      const there = this.entries[at];
      if (there && there.key === key) continue;
      fresh.push(this.makeEvent(ev, key));
    }
    if (!fresh.length) return 0;
    this.entries = mergeByKey(this.entries, fresh);
    this.view = mergeByKey(this.view, fresh.filter((e) => this.predicate(e.event)));
    return fresh.length;
  }

  insert(entry, at) {
    this.entries.splice(at, 0, entry);
    this.view.splice(lowerBound(this.view, entry.key), 0, entry);
    this.trim();
  }

  trim() {
    const excess = this.entries.length - this.maxRows;
    if (excess <= 0 || this.frozen) return 0;
    const removed = this.entries.splice(0, excess);
    for (const e of removed) this.forget(e);
    this.trimmed += excess;
    const cut = upperBound(this.view, removed[removed.length - 1].key);
    if (cut) this.view.splice(0, cut);
    return excess;
  }
}
