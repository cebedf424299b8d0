import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakPieces } from '../../main/resources/dev/webconsole/web/js/breaks.js';

test('a qualified name wraps after its dots, never inside a word', () => {
  assert.deepEqual(breakPieces('java.lang.IllegalStateException: order 42 failed'),
    ['java.', 'lang.', 'IllegalStateException: order 42 failed']);
});

test('a frame wraps after its dots, $, ( and the module slash', () => {
  const frame = '\tat java.base/jdk.internal.Outer$Inner.run(Outer.java:12)';
  const pieces = breakPieces(frame);
  assert.equal(pieces.join(''), frame, 'the pieces give the text back');
  assert.deepEqual(pieces, ['\tat java.', 'base/', 'jdk.', 'internal.', 'Outer$', 'Inner.', 'run(', 'Outer.', 'java:12)']);
});

test('short words and a closing dot get no wrap point', () => {
  assert.deepEqual(breakPieces('see Pool.take, done.'), ['see Pool.take, done.']);
  assert.deepEqual(breakPieces('com.acme.shop.'), ['com.', 'acme.', 'shop.']);
  assert.deepEqual(breakPieces(''), ['']);
});
