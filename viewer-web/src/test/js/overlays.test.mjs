import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Overlays } from '../../main/resources/dev/webconsole/web/js/overlays.js';

test('closeTop closes the most recently opened overlay first, one per call', () => {
  const o = new Overlays();
  const closed = [];
  o.register(() => closed.push('help'));
  o.register(() => closed.push('menu'));
  assert.equal(o.closeTop(), true);
  assert.deepEqual(closed, ['menu']);
  assert.equal(o.closeTop(), true);
  assert.deepEqual(closed, ['menu', 'help']);
  assert.equal(o.closeTop(), false, 'nothing left to close');
  assert.equal(o.size, 0);
});

test('an overlay released after closing by other means is not closed again by Esc', () => {
  const o = new Overlays();
  const closed = [];
  const releaseTree = o.register(() => closed.push('tree'));
  o.register(() => closed.push('detail'));
  releaseTree();
  o.closeTop();
  assert.equal(o.closeTop(), false);
  assert.deepEqual(closed, ['detail']);
});

test('registering an open overlay again moves it to the top instead of stacking it twice', () => {
  const o = new Overlays();
  const closed = [];
  const help = () => closed.push('help');
  o.register(help);
  o.register(() => closed.push('menu'));
  o.register(help);
  assert.equal(o.size, 2);
  o.closeTop();
  assert.deepEqual(closed, ['help']);
  assert.equal(o.isOpen(help), false);
});

test('register names the mistake when it is not given a function', () => {
  assert.throws(() => new Overlays().register('help'), /pass the function that closes the overlay/);
});
