import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isErrorEvent, frameText, firstAppFrame, groupOf, groupLabel, shortGroupLabel, ErrorGroups, HiddenCount, countedTitle, badgeText,
  groupSources, MAX_GROUP_SOURCES,
} from '../../main/resources/dev/webconsole/web/js/error-groups.js';

const SQL_STACK = [
  'java.sql.SQLException: timeout',
  '\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)',
  '\tat org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:64)',
  '\tat app//com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)',
  '\tat com.acme.shop.OrderService.place(OrderService.java:17)',
  '\tat java.base/java.lang.Thread.run(Thread.java:833)',
].join('\n');

const thrown = (type, stack, message = 'boom') => ({ type, message, stack });
let seq = 0;
const ev = (o) => ({ seq: ++seq, time: 1000 + seq, level: 'ERROR', logger: 'com.acme.Svc', message: 'failed', ...o });

test('an error is ERROR, FATAL, a custom level at least as severe, or any event with a thrown', () => {
  assert.equal(isErrorEvent({ level: 'ERROR' }), true);
  assert.equal(isErrorEvent({ level: 'FATAL' }), true);
  assert.equal(isErrorEvent({ level: 'INFO', logger: 'webconsole.threads', thrown: { type: 'thread dump', stack: '"main" #1' } }), false,
    'a thread dump is a listing, not an error');
  assert.equal(isErrorEvent({ level: 'ERROR', logger: 'webconsole.threads', thrown: { type: 'thread dump', stack: 'Deadlock: ...' } }), true,
    'a dump that found a deadlock is logged at ERROR and counts');
  assert.equal(isErrorEvent({ level: 'SEVERE', severity: 200 }), true);
  assert.equal(isErrorEvent({ level: 'ALERT', severity: 150 }), true);
  assert.equal(isErrorEvent({ level: 'WARN' }), false);
  assert.equal(isErrorEvent({ level: 'NOTICE', severity: 350 }), false);
  assert.equal(isErrorEvent({ level: 'ODD' }), false, 'a custom level without a weight');
  assert.equal(isErrorEvent({ level: 'WARN', thrown: thrown('java.io.IOException', '') }), true);
  assert.equal(isErrorEvent(null), false);
});

test('frameText drops the "at" and the loader or module prefix, keeping file and line', () => {
  assert.equal(frameText('\tat app//com.acme.Svc.run(Svc.java:12)'), 'com.acme.Svc.run(Svc.java:12)');
  assert.equal(frameText('\tat java.base/java.lang.Thread.run(Thread.java:833)'), 'java.lang.Thread.run(Thread.java:833)');
  assert.equal(frameText('Caused by: x'), null);
});

test('the first frame of application code skips JDK and framework frames', () => {
  assert.equal(firstAppFrame(SQL_STACK), 'com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)');
});

test('an exception thrown with only framework frames is grouped by its cause\'s application frame', () => {
  const stack = [
    'org.springframework.dao.DataAccessException: failed',
    '\tat org.springframework.jdbc.X.y(X.java:1)',
    'Caused by: java.sql.SQLException: timeout',
    '\tat com.acme.Dao.load(Dao.java:7)',
  ].join('\n');
  assert.equal(firstAppFrame(stack), 'com.acme.Dao.load(Dao.java:7)');
  const onlyJdk = 'java.lang.IllegalStateException: x\n\tat java.util.A.b(A.java:1)\n\tat java.util.C.d(C.java:2)';
  assert.equal(firstAppFrame(onlyJdk), 'java.util.A.b(A.java:1)', 'no application frame: the first frame');
  assert.equal(firstAppFrame('java.lang.Error: no frames'), null);
  assert.equal(firstAppFrame(undefined), null);
});

test('the top-level exception\'s own application frame wins over its causes\'', () => {
  const stack = 'a.B: x\n\tat com.acme.Top.run(Top.java:1)\nCaused by: c.D: y\n\tat com.acme.Cause.run(Cause.java:2)';
  assert.equal(firstAppFrame(stack), 'com.acme.Top.run(Top.java:1)');
});

