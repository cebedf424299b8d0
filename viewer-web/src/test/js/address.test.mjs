import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Address } from '../../main/resources/dev/webconsole/web/js/address.js';
import { emptyFilter, parseFilter } from '../../main/resources/dev/webconsole/web/js/urlstate.js';

/** A location and a history that keep their entries, as a browser tab does. */
function tab(search) {
  const entries = [{ state: null, url: '/' + search }];
  let at = 0;
  const location = {
    pathname: '/',
    hash: '',
    get search() {
      const u = entries[at].url;
      return u.includes('?') ? u.slice(u.indexOf('?')) : '';
    },
  };
  const history = {
    get state() {
      return entries[at].state;
    },
    pushState(state, _title, url) {
      entries.splice(at + 1, entries.length, { state, url });
      at++;
    },
    replaceState(state, _title, url) {
      entries[at] = { state, url };
    },
    back() {
      at = Math.max(0, at - 1);
    },
  };
  return { location, history, entries: () => entries.map((e) => e.url) };
}

test('show in context adds an entry with around=SEQ after the filtered view, which Back returns to', () => {
  const t = tab('?logger=com.acme.db');
  const a = new Address(t.location, t.history);
  assert.equal(a.readAround(), null);
  a.showAround(emptyFilter(), 42);
  assert.deepEqual(t.entries(), ['/?logger=com.acme.db', '/?around=42']);
  assert.equal(a.readAround(), 42);
  assert.equal(a.cameFromFilteredView, true);
  a.back();
  assert.equal(a.readAround(), null);
  assert.deepEqual(a.readFilter().loggers, ['com.acme.db']);
});

test('a new filter ends the context view: the address loses around', () => {
  const t = tab('?around=7&q=x');
  const a = new Address(t.location, t.history);
  assert.equal(a.readAround(), 7);
  assert.equal(a.cameFromFilteredView, false, 'a bookmark has no filtered view behind it');
  a.writeFilter(parseFilter('?level=WARN'), true);
  assert.equal(a.readAround(), null);
  assert.equal(t.location.search, '?level=WARN');
});

test('around that is not a number is ignored', () => {
  const t = tab('?around=abc');
  assert.equal(new Address(t.location, t.history).readAround(), null);
});
