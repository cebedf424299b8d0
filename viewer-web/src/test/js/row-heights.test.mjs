import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowHeights } from '../../main/resources/dev/webconsole/web/js/row-heights.js';

const rows = (n) => Array.from({ length: n }, (_, i) => ({ id: i }));

test('without wrapping only expanded rows are measured', () => {
  const items = rows(3);
  const h = new RowHeights(22);
  h.toggle(items[1]);
  assert.equal(h.measure(items, () => 90), true);
  assert.deepEqual([...h.forLayout((e) => items.indexOf(e))], [[items[1], 90]]);
  assert.equal(h.measure(items, () => 90), false, 'no change, no new render');
});

test('with wrapping a collapsed row taller than a line keeps its height, and loses it when it fits again', () => {
  const items = rows(3);
  const h = new RowHeights(22);
  assert.equal(h.setWrap(true), true);
  assert.equal(h.setWrap(true), false);
  assert.equal(h.measure(items, (e) => (e === items[2] ? 66 : 22)), true);
  const [expanded, wrapped] = h.forLayout((e) => items.indexOf(e));
  assert.equal(expanded.size, 0);
  assert.deepEqual([...wrapped], [[items[2], 66]]);
  assert.equal(h.measure(items, () => 22), true);
  assert.equal(h.forLayout((e) => items.indexOf(e))[1].size, 0);
});

test('an expanded row is counted once, and wrapped rows that left the list are forgotten', () => {
  const items = rows(3);
  const h = new RowHeights(22);
  h.setWrap(true);
  h.measure(items, () => 44);
  h.toggle(items[0]);
  const [expanded, wrapped] = h.forLayout((e) => (e === items[1] ? -1 : items.indexOf(e)));
  assert.deepEqual([...expanded.keys()], [items[0]]);
  assert.deepEqual([...wrapped.keys()], [items[2]]);
  assert.equal(h.expandedCount, 1);
  assert.deepEqual(h.collapseAll(), [items[0]]);
  assert.equal(h.setWrap(false), true);
  assert.equal(h.forLayout(() => 0).size, 0);
});
