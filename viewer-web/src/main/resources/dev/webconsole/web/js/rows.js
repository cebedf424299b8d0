// Builds row elements. Log text reaches the DOM only as text nodes; highlighting builds <mark>
// elements around text nodes, it never parses HTML.

import { thrownMatches } from './filter.js';
import {
  formatTime, formatDateTime, zoneLabel, shortenLogger, firstLine, lineCount, thrownText, contextPairs, gapText,
  showControls, levelClass,
} from './format.js';
import { appendBreakable } from './breaks.js';

/** Longest text put into a collapsed row's message cell (the rest shows when expanded). */
const COLLAPSED_MAX_CHARS = 2000;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = showControls(String(text));
  return e;
}

/** Tooltips show log text too: the same rendering as the row, so a bidi override is shown, not obeyed. */
export function setTitle(element, text) {
  element.title = showControls(text);
}

/**
 * Appends `text` to `parent` with controls made visible, wrapping the matcher's ranges in <mark>;
 * `appendText(element, text)` puts each piece of text in (appendBreakable: with wrap points).
 */
export function appendHighlighted(parent, raw, matcher, appendText = (e, t) => e.append(t)) {
  const text = showControls(raw);
  const ranges = matcher && matcher.active ? matcher.ranges(text) : [];
  if (!ranges.length) {
    appendText(parent, text);
    return;
  }
  let at = 0;
  for (const [from, to] of ranges) {
    if (from > at) appendText(parent, text.slice(at, from));
    const mark = el('mark');
    appendText(mark, text.slice(from, to));
    parent.append(mark);
    at = to;
  }
  if (at < text.length) appendText(parent, text.slice(at));
}

/** Whether an event has more to show than its collapsed line. */
export function isExpandable(event) {
  return Boolean(
    event.thrown ||
      (typeof event.message === 'string' && (lineCount(event.message) > 1 || event.message.length > COLLAPSED_MAX_CHARS)),
  );
}

/** A grid cell of a row (the log is a grid: rows of cells). */
function cell(tag, className, text) {
  const c = el(tag, className, text);
  c.setAttribute('role', 'gridcell');
  return c;
}

/** A gap or note row: one cell with the text. */
function textRow(className, text) {
  const row = el('div', className);
  row.append(cell('span', 'row-text', text));
  row.setAttribute('role', 'row');
  return row;
}

/**
 * One row element for a store entry.
 * @param entry  store entry (event, gap or note)
 * @param o      { matcher, utc, expanded, marked: the entry shown in context, or null,
 *                 current: the keyboard's current entry, or null, loggerChars: room of the logger column,
 *                 colors: the SourceColors of the page }
 */
export function buildRow(entry, o) {
  if (entry.kind === 'gap') {
    const row = textRow('gap', gapText(entry.gap));
    row.dataset.from = String(entry.gap.from);
    row.dataset.to = String(entry.gap.to);
    row.dataset.reason = String(entry.gap.reason ?? '');
    setTitle(row, `seq ${entry.gap.from}\u2013${entry.gap.to} (${entry.gap.reason ?? 'unknown'})`);
    return row;
  }
  if (entry.kind === 'note') return textRow('note', entry.text);
  return buildEventRow(entry, o);
}

function buildEventRow(entry, { matcher, utc, expanded, marked, current, loggerChars, colors }) {
  const ev = entry.event;
  const level = String(ev.level ?? '');
  const row = el('div', 'row ' + levelClass(level));
  row.dataset.seq = String(ev.seq);
  if (ev.source) row.dataset.source = String(ev.source); // a boost picked from this row is for its source
  row.dataset.level = level;
  row.dataset.id = String(entry.id);
  row.id = 'row-' + entry.id;
  row.setAttribute('role', 'row');
  const expandable = isExpandable(ev);
  if (expandable) row.classList.add('expandable');
  if (expanded) row.classList.add('expanded');
  if (marked === entry) row.classList.add('marked');
  if (current === entry) row.classList.add('current');

  const time = cell('span', 'time', formatTime(ev.time, utc));
  time.title = `${formatDateTime(ev.time, utc)} ${zoneLabel(ev.time, utc)} \u00b7 seq ${ev.seq}`;
  row.append(time);

  row.append(cell('span', 'level', level));

  // The source column: shown (by CSS) only while the hub has sources; its colour is the legend's.
  const src = cell('span', ev.source ? 'src ' + colors.className(ev.source) : 'src', String(ev.source ?? ''));
  if (ev.source) src.title = showControls(`source: ${ev.source}`);
  row.append(src);

  const logger = cell('span', 'logger');
  setTitle(logger, `${ev.logger ?? ''}\nClick: show only this logger \u00b7 Alt+click: exclude it`);
  logger.dataset.name = String(ev.logger ?? ''); // not data-logger: that names tree nodes
  appendHighlighted(logger, shortenLogger(ev.logger, loggerChars), matcher);
  row.append(logger);

  const thread = cell('span', 'thread');
  setTitle(thread, String(ev.thread ?? ''));
  appendHighlighted(thread, String(ev.thread ?? ''), matcher);
  row.append(thread);

  const message = String(ev.message ?? '');
  const msg = el('span', 'msg');
  if (expanded) {
    appendHighlighted(msg, message, matcher);
  } else {
    let line = firstLine(message);
    if (line.length > COLLAPSED_MAX_CHARS) line = line.slice(0, COLLAPSED_MAX_CHARS) + '\u2026';
    appendHighlighted(msg, line, matcher);
  }
  // The message and its tags share one cell: the tags sit beside the text, not in a column of their own.
  const msgCell = cell('span', 'msg-cell');
  if (expandable) msgCell.append(expandButton(expanded));
  msgCell.append(msg, buildTags(ev, message, expanded, matcher, colors));
  row.append(msgCell);

  const actions = cell('span', 'row-actions');
  actions.append(...rowButtons());
  row.append(actions);

  if (expanded && ev.thrown) {
    const detail = cell('div', 'detail');
    const stack = el('pre', 'stack');
    appendHighlighted(stack, thrownText(ev.thrown).replace(/\s+$/, ''), matcher, appendBreakable);
    detail.append(stack);
    row.append(detail);
  }
  return row;
}

