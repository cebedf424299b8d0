// The detail panel: a row's whole story. Every field of the event, its whole message, the context
// values and the marker as buttons that open a new tab filtered to that value (the hub filters it,
// history included), and the whole stack with its cause chain, the JDK's and frameworks' frames
// folded. Copy as text or as JSON. Esc or × closes it and gives the focus back to the row.
// It hangs under the toolbar, whose buttons stay in reach; in a narrow window it takes the lower
// part of the window. Log text reaches the DOM only as text nodes.

import { causeChain, foldStack } from './frames.js';
import { formatDateTime, logLine, showControls, zoneLabel } from './format.js';
import { emptyFilter, pageSearch } from './urlstate.js';
import { appendBreakable } from './breaks.js';
import { THREAD_DUMP } from './error-groups.js';

/** Fields shown in this order (and in their own sections); any other field is listed after them. */
const KNOWN = ['seq', 'time', 'level', 'logger', 'thread', 'source', 'sourceSeq', 'marker', 'truncated',
  'message', 'context', 'thrown'];

export class DetailPanel {
  /**
   * @param o.copyText (text) => Promise<boolean>, the clipboard
   * @param o.openTab  (url) => void, opens a new browser tab (window.open by default)
   * @param o.overlays  the page's Overlays, so that Esc closes the panel when it is on top
   */
  constructor({ copyText, openTab, overlays = null, doc = document } = {}) {
    this.doc = doc;
    this.overlays = overlays;
    this.copyText = copyText;
    this.openTab = openTab ?? ((url) => doc.defaultView.open(url, '_blank'));
    this.event = null;
    this.onClose = null;
    this.build();
    this.closer = () => this.close();
    doc.defaultView.addEventListener('resize', () => this.place());
  }

  build() {
    const el = (tag, className, text) => this.el(tag, className, text);
    this.root = el('aside', 'detail-panel');
    this.root.id = 'detail';
    this.root.hidden = true;
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-labelledby', 'detail-title');
    const head = el('div', 'detail-head');
    this.title = el('h2', 'detail-title');
    this.title.id = 'detail-title';
    this.title.tabIndex = -1;
    const copyText = this.button('detail-copy-text', 'Copy text', 'Copy the event as a log line with its stack');
    const copyJson = this.button('detail-copy-json', 'Copy JSON', 'Copy the event as JSON, as the hub sent it');
    const close = this.button('detail-close', '\u00d7', 'Close (Esc)');
    close.setAttribute('aria-label', 'Close details');
    copyText.addEventListener('click', () => this.copy('text'));
    copyJson.addEventListener('click', () => this.copy('json'));
    close.addEventListener('click', () => this.close());
    head.append(this.title, copyText, copyJson, close);
    this.copied = el('p', 'detail-copied');
    this.copied.setAttribute('role', 'status');
    this.body = el('div', 'detail-body');
    this.root.append(head, this.copied, this.body);
    this.doc.body.append(this.root);
  }

  get isOpen() {
    return !this.root.hidden;
  }

  /** Shows `event`; `onClose` runs when the panel closes (the row takes the focus back). */
  open(event, { utc = false, onClose = null } = {}) {
    this.event = event;
    this.utc = utc;
    this.onClose = onClose;
    this.title.textContent = showControls(`${event.level ?? ''} \u00b7 ${event.logger ?? ''}`);
    this.copied.textContent = '';
    this.body.replaceChildren(this.fields(event), ...this.sections(event));
    this.root.hidden = false;
    this.place();
    this.overlays?.register(this.closer);
    this.title.focus();
  }

  /** The panel starts under the toolbar, however many lines the toolbar takes. */
  place() {
    const bar = this.doc.querySelector('.toolbar');
    if (this.isOpen && bar) this.root.style.setProperty('--detail-top', `${Math.round(bar.getBoundingClientRect().bottom)}px`);
  }

  /**
   * How many px at the bottom of `rect` (a DOMRect, the log's) the open panel covers across its
   * whole width, as it does in a narrow window; 0 when it leaves part of each row in sight.
   */
  coverBelow(rect) {
    if (!this.isOpen) return 0;
    const p = this.root.getBoundingClientRect();
    if (p.left > rect.left + 1 || p.right < rect.right - 1) return 0;
    return Math.max(0, Math.min(rect.bottom, p.bottom) - Math.max(rect.top, p.top));
  }

  close() {
    if (!this.isOpen) return;
    this.root.hidden = true;
    this.overlays?.release(this.closer);
    this.event = null;
    const done = this.onClose;
    this.onClose = null;
    done?.();
  }

