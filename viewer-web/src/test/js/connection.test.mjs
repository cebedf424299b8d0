import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, backoffDelay, describeClose } from '../../main/resources/dev/webconsole/web/js/connection.js';

class FakeSocket {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
  }
  send(data) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg) {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  drop(code, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

function harness(opts = {}) {
  const sockets = [];
  const timers = [];
  const log = { events: [], gaps: [], errors: [], statuses: [], restarts: 0 };
  let now = 0;
  const conn = new Connection({
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    buildUrl: (f, since, hub) => `ws://h/ws?level=${f.level}` + (since === null ? '' : `&since=${since}`) + (hub ? `&hub=${hub}` : ''),
    filter: { loggers: [], exclude: [], level: 'TRACE' },
    random: () => 0.5,
    timers: {
      setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1,
      clearTimeout: (id) => { if (timers[id]) timers[id].fn = null; },
      now: () => now,
    },
    on: {
      events: (l) => log.events.push(...l.map((e) => e.seq)),
      gap: (g) => log.gaps.push(g),
      serverError: (m) => log.errors.push(m),
      status: (s) => log.statuses.push(s.state),
      restart: () => log.restarts++,
    },
    ...opts,
  });
  const fire = () => {
    const t = timers.find((x) => x.fn);
    const fn = t.fn;
    t.fn = null;
    now += t.ms;
    fn();
    return t.ms;
  };
  return { conn, sockets, timers, log, fire, last: () => sockets[sockets.length - 1] };
}

const hello = (o = {}) => ({ type: 'hello', version: 1, server: 'webconsole/0.1.0', hub: 'h1', firstSeq: 1, lastSeq: 0, ...o });

test('connects, reports hello and passes events, gaps and errors on', () => {
  const h = harness();
  h.conn.start();
  assert.equal(h.last().url, 'ws://h/ws?level=TRACE');
  h.last().open();
  h.last().receive(hello());
  h.last().receive({ type: 'events', events: [{ seq: 1 }, { seq: 2 }] });
  h.last().receive({ type: 'gap', from: 3, to: 9, reason: 'slow-consumer' });
  h.last().receive({ type: 'error', message: "unknown level 'LOUD'" });
  h.last().receive({ type: 'future-thing', x: 1 });
  h.last().receive('not json');
  assert.deepEqual(h.log.events, [1, 2]);
  assert.equal(h.log.gaps[0].to, 9);
  assert.deepEqual(h.log.errors, ["unknown level 'LOUD'"]);
  assert.equal(h.conn.status.state, 'connected');
  assert.equal(h.conn.resumeSeq, 2);
});

test('after a drop it reconnects with since = last seq and backs off', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().receive(hello({ lastSeq: 10 }));
  h.last().receive({ type: 'events', events: [{ seq: 11 }] });
  h.last().drop(1001, 'server stopping');
  assert.equal(h.conn.status.state, 'reconnecting');
  assert.equal(h.conn.status.code, 1001);
  assert.equal(h.fire(), 1000);
  assert.equal(h.last().url, 'ws://h/ws?level=TRACE&since=11&hub=h1');
  h.last().drop(1006);
  assert.equal(h.fire(), 2000);
  h.last().drop(1006);
  assert.equal(h.fire(), 4000);
  h.last().open();
  h.last().receive(hello({ lastSeq: 11 }));
  assert.equal(h.conn.status.state, 'connected');
  assert.equal(h.last().sent.length, 0, 'the URL already carried the filter and since');
  h.last().drop(1006);
  assert.equal(h.fire(), 1000, 'backoff resets after a hello');
});

test('a policy close is final and names its code and reason', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().drop(1008, 'origin not allowed');
  assert.equal(h.conn.status.state, 'closed');
  assert.equal(h.conn.status.code, 1008);
  assert.equal(h.conn.status.reason, 'origin not allowed');
  assert.equal(h.timers.filter((t) => t.fn).length, 0);
  h.conn.reconnectNow();
  assert.equal(h.sockets.length, 2);
});

test('1013 try again later waits at least five seconds', () => {
  const h = harness();
  h.conn.start();
  h.last().drop(1013, 'too many tabs');
  assert.ok(h.fire() >= 5000);
});

