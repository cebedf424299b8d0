import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEVELS, levelRank, normalizeLevel, loggerMatches, loggerAllowed, levelAllowed, parsePrefixes,
  noteLevel, stripLevels, MAX_CUSTOM_LEVELS,
  compileTextMatcher, eventPredicate, serverFilter, sameServerFilter, widens, splitPair,
} from '../../main/resources/dev/webconsole/web/js/filter.js';
import { emptyFilter } from '../../main/resources/dev/webconsole/web/js/urlstate.js';

const ev = (o) => ({ seq: 1, time: 0, level: 'INFO', logger: 'com.acme.db.Pool', thread: 'main', message: 'pool exhausted', ...o });
const filter = (o) => ({ ...emptyFilter(), ...o });

test('levels are ordered TRACE to FATAL', () => {
  assert.deepEqual(LEVELS, ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
  assert.ok(levelRank('TRACE') < levelRank('FATAL'));
  assert.equal(levelRank('LOUD'), -1);
});

test('normalizeLevel accepts any case and rejects unknown names', () => {
  assert.equal(normalizeLevel(' warn '), 'WARN');
  assert.equal(normalizeLevel('LOUD'), null);
  assert.equal(normalizeLevel(undefined), null);
});

test('logger prefix matches on dots only', () => {
  assert.ok(loggerMatches('com.acme', 'com.acme'));
  assert.ok(loggerMatches('com.acme', 'com.acme.db.Pool'));
  assert.ok(!loggerMatches('com.acme', 'com.acmex'));
  assert.ok(!loggerMatches('com.acme', 'com'));
  assert.ok(loggerMatches('', 'anything'));
});

test('exclude wins over include; empty include means all', () => {
  assert.ok(loggerAllowed('a.b', [], []));
  assert.ok(loggerAllowed('a.b.c', ['a.b'], []));
  assert.ok(!loggerAllowed('x', ['a.b'], []));
  assert.ok(!loggerAllowed('a.b.noisy.X', ['a.b'], ['a.b.noisy']));
  assert.ok(loggerAllowed('c.d', ['a.b', 'c'], ['a.b.noisy']));
});

test('level threshold and per-level toggles', () => {
  assert.ok(levelAllowed('WARN', 'WARN'));
  assert.ok(levelAllowed('FATAL', 'WARN'));
  assert.ok(!levelAllowed('INFO', 'WARN'));
  assert.ok(!levelAllowed('ERROR', 'TRACE', ['ERROR']));
  assert.ok(levelAllowed('NOTICE', 'FATAL'), 'a custom level without severity is left to the hub');
});

test('custom levels are ranked by severity: CONFIG 450 between INFO and DEBUG, FINEST 700 below TRACE', () => {
  assert.ok(levelAllowed('CONFIG', 'DEBUG', [], 450));
  assert.ok(!levelAllowed('CONFIG', 'INFO', [], 450));
  assert.ok(!levelAllowed('FINEST', 'TRACE', [], 700), 'TRACE+ hides FINEST, as the hub does');
  assert.ok(levelAllowed('FINEST', 'ALL', [], 700));
  assert.ok(levelAllowed('FINE', 'DEBUG', [], 500), 'same weight as DEBUG');
  assert.ok(!levelAllowed('CONFIG', 'ALL', ['CONFIG'], 450), 'hidden applies to custom levels');
  assert.ok(!levelAllowed('NOTICE', 'TRACE', ['NOTICE']));
  assert.ok(levelAllowed('TRACE', 'ALL'));
  const p = eventPredicate(emptyFilter());
  assert.ok(!p({ level: 'FINEST', severity: 700, logger: 'a' }));
  assert.ok(p({ level: 'CONFIG', severity: 450, logger: 'a' }));
});

test('the strip lists seen custom levels among the standard ones by weight, least severe first', () => {
  const seen = new Map();
  for (const e of [{ level: 'CONFIG', severity: 450 }, { level: 'FINEST', severity: 700 }, { level: 'INFO' },
    { level: 'FINE', severity: 500 }, { level: 'NOTICE' }, { level: 'CONFIG', severity: 450 }]) noteLevel(seen, e);
  assert.deepEqual([...seen], [['CONFIG', 450], ['FINEST', 700], ['FINE', 500], ['NOTICE', null]]);
  assert.deepEqual(stripLevels(seen), ['FINEST', 'TRACE', 'DEBUG', 'FINE', 'CONFIG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'NOTICE']);
  for (let i = 0; i < MAX_CUSTOM_LEVELS + 5; i++) noteLevel(seen, { level: 'L' + i, severity: i });
  assert.equal(seen.size, MAX_CUSTOM_LEVELS, 'bounded');
});

test('widens when the threshold goes down to ALL', () => {
  const f = { loggers: [], exclude: [], level: 'TRACE' };
  assert.ok(widens(f, { ...f, level: 'ALL' }));
  assert.ok(!widens({ ...f, level: 'ALL' }, f));
});


test('parsePrefixes splits on commas and whitespace, trims dots, dedupes', () => {
  assert.deepEqual(parsePrefixes(' a.b, c\nd  a.b ,, .e. '), ['a.b', 'c', 'd', 'e']);
  assert.deepEqual(parsePrefixes(''), []);
});

test('substring search is case-insensitive and treats regex syntax literally', () => {
  const m = compileTextMatcher('a.B(');
  assert.equal(m.error, null);
  assert.ok(m.active);
  assert.ok(m.test('xx A.b( yy'));
  assert.ok(!m.test('axb('));
  assert.deepEqual(m.ranges('a.b( A.B('), [[0, 4], [5, 9]]);
});

test('regex search matches and reports ranges', () => {
  const m = compileTextMatcher('time\\w+', true);
  assert.ok(m.test('connection timeout'));
  assert.deepEqual(m.ranges('timeout timed'), [[0, 7], [8, 13]]);
});

test('an invalid regex reports an error and filters nothing', () => {
  const m = compileTextMatcher('(unclosed', true);
  assert.match(m.error, /Invalid regular expression|Unterminated/);
  assert.ok(!m.active);
  assert.ok(m.test('anything'));
  assert.deepEqual(m.ranges('anything'), []);
});

test('zero-length regex matches do not loop and give no ranges', () => {
  const m = compileTextMatcher('x*', true);
  assert.deepEqual(m.ranges('abc'), []);
  assert.deepEqual(m.ranges('axxb'), [[1, 3]]);
});

test('empty query is inactive', () => {
  const m = compileTextMatcher('', true);
  assert.ok(!m.active);
  assert.equal(m.error, null);
});

test('eventPredicate combines level, logger, text, context and marker', () => {
  const e = ev({ level: 'WARN', context: { user: 'ann' }, marker: 'SQL' });
  assert.ok(eventPredicate(filter({}))(e));
  assert.ok(eventPredicate(filter({ level: 'WARN', loggers: ['com.acme'] }))(e));
  assert.ok(!eventPredicate(filter({ level: 'ERROR' }))(e));
  assert.ok(!eventPredicate(filter({ exclude: ['com.acme.db'] }))(e));
  assert.ok(eventPredicate(filter({ q: 'EXHAUST' }))(e));
  assert.ok(eventPredicate(filter({ q: 'main' }))(e), 'thread is searched');
  assert.ok(eventPredicate(filter({ q: 'db.Pool' }))(e), 'logger is searched');
  assert.ok(!eventPredicate(filter({ q: 'nothing' }))(e));
  assert.ok(eventPredicate(filter({ ctx: ['user=ann'], markers: ['SQL'] }))(e));
  assert.ok(!eventPredicate(filter({ ctx: ['user=bob'] }))(e));
  assert.ok(!eventPredicate(filter({ markers: ['HTTP'] }))(e));
  assert.ok(!eventPredicate(filter({ hidden: ['WARN'] }))(e));
});

test('splitPair splits at the first equals sign', () => {
  assert.deepEqual(splitPair('k=v=w'), ['k', 'v=w']);
  assert.deepEqual(splitPair('k'), ['k', '']);
});

test('serverFilter keeps only what the hub applies', () => {
  assert.deepEqual(serverFilter(filter({ loggers: ['a'], exclude: ['a.b'], level: 'WARN', q: 'x', hidden: ['ERROR'] })),
    { loggers: ['a'], exclude: ['a.b'], level: 'WARN', sources: [], ctx: [], markers: [] });
  assert.ok(sameServerFilter({ loggers: ['a', 'b'], exclude: [], level: 'INFO' }, { loggers: ['b', 'a'], exclude: [], level: 'INFO' }));
  assert.ok(!sameServerFilter({ loggers: ['a'], exclude: [], level: 'INFO' }, { loggers: ['a'], exclude: [], level: 'WARN' }));
});

test('widens detects a lower threshold, wider includes and dropped excludes', () => {
  const f = (loggers, exclude, level) => ({ loggers, exclude, level });
  assert.ok(widens(f([], [], 'WARN'), f([], [], 'INFO')));
  assert.ok(!widens(f([], [], 'INFO'), f([], [], 'WARN')));
  assert.ok(widens(f(['a'], [], 'TRACE'), f([], [], 'TRACE')));
  assert.ok(widens(f(['a'], [], 'TRACE'), f(['a', 'b'], [], 'TRACE')));
  assert.ok(!widens(f(['a'], [], 'TRACE'), f(['a.b'], [], 'TRACE')));
  assert.ok(!widens(f([], [], 'TRACE'), f(['a'], [], 'TRACE')));
  assert.ok(widens(f([], ['a.b'], 'TRACE'), f([], [], 'TRACE')));
  assert.ok(!widens(f([], ['a.b'], 'TRACE'), f([], ['a'], 'TRACE')));
  assert.ok(!widens(f([], [], 'TRACE'), f([], ['a'], 'TRACE')));
});

test('a source filter is applied by the hub, and choosing a source the tab did not show widens it', () => {
  assert.deepEqual(serverFilter(filter({ sources: ['orders'] })).sources, ['orders']);
  const f = (sources) => ({ loggers: [], exclude: [], level: 'TRACE', sources });
  assert.ok(!sameServerFilter(f(['orders']), f(['billing'])));
  assert.ok(sameServerFilter(f(['orders', 'billing']), f(['billing', 'orders'])));
  assert.ok(widens(f(['orders']), f([])));
  assert.ok(widens(f(['orders']), f(['orders', 'billing'])));
  assert.ok(!widens(f(['orders', 'billing']), f(['orders'])));
  assert.ok(!widens(f([]), f(['orders'])));
  const only = eventPredicate(filter({ sources: ['orders'] }));
  assert.ok(only({ level: 'INFO', logger: 'a', message: 'm', source: 'orders' }));
  assert.ok(!only({ level: 'INFO', logger: 'a', message: 'm', source: 'billing' }));
  assert.ok(!only({ level: 'INFO', logger: 'a', message: 'm' }));
});

test('the text search covers exception type, message and stack, context keys, values and pairs, marker and source', async () => {
  const { textMatches } = await import('../../main/resources/dev/webconsole/web/js/filter.js');
  const e = {
    message: 'payment failed', logger: 'com.acme.Pay', thread: 'main', marker: 'AUDIT', source: 'Pay.java:42',
    context: { orderId: 'A-77' },
    thrown: { type: 'java.net.SocketTimeoutException', message: 'read timed out', stack: 'x\nCaused by: java.lang.IllegalStateException: deadlock' },
  };
  for (const q of ['SocketTimeout', 'timed out', 'deadlock', 'orderId', 'A-77', 'orderId=A-77', 'audit', 'Pay.java']) {
    assert.ok(textMatches(e, compileTextMatcher(q)), q);
  }
  assert.ok(!textMatches(e, compileTextMatcher('nowhere')));
  assert.ok(!textMatches(e, compileTextMatcher('orderId=B')));
});

test('context and marker filters are applied by the hub; dropping a context value or adding a marker widens', () => {
  const sf = serverFilter(filter({ ctx: ['requestId=abc:1'], markers: ['SQL'] }));
  assert.deepEqual([sf.ctx, sf.markers], [['requestId:abc:1'], ['SQL']]);
  const f = (ctx, markers) => ({ loggers: [], exclude: [], level: 'TRACE', sources: [], ctx, markers });
  assert.ok(!sameServerFilter(f(['a:1'], []), f([], [])));
  assert.ok(!sameServerFilter(f([], ['SQL']), f([], [])));
  assert.ok(sameServerFilter(f(['a:1', 'b:2'], ['X', 'Y']), f(['b:2', 'a:1'], ['Y', 'X'])));
  assert.ok(widens(f(['a:1'], []), f([], [])));
  assert.ok(widens(f(['a:1', 'b:2'], []), f(['a:1'], [])));
  assert.ok(!widens(f([], []), f(['a:1'], [])));
  assert.ok(widens(f([], ['SQL']), f([], [])));
  assert.ok(widens(f([], ['SQL']), f([], ['SQL', 'AUDIT'])));
  assert.ok(!widens(f([], ['SQL', 'AUDIT']), f([], ['SQL'])));
  assert.ok(!widens(f([], []), f([], ['SQL'])));
});
