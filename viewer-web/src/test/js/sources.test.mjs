import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceColor, SourceRates } from '../../main/resources/dev/webconsole/web/js/sources.js';

test('a source keeps its colour, and colours are one of eight', () => {
  assert.equal(sourceColor('orders'), sourceColor('orders'));
  for (const name of ['orders', 'billing', 'search', '', 'ünïcode']) {
    const c = sourceColor(name);
    assert.ok(Number.isInteger(c) && c >= 0 && c < 8, `${name}: ${c}`);
  }
  assert.ok(new Set(['orders', 'billing', 'search', 'auth', 'cart'].map(sourceColor)).size > 1);
});

test('rates are events per second per source, counted since the last roll', () => {
  const r = new SourceRates();
  r.roll(0);
  r.add([{ source: 'orders' }, { source: 'orders' }, { source: 'billing' }, {}]);
  assert.equal(r.roll(500), false, 'not before a second has passed');
  r.add([{ source: 'orders' }]);
  assert.equal(r.roll(2000), true);
  assert.equal(r.rate('orders'), 1.5);
  assert.equal(r.rate('billing'), 0.5);
  assert.equal(r.rate('search'), 0);
  r.roll(3000);
  assert.equal(r.rate('orders'), 0, 'a quiet source goes to 0');
});
