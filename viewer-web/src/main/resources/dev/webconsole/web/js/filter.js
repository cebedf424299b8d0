// Filter logic with no DOM: logger prefixes, level threshold, text search.
// The hub applies the logger and level parts too (protocol v1); the page applies all of them,
// because its store may hold rows that arrived under an earlier, wider filter.

/** Standard level names, least severe first (the hub's order). */
export const LEVELS = Object.freeze(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

/** Thresholds the hub accepts, least severe first: ALL also lets through levels finer than TRACE. */
export const THRESHOLDS = Object.freeze(['ALL', ...LEVELS]);

const RANK = new Map(LEVELS.map((name, i) => [name, i]));

/** Log4j's weights of the standard levels and of ALL: lower is more severe. */
const WEIGHT = new Map([['FATAL', 100], ['ERROR', 200], ['WARN', 300], ['INFO', 400], ['DEBUG', 500], ['TRACE', 600], ['ALL', Infinity]]);

/** How many custom level names the page keeps track of; a log with more shows the first ones. */
export const MAX_CUSTOM_LEVELS = 32;

/** Index of a standard level in LEVELS, or -1 for a custom or unknown level. */
export function levelRank(level) {
  const rank = RANK.get(level);
  return rank === undefined ? -1 : rank;
}

/** A level name as the hub accepts it, or null when it is not a standard level. */
export function normalizeLevel(level) {
  if (typeof level !== 'string') return null;
  const up = level.trim().toUpperCase();
  return RANK.has(up) ? up : null;
}

/** A threshold as the hub accepts it (a standard level or ALL), or null. */
export function normalizeThreshold(level) {
  if (typeof level === 'string' && level.trim().toUpperCase() === 'ALL') return 'ALL';
  return normalizeLevel(level);
}

/**
 * The Log4j weight of a level: a standard one's own, a custom one's `severity` as the hub sends it
 * (docs/PROTOCOL.md "events"), or null when a custom level came without one.
 */
export function levelWeight(level, severity) {
  if (RANK.has(level)) return WEIGHT.get(level);
  return Number.isFinite(severity) ? severity : null;
}

/** The weight a threshold lets through (this and more severe); an unknown threshold counts as TRACE. */
export function thresholdWeight(threshold) {
  return WEIGHT.get(threshold) ?? WEIGHT.get('TRACE');
}

/** Whether a level of this weight is below (finer than) the threshold. Unranked custom levels never are. */
export function belowThreshold(level, severity, threshold) {
  const weight = levelWeight(level, severity);
  return weight !== null && weight > thresholdWeight(threshold);
}

/** The most severe threshold that lets a level through (a custom level under TRACE needs ALL). */
export function thresholdFor(level, severity) {
  const weight = levelWeight(level, severity);
  if (weight === null) return 'ALL';
  return [...THRESHOLDS].reverse().find((t) => WEIGHT.get(t) >= weight);
}

/** A name `hide` may carry: a standard level (any case), or a custom level's name as the log spells it. */
export function hideableLevel(name) {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  return normalizeLevel(trimmed) ?? (/^[^\s,\p{C}]{1,64}$/u.test(trimmed) ? trimmed : null);
}

/** Hidden levels in a stable order: standard ones least severe first, then custom ones as given. */
export function orderHidden(hidden) {
  const custom = hidden.filter((l) => !RANK.has(l));
  return [...LEVELS.filter((l) => hidden.includes(l)), ...new Set(custom)];
}

/**
 * Notes the custom level of an event in `seen` (Map name -> weight or null), at most
 * MAX_CUSTOM_LEVELS names, so the level strip can give it a chip in severity order.
 */
export function noteLevel(seen, event) {
  const level = event.level;
  if (typeof level !== 'string' || RANK.has(level) || seen.has(level) || seen.size >= MAX_CUSTOM_LEVELS) return;
  seen.set(level, levelWeight(level, event.severity));
}

/**
 * The levels of the strip, least severe first: the six standard ones and the custom ones seen,
 * each placed by its weight (after a standard level of the same weight); unranked ones go last.
 */
export function stripLevels(seen) {
  const all = [...LEVELS.map((l) => [l, WEIGHT.get(l), 0]), ...[...seen].map(([l, w]) => [l, w ?? -Infinity, 1])];
  all.sort((a, b) => b[1] - a[1] || a[2] - b[2]);
  return all.map(([l]) => l);
}

/**
 * Prefix match on dots: `com.acme` matches `com.acme` and `com.acme.db.Pool`, not `com.acmex`.
 * The empty prefix matches every logger.
 */
export function loggerMatches(prefix, logger) {
  if (prefix === '') return true;
  if (typeof logger !== 'string' || !logger.startsWith(prefix)) return false;
  return logger.length === prefix.length || logger.charCodeAt(prefix.length) === 46 /* . */;
}

/** Whether a logger passes include prefixes (all when empty) and exclude prefixes (exclude wins). */
export function loggerAllowed(logger, include, exclude) {
  for (const p of exclude) if (loggerMatches(p, logger)) return false;
  if (include.length === 0) return true;
  for (const p of include) if (loggerMatches(p, logger)) return true;
  return false;
}

/**
 * Whether a level passes a threshold and the per-level toggles. A custom level is ranked by its
 * `severity` (as the hub ranks it); one that came without it passes the threshold.
 */
export function levelAllowed(level, threshold, hidden = [], severity = undefined) {
  if (belowThreshold(level, severity, threshold)) return false;
  return !hidden.includes(level);
}

/** Splits "a.b, c\nd" (commas, whitespace) into distinct non-empty prefixes, in order. */
export function parsePrefixes(text) {
  const out = [];
  for (const part of String(text ?? '').split(/[\s,]+/)) {
    const p = part.replace(/^\.+|\.+$/g, '');
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const MAX_RANGES = 200;

/**
 * Compiles the text search. Substring search and regex search are both case-insensitive.
 * Returns { active, error, test(text), ranges(text) }; an invalid regex gives an inactive
 * matcher (it hides nothing) and the browser's message in `error`.
 */
export function compileTextMatcher(query, regex = false) {
  const q = String(query ?? '');
  if (q === '') return inactiveMatcher(null);
  let re;
  try {
    re = regex ? new RegExp(q, 'i') : new RegExp(q.replace(REGEX_SYNTAX, '\\$&'), 'iu');
  } catch (e) {
    return inactiveMatcher(e instanceof Error ? e.message : String(e));
  }
  const global = new RegExp(re.source, re.flags + 'g');
  return {
    active: true,
    error: null,
    /** Whether a "key=value" pair can match (the query has an "="): only then are pairs built. */
    pairs: q.includes('='),
    test(text) {
      return typeof text === 'string' && re.test(text);
    },
    /** [start, end) pairs of non-empty matches, in order, at most MAX_RANGES. */
    ranges(text) {
      const out = [];
      if (typeof text !== 'string' || text === '') return out;
      global.lastIndex = 0;
      let m;
      while (out.length < MAX_RANGES && (m = global.exec(text)) !== null) {
        if (m[0].length === 0) {
          global.lastIndex++;
          if (global.lastIndex > text.length) break;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    },
  };
}

function inactiveMatcher(error) {
  return { active: false, error, test: () => true, ranges: () => [] };
}

/**
 * Builds the page-side predicate for one event from a filter (see urlstate.js for its shape) and a
 * compiled text matcher. See textMatches for what the text search covers.
 */
export function eventPredicate(filter, matcher = compileTextMatcher(filter.q, filter.regex)) {
  const { loggers, exclude, level, hidden, ctx, markers, sources } = filter;
  const ctxPairs = (ctx ?? []).map(splitPair);
  return (event) => {
    if (!levelAllowed(event.level, level, hidden, event.severity)) return false;
    if (!loggerAllowed(event.logger, loggers, exclude)) return false;
    if (markers && markers.length && !markers.includes(event.marker)) return false;
    if (sources && sources.length && !sources.includes(event.source)) return false;
    for (const [k, v] of ctxPairs) {
      if (!event.context || event.context[k] !== v) return false;
    }
    return !matcher.active || textMatches(event, matcher);
  };
}

/**
 * Whether the text search finds something in an event: its message, logger and thread, the
 * exception's type, message and whole stack (causes and suppressed included), each context (MDC)
 * key, value and "key=value" pair, the marker and the source.
 */
export function textMatches(event, matcher) {
  if (matcher.test(event.message) || matcher.test(event.logger) || matcher.test(event.thread)) return true;
  if (matcher.test(event.marker) || matcher.test(event.source)) return true;
  if (thrownMatches(event.thrown, matcher)) return true;
  const ctx = event.context;
  if (ctx && typeof ctx === 'object') {
    for (const k in ctx) {
      const v = String(ctx[k]);
      if (matcher.test(k) || matcher.test(v) || (matcher.pairs && matcher.test(k + '=' + v))) return true;
    }
  }
  return false;
}

/** Whether the text search finds something in an exception (type, message or stack). */
export function thrownMatches(thrown, matcher) {
  return Boolean(thrown) && (matcher.test(thrown.type) || matcher.test(thrown.message) || matcher.test(thrown.stack));
}

/** "user=ann" -> ["user", "ann"]; splits at the first "=". */
export function splitPair(text) {
  const i = text.indexOf('=');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** The part of a filter the hub applies (protocol v1 `filter` object; `ctx` as "key:value"). */
export function serverFilter(filter) {
  return {
    loggers: [...filter.loggers], exclude: [...filter.exclude], level: filter.level, sources: [...(filter.sources ?? [])],
    ctx: (filter.ctx ?? []).map((pair) => splitPair(pair).join(':')), markers: [...(filter.markers ?? [])],
  };
}

/** Whether two server filters select the same events. */
export function sameServerFilter(a, b) {
  return a.level === b.level && sameSet(a.loggers, b.loggers) && sameSet(a.exclude, b.exclude)
    && sameSet(a.sources ?? [], b.sources ?? []) && sameSet(a.ctx ?? [], b.ctx ?? []) && sameSet(a.markers ?? [], b.markers ?? []);
}

/**
 * Whether the hub may send events under `next` that it would not have sent under `prev`; then the
 * page asks for a history replay. Conservative: when unsure, it answers true (a replay costs only
 * duplicates, which the store drops).
 */
export function widens(prev, next) {
  if (thresholdWeight(next.level) > thresholdWeight(prev.level)) return true;
  const before = prev.sources ?? [];
  const after = next.sources ?? [];
  if (before.length > 0 && (after.length === 0 || after.some((s) => !before.includes(s)))) return true;
  // Every context value must match (dropping one widens); any marker may (adding one widens).
  if ((prev.ctx ?? []).some((c) => !(next.ctx ?? []).includes(c))) return true;
  const markers = prev.markers ?? [];
  if (markers.length > 0 && ((next.markers ?? []).length === 0 || next.markers.some((m) => !markers.includes(m)))) return true;
  if (prev.loggers.length > 0) {
    if (next.loggers.length === 0) return true;
    for (const p of next.loggers) {
      if (!prev.loggers.some((q) => loggerMatches(q, p))) return true;
    }
  }
  for (const e of prev.exclude) {
    if (!next.exclude.some((q) => loggerMatches(q, e))) return true;
  }
  return false;
}

function sameSet(a, b) {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
