import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowGeometry } from '../../main/resources/dev/webconsole/web/js/row-geometry.js';
import { ScrollKeeper } from '../../main/resources/dev/webconsole/web/js/scroll-keeper.js';

const rows = (n) => Array.from({ length: n }, (_, i) => ({ id: i }));
const indexIn = (items) => (entry) => items.indexOf(entry);

/** A keeper over `n` collapsed rows of 20 px, with the follow changes it reports. */
function keeper(n = 100) {
  const geometry = new RowGeometry(20);
  geometry.layout(n, new Map(), () => -1);
  const changes = [];
  return { keeper: new ScrollKeeper(geometry, (following) => changes.push(following)), geometry, changes };
}

const notAtBottom = () => false;
const noAnchor = () => null;

test('while following, a render goes to the bottom', () => {
  const { keeper: k } = keeper();
  assert.equal(k.topFor(1500, 0, 100, () => -1), 1500);
  k.wrote(1500);
  assert.equal(k.topFor(1520, 1500, 101, () => -1), 1520);
});

test('the scroll event of the list\'s own write is no user scroll', () => {
  const { keeper: k, changes } = keeper();
  k.wrote(1500);
  assert.equal(k.scrolled(1500.4, notAtBottom, noAnchor), false);
  assert.equal(k.following, true);
  assert.deepEqual(changes, []);
});

test('a scroll up stops following, even a few pixels, and the owner is told once', () => {
  const { keeper: k, changes } = keeper();
  k.wrote(1500);
  assert.equal(k.scrolled(1497, () => true, noAnchor), true);
  assert.equal(k.following, false);
  assert.equal(k.scrolled(1400, notAtBottom, noAnchor), true);
  assert.deepEqual(changes, [false]);
});

test('only the user\'s own scroll down to the bottom follows again', () => {
  const { keeper: k, changes } = keeper();
  k.wrote(1500);
  k.scrolled(1000, notAtBottom, noAnchor);
  k.scrolled(1200, notAtBottom, noAnchor);
  assert.equal(k.following, false);
  k.scrolled(1500, () => true, noAnchor);
  assert.equal(k.following, true);
  assert.deepEqual(changes, [false, true]);
});

test('a scroll up that no event reported yet stops following instead of going to the bottom', () => {
  const { keeper: k, changes } = keeper();
  k.wrote(1500);
  assert.equal(k.topFor(1520, 1300, 101, () => -1), null);
  assert.equal(k.following, false);
  assert.deepEqual(changes, [false]);
});

test('not following, the row the user reads keeps its place when rows come in above it', () => {
  const items = rows(100);
  const { keeper: k, geometry } = keeper(100);
  k.wrote(1500);
  k.scrolled(205, notAtBottom, (top) => ({ entry: items[geometry.indexAt(top)], offset: top - geometry.topOf(geometry.indexAt(top)) }));
  assert.deepEqual(k.anchor, { entry: items[10], offset: 5 });
  const more = [...rows(3), ...items];
  geometry.layout(103, new Map(), () => -1);
  assert.equal(k.topFor(103 * 20 - 500, 205, 103, indexIn(more)), 265);
  assert.equal(k.topFor(103 * 20 - 500, 265, 103, indexIn(more)), null, 'already there: no write');
});

test('the anchored row gone, or no anchor, leaves the scroll position alone', () => {
  const items = rows(100);
  const { keeper: k } = keeper(100);
  k.userLeftBottom();
  assert.equal(k.topFor(1500, 300, 100, indexIn(items)), null);
  k.anchor = { entry: { id: 'trimmed' }, offset: 0 };
  assert.equal(k.topFor(1500, 300, 100, indexIn(items)), null);
});

test('a pinned row wins over the anchor until the user scrolls', () => {
  const items = rows(100);
  const { keeper: k, changes } = keeper(100);
  k.anchor = { entry: items[10], offset: 0 };
  k.pin(items[50], -100);
  assert.equal(k.following, false);
  assert.deepEqual(changes, [], 'the owner decides when to follow again');
  assert.equal(k.topFor(1500, 200, 100, indexIn(items)), 900);
  k.scrolled(700, notAtBottom, () => ({ entry: items[35], offset: 0 }));
  assert.equal(k.pinned, null);
  assert.equal(k.topFor(1500, 700, 100, indexIn(items)), null);
});

test('an anchored position is kept within the list', () => {
  const items = rows(100);
  const { keeper: k } = keeper(100);
  k.pin(items[1], -300);
  assert.equal(k.topFor(1500, 200, 100, indexIn(items)), 0);
  k.pin(items[99], 0);
  assert.equal(k.topFor(1500, 200, 100, indexIn(items)), 1500);
});

test('to show a row, the view moves as little as it must', () => {
  const { keeper: k } = keeper(100);
  assert.equal(k.topShowing(20, 100, 300, 200), 300, 'already in view');
  assert.equal(k.topShowing(10, 100, 300, 200), 200, 'above: it comes to the top');
  assert.equal(k.topShowing(30, 100, 300, 200), 420, 'below: it comes to the bottom');
  assert.equal(k.topShowing(99, 100, 300, 200), 1800, 'the last row ends at the list\'s end');
});

test('a row taller than the view shows from its top', () => {
  const items = rows(100);
  const { keeper: k, geometry } = keeper(100);
  geometry.layout(100, new Map([[items[30], 500]]), indexIn(items));
  assert.equal(k.topShowing(30, 100, 0, 200), 600);
});

test('leaving the bottom, following again from a jump, and stopping quietly', () => {
  const { keeper: k, changes } = keeper();
  k.userLeftBottom();
  k.userLeftBottom();
  assert.deepEqual(changes, [false]);
  k.follow();
  assert.equal(k.following, true);
  k.stopFollowing();
  assert.equal(k.following, false);
  assert.deepEqual(changes, [false], 'a jump and an expand are the owner\'s own changes');
});
