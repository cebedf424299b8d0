import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore, clampMaxRows, DEFAULT_MAX_ROWS, MIN_MAX_ROWS } from '../../main/resources/dev/webconsole/web/js/store.js';

const ev = (seq, o = {}) => ({ seq, time: seq, level: 'INFO', logger: 'com.acme.A', thread: 't', message: 'm' + seq, ...o });
const range = (a, b, o) => Array.from({ length: b - a + 1 }, (_, i) => ev(a + i, o));

test('keeps events in seq order and drops duplicates', () => {
  const s = new RowStore();
  assert.equal(s.addEvents(range(1, 5)), 5);
  assert.equal(s.addEvents(range(3, 7)), 2);
  assert.deepEqual(s.viewSeqs(), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(s.lastSeq, 7);
});

test('a replay merges missing older events in order', () => {
  const s = new RowStore();
  s.addEvents([ev(2), ev(5), ev(9)]);
  assert.equal(s.addEvents(range(1, 10)), 7);
  assert.deepEqual(s.viewSeqs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('trims the oldest beyond the bound and counts them', () => {
  const s = new RowStore({ maxRows: 100 });
  s.addEvents(range(1, 250));
  assert.equal(s.size, 100);
  assert.equal(s.trimmed, 150);
  assert.equal(s.viewSeqs()[0], 151);
  s.setMaxRows(MIN_MAX_ROWS);
  assert.equal(s.size, 100);
});

test('a replay of events older than a full store does not churn', () => {
  const s = new RowStore({ maxRows: 100 });
  s.addEvents(range(101, 200));
  assert.equal(s.addEvents(range(1, 100)), 0);
  assert.equal(s.trimmed, 0);
});

test('shrinking the bound trims at once', () => {
  const s = new RowStore({ maxRows: 1000 });
  s.addEvents(range(1, 500));
  s.setMaxRows(200);
  assert.equal(s.size, 200);
  assert.equal(s.trimmed, 300);
  assert.equal(s.viewSeqs()[0], 301);
});

test('clampMaxRows', () => {
  assert.equal(clampMaxRows('abc'), DEFAULT_MAX_ROWS);
  assert.equal(clampMaxRows(5), MIN_MAX_ROWS);
  assert.equal(clampMaxRows(1e9), 1_000_000);
  assert.equal(clampMaxRows('5000'), 5000);
});

test('the view follows the predicate, also for new events', () => {
  const s = new RowStore();
  s.addEvents(range(1, 4, { level: 'INFO' }));
  s.addEvents(range(5, 6, { level: 'WARN' }));
  s.setPredicate((e) => e.level === 'WARN');
  assert.deepEqual(s.viewSeqs(), [5, 6]);
  s.addEvents([ev(7, { level: 'INFO' }), ev(8, { level: 'WARN' })]);
  assert.deepEqual(s.viewSeqs(), [5, 6, 8]);
  s.addEvents([ev(3), ev(0, { level: 'WARN' })]);
  assert.deepEqual(s.viewSeqs(), [0, 5, 6, 8]);
});

test('gaps sort before their first missing seq, always pass the filter, and are not repeated', () => {
  const s = new RowStore();
  s.setPredicate(() => false);
  s.addEvents(range(1, 3));
  assert.ok(s.addGap({ from: 4, to: 80, reason: 'slow-consumer' }));
  assert.ok(!s.addGap({ from: 4, to: 80, reason: 'slow-consumer' }));
  assert.ok(!s.addGap({ from: 9, to: 2 }));
  s.addEvents([ev(81)]);
  s.setPredicate(() => true);
  assert.deepEqual(s.view.map((e) => e.kind + (e.seq ?? '')), ['event1', 'event2', 'event3', 'gap', 'event81']);
});

test('counts per level and per logger branch follow adds and trims', () => {
  const s = new RowStore({ maxRows: 100 });
  s.addEvents(range(1, 60, { level: 'INFO', logger: 'a.b.C' }));
  s.addEvents(range(61, 120, { level: 'WARN', logger: 'a.d' }));
  assert.equal(s.levelCounts.get('INFO'), 40);
  assert.equal(s.levelCounts.get('WARN'), 60);
  assert.equal(s.tree.node('a').count, 100);
  assert.equal(s.tree.node('a.b').count, 40);
  assert.equal(s.tree.node('a.d').count, 60);
});

test('clear empties everything and ignores the same events when replayed', () => {
  const s = new RowStore();
  s.addEvents(range(1, 10));
  s.clear();
  assert.equal(s.size, 0);
  assert.equal(s.tree.root.count, 0);
  assert.equal(s.addEvents(range(1, 12)), 2);
  assert.deepEqual(s.viewSeqs(), [11, 12]);
});

test('a new epoch (hub restart) orders new seqs after the old ones', () => {
  const s = new RowStore();
  s.addEvents(range(1, 5));
  s.newEpoch('hub restarted');
  assert.equal(s.lastSeq, 0);
  s.addEvents(range(1, 2));
  assert.deepEqual(s.view.map((e) => e.kind + (e.seq ?? '')), ['event1', 'event2', 'event3', 'event4', 'event5', 'note', 'event1', 'event2']);
  assert.equal(s.lastSeq, 2);
});

test('events without a numeric seq are ignored', () => {
  const s = new RowStore();
  assert.equal(s.addEvents([null, { level: 'INFO' }, ev(1)]), 1);
});

test('100,000 rows at the bound stay fast', () => {
  const s = new RowStore({ maxRows: 100_000 });
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) s.addEvents(range(i * 1000 + 1, i * 1000 + 1000));
  s.setPredicate((e) => e.seq % 2 === 0);
  assert.equal(s.size, 100_000);
  assert.equal(s.view.length, 50_000);
  assert.ok(performance.now() - t0 < 5000);
});

test('floorSeq is where a clear left off in the current epoch', () => {
  const s = new RowStore();
  assert.equal(s.floorSeq, null);
  s.addEvents(range(1, 9));
  s.clear();
  assert.equal(s.floorSeq, 9);
  s.newEpoch('restart');
  assert.equal(s.floorSeq, null);
});

test('frozen at the bound, new events are counted, not kept, and nothing is trimmed; thawing says where to refetch', () => {
  const s = new RowStore({ maxRows: 100 });
  s.addEvents(range(1, 100));
  s.setFrozen(true);
  s.addEvents(range(101, 150));
  assert.equal(s.size, 100);
  assert.equal(s.unkept, 50);
  assert.deepEqual(s.viewSeqs().slice(0, 2), [1, 2], 'nothing the user sees is trimmed');
  assert.equal(s.setFrozen(false), 100, 'refetch after the last seq kept');
  assert.equal(s.unkept, 0);
  s.addEvents(range(101, 150));
  assert.equal(s.lastSeq, 150);
  assert.equal(s.size, 100);
});

const gapsOf = (s) => s.view.filter((e) => e.kind === 'gap').map((e) => [e.gap.from, e.gap.to]);

test('a gap over rows already held shows only the stretches around them', () => {
  const s = new RowStore();
  s.addEvents([ev(10), ev(20), ev(30)]);
  assert.ok(s.addGap({ from: 5, to: 40, reason: 'slow-consumer' }));
  assert.deepEqual(gapsOf(s), [[5, 9], [11, 19], [21, 29], [31, 40]]);
  assert.ok(!s.addGap({ from: 10, to: 10, reason: 'slow-consumer' }), 'a gap only over held rows adds nothing');
});

test('events that arrive inside a gap row split it', () => {
  const s = new RowStore();
  s.addGap({ from: 1, to: 100, reason: 'slow-consumer' });
  s.addEvents([ev(50), ev(51)]);
  assert.deepEqual(gapsOf(s), [[1, 49], [52, 100]]);
  s.addEvents(range(1, 49));
  assert.deepEqual(gapsOf(s), [[52, 100]]);
  assert.deepEqual(s.viewSeqs(), [...Array.from({ length: 51 }, (_, i) => i + 1)]);
});

test('a wider filter replays only after the oldest row once the bound is reached', () => {
  const s = new RowStore({ maxRows: 100 });
  assert.equal(s.replaySince, null);
  s.addEvents(range(1, 250));
  assert.equal(s.replaySince, 150);
  s.clear();
  assert.equal(s.replaySince, 250);
});
