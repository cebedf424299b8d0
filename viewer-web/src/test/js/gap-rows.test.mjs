import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unheldStretches, seqSpan } from '../../main/resources/dev/webconsole/web/js/gap-rows.js';

const BASE = 2 ** 40;
const event = (seq, base = 0) => ({ kind: 'event', key: base + seq, seq });
const gap = (from, to, base = 0) => ({ kind: 'gap', key: base + from - 0.5, gap: { from, to } });

test('with nothing held the whole range is one stretch', () => {
  assert.deepEqual(unheldStretches([], 0, 5, 40), [[5, 40]]);
});

test('held events cut the range into the stretches around them', () => {
  const entries = [event(10), event(20), event(21), event(30)];
  assert.deepEqual(unheldStretches(entries, 0, 5, 40), [[5, 9], [11, 19], [22, 29], [31, 40]]);
});

test('events at the ends of the range leave no empty stretch', () => {
  const entries = [event(5), event(6), event(40)];
  assert.deepEqual(unheldStretches(entries, 0, 5, 40), [[7, 39]]);
});

test('a range wholly held has no stretch', () => {
  assert.deepEqual(unheldStretches([event(7), event(8)], 0, 7, 8), []);
});

test('gap rows and events outside the range do not cut it', () => {
  const entries = [event(1), gap(12, 15), event(50)];
  assert.deepEqual(unheldStretches(entries, 0, 10, 20), [[10, 20]]);
});

test('only the events of the given epoch count', () => {
  const entries = [event(12), event(3, BASE), event(14, BASE)];
  assert.deepEqual(unheldStretches(entries, BASE, 10, 20), [[10, 13], [15, 20]]);
  assert.deepEqual(unheldStretches(entries, 0, 10, 20), [[10, 11], [13, 20]]);
});

test('seqSpan gives the lowest and highest seq, skipping entries without one', () => {
  assert.deepEqual(seqSpan([{ seq: 9 }, null, { seq: 3 }, { seq: 'x' }, { seq: 12 }]), [3, 12]);
  assert.deepEqual(seqSpan([]), [Infinity, -Infinity]);
});
