import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowGeometry } from '../../main/resources/dev/webconsole/web/js/row-geometry.js';

const rows = (n) => Array.from({ length: n }, (_, i) => ({ id: i }));
const indexIn = (items) => (entry) => items.indexOf(entry);

test('collapsed rows sit at multiples of the row height', () => {
  const g = new RowGeometry(20);
  g.layout(100, new Map(), () => -1);
  assert.equal(g.total, 2000);
  assert.equal(g.topOf(0), 0);
  assert.equal(g.topOf(7), 140);
  assert.equal(g.indexAt(0), 0);
  assert.equal(g.indexAt(139), 6);
  assert.equal(g.indexAt(140), 7);
});

test('an expanded row moves the rows after it down by its extra height', () => {
  const items = rows(10);
  const g = new RowGeometry(20);
  g.layout(10, new Map([[items[3], 100]]), indexIn(items));
  assert.deepEqual(g.extras, [[3, 80]]);
  assert.equal(g.total, 280);
  assert.equal(g.topOf(3), 60);
  assert.equal(g.topOf(4), 160);
  assert.equal(g.indexAt(60), 3);
  assert.equal(g.indexAt(159), 3);
  assert.equal(g.indexAt(160), 4);
  assert.equal(g.indexAt(59), 2);
});

test('extras are sorted by index and skip rows not shown, gone, or not taller', () => {
  const items = rows(10);
  const heights = new Map([[items[8], 50], [items[2], 30], [{ id: 'gone' }, 90], [items[5], 20], [items[9], 70]]);
  const g = new RowGeometry(20);
  g.layout(9, heights, indexIn(items));
  assert.deepEqual(g.extras, [[2, 10], [8, 30]]);
  assert.equal(g.total, 9 * 20 + 40);
});

test('rowsAround covers the viewport plus the overscan, within the rows', () => {
  const g = new RowGeometry(20);
  g.layout(100, new Map(), () => -1);
  assert.deepEqual(g.rowsAround(400, 200, 100, 8), [12, 38]);
  assert.deepEqual(g.rowsAround(0, 200, 100, 8), [0, 18]);
  assert.deepEqual(g.rowsAround(1900, 200, 100, 8), [87, 99]);
  assert.deepEqual(g.rowsAround(0, 200, 0, 8), [0, -1]);
});

test('expanded and wrapped rows from two maps add up, in index order', () => {
  const items = rows(10);
  const g = new RowGeometry(20);
  g.layout(10, [new Map([[items[6], 60]]), new Map([[items[2], 40], [items[8], 20]])], indexIn(items));
  assert.deepEqual(g.extras, [[2, 20], [6, 40]]);
  assert.equal(g.total, 260);
  assert.equal(g.topOf(3), 80);
  assert.equal(g.topOf(7), 200);
});
