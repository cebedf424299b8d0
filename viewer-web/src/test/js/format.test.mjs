import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatTime, formatDateTime, formatIso, zoneLabel, shortenLogger, formatCount, compactCount, gapText, gapSize,
  firstLine, lineCount, thrownText, contextPairs, logLine, jsonLine, exportText, exportFileName, gapLogLine, showControls, levelClass } from '../../main/resources/dev/webconsole/web/js/format.js';

const T = Date.UTC(2025, 10, 21, 8, 5, 9, 7); // 2025-11-21 08:05:09.007 UTC

test('UTC time with milliseconds', () => {
  assert.equal(formatTime(T, true), '08:05:09.007');
  assert.equal(formatDateTime(T, true), '2025-11-21 08:05:09.007');
  assert.equal(formatIso(T, true), '2025-11-21T08:05:09.007Z');
  assert.equal(zoneLabel(T, true), 'UTC');
});

test('local time follows the machine zone', () => {
  const d = new Date(T);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  assert.equal(formatTime(T), `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`);
  assert.match(zoneLabel(T), /^[+-]\d\d:\d\d$/);
  assert.ok(formatIso(T).endsWith(zoneLabel(T)));
});

test('bad times do not throw', () => {
  assert.equal(formatTime(undefined), '--:--:--.---');
  assert.equal(formatDateTime(NaN), '');
});

test('loggers shorten to first letters of packages', () => {
  assert.equal(shortenLogger('com.acme.db.Pool'), 'c.a.d.Pool');
  assert.equal(shortenLogger('Main'), 'Main');
  assert.equal(shortenLogger(''), '');
  assert.equal(shortenLogger(undefined), '');
});

test('loggers shorten to fit and keep the class name', () => {
  const name = 'com.acme.shop.db.OrderRepository';
  assert.equal(shortenLogger(name, 40), name);
  assert.equal(shortenLogger(name, 32), name);
  assert.equal(shortenLogger(name, 31), 'c.a.s.d.OrderRepository');
  assert.equal(shortenLogger(name, 23), 'c.a.s.d.OrderRepository');
  assert.equal(shortenLogger(name, 22), 'OrderRepository');
  assert.equal(shortenLogger(name, 5), 'OrderRepository');
  assert.equal(shortenLogger('a..b', 2), 'b');
  assert.equal(shortenLogger('Main', 2), 'Main');
});

test('counts', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(compactCount(999), '999');
  assert.equal(compactCount(1234), '1.2k');
  assert.equal(compactCount(1000), '1k');
  assert.equal(compactCount(12345), '12k');
  assert.equal(compactCount(1234567), '1.2M');
});

test('gap text names the count and the reason', () => {
  assert.equal(gapSize({ from: 5122, to: 5200 }), 79);
  assert.equal(gapText({ from: 1, to: 80, reason: 'slow-consumer' }), '\u26a0 80 events not delivered: slow connection');
  assert.equal(gapText({ from: 3, to: 3, reason: 'ingest-overflow' }), '\u26a0 1 event not delivered: the hub was overloaded');
  assert.match(gapText({ from: 1, to: 1500, reason: 'history-overflow' }), /1,500 events .*history/);
  assert.match(gapText({ from: 1, to: 2, reason: 'new-reason' }), /new-reason$/);
  assert.equal(gapLogLine({ from: 1, to: 2, reason: 'slow-consumer' }), '# \u26a0 2 events not delivered: slow connection (seq 1-2)');
});

test('lines', () => {
  assert.equal(firstLine('a\nb\nc'), 'a');
  assert.equal(firstLine('a\r\nb'), 'a');
  assert.equal(lineCount('a\nb\nc'), 3);
  assert.equal(lineCount('one'), 1);
});

test('thrown text and context pairs', () => {
  assert.equal(thrownText({ type: 'X', message: 'm', stack: 'X: m\n\tat a' }), 'X: m\n\tat a');
  assert.equal(thrownText({ type: 'X', message: 'm' }), 'X: m');
  assert.equal(thrownText({ type: 'X' }), 'X');
  assert.deepEqual(contextPairs({ user: 'ann', id: '7' }), ['user=ann', 'id=7']);
  assert.deepEqual(contextPairs(undefined), []);
});

const E = {
  seq: 5121, time: T, level: 'WARN', logger: 'com.acme.db.Pool', thread: 'main', message: 'pool exhausted',
  thrown: { type: 'java.sql.SQLException', message: 'timeout', stack: 'java.sql.SQLException: timeout\n\tat x.y(Z.java:1)\n' },
  context: { user: 'ann' }, marker: 'SQL', source: 'orders',
};

test('log line is PatternLayout-like with the stack after it', () => {
  assert.equal(logLine(E, true),
    '2025-11-21T08:05:09.007Z WARN  <orders> [main] com.acme.db.Pool [SQL] {user=ann} - pool exhausted\n' +
    'java.sql.SQLException: timeout\n\tat x.y(Z.java:1)');
  assert.equal(logLine({ seq: 1, time: T, level: 'INFO', logger: 'a', thread: 't', message: 'm' }, true),
    '2025-11-21T08:05:09.007Z INFO  [t] a - m');
});

test('json line is the event as sent', () => {
  assert.deepEqual(JSON.parse(jsonLine(E)), E);
});

test('export text: log includes gaps, jsonl only events', () => {
  const entries = [
    { kind: 'event', event: { ...E, thrown: undefined, context: undefined, marker: undefined, source: undefined } },
    { kind: 'gap', gap: { from: 5122, to: 5123, reason: 'slow-consumer' } },
    { kind: 'note', text: 'hub restarted' },
  ];
  const log = exportText(entries, 'log', true);
  assert.equal(log.split('\n').length, 4);
  assert.ok(log.endsWith('# hub restarted\n'));
  const jsonl = exportText(entries, 'jsonl');
  assert.equal(jsonl.trim().split('\n').length, 1);
  assert.equal(exportText([], 'log'), '');
});

test('export file name', () => {
  assert.match(exportFileName(T, 'jsonl'), /^webconsole-\d{8}-\d{6}\.jsonl$/);
});

test('showControls makes bidi overrides and C0 controls visible, keeps tab and newline', () => {
  assert.equal(showControls('invoice_\u202Efdp.exe'), 'invoice_\u27e8U+202E\u27e9fdp.exe');
  assert.equal(showControls('\u001b[31mred'), '\u27e8U+001B\u27e9[31mred');
  assert.equal(showControls('a\tb\nc'), 'a\tb\nc');
  assert.equal(showControls('\u2067x\u2069'), '\u27e8U+2067\u27e9x\u27e8U+2069\u27e9');
  assert.equal(showControls('plain \u05e9\u05dc\u05d5\u05dd'), 'plain \u05e9\u05dc\u05d5\u05dd');
});

test('levelClass maps the six levels to their class and any other name to one safe class', () => {
  assert.equal(levelClass('WARN'), 'lvl-warn');
  assert.equal(levelClass('fatal'), 'lvl-fatal');
  assert.equal(levelClass('INFO offscreen gap'), 'lvl-custom');
  assert.equal(levelClass('NOTICE'), 'lvl-custom');
  assert.equal(levelClass(undefined), 'lvl-custom');
});
