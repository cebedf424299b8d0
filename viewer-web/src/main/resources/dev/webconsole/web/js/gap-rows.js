// Gap rows of a RowStore: a gap frame becomes one row per stretch of it in which no event is held,
// and events a replay brings split the gap rows they fall into. The seq-range math is pure; the
// rest works on the store's rows through its `insert`.

import { lowerBound } from './sorted.js';

/**
 * The stretches [from, to] of a seq range in which `entries` (key-sorted, keys `base + seq`) hold
 * no event.
 */
export function unheldStretches(entries, base, from, to) {
  const out = [];
  let next = from;
  for (let i = lowerBound(entries, base + from); i < entries.length && entries[i].key <= base + to; i++) {
    const e = entries[i];
    if (e.kind !== 'event') continue;
    if (e.seq > next) out.push([next, e.seq - 1]);
    next = e.seq + 1;
  }
  if (next <= to) out.push([next, to]);
  return out;
}

/** The lowest and highest seq of a frame's events, as [lo, hi]; [Infinity, -Infinity] when none. */
export function seqSpan(events) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const ev of events) {
    if (ev && typeof ev.seq === 'number') {
      lo = Math.min(lo, ev.seq);
      hi = Math.max(hi, ev.seq);
    }
  }
  return [lo, hi];
}

/**
 * Adds a gap as rows of `store`, one for each stretch in which no event is held; a repeated gap is
 * dropped. Returns true when a row was added.
 */
export function addGapRows(store, gap) {
  let added = false;
  for (const [from, to] of unheldStretches(store.entries, store.keyOf(0), gap.from, gap.to)) {
    added = insertGapRow(store, { from, to, reason: gap.reason }) || added;
  }
  return added;
}

/** Splits the gap rows of `store` that the events just added fall into, around those events. */
export function clipGapRows(store, events) {
  const [lo, hi] = seqSpan(events);
  if (lo > store.gapMaxTo) return;
  const base = store.keyOf(0);
  const hit = store.entries.filter((e) => e.kind === 'gap' && e.key > base && e.gap.from <= hi && e.gap.to >= lo);
  for (const g of hit) {
    let i = lowerBound(store.entries, g.key);
    while (store.entries[i] !== g) i++;
    store.entries.splice(i, 1);
    const v = lowerBound(store.view, g.key);
    if (store.view[v] === g) store.view.splice(v, 1);
    for (const [from, to] of unheldStretches(store.entries, base, g.gap.from, g.gap.to)) {
      insertGapRow(store, { from, to, reason: g.gap.reason });
    }
  }
}

function insertGapRow(store, gap) {
  const key = store.keyOf(gap.from) - 0.5;
  if (key <= store.floorKey) return false;
  const at = lowerBound(store.entries, key);
  const there = store.entries[at];
  if (there && there.key === key && there.kind === 'gap' && there.gap.to === gap.to) return false;
  store.gapMaxTo = Math.max(store.gapMaxTo, gap.to);
  store.insert({ id: store.nextId++, kind: 'gap', key, gap }, at);
  return true;
}
