// The filter <-> URL query, with no DOM. A tab's filter lives in its address, so a tab is a bookmark:
//   ?logger=a.b&logger=c&exclude=a.b.noisy&level=WARN&hide=DEBUG&q=timeout&regex=1&ctx=user:ann&marker=SQL&source=orders
// `ctx` is written key:value, as the hub takes it; key=value (older addresses) is read too.
// The token is never part of a URL the page shows or shares; it only goes into the socket URL.

import { THRESHOLDS, hideableLevel, normalizeThreshold, orderHidden, parsePrefixes, splitPair } from './filter.js';

/** Query keys owned by the filter (and the token), replaced when the page rewrites its URL. */
export const FILTER_KEYS = Object.freeze(['logger', 'exclude', 'level', 'hide', 'q', 'regex', 'ctx', 'marker', 'source']);

/** The filter that shows everything. */
export function emptyFilter() {
  return { loggers: [], exclude: [], level: 'TRACE', hidden: [], q: '', regex: false, ctx: [], markers: [], sources: [] };
}

/** Reads a filter from a query string ("?a=b", "a=b") or URLSearchParams. Bad values fall back to defaults. */
export function parseFilter(query) {
  const p = toParams(query);
  const f = emptyFilter();
  f.loggers = parsePrefixes(p.getAll('logger').join(','));
  f.exclude = parsePrefixes(p.getAll('exclude').join(','));
  f.level = normalizeThreshold(p.get('level') ?? '') ?? 'TRACE';
  f.hidden = orderHidden(p.getAll('hide').flatMap((v) => v.split(',')).map(hideableLevel).filter(Boolean));
  f.q = p.get('q') ?? '';
  f.regex = isTrue(p.get('regex'));
  f.ctx = unique(p.getAll('ctx').map(ctxPair).filter(Boolean));
  f.markers = unique(p.getAll('marker').filter(Boolean));
  f.sources = unique(p.getAll('source').filter(Boolean));
  return f;
}

/**
 * What parseFilter could not use, one sentence each naming the parameter and the fix, such as
 * 'level=LOUD is not a level: use ALL, TRACE, DEBUG, INFO, WARN, ERROR or FATAL. Showing every level.'
 * `hide` also takes custom level names (JUL's CONFIG, say); `level` only what the hub accepts.
 */
export function filterProblems(query) {
  const p = toParams(query);
  const out = [];
  const levels = `use ${THRESHOLDS.slice(0, -1).join(', ')} or ${THRESHOLDS[THRESHOLDS.length - 1]}`;
  const level = p.get('level');
  if (level !== null && normalizeThreshold(level) === null) out.push(`level=${level} is not a level: ${levels}. Showing every level.`);
  for (const v of p.getAll('hide').flatMap((h) => h.split(','))) {
    if (hideableLevel(v) === null) out.push(`hide=${v} is not a level name: write a level such as DEBUG or CONFIG. Ignored.`);
  }
  for (const v of p.getAll('ctx')) {
    if (ctxPair(v) === null) out.push(`ctx=${v} is not a context filter: write ctx=key:value. Ignored.`);
  }
  const regex = p.get('regex');
  if (regex !== null && !isTrue(regex) && !['0', 'false', 'off', 'no', ''].includes(regex)) {
    out.push(`regex=${regex} is not a yes or no: write regex=1. Searching for plain text.`);
  }
  return out;
}

/** Writes a filter as query parameters, leaving out defaults, in a stable order. */
export function serializeFilter(filter) {
  const p = new URLSearchParams();
  for (const l of filter.loggers) p.append('logger', l);
  for (const e of filter.exclude) p.append('exclude', e);
  if (filter.level && filter.level !== 'TRACE') p.append('level', filter.level);
  for (const h of filter.hidden) p.append('hide', h);
  if (filter.q) p.append('q', filter.q);
  if (filter.regex) p.append('regex', '1');
  for (const c of filter.ctx) p.append('ctx', ctxParam(c));
  for (const m of filter.markers) p.append('marker', m);
  for (const s of filter.sources ?? []) p.append('source', s);
  return p;
}

/**
 * The page's new query string ("?..." or "") for a filter: the filter's keys are replaced, other keys
 * are kept, and `token` is always dropped.
 */
export function pageSearch(currentSearch, filter) {
  const p = toParams(currentSearch);
  for (const k of FILTER_KEYS) p.delete(k);
  p.delete('token');
  for (const [k, v] of serializeFilter(filter)) p.append(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

/**
 * Splits a token out of the page's query string: { token, search } where `search` is the query string
 * without it ("?..." or "").
 */
export function takeToken(currentSearch) {
  const p = toParams(currentSearch);
  const token = p.get('token');
  p.delete('token');
  const s = p.toString();
  return { token: token || null, search: s ? '?' + s : '' };
}

/**
 * The WebSocket URL, relative to the page (the hub may serve it under a sub-path): `ws` next to the
 * page, http->ws and https->wss, with the hub's part of the filter (filter.js serverFilter), `since` (with the id of the hub
 * it belongs to, so a restarted hub replays everything) and the token as query.
 */
export function socketUrl(baseURI, filter, { since = null, hub = null, token = null } = {}) {
  const url = new URL('ws', baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const p = new URLSearchParams();
  for (const l of filter.loggers) p.append('logger', l);
  for (const e of filter.exclude) p.append('exclude', e);
  if (filter.level && filter.level !== 'TRACE') p.append('level', filter.level);
  for (const s of filter.sources ?? []) p.append('source', s);
  for (const c of filter.ctx ?? []) p.append('ctx', c); // already key:value (filter.js serverFilter)
  for (const m of filter.markers ?? []) p.append('marker', m);
  if (since !== null && since !== undefined) {
    p.append('since', String(since));
    if (hub) p.append('hub', hub);
  }
  if (token) p.append('token', token);
  url.search = p.toString();
  return url.href;
}

/** Whether a host name (URL.hostname) is this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackHost(hostname) {
  const h = String(hostname ?? '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '[::1]' || h === '::1';
}

/**
 * A `ctx` parameter as the filter's "key=value" pair, or null: split at the first ":" or "=",
 * whichever comes first, with a key before it ("requestId:abc123", also "user=ann").
 */
export function ctxPair(param) {
  const text = String(param);
  const seps = [text.indexOf(':'), text.indexOf('=')].filter((i) => i >= 0);
  const at = seps.length ? Math.min(...seps) : -1;
  return at > 0 ? `${text.slice(0, at)}=${text.slice(at + 1)}` : null;
}

/** A filter's "key=value" pair as the `ctx` parameter the hub takes: "key:value". */
export function ctxParam(pair) {
  const [k, v] = splitPair(pair);
  return `${k}:${v}`;
}

function toParams(query) {
  if (query instanceof URLSearchParams) return new URLSearchParams(query);
  return new URLSearchParams(String(query ?? ''));
}

function isTrue(v) {
  return v === '1' || v === 'true' || v === 'on' || v === 'yes';
}

function unique(list) {
  return [...new Set(list)];
}