test('setFilter sends subscribe with since only when given', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().receive(hello());
  h.conn.setFilter({ loggers: ['a'], exclude: [], level: 'WARN' }, 42);
  h.conn.setFilter({ loggers: [], exclude: [], level: 'TRACE' }, null);
  assert.deepEqual(h.last().sent, [
    { type: 'subscribe', since: 42, hub: 'h1', filter: { loggers: ['a'], exclude: [], level: 'WARN' } },
    { type: 'subscribe', filter: { loggers: [], exclude: [], level: 'TRACE' } },
  ]);
});

test('a filter change while the socket opens is sent after hello', () => {
  const h = harness();
  h.conn.start();
  h.conn.setFilter({ loggers: [], exclude: [], level: 'ERROR' }, null);
  h.last().open();
  assert.equal(h.last().sent.length, 0);
  h.last().receive(hello());
  assert.deepEqual(h.last().sent, [{ type: 'subscribe', filter: { loggers: [], exclude: [], level: 'ERROR' } }]);
});

test('a filter change while waiting to reconnect goes into the next URL', () => {
  const h = harness();
  h.conn.start();
  h.last().drop(1006);
  h.conn.setFilter({ loggers: [], exclude: [], level: 'WARN' }, 7);
  h.fire();
  assert.equal(h.last().url, 'ws://h/ws?level=WARN&since=7');
  assert.equal(h.conn.sentHub, null, 'no hello yet, so no hub id');
  h.last().open();
  h.last().receive(hello({ lastSeq: 9 }));
  assert.equal(h.last().sent.length, 0);
});

test('a restarted hub (new id) is reported; given the old id it replays by itself', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().receive(hello({ hub: 'h1' }));
  h.last().receive({ type: 'events', events: [{ seq: 500 }] });
  h.last().drop(1001);
  h.fire();
  assert.equal(h.last().url, 'ws://h/ws?level=TRACE&since=500&hub=h1');
  h.last().open();
  h.last().receive(hello({ hub: 'h2', lastSeq: 3 }));
  assert.equal(h.log.restarts, 1);
  assert.deepEqual(h.last().sent, []);
  assert.equal(h.conn.resumeSeq, null);
  h.last().receive({ type: 'events', events: [{ seq: 1 }, { seq: 2 }] });
  h.last().drop(1006);
  h.fire();
  assert.equal(h.last().url, 'ws://h/ws?level=TRACE&since=2&hub=h2');
});

test('without a hub id, a lastSeq below the resume point means a restart', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().receive(hello({ hub: undefined }));
  h.last().receive({ type: 'events', events: [{ seq: 500 }] });
  h.last().drop(1006);
  h.fire();
  h.last().open();
  h.last().receive(hello({ hub: undefined, lastSeq: 20 }));
  assert.equal(h.log.restarts, 1);
  assert.deepEqual(h.last().sent, [{ type: 'subscribe', filter: { loggers: [], exclude: [], level: 'TRACE' } }]);
});

test('stop closes without reconnecting', () => {
  const h = harness();
  h.conn.start();
  const s = h.last();
  s.open();
  h.conn.stop();
  assert.equal(s.readyState, 3);
  assert.equal(h.timers.filter((t) => t.fn).length, 0);
});

test('a socket that cannot be created counts as a lost connection', () => {
  let calls = 0;
  const h = harness({ createSocket: () => { calls++; throw new SyntaxError('bad url'); } });
  h.conn.start();
  assert.equal(h.conn.status.state, 'reconnecting');
  assert.equal(calls, 1);
});

test('backoff grows to 30 s with jitter; close codes have names', () => {
  assert.equal(backoffDelay(0, () => 0.5), 1000);
  assert.equal(backoffDelay(20, () => 0.5), 30000);
  assert.equal(backoffDelay(0, () => 0), 800);
  assert.equal(describeClose(1008), '1008 policy violation');
  assert.equal(describeClose(4000), '4000');
});

test('refetchFrom opens a new socket that resumes after the given seq', () => {
  const h = harness();
  h.conn.start();
  h.last().open();
  h.last().receive({ type: 'hello', version: 1, server: 's', hub: 'h1', firstSeq: 1, lastSeq: 0 });
  h.last().receive({ type: 'events', events: [{ seq: 1 }, { seq: 2 }, { seq: 3 }] });
  const first = h.last();
  h.conn.refetchFrom(1);
  assert.equal(first.readyState, 3, 'the old socket is closed');
  assert.equal(h.sockets.length, 2);
  assert.equal(h.last().url, 'ws://h/ws?level=TRACE&since=1&hub=h1');
  assert.equal(h.log.statuses.at(-1), 'connecting', 'not shown as an outage');
});
