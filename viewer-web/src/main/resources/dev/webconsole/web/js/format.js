// Text formatting with no DOM: times, logger names, counts, gap notes and export lines.

const pad2 = (n) => String(n).padStart(2, '0');
const pad3 = (n) => String(n).padStart(3, '0');

function parts(ms, utc) {
  const d = new Date(ms);
  return utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
}

/** "HH:MM:SS.mmm" in local time or UTC. */
export function formatTime(ms, utc = false) {
  if (!Number.isFinite(ms)) return '--:--:--.---';
  const [, , , h, m, s, milli] = parts(ms, utc);
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(milli)}`;
}

/** "YYYY-MM-DD HH:MM:SS.mmm" in local time or UTC. */
export function formatDateTime(ms, utc = false) {
  if (!Number.isFinite(ms)) return '';
  const [y, mo, d, h, m, s, milli] = parts(ms, utc);
  return `${y}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(milli)}`;
}

/** "UTC", or the local offset at that instant such as "+01:00". */
export function zoneLabel(ms, utc = false) {
  if (utc) return 'UTC';
  const off = -new Date(ms).getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/** ISO 8601 with milliseconds and zone: "2025-11-21T08:00:00.123Z" or "...+01:00". */
export function formatIso(ms, utc = false) {
  if (!Number.isFinite(ms)) return '';
  const zone = utc ? 'Z' : zoneLabel(ms, false);
  return formatDateTime(ms, utc).replace(' ', 'T') + zone;
}

/**
 * A logger name that fits in `max` characters and keeps its class name: the whole name when it
 * fits, else every package cut to its first letter, as Log4j's `%c{1.}` does
 * ("com.acme.shop.db.OrderRepository" -> "c.a.s.d.OrderRepository"), else the class name alone.
 * Without `max` the packages are always cut.
 */
export function shortenLogger(name, max = 0) {
  if (typeof name !== 'string') return '';
  if (max > 0 && name.length <= max) return name;
  const segs = name.split('.');
  if (segs.length < 2) return name;
  const last = segs.pop();
  const short = segs.map((s) => s.slice(0, 1)).join('.') + '.' + last;
  return max > 0 && short.length > max ? last : short;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** 1234 -> "1,234" (fixed locale, so text is stable for tests and screenshots). */
export function formatCount(n) {
  return COUNT_FORMAT.format(Number(n));
}

/** 999 -> "999", 1234 -> "1.2k", 12345 -> "12k", 1234567 -> "1.2M". */
export function compactCount(n) {
  if (n < 1000) return String(n);
  if (n < 10_000) return (Math.floor(n / 100) / 10).toFixed(1).replace(/\.0$/, '') + 'k';
  if (n < 1_000_000) return Math.floor(n / 1000) + 'k';
  if (n < 10_000_000) return (Math.floor(n / 100_000) / 10).toFixed(1).replace(/\.0$/, '') + 'M';
  return Math.floor(n / 1_000_000) + 'M';
}

const GAP_REASONS = {
  'slow-consumer': 'slow connection',
  'ingest-overflow': 'the hub was overloaded',
  'history-overflow': 'no longer in the hub\u2019s history',
};

/** Number of events a gap covers (inclusive bounds). */
export function gapSize(gap) {
  return Math.max(0, gap.to - gap.from + 1);
}

/** "⚠ 80 events not delivered: slow connection". */
export function gapText(gap) {
  const n = gapSize(gap);
  const why = GAP_REASONS[gap.reason] ?? gap.reason ?? 'unknown reason';
  return `\u26a0 ${formatCount(n)} event${n === 1 ? '' : 's'} not delivered: ${why}`;
}

/** The first line of a message (without its line break). */
export function firstLine(text) {
  if (typeof text !== 'string') return '';
  const i = text.search(/\r?\n|\r/);
  return i < 0 ? text : text.slice(0, i);
}

/** Number of lines in a text ("" has one). */
export function lineCount(text) {
  if (typeof text !== 'string' || text === '') return 1;
  return text.split(/\r?\n|\r/).length;
}

/** The stack text of a thrown object, or "Type: message" when the hub sent no stack. */
export function thrownText(thrown) {
  if (!thrown) return '';
  if (thrown.stack) return thrown.stack;
  return thrown.message ? `${thrown.type}: ${thrown.message}` : String(thrown.type ?? '');
}

/** Context map as "k=v" strings, in the hub's order. */
export function contextPairs(context) {
  if (!context || typeof context !== 'object') return [];
  return Object.entries(context).map(([k, v]) => `${k}=${v}`);
}

/**
 * One event as plain log text, Log4j PatternLayout style:
 *   2025-11-21T08:00:00.123Z WARN  <orders> [main] com.acme.db.Pool [SQL] {user=ann} - pool exhausted
 * followed by the stack trace lines when there is one.
 */
export function logLine(event, utc = false) {
  let line = `${formatIso(event.time, utc)} ${String(event.level ?? '').padEnd(5)} `;
  if (event.source) line += `<${event.source}> `;
  line += `[${event.thread ?? ''}] ${event.logger ?? ''}`;
  if (event.marker) line += ` [${event.marker}]`;
  const ctx = contextPairs(event.context);
  if (ctx.length) line += ` {${ctx.join(', ')}}`;
  line += ` - ${event.message ?? ''}`;
  if (event.thrown) line += '\n' + thrownText(event.thrown).replace(/\s+$/, '');
  return line;
}

/** A gap as a comment line in a .log export. */
export function gapLogLine(gap) {
  return `# ${gapText(gap)} (seq ${gap.from}-${gap.to})`;
}

