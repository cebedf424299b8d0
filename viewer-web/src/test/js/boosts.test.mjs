import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScope, setLevelMessage, sourceOptions, formatRemaining, BOOST_MINUTES, DEFAULT_MINUTES, OWN_APP } from '../../main/resources/dev/webconsole/web/js/boosts.js';

test('a scope is key=value, optional, and needs a key', () => {
  assert.equal(parseScope(''), null);
  assert.equal(parseScope('   '), null);
  assert.deepEqual(parseScope('user=42'), { key: 'user', value: '42' });
  assert.deepEqual(parseScope(' requestId = a=b '), { key: 'requestId', value: 'a=b' });
  assert.match(parseScope('=42').error, /key=value/);
  assert.match(parseScope('user').error, /key=value/);
});

test('the set-level message carries logger, level, minutes and the optional context', () => {
  assert.deepEqual(setLevelMessage({ logger: ' com.acme.db ', level: 'DEBUG', minutes: '5', scope: '' }),
    { type: 'set-level', logger: 'com.acme.db', level: 'DEBUG', minutes: 5 });
  assert.deepEqual(setLevelMessage({ logger: 'com.acme', level: 'TRACE', minutes: '15', scope: 'user=42' }),
    { type: 'set-level', logger: 'com.acme', level: 'TRACE', minutes: 15, context: { user: '42' } });
  assert.match(setLevelMessage({ logger: '', level: 'DEBUG', minutes: '5' }).error, /^Logger:/);
  assert.match(setLevelMessage({ logger: 'a', level: 'DEBUG', minutes: '5', scope: 'user' }).error, /^Scope:/);
});

test('durations offered are 1, 5, 15 and 60 minutes, 5 by default', () => {
  assert.deepEqual(BOOST_MINUTES, [1, 5, 15, 60]);
  assert.equal(DEFAULT_MINUTES, 5);
});

test('the countdown shows m:ss, h:mm:ss past an hour, and stops at 0:00', () => {
  assert.equal(formatRemaining(299_001), '5:00');
  assert.equal(formatRemaining(298_999), '4:59');
  assert.equal(formatRemaining(65_000), '1:05');
  assert.equal(formatRemaining(3_600_000), '1:00:00');
  assert.equal(formatRemaining(-5), '0:00');
});

test('a set-level for a publishing application names its source; the hub\'s own names none', () => {
  assert.deepEqual(setLevelMessage({ logger: 'com.acme', level: 'DEBUG', minutes: '5', scope: '', source: 'orders' }),
    { type: 'set-level', logger: 'com.acme', level: 'DEBUG', minutes: 5, source: 'orders' });
  assert.equal('source' in setLevelMessage({ logger: 'com.acme', level: 'DEBUG', minutes: '5', source: '' }), false);
});

test('the applications offered: the hub\'s own when it has a level control, then each source, a gone one disabled', () => {
  const sources = [{ source: 'orders', connected: true }, { source: 'billing', connected: false }];
  assert.deepEqual(sourceOptions(sources, true), [
    { value: '', label: OWN_APP, disabled: false },
    { value: 'orders', label: 'orders', disabled: false },
    { value: 'billing', label: 'billing (gone)', disabled: true },
  ]);
  assert.deepEqual(sourceOptions(sources, false).map((o) => o.value), ['orders', 'billing']);
  assert.deepEqual(sourceOptions([], true), [{ value: '', label: OWN_APP, disabled: false }]);
});
