import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFilter, parseFilter, serializeFilter, pageSearch, takeToken, socketUrl } from '../../main/resources/dev/webconsole/web/js/urlstate.js';

test('parses the example from the issue', () => {
  const f = parseFilter('?logger=a.b&logger=c&exclude=a.b.noisy&level=WARN&q=timeout&regex=1');
  assert.deepEqual(f, { ...emptyFilter(), loggers: ['a.b', 'c'], exclude: ['a.b.noisy'], level: 'WARN', q: 'timeout', regex: true });
});

test('bad values fall back to defaults', () => {
  const f = parseFilter('level=LOUD&hide=no%20pe&hide=debug&hide=&regex=maybe&ctx=novalue&ctx==x');
  assert.equal(f.level, 'TRACE');
  assert.deepEqual(f.hidden, ['DEBUG']);
  assert.equal(f.regex, false);
  assert.deepEqual(f.ctx, []);
});

test('empty query gives the empty filter and serializes to nothing', () => {
  assert.deepEqual(parseFilter(''), emptyFilter());
  assert.equal(serializeFilter(emptyFilter()).toString(), '');
});

test('serialize then parse round-trips', () => {
  const f = { loggers: ['a.b', 'c'], exclude: ['a.b.noisy'], level: 'ERROR', hidden: ['FATAL'], q: 'x & y=z', regex: true, ctx: ['user=ann'], markers: ['SQL'], sources: ['orders', 'billing'] };
  assert.deepEqual(parseFilter(serializeFilter(f)), f);
  assert.equal(serializeFilter(f).toString(),
    'logger=a.b&logger=c&exclude=a.b.noisy&level=ERROR&hide=FATAL&q=x+%26+y%3Dz&regex=1&ctx=user%3Aann&marker=SQL&source=orders&source=billing');
});

test('pageSearch keeps foreign keys, replaces filter keys and drops the token', () => {
  const s = pageSearch('?token=secret&foo=1&logger=old&q=old', { ...emptyFilter(), loggers: ['new'] });
  assert.equal(s, '?foo=1&logger=new');
  assert.equal(pageSearch('?token=t', emptyFilter()), '');
});

test('takeToken splits the token out of the query', () => {
  assert.deepEqual(takeToken('?level=WARN&token=abc'), { token: 'abc', search: '?level=WARN' });
  assert.deepEqual(takeToken('?level=WARN'), { token: null, search: '?level=WARN' });
});

test('socketUrl is relative to the page and maps http to ws, https to wss', () => {
  const f = { ...emptyFilter(), loggers: ['a', 'b'], exclude: ['c'], level: 'WARN', q: 'not sent' };
  assert.equal(socketUrl('http://h:7171/logs/', f, { since: 42, token: 't k' }),
    'ws://h:7171/logs/ws?logger=a&logger=b&exclude=c&level=WARN&since=42&token=t+k');
  assert.equal(socketUrl('https://h/logs/index.html?x=1#y', emptyFilter()), 'wss://h/logs/ws');
  assert.equal(socketUrl('http://h/', emptyFilter(), { since: 0 }), 'ws://h/ws?since=0');
  assert.equal(socketUrl('http://h/', emptyFilter(), { since: 5, hub: 'abc' }), 'ws://h/ws?since=5&hub=abc');
  assert.equal(socketUrl('http://h/', emptyFilter(), { hub: 'abc' }), 'ws://h/ws', 'hub only goes with since');
});

test('the socket asks the hub for the chosen sources only', () => {
  const url = new URL(socketUrl('http://127.0.0.1:7171/', { ...emptyFilter(), sources: ['orders', 'billing'] }));
  assert.deepEqual(url.searchParams.getAll('source'), ['orders', 'billing']);
});

test('ctx is written key:value as the hub takes it; key:value and key=value are both read', () => {
  assert.deepEqual(parseFilter('?ctx=requestId:abc123&ctx=user=ann&ctx=url:http://a:80/x?y=1&ctx=t=12:30').ctx,
    ['requestId=abc123', 'user=ann', 'url=http://a:80/x?y=1', 't=12:30']);
  assert.deepEqual(parseFilter('?ctx=:x&ctx=%3Dx&ctx=plain').ctx, []);
  assert.equal(serializeFilter({ ...emptyFilter(), ctx: ['requestId=abc123'] }).get('ctx'), 'requestId:abc123');
});

test('the socket asks the hub for the context values and markers', async () => {
  const { serverFilter } = await import('../../main/resources/dev/webconsole/web/js/filter.js');
  const hubPart = serverFilter({ ...emptyFilter(), ctx: ['requestId=abc123', 'user=ann'], markers: ['SQL'] });
  const url = new URL(socketUrl('http://127.0.0.1:7171/', hubPart));
  assert.deepEqual(url.searchParams.getAll('ctx'), ['requestId:abc123', 'user:ann']);
  assert.deepEqual(url.searchParams.getAll('marker'), ['SQL']);
});

test('filterProblems names each bad parameter and the fix; a good address has none', async () => {
  const { filterProblems } = await import('../../main/resources/dev/webconsole/web/js/urlstate.js');
  assert.deepEqual(filterProblems('?logger=a&level=WARN&hide=DEBUG&ctx=user=ann&regex=1'), []);
  const problems = filterProblems('?level=LOUD&hide=QU%20IET&ctx=user&regex=maybe');
  assert.equal(problems.length, 4);
  assert.match(problems[0], /^level=LOUD is not a level: use ALL, TRACE, DEBUG, INFO, WARN, ERROR or FATAL/);
  assert.match(problems[1], /^hide=QU IET is not a level name/);
  assert.match(problems[2], /^ctx=user .*ctx=key:value/);
  assert.match(problems[3], /^regex=maybe/);
});

test('hide takes custom level names as the log spells them; level takes ALL but no custom name', async () => {
  const { filterProblems } = await import('../../main/resources/dev/webconsole/web/js/urlstate.js');
  assert.deepEqual(filterProblems('?hide=CONFIG&hide=FINEST,debug&level=ALL'), []);
  const f = parseFilter('?hide=FINEST&hide=debug,CONFIG&level=all');
  assert.equal(f.level, 'ALL');
  assert.deepEqual(f.hidden, ['DEBUG', 'FINEST', 'CONFIG'], 'standard ones first, custom ones as given');
  assert.deepEqual(parseFilter(serializeFilter(f)), f);
  assert.equal(serializeFilter(f).toString(), 'level=ALL&hide=DEBUG&hide=FINEST&hide=CONFIG');
  assert.match(filterProblems('?level=CONFIG')[0], /^level=CONFIG is not a level: use ALL, TRACE/);
  assert.match(socketUrl('http://h/', f), /level=ALL/);
});

test('the chosen sources are kept in the address, and choosing none takes them out of it', () => {
  assert.deepEqual(parseFilter('?source=orders&source=billing&source=orders').sources, ['orders', 'billing']);
  assert.equal(pageSearch('?source=orders&foo=1', { ...emptyFilter(), sources: ['billing'] }), '?foo=1&source=billing');
  assert.equal(pageSearch('?source=orders', emptyFilter()), '');
});
