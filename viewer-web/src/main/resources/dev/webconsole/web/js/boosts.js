// Level boosts and thread dumps, from the page. The panel owns its DOM (a section mounted into a
// container it is given) and its stylesheet; the hub's `hello`, `levels` and `sources` frames come in
// through setHello/setLevels/setSources, and messages go out through the `send` function it is given.
// When the hub has publishers, a boost or a dump is for one application: the hub's own or a source,
// chosen in the panel (picking a row chooses its source). Its Pick button picks the logger from the
// tree or a row without changing the view (boost-pick.js). The pure parts (parseScope,
// setLevelMessage, sourceOptions, formatRemaining) are exported for tests without a browser.

import { levelClass, showControls, formatTime } from './format.js';
import { BoostPick } from './boost-pick.js';
import { Overlays } from './overlays.js';

export const BOOST_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
export const BOOST_MINUTES = [1, 5, 15, 60];
export const DEFAULT_MINUTES = 5;

/** Reads an optional `key=value` scope; returns {key, value}, null when empty, or {error}. */
export function parseScope(text) {
  const t = String(text ?? '').trim();
  if (!t) return null;
  const at = t.indexOf('=');
  if (at <= 0) return { error: 'Scope: write key=value, such as user=42' };
  return { key: t.slice(0, at).trim(), value: t.slice(at + 1).trim() };
}

/** The set-level message for the form's values, or {error} naming what to fix. */
export function setLevelMessage({ logger, level, minutes, scope, source }) {
  const name = String(logger ?? '').trim();
  if (!name) return { error: 'Logger: Pick one from the tree or a row, or type a prefix' };
  const msg = { type: 'set-level', logger: name, level, minutes: Number(minutes) };
  if (source) msg.source = source;
  const s = parseScope(scope);
  if (s && s.error) return s;
  if (s) msg.context = { [s.key]: s.value };
  return msg;
}

export const OWN_APP = "the hub's own application";

/**
 * The applications a boost or a dump can be for: the hub's own (value '') when it has a level
 * control, then every source, a gone one disabled.
 */
export function sourceOptions(sources, ownControl) {
  const out = ownControl ? [{ value: '', label: OWN_APP, disabled: false }] : [];
  for (const s of sources ?? []) {
    const name = String(s.source ?? '');
    if (name) out.push({ value: name, label: s.connected ? name : `${name} (gone)`, disabled: !s.connected });
  }
  return out;
}

