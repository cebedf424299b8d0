import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COLUMNS, MIN_WIDTH, MAX_WIDTH, defaultLayout, clampWidth, parseLayout, formatLayout, withHidden, withWidth,
} from '../../main/resources/dev/webconsole/web/js/columns.js';

test('the columns a user can hide and resize, in row order', () => {
  assert.deepEqual(COLUMNS.map((c) => c.key), ['time', 'level', 'src', 'logger', 'thread']);
});

test('a stored layout reads back as it was written', () => {
  const layout = withWidth(withHidden({ ...defaultLayout(), wrap: true }, 'thread', true), 'logger', 240);
  assert.deepEqual(parseLayout(formatLayout(layout)), { hidden: ['thread'], widths: { logger: 240 }, wrap: true });
});

test('bad stored values fall back to the defaults, part by part', () => {
  assert.deepEqual(parseLayout(''), defaultLayout());
  assert.deepEqual(parseLayout('{not json'), defaultLayout());
  assert.deepEqual(parseLayout('null'), defaultLayout());
  assert.deepEqual(parseLayout('[1,2]'), defaultLayout());
  assert.deepEqual(
    parseLayout('{"hidden":["thread","message","time"],"widths":{"logger":"wide","time":5,"msg":300,"level":9999},"wrap":"yes"}'),
    { hidden: ['time', 'thread'], widths: { time: MIN_WIDTH, level: MAX_WIDTH }, wrap: false },
  );
});

test('widths are whole pixels within the bounds; none means the default', () => {
  assert.equal(clampWidth(120.4), 120);
  assert.equal(clampWidth(-3), MIN_WIDTH);
  assert.equal(clampWidth(1e9), MAX_WIDTH);
  assert.equal(clampWidth(null), null);
  assert.equal(clampWidth(''), null);
  assert.equal(clampWidth('x'), null);
  assert.deepEqual(withWidth({ ...defaultLayout(), widths: { logger: 200 } }, 'logger', null).widths, {});
});

test('hiding and showing keeps the row order and ignores unknown columns', () => {
  let layout = withHidden(defaultLayout(), 'thread', true);
  layout = withHidden(layout, 'time', true);
  assert.deepEqual(layout.hidden, ['time', 'thread']);
  assert.deepEqual(withHidden(layout, 'time', false).hidden, ['thread']);
  assert.equal(withHidden(layout, 'message', true), layout);
  assert.equal(withWidth(layout, 'message', 100), layout);
});
