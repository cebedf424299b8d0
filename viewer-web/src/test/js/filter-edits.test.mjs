import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleLevel, toggleLoggerPrefix, clickLogger, toggleChip, toggleSource } from '../../main/resources/dev/webconsole/web/js/filter-edits.js';
import { emptyFilter } from '../../main/resources/dev/webconsole/web/js/urlstate.js';

test('a level below the threshold lowers the threshold; others toggle hidden', () => {
  const warn = { ...emptyFilter(), level: 'WARN' };
  assert.equal(toggleLevel(warn, 'INFO').level, 'INFO');
  assert.deepEqual(toggleLevel(warn, 'ERROR').hidden, ['ERROR']);
  assert.deepEqual(toggleLevel({ ...warn, hidden: ['ERROR'] }, 'ERROR').hidden, []);
  assert.equal(warn.hidden.length, 0, 'the filter passed in is not changed');
});

test('a custom level toggles like a standard one; below the threshold it lowers it by its severity', () => {
  const info = { ...emptyFilter(), level: 'INFO' };
  const hidden = toggleLevel({ ...emptyFilter(), hidden: ['WARN'] }, 'CONFIG', 450);
  assert.deepEqual([hidden.level, hidden.hidden], ['TRACE', ['WARN', 'CONFIG']]);
  assert.deepEqual(toggleLevel(hidden, 'CONFIG', 450).hidden, ['WARN']);
  assert.equal(toggleLevel(info, 'CONFIG', 450).level, 'DEBUG', 'CONFIG (450) needs DEBUG+');
  assert.equal(toggleLevel(emptyFilter(), 'FINEST', 700).level, 'ALL', 'FINEST (700) is finer than TRACE');
  assert.deepEqual(toggleLevel({ ...emptyFilter(), hidden: ['FINEST'] }, 'FINEST', 700), { ...emptyFilter(), level: 'ALL' });
  assert.deepEqual(toggleLevel(info, 'NOTICE').hidden, ['NOTICE'], 'a custom level without severity just toggles');
});

test('a tree prefix toggles on one list and leaves the other', () => {
  const f = toggleLoggerPrefix({ ...emptyFilter(), exclude: ['a.b'] }, 'loggers', 'a.b');
  assert.deepEqual([f.loggers, f.exclude], [['a.b'], []]);
  assert.deepEqual(toggleLoggerPrefix(f, 'loggers', 'a.b').loggers, []);
});

test('a logger click shows only it; with Alt it hides it', () => {
  assert.deepEqual(clickLogger({ ...emptyFilter(), loggers: ['x'], exclude: ['a'] }, 'a.b', false), { ...emptyFilter(), loggers: ['a.b'], exclude: [] });
  const hidden = clickLogger({ ...emptyFilter(), loggers: ['a.b'] }, 'a.b', true);
  assert.deepEqual([hidden.loggers, hidden.exclude], [[], ['a.b']]);
});

test('chips add and remove context and marker filters', () => {
  const f = toggleChip(toggleChip(emptyFilter(), 'ctx', 'user=ann'), 'marker', 'SQL');
  assert.deepEqual([f.ctx, f.markers], [['user=ann'], ['SQL']]);
  assert.deepEqual(toggleChip(f, 'ctx', 'user=ann').ctx, []);
});

test('a source in the legend is added to the chosen sources, and a second click takes it out', () => {
  const orders = toggleSource(emptyFilter(), 'orders');
  assert.deepEqual(orders.sources, ['orders']);
  assert.deepEqual(toggleSource(orders, 'billing').sources, ['orders', 'billing']);
  assert.deepEqual(toggleSource(orders, 'orders').sources, []);
  assert.deepEqual(orders.sources, ['orders'], 'the filter passed in is not changed');
});
