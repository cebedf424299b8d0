import { test } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../../main/resources/dev/webconsole/web/js/row-keys.js';

test('the keys that move the current row, and how far', () => {
  assert.equal(step('ArrowDown', 20), 1);
  assert.equal(step('ArrowUp', 20), -1);
  assert.equal(step('PageDown', 20), 20);
  assert.equal(step('PageUp', 20), -20);
  assert.equal(step('Home', 20), -Infinity);
  assert.equal(step('End', 20), Infinity);
  assert.equal(step('Enter', 20), null);
  assert.equal(step('a', 20), null);
});