/** Time left as m:ss (h:mm:ss past an hour); 0:00 once over. */
export function formatRemaining(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A boosted logger's whole name, which may wrap after its dots to fit the panel. */
function boostName(logger) {
  const name = el('span', 'boost-name');
  showControls(String(logger)).split(/(?<=\.)/).forEach((part, i) => {
    if (i) name.append(document.createElement('wbr'));
    name.append(part);
  });
  return name;
}

function select(className, values, selected, label) {
  const s = el('select', className);
  s.setAttribute('aria-label', label);
  for (const v of values) {
    const o = el('option', '', typeof v === 'number' ? `${v} min` : v);
    o.value = String(v);
    o.selected = String(v) === String(selected);
    s.append(o);
  }
  return s;
}

export class BoostPanel {
  /**
   * @param o.mount    element the panel is appended to
   * @param o.send     (message) => boolean: sends a control message; false when not connected
   * @param o.pickFrom elements whose tree nodes and rows the Pick button picks a logger from
   * @param o.overlays Overlays: Esc ends picking
   */
  constructor({ mount, send, pickFrom = [], overlays = new Overlays() }) {
    this.send = send;
    this.boosts = [];
    this.offset = 0; // server clock minus ours, from the levels frame
    this.sources = [];
    /** The sources the tab's filter shows (none: all). */
    this.preferred = [];
    this.ownControl = true;
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = 'boosts.css';
    document.head.append(css);

    this.root = el('section', 'boosts');
    this.root.id = 'boosts';
    this.root.hidden = true;
    this.root.setAttribute('aria-label', 'Level boosts');
    const head = el('div', 'sidebar-head boosts-head');
    head.append(el('span', '', 'Level boosts'));
    this.dumpButton = el('button', 'link-btn boost-dump', 'Thread dump');
    this.dumpButton.type = 'button';
    this.dumpButton.title = 'Put a thread dump of the application into the stream';
    head.append(this.dumpButton);

    this.form = el('form', 'boost-form');
    this.logger = el('input', 'boost-logger');
    Object.assign(this.logger, { type: 'text', placeholder: 'Logger prefix', spellcheck: false, autocomplete: 'off' });
    this.logger.setAttribute('aria-label', 'Logger prefix to boost');
    this.pickButton = el('button', 'boost-pick', 'Pick');
    this.pickButton.type = 'button';
    this.pickButton.title = 'Pick the logger: then click one in the tree or a row (the view stays as it is; Esc cancels)';
    const pickRow = el('div', 'boost-row');
    pickRow.append(this.logger, this.pickButton);
    this.source = el('select', 'boost-source');
    this.source.setAttribute('aria-label', 'Application to boost or dump');
    this.source.title = 'Which application the boost or the thread dump is for';
    this.source.hidden = true;
    this.level = select('boost-level', BOOST_LEVELS, 'DEBUG', 'Level');
    this.minutes = select('boost-minutes', BOOST_MINUTES, DEFAULT_MINUTES, 'Duration');
    this.scope = el('input', 'boost-scope');
    Object.assign(this.scope, { type: 'text', placeholder: 'Only for key=value (optional)', spellcheck: false, autocomplete: 'off' });
    this.scope.setAttribute('aria-label', 'Context scope, key=value');
    const go = el('button', 'boost-go', 'Boost');
    go.type = 'submit';
    const row = el('div', 'boost-row');
    row.append(this.level, this.minutes, go);
    this.message = el('div', 'boost-message');
    this.message.setAttribute('role', 'alert');
    this.form.append(this.source, pickRow, this.scope, row, this.message);

    this.list = el('ul', 'boost-list');
    this.list.setAttribute('aria-label', 'Active boosts');
    this.root.append(head, this.form, this.list);
    mount.append(this.root);

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.dumpButton.addEventListener('click', () => this.deliver(this.withSource({ type: 'thread-dump' }, this.source.value)));
    this.list.addEventListener('click', (e) => {
      const b = e.target.closest('.boost-revert');
      if (b) this.deliver(this.withSource({ type: 'revert-level', logger: b.dataset.logger }, b.dataset.source));
    });
    this.pick = new BoostPick({
      button: this.pickButton,
      pickFrom,
      overlays,
      onPick: ({ logger, source }) => {
        this.logger.value = logger;
        if (source !== null) this.chooseSource(source);
        this.logger.focus();
      },
      onChange: (picking) => this.say(picking ? 'Click a logger in the tree or a row (Esc cancels)' : ''),
    });
    setInterval(() => this.tick(), 1000);
  }

  /**
   * The hub's hello: controls are shown only when it takes control messages. The list starts empty
   * on every connection: a hub with active boosts sends them in a levels frame right after hello.
   */
  setHello(hello) {
    this.root.hidden = !(hello && hello.control === true);
    this.ownControl = !(hello && hello.levelControl === false);
    this.renderSources();
    this.setBoosts([], 0);
  }

  /** The hub's sources frame: the applications a boost can be for. */
  setSources(frame) {
    this.sources = Array.isArray(frame && frame.sources) ? frame.sources : [];
    this.renderSources();
  }

  renderSources() {
    const before = this.source.value;
    const options = sourceOptions(this.sources, this.ownControl);
    this.source.replaceChildren(...options.map((o) => {
      const opt = el('option', '', showControls(o.label));
      opt.value = o.value;
      opt.disabled = o.disabled;
      return opt;
    }));
    this.source.hidden = this.sources.length === 0;
    const usable = options.filter((o) => !o.disabled);
    const shown = usable.filter((o) => !this.preferred.length || this.preferred.includes(o.value));
    const keep = shown.find((o) => o.value === before) ?? shown[0] ?? usable.find((o) => o.value === before) ?? usable[0];
    if (keep) this.source.value = keep.value;
  }

  /**
   * The tab's source filter: the application chosen for a boost or a dump is one this tab shows
   * (kept if it is, else the first of them), so a boost is for what the user is looking at.
   */
  preferSources(names) {
    this.preferred = [...(names ?? [])].map(String);
    this.renderSources();
  }

  /** Chooses the application of a picked row, if it is one the panel offers. */
  chooseSource(name) {
    const opt = [...this.source.options].find((o) => o.value === name && !o.disabled);
    if (opt) this.source.value = name;
  }

  withSource(msg, source) {
    if (source) msg.source = source;
    return msg;
  }

  /** A levels frame: the active boosts, with the server's clock for the countdown. */
  setLevels(frame) {
    if (!frame || !Array.isArray(frame.boosts)) return;
    if (frame.control === false) this.root.hidden = true;
    this.setBoosts(frame.boosts, typeof frame.now === 'number' ? frame.now - Date.now() : 0);
  }

  /** An error frame from the hub about a control message is shown by the panel too. */
  showError(text) {
    if (/^(set-level|revert-level|thread-dump) refused/.test(text)) this.say(text, true);
  }

  setBoosts(boosts, offset) {
    this.boosts = boosts.map((b) => ({ ...b, key: `${b.source ?? ''}\u0000${b.logger}` }));
    this.offset = offset;
    const items = this.boosts.map((b) => {
      const li = el('li', b.connected === false ? 'boost gone' : 'boost');
      li.dataset.logger = String(b.logger);
      li.dataset.key = b.key;
      const what = el('span', 'boost-what');
      // Names come from log text: shown with their controls visible, as everywhere on the page.
      what.append(boostName(b.logger), el('span', 'boost-lvl ' + levelClass(b.level), showControls(b.level)));
      const scope = b.context && Object.entries(b.context)[0];
      if (scope) what.append(el('span', 'chip', showControls(`${scope[0]}=${scope[1]}`)));
      if (b.source) what.prepend(el('span', 'boost-src', showControls(String(b.source))));
      // The whole boost, also in the tooltip.
      what.title = showControls((b.source ? `${b.source}: ` : '') + `${b.logger} at ${b.level}`
        + (scope ? ` for ${scope[0]}=${scope[1]}` : '') + (b.connected === false ? ' (the source is gone; the boost ends there at its time)' : ''));
      const left = el('span', 'boost-left');
      left.title = showControls(`until ${formatTime(b.until)} \u00b7 asked by ${b.by ?? '?'}`);
      const revert = el('button', 'link-btn boost-revert', b.connected === false ? 'gone' : 'revert now');
      revert.type = 'button';
      revert.dataset.logger = String(b.logger);
      if (b.source) revert.dataset.source = String(b.source);
      revert.disabled = b.connected === false;
      li.append(what, left, revert);
      return li;
    });
    this.list.replaceChildren(...items);
    this.tick();
  }

  tick() {
    const now = Date.now() + this.offset;
    for (const li of this.list.children) {
      const b = this.boosts.find((x) => x.key === li.dataset.key);
      if (b) li.querySelector('.boost-left').textContent = formatRemaining(b.until - now);
    }
  }

  submit() {
    const msg = setLevelMessage({ logger: this.logger.value, level: this.level.value, minutes: this.minutes.value,
      scope: this.scope.value, source: this.source.value });
    if (msg.error) {
      this.say(msg.error, true);
      return;
    }
    this.deliver(msg);
  }

  deliver(msg) {
    if (this.send(msg)) this.say('');
    else this.say('Not connected: try again once the page is connected', true);
  }

  say(text, isError = false) {
    this.message.textContent = showControls(text);
    this.message.classList.toggle('error', isError);
  }
}
