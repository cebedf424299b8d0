import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScope, setLevelMessage, formatRemaining, BOOST_MINUTES, DEFAULT_MINUTES } from '../../main/resources/dev/webconsole/web/js/boosts.js';

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
