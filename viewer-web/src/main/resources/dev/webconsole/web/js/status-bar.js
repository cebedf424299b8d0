// The status bar: connection state and the Reconnect button, hub errors and counters, the rate,
// row counts, the time zone toggle and the row bound; and the short notices (toasts).

import { describeClose } from './connection.js';
import { formatCount, showControls } from './format.js';

export class StatusBar {
  constructor(doc = document) {
    const $ = (id) => doc.getElementById(id);
    this.status = $('status');
    this.reconnect = $('reconnect');
    this.serverError = $('server-error');
    this.hubStats = $('hub-stats');
    this.rate = $('rate');
    this.holding = $('holding');
    this.pausedNote = $('paused-note');
    this.shown = $('shown');
    this.trimmed = $('trimmed');
    this.unkept = $('unkept');
    this.utc = $('utc');
    this.maxRows = $('max-rows');
    this.toastEl = $('toast');
    this.serverErrorTimer = null;
    this.toastTimer = null;
  }

  bindReconnect(handler) {
    this.reconnect.addEventListener('click', handler);
    window.addEventListener('online', handler);
  }

  bindUtc(handler) {
    this.utc.addEventListener('click', handler);
  }

  /** handler(text) returns the bound it applied, which the input then shows. */
  bindMaxRows(handler) {
    this.maxRows.addEventListener('change', () => {
      this.maxRows.value = String(handler(this.maxRows.value));
    });
  }

  /** Shows the connection's status ({state, code, reason, retryAt, server}). */
  setConnection(s) {
    let text;
    if (s.state === 'connected') text = 'Connected';
    else if (s.state === 'connecting') text = 'Connecting\u2026';
    else if (s.state === 'reconnecting') {
      const why = s.code ? ` \u00b7 ${describeClose(s.code)}${s.reason ? ': ' + s.reason : ''}` : '';
      text = s.retryAt ? `Reconnecting in ${Math.max(1, Math.ceil((s.retryAt - Date.now()) / 1000))}s${why}` : `Reconnecting\u2026${why}`;
    } else {
      text = `Closed by server: ${describeClose(s.code)}${s.reason ? ' \u2014 ' + s.reason : ''}`;
    }
    const el = this.status;
    if (el.dataset.state !== s.state) el.dataset.state = s.state;
    setText(el, text);
    el.title = showControls(s.server ?? '');
    this.reconnect.hidden = s.state === 'connected' || s.state === 'connecting';
  }

  /** Shows an error frame from the hub for 15 s. */
  setServerError(text) {
    const el = this.serverError;
    el.textContent = showControls(`Hub: ${text}`);
    el.title = showControls(text);
    el.hidden = false;
    clearTimeout(this.serverErrorTimer);
    this.serverErrorTimer = setTimeout(() => (el.hidden = true), 15_000);
  }

  /** parts: labelled hub counters worth showing; stats: every counter, for the tooltip. */
  setHubStats(parts, stats) {
    const el = this.hubStats;
    el.textContent = parts.join(' \u00b7 ');
    el.title = showControls('Hub counters\n' + Object.entries(stats).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n'));
    el.hidden = parts.length === 0;
  }

  /** Whether the view is paused: said in words, not only by the log's outline. */
  setPaused(paused) {
    this.pausedNote.hidden = !paused;
  }

  /** Whether the view holds still because the user works in the rows. */
  setHeld(held) {
    this.holding.hidden = !held;
  }

  setRate(n) {
    setText(this.rate, `${formatCount(n)} ev/s`);
  }

  setRowCounts(inView, held) {
    setText(this.shown, inView === held ? `${formatCount(held)} rows` : `${formatCount(inView)} of ${formatCount(held)} rows`);
  }

  setTrimmed(n, maxRows) {
    const el = this.trimmed;
    if (el.dataset.count === String(n)) return;
    el.dataset.count = String(n);
    el.textContent = `${formatCount(n)} trimmed`;
    el.title = `The oldest rows beyond ${formatCount(maxRows)} were dropped`;
    el.hidden = n === 0;
  }

  /** Events not kept while the view is frozen; fetched again when it goes on. */
  setUnkept(n, paused) {
    const el = this.unkept;
    el.hidden = n === 0;
    if (n === 0 || el.dataset.count === String(n)) return;
    el.dataset.count = String(n);
    el.textContent = `${formatCount(n)} newer not kept`;
    el.title = `The row limit is reached and the rows on screen are kept; ${formatCount(n)} newer events were not kept. ${paused ? 'Resume' : 'When the view goes on, it'} fetches them again from the hub's history; a gap row says what it no longer has.`;
  }

  setUtc(utc) {
    const b = this.utc;
    b.textContent = utc ? 'UTC' : 'Local time';
    b.title = utc ? 'Times are shown in UTC; click for local time' : 'Times are shown in local time; click for UTC';
    b.setAttribute('aria-pressed', String(utc));
  }

  setMaxRows(n) {
    this.maxRows.value = String(n);
  }

  toast(text) {
    const t = this.toastEl;
    t.textContent = showControls(text);
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 2000);
  }
}

/** Sets a text that may carry log or hub text (a close reason, a server name): controls are shown, not obeyed. */
export function setText(el, raw) {
  const text = showControls(raw);
  if (el.textContent !== text) el.textContent = text;
}