test('groups: by type and first application frame, or by level and logger', () => {
  const g = groupOf(ev({ thrown: thrown('java.sql.SQLException', SQL_STACK) }));
  assert.equal(g.type, 'java.sql.SQLException');
  assert.equal(groupLabel(g), 'java.sql.SQLException at com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)');
  const plain = groupOf(ev({ level: 'FATAL', logger: 'com.acme.Boot' }));
  assert.equal(plain.type, null);
  assert.equal(groupLabel(plain), 'FATAL from com.acme.Boot');
  assert.equal(shortGroupLabel(g), 'SQLException at OrderRepository.save(OrderRepository.java:42)');
  assert.equal(shortGroupLabel(plain), 'FATAL from com.acme.Boot');
  assert.equal(shortGroupLabel({ type: 'Oops', frame: null }), 'Oops');
  assert.notEqual(groupOf(ev({ level: 'ERROR' })).key, groupOf(ev({ level: 'FATAL' })).key);
});

test('ErrorGroups counts each error once, with count, first and last time and the latest message', () => {
  const groups = new ErrorGroups();
  const a1 = ev({ time: 5000, thrown: thrown('java.sql.SQLException', SQL_STACK, 'timeout 1') });
  const a2 = ev({ time: 7000, thrown: thrown('java.sql.SQLException', SQL_STACK, 'timeout 2') });
  const b = ev({ time: 6000, level: 'ERROR', logger: 'com.acme.Mail', message: 'no route' });
  const info = ev({ level: 'INFO' });
  assert.equal(groups.add([a1, info, b]), 2);
  assert.equal(groups.add([a2, a1]), 1, 'a replayed seq is not counted again');
  assert.equal(groups.total, 3);
  const [first, second] = groups.groups();
  assert.equal(first.type, 'java.sql.SQLException', 'the group seen last comes first');
  assert.deepEqual([first.count, first.first, first.last, first.message], [2, 5000, 7000, 'timeout 2']);
  assert.deepEqual([second.count, second.logger, second.message], [1, 'com.acme.Mail', 'no route']);
});

test('a restarted hub\'s seqs are new errors; a Clear forgets the groups and ignores replays of older errors', () => {
  const groups = new ErrorGroups();
  const e = { seq: 1, time: 1, level: 'ERROR', logger: 'x', message: 'm' };
  groups.add([e]);
  groups.restart();
  assert.equal(groups.add([{ ...e }]), 1);
  groups.clear();
  assert.equal(groups.groups().length, 0);
  assert.equal(groups.total, 0);
  assert.equal(groups.add([{ ...e }]), 0, 'replayed after the Clear');
  assert.equal(groups.add([{ ...e, seq: 2 }]), 1);
});

test('a Clear also ignores older errors it never saw, up to the store\'s cleared key', () => {
  const groups = new ErrorGroups();
  groups.clear(10);
  assert.equal(groups.add([{ seq: 7, time: 1, level: 'ERROR', logger: 'x' }]), 0);
  assert.equal(groups.add([{ seq: 11, time: 1, level: 'ERROR', logger: 'x' }]), 1);
});

test('select narrows a predicate to one group; null or an unknown key removes it', () => {
  const groups = new ErrorGroups();
  const sql = ev({ thrown: thrown('java.sql.SQLException', SQL_STACK) });
  const other = ev({ logger: 'com.acme.Other' });
  const info = ev({ level: 'INFO' });
  groups.add([sql, other, info]);
  const all = () => true;
  assert.equal(groups.within(all), all);
  assert.equal(groups.select(groupOf(sql).key), true);
  const p = groups.within(all);
  assert.deepEqual([sql, other, info].map(p), [true, false, false]);
  assert.equal(groups.within(() => false)(sql), false, 'the rest of the filter still applies');
  assert.equal(groups.select(groupOf(sql).key), false, 'no change');
  groups.clear();
  assert.equal(groups.selected.key, groupOf(sql).key, 'the group filter outlives a Clear');
  assert.equal(groups.select('nope'), true);
  assert.equal(groups.selected, null);
});

