import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FollowState } from '../../main/resources/dev/webconsole/web/js/follow.js';
import { RowStore } from '../../main/resources/dev/webconsole/web/js/store.js';

const ev = (seq) => ({ seq, time: 0, level: 'INFO', logger: 'a', thread: 't', message: 'm' + seq });

test('pause shows only the rows up to where it paused and counts the rest as new', () => {
  const store = new RowStore();
  store.addEvents([ev(1), ev(2)]);
  const f = new FollowState();
  f.pause(store.view[1].key);
  store.addEvents([ev(3), ev(4), ev(5)]);
  assert.equal(f.shownCount(store), 2);
  assert.equal(f.newCount(store.view), 3);
  f.resume(true);
  assert.equal(f.shownCount(store), 5);
  assert.equal(f.newCount(store.view), 0);
});

test('scrolling away counts rows after the last one seen; following again stops counting', () => {
  const store = new RowStore();
  store.addEvents([ev(1)]);
  const f = new FollowState();
  f.followChanged(false, store.view[0].key);
  store.addEvents([ev(2), ev(3)]);
  assert.equal(f.newCount(store.view), 2);
  f.followChanged(true, store.view[2].key);
  assert.equal(f.newCount(store.view), 0);
});

test('a clear while paused keeps the view paused and empty of old rows', () => {
  const store = new RowStore();
  store.addEvents([ev(1), ev(2)]);
  const f = new FollowState();
  f.pause(store.view[1].key);
  store.clear();
  f.cleared(store.floorKey);
  store.addEvents([ev(3)]);
  assert.equal(f.shownCount(store), 0);
  assert.equal(f.newCount(store.view), 1);
});
