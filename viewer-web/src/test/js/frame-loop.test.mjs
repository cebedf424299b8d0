import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameLoop } from '../../main/resources/dev/webconsole/web/js/frame-loop.js';
import { statParts } from '../../main/resources/dev/webconsole/web/js/hub-stats.js';

function fakeTimers() {
  const t = { now: 0, frames: [], timeouts: new Map(), next: 1 };
  t.api = {
    requestAnimationFrame: (fn) => t.frames.push(fn),
    setTimeout: (fn, ms) => {
      const id = t.next++;
      t.timeouts.set(id, { fn, at: t.now + ms });
      return id;
    },
    clearTimeout: (id) => t.timeouts.delete(id),
    now: () => t.now,
  };
  t.runFrames = () => t.frames.splice(0).forEach((fn) => fn());
  t.advance = (ms) => {
    t.now += ms;
    for (const [id, { fn, at }] of [...t.timeouts]) {
      if (at <= t.now) {
        t.timeouts.delete(id);
        fn();
      }
    }
  };
  return t;
}

test('items received between frames are applied together, in order, in the next frame', () => {
  const t = fakeTimers();
  const applied = [];
  let renders = 0;
  const loop = new FrameLoop({ apply: (items) => applied.push(items.map((i) => i.v)), render: () => renders++, mayDefer: () => false, timers: t.api });
  loop.enqueue({ t: 'events', v: [1] });
  loop.enqueue({ t: 'gap', v: 'g' });
  assert.equal(loop.idle, false);
  t.runFrames();
  assert.deepEqual(applied, [[[1], 'g']]);
  assert.equal(renders, 1);
  assert.equal(loop.idle, true);
});

test('a fast live stream is redrawn at most every 100 ms; a redraw request is not deferred', () => {
  const t = fakeTimers();
  let renders = 0;
  const loop = new FrameLoop({ apply: () => {}, render: () => renders++, mayDefer: () => true, timers: t.api });
  loop.enqueue({ t: 'events', v: [1] });
  t.runFrames();
  assert.equal(renders, 1, 'the first frame draws');
  t.advance(16);
  loop.enqueue({ t: 'events', v: [2] });
  t.runFrames();
  assert.equal(renders, 1, 'deferred within 100 ms of the last draw');
  t.advance(100);
  t.runFrames();
  assert.equal(renders, 2);
  loop.redraw();
  t.runFrames();
  assert.equal(renders, 3);
});

test('a background tab without animation frames still applies what it received', () => {
  const t = fakeTimers();
  let applied = 0;
  const loop = new FrameLoop({ apply: (items) => (applied += items.length), render: () => {}, mayDefer: () => false, timers: t.api });
  loop.enqueue({ t: 'events', v: [1] });
  t.advance(250);
  assert.equal(applied, 1);
});

test('hub counters: only non-zero ones are shown', () => {
  assert.deepEqual(statParts({ ingestDropped: 0, tabDropped: 3, sendFailed: 0 }), ['3 dropped for slow tabs']);
  assert.deepEqual(statParts({ ingestDropped: 2, tabDropped: 0 }), ['2 dropped by the hub (ingest queue full)']);
  assert.deepEqual(statParts({}), []);
});