test('pick filters to a group, and a second pick of it removes the filter', () => {
  const groups = new ErrorGroups();
  const e = ev({ logger: 'com.acme.Picked' });
  groups.add([e]);
  const key = groupOf(e).key;
  assert.equal(groups.pick(key), true);
  assert.equal(groups.selected.key, key);
  assert.equal(groups.pick(key), true);
  assert.equal(groups.selected, null);
  assert.equal(groups.pick(null), false);
});

test('a group counts the sources its errors came from, the most errors first', () => {
  const e = new ErrorGroups();
  const npe = { thrown: thrown('java.lang.NullPointerException', SQL_STACK) };
  e.add([ev({ ...npe, source: 'billing' }), ev({ ...npe, source: 'orders' }), ev({ ...npe, source: 'orders' }), ev({ ...npe })]);
  e.add([ev({ source: 'search', logger: 'com.acme.Index' })]);
  const [search, npes] = e.groups();
  assert.deepEqual(groupSources(npes), [{ source: 'orders', count: 2 }, { source: 'billing', count: 1 }, { source: '', count: 1 }],
    'errors without a source (the hub\'s own application) count as the empty name');
  assert.deepEqual(groupSources(search), [{ source: 'search', count: 1 }]);
  e.add([ev({ ...npe, source: 'orders', seq: seq })]); // a replay adds nothing
  assert.equal(groupSources(e.groups()[1])[0].count, 2);
});

test('a console of one application shows no sources; past the bound, sources are counted together', () => {
  const one = new ErrorGroups();
  one.add([ev({}), ev({})]);
  assert.deepEqual(groupSources(one.groups()[0]), []);
  const many = new ErrorGroups();
  many.add(Array.from({ length: MAX_GROUP_SOURCES + 3 }, (_, i) => ev({ source: `s${i}` })));
  const from = groupSources(many.groups()[0]);
  assert.equal(from.length, MAX_GROUP_SOURCES + 1);
  assert.deepEqual(from.at(-1), { source: null, count: 3 });
  assert.equal(from.reduce((n, f) => n + f.count, 0), MAX_GROUP_SOURCES + 3, 'every error counted');
});

test('groups are bounded: the one seen longest ago goes, and is counted', () => {
  const groups = new ErrorGroups({ maxGroups: 2 });
  groups.add([ev({ logger: 'a', time: 1 }), ev({ logger: 'b', time: 2 }), ev({ logger: 'c', time: 3 })]);
  assert.deepEqual(groups.groups().map((g) => g.logger), ['c', 'b']);
  assert.equal(groups.droppedGroups, 1);
});

test('the seqs remembered are bounded', () => {
  const groups = new ErrorGroups({ maxSeen: 3 });
  groups.add([1, 2, 3, 4, 5].map((s) => ({ seq: 1000 + s, level: 'ERROR', logger: 'x', time: s })));
  assert.equal(groups.seen.size, 3);
});

test('HiddenCount counts only while hidden and resets when shown', () => {
  const c = new HiddenCount();
  assert.equal(c.add(2), false);
  assert.equal(c.count, 0);
  c.setHidden(true);
  assert.equal(c.add(2), true);
  assert.equal(c.add(1), true);
  assert.equal(c.count, 3);
  assert.equal(c.setHidden(false), true);
  assert.equal(c.count, 0);
  assert.equal(c.setHidden(false), false);
});

test('the title and the badge carry the count', () => {
  assert.equal(countedTitle('WebConsole', 3), '(3) WebConsole');
  assert.equal(countedTitle('(3) WebConsole', 4), '(4) WebConsole');
  assert.equal(countedTitle('(4) WebConsole', 0), 'WebConsole');
  assert.equal(countedTitle('WebConsole', 5000), '(999+) WebConsole');
  assert.equal(badgeText(7), '7');
  assert.equal(badgeText(100), '99+');
});