/**
 * The badges and chips beside a message. A collapsed row folds its context values into one chip
 * with their count (clicking it expands the row); an expanded row shows each value as a chip.
 */
function buildTags(ev, message, expanded, matcher, colors) {
  const tags = el('span', 'tags');
  const lines = lineCount(message);
  if (!expanded && lines > 1) tags.append(el('span', 'badge more', `+${lines - 1} line${lines > 2 ? 's' : ''}`));
  if (ev.thrown) {
    const type = String(ev.thrown.type ?? 'Throwable');
    const exc = el('span', 'badge exc', type.slice(type.lastIndexOf('.') + 1));
    let title = ev.thrown.message ? `${type}: ${ev.thrown.message}` : type;
    // The search found something in the exception: say so on the collapsed row, which shows no stack.
    if (matcher && matcher.active && thrownMatches(ev.thrown, matcher)) {
      exc.classList.add('hit');
      title += '\nThe search matches this exception: expand the row to see where';
    }
    setTitle(exc, title);
    tags.append(exc);
  }
  if (ev.truncated) {
    const t = el('span', 'badge truncated', 'truncated');
    t.title = 'The hub cut this event to its size limit';
    tags.append(t);
  }
  const pairs = contextPairs(ev.context);
  if (!expanded && pairs.length) tags.append(foldedContext(pairs, matcher));
  if (ev.marker) tags.append(chip('marker', ev.marker, `marker ${ev.marker} \u00b7 click to filter`, matcher));
  if (expanded) for (const pair of pairs) tags.append(chip('ctx', pair, `${pair} \u00b7 click to filter`, matcher));
  if (ev.source) {
    const c = chip('source', ev.source, `source: ${ev.source}`, matcher);
    c.classList.add(colors.className(ev.source)); // in the legend's colour
    tags.append(c);
  }
  return tags;
}

/** One chip for all of a row's context values: "MDC 2", the values in its tooltip. */
function foldedContext(pairs, matcher) {
  const c = el('span', 'chip chip-mdc', 'MDC ');
  c.append(el('span', 'mdc-count', String(pairs.length)));
  setTitle(c, `${pairs.join('\n')}\nClick to show ${pairs.length === 1 ? 'it' : 'them'} as chips (a chip filters on its value)`);
  if (matcher && matcher.active && pairs.some((p) => matcher.ranges(showControls(p)).length)) c.classList.add('hit');
  return c;
}

/** ▸ / ▾ before an expandable row's message: expands it in place (a click elsewhere on the row opens its details). */
function expandButton(expanded) {
  const b = el('button', 'expand', expanded ? '\u25be' : '\u25b8');
  b.type = 'button';
  b.tabIndex = -1; // the keys are → and ← on the current row: a row rebuilt on expanding would lose the focus
  b.setAttribute('aria-expanded', String(Boolean(expanded)));
  b.setAttribute('aria-label', expanded ? 'Collapse row' : 'Expand row');
  b.title = expanded ? 'Collapse (\u2190)' : 'Expand in place: the whole message and stack (\u2192)';
  return b;
}

function rowButtons() {
  const context = el('button', 'context', '\u2195');
  context.type = 'button';
  context.title = 'Show in context: every logger and level around this row (Back returns)';
  context.setAttribute('aria-label', 'Show in context');
  const copy = el('button', 'copy');
  copy.append(copyIcon());
  copy.type = 'button';
  copy.title = 'Copy row';
  copy.setAttribute('aria-label', 'Copy row');
  return [context, copy];
}

const SVG = 'http://www.w3.org/2000/svg';

function copyIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  for (const [x, y] of [[5, 5], [2, 2]]) {
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', String(x));
    r.setAttribute('y', String(y));
    r.setAttribute('width', '9');
    r.setAttribute('height', '9');
    r.setAttribute('rx', '1.5');
    svg.append(r);
  }
  return svg;
}

function chip(kind, value, title, matcher) {
  const c = el('span', 'chip chip-' + kind);
  appendHighlighted(c, String(value), matcher);
  c.dataset[kind] = value;
  setTitle(c, title);
  return c;
}