/** One event as a JSON line, exactly the fields the hub sent. */
export function jsonLine(event) {
  return JSON.stringify(event);
}

/**
 * Export text for store entries (see store.js): kind "log" (gaps and notes as "#" lines) or
 * "jsonl" (events only, one JSON object per line). Ends with a newline when not empty.
 */
export function exportText(entries, kind, utc = false) {
  const lines = [];
  for (const e of entries) {
    if (e.kind === 'event') lines.push(kind === 'jsonl' ? jsonLine(e.event) : logLine(e.event, utc));
    else if (kind !== 'jsonl') lines.push(e.kind === 'gap' ? gapLogLine(e.gap) : `# ${e.text}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** "webconsole-20251121-080000.log" for a download made at `ms`. */
export function exportFileName(ms, ext) {
  const [y, mo, d, h, m, s] = parts(ms, false);
  return `webconsole-${y}${pad2(mo)}${pad2(d)}-${pad2(h)}${pad2(m)}${pad2(s)}.${ext}`;
}

const KNOWN_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * The class for a row of this level: `lvl-warn` for the six standard levels, `lvl-custom` for any
 * other name, so a level named `INFO offscreen gap` never turns into class names.
 */
export function levelClass(level) {
  const name = String(level ?? '').toLowerCase();
  return KNOWN_LEVELS.has(name) ? 'lvl-' + name : 'lvl-custom';
}

/**
 * Bidi overrides and isolates (which can make `exe.pdf` read as `fdp.exe`) and C0 controls other
 * than tab and newline, shown as visible code points such as `⟨U+202E⟩` instead of being obeyed.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function showControls(text) {
  return String(text ?? '').replace(CONTROLS, (c) => `\u27e8U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9`);
}

/**
 * The text over an empty log: `held` events in the store, `inView` of them pass the filter,
 * `others` events the hub numbered that this tab did not receive (its hub-side filter left them out).
 */
export function emptyText(held, inView, others, filter) {
  if (held === 0) {
    const byLogger = filter.loggers.length > 0 || filter.exclude.length > 0;
    const byLevel = Boolean(filter.level) && filter.level !== 'TRACE' && filter.level !== 'ALL';
    if (others <= 0 || !(byLogger || byLevel)) return 'Waiting for events\u2026';
    const where = byLogger && byLevel ? 'from other loggers or levels' : byLevel ? 'at lower levels' : 'from other loggers';
    return `No events match this filter yet; ${formatCount(others)} ${where}`;
  }
  if (inView === 0) return `No rows match the filter; ${formatCount(held)} held rows are hidden by it`;
  return '';
}