  fields(ev) {
    const dl = this.el('dl', 'detail-fields');
    const add = (name, value) => {
      if (value === undefined || value === null || value === '') return;
      dl.append(this.el('dt', '', name));
      const dd = this.el('dd', 'detail-' + name);
      if (value instanceof this.doc.defaultView.Node) dd.append(value);
      else appendBreakable(dd, showControls(String(value)));
      dl.append(dd);
    };
    add('seq', ev.seq);
    if (Number.isFinite(ev.time)) add('time', `${formatDateTime(ev.time, this.utc)} ${zoneLabel(ev.time, this.utc)}`);
    add('level', ev.level);
    add('logger', ev.logger);
    add('thread', ev.thread);
    add('source', ev.source);
    add('sourceSeq', ev.sourceSeq);
    if (ev.marker) add('marker', this.filterButton('marker', ev.marker, ev.marker));
    if (ev.truncated) add('truncated', 'yes: the hub cut this event to its size limit');
    for (const [k, v] of Object.entries(ev)) {
      if (!KNOWN.includes(k)) add(k, typeof v === 'object' ? JSON.stringify(v) : v);
    }
    return dl;
  }

  sections(ev) {
    const out = [this.heading('Message'), this.el('pre', 'detail-message', String(ev.message ?? ''))];
    const context = ev.context && typeof ev.context === 'object' ? Object.entries(ev.context) : [];
    if (context.length) {
      const list = this.el('dl', 'detail-context');
      for (const [k, v] of context) {
        list.append(this.el('dt', '', k));
        const dd = this.el('dd');
        dd.append(this.filterButton('ctx', `${k}=${v}`, String(v)));
        list.append(dd);
      }
      out.push(this.heading(`Context (${context.length})`), list);
    }
    if (ev.thrown && ev.thrown.type === THREAD_DUMP) out.push(this.heading('Thread dump'), this.listing(ev.thrown.stack));
    else if (ev.thrown) out.push(this.heading('Exception'), ...this.thrown(ev.thrown));
    return out;
  }

  /** A thread dump's listing as it came, one line each: threads and their frames, no cause chain. */
  listing(text) {
    const lines = this.el('div', 'detail-stack detail-dump');
    for (const line of String(text ?? '').split('\n')) lines.append(this.breakable('div', 'stack-line', line));
    return lines;
  }

  thrown(thrown) {
    const stack = thrown.stack || (thrown.message ? `${thrown.type}: ${thrown.message}` : String(thrown.type ?? ''));
    const chain = this.el('ol', 'detail-chain');
    chain.setAttribute('aria-label', 'Cause chain');
    for (const link of causeChain(stack)) {
      const li = this.el('li', 'chain-' + link.kind);
      li.append(this.el('span', 'chain-kind', link.kind === 'thrown' ? 'thrown' : link.kind === 'cause' ? 'caused by' : 'suppressed'));
      li.append(' ', this.breakable('span', 'chain-type', link.type));
      if (link.message) li.append(': ', this.el('span', 'chain-message', link.message));
      chain.append(li);
    }
    const lines = this.el('div', 'detail-stack');
    for (const item of foldStack(stack)) {
      if (item.kind === 'line') {
        lines.append(this.breakable('div', 'stack-line stack-' + item.type, item.text));
        continue;
      }
      const fold = this.el('details', 'stack-fold');
      const n = item.lines.length;
      fold.append(this.el('summary', '', `\u2026 ${n} framework frames`));
      for (const text of item.lines) fold.append(this.breakable('div', 'stack-line stack-frame framework', text));
      lines.append(fold);
    }
    return [chain, lines];
  }

  /** A button that opens a new tab showing only events with this context pair ("k=v") or marker. */
  filterButton(kind, value, label) {
    const what = kind === 'ctx' ? value.replace('=', ':') : value;
    const b = this.button('detail-filter detail-filter-' + kind, label + ' \u2197', `Open a new tab with only ${kind}=${what}`);
    b.dataset.kind = kind;
    b.dataset.value = value;
    b.addEventListener('click', () => this.openTab(this.filterUrl(kind, value)));
    return b;
  }

  /** This page's address with only this context pair or marker as its filter. */
  filterUrl(kind, value) {
    const filter = { ...emptyFilter(), ...(kind === 'ctx' ? { ctx: [value] } : { markers: [value] }) };
    const url = new URL(this.doc.baseURI);
    url.search = pageSearch('', filter);
    url.hash = '';
    return url.href;
  }

  async copy(kind) {
    const ev = this.event;
    if (!ev) return;
    const text = kind === 'json' ? JSON.stringify(ev, null, 2) : logLine(ev, this.utc);
    const ok = await this.copyText(text);
    this.copied.textContent = ok ? `Copied as ${kind === 'json' ? 'JSON' : 'text'}` : 'Copy failed: select the text and copy it by hand';
    this.copied.classList.toggle('failed', !ok);
  }

  heading(text) {
    return this.el('h3', 'detail-heading', text);
  }

  button(className, text, title) {
    const b = this.el('button', className, text);
    b.type = 'button';
    b.title = showControls(title);
    return b;
  }

  /** An element whose text wraps at the dots, `$` and `(` of qualified names, not inside a word. */
  breakable(tag, className, text) {
    const e = this.el(tag, className);
    appendBreakable(e, showControls(String(text)));
    return e;
  }

  el(tag, className, text) {
    const e = this.doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = showControls(String(text));
    return e;
  }
}
