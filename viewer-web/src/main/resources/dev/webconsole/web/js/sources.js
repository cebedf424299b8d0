// The sources legend: which applications publish to this hub, each with a colour, whether it is
// connected or gone, and its events per second; clicking one shows only the chosen sources (a
// server-side filter, kept in the URL as ?source=). It owns its DOM inside the element it is given.
// Names come from publishers: they reach the DOM as text, with bidi controls made visible.

import { showControls } from './format.js';

/** Colours in the palette: --src-0 .. --src-7 in console.css, one set per theme. */
export const PALETTE = 8;

/** A colour index (0..7) from the name alone: for sources past the palette's first eight. */
export function hashColor(name) {
  let h = 0;
  for (const ch of String(name)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h % PALETTE;
}

/**
 * The colour of each source, the same in the legend, the rows and the errors panel. The first eight
 * sources the tab learns of (the hub lists them in the order they first came, so every tab learns
 * them alike) each get a colour of their own, in palette order, and keep it while the tab lives;
 * a name hashes to its colour only past them. A colour from the name alone would give two of
 * three sources the same colour one time in three.
 */
export class SourceColors {
  constructor() {
    /** name -> index; at most PALETTE entries. */
    this.assigned = new Map();
  }

  /** Names in the hub's order: each one not seen before takes the next colour while there is one. */
  learn(names) {
    for (const name of names) this.of(name);
  }

  /** The colour index of a source name. */
  of(name) {
    const key = String(name);
    const known = this.assigned.get(key);
    if (known !== undefined) return known;
    if (this.assigned.size >= PALETTE) return hashColor(key);
    const index = this.assigned.size;
    this.assigned.set(key, index);
    return index;
  }

  /** The class that gives an element the source's colour (as --src). */
  className(name) {
    return 'src-' + this.of(name);
  }
}

/** Counts events per source and turns the counts into rates once a second. */
export class SourceRates {
  constructor() {
    this.counts = new Map();
    this.rates = new Map();
    this.since = 0;
  }

  add(events) {
    for (const e of events) {
      if (e.source) this.counts.set(e.source, (this.counts.get(e.source) ?? 0) + 1);
    }
  }

  /** Every second or so: the counts become rates (events/s) and start again. */
  roll(now) {
    const seconds = (now - this.since) / 1000;
    if (seconds < 1) return false;
    this.rates = new Map([...this.counts].map(([k, v]) => [k, v / seconds]));
    this.counts.clear();
    this.since = now;
    return true;
  }

  rate(name) {
    return this.rates.get(name) ?? 0;
  }
}

export class SourcesLegend {
  /**
   * @param {object} o
   * @param {HTMLElement} o.mount  where the legend goes (it adds one section)
   * @param {SourceColors} o.colors  the colour of each source, shared with the rows and the errors panel
   */
  constructor({ mount, colors = new SourceColors() }) {
    this.colors = colors;
    this.onToggle = () => {};
    this.sources = [];
    this.selected = [];
    this.live = true;
    this.rates = new SourceRates();
    this.section = document.createElement('section');
    this.section.className = 'sources';
    this.section.hidden = true;
    this.section.setAttribute('aria-label', 'Sources');
    const head = document.createElement('h2');
    head.textContent = 'Sources';
    this.list = document.createElement('ul');
    this.list.className = 'source-list';
    this.section.append(head, this.list);
    mount.prepend(this.section);
  }

  /** handler(name): a source was clicked, to show it among the chosen sources or stop showing it. */
  bindToggle(handler) {
    this.onToggle = handler;
  }

  /** The hub's `sources` message. */
  setSources(msg) {
    this.sources = Array.isArray(msg.sources) ? msg.sources : [];
    this.colors.learn(this.sources.map((s) => String(s.source ?? '')));
    this.live = true; // the hub just said it
    document.body.classList.toggle('has-sources', this.sources.length > 0);
    this.render();
  }

  /** The sources the tab shows (its filter); empty: all. */
  setSelected(names) {
    this.selected = [...names];
    this.render();
  }

  /**
   * Whether the tab is connected to the hub: while it is not, what each source is doing now is not
   * known, and the legend says so rather than show the last state it heard.
   */
  setLive(live) {
    if (live === this.live) return;
    this.live = live;
    if (this.sources.length) this.render();
  }

  /** Events received, counted per source for the rates. */
  count(events) {
    this.rates.add(events);
  }

  /**
   * Every half second or so: the rates are shown anew once a second has passed, in place (the
   * items are not rebuilt, so a click that is under way still lands).
   */
  tick(now = performance.now()) {
    if (!this.rates.roll(now)) return;
    for (const li of this.list.children) this.showRate(li.querySelector('.source-rate'), li.dataset.source);
  }

  render() {
    this.section.hidden = this.sources.length === 0;
    const items = this.sources.map((s) => this.item(s));
    this.list.replaceChildren(...items);
  }

  showRate(rate, name) {
    if (!this.live || (this.selected.length && !this.selected.includes(name))) { // nothing comes to this tab from it
      rate.textContent = '\u2014';
      rate.title = this.live ? 'Not in this tab\'s source filter: its events are not sent to this tab'
        : 'This tab is not connected to the hub';
    } else {
      rate.textContent = `${Math.round(this.rates.rate(name))}/s`;
      rate.title = 'Events per second this tab receives from this source';
    }
  }

  item(s) {
    const name = String(s.source ?? '');
    const li = document.createElement('li');
    li.className = 'source ' + this.colors.className(name) + (s.connected ? ' connected' : ' gone');
    li.dataset.source = name;
    if (this.selected.includes(name)) li.classList.add('selected');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'source-name';
    button.textContent = showControls(name);
    button.title = showControls(`${name} \u00b7 ${s.host ?? ''} pid ${s.pid ?? ''} \u00b7 Java ${s.jvm ?? ''}`)
      + '\nClick: show only the chosen sources';
    button.addEventListener('click', () => this.onToggle(name));
    const state = document.createElement('span');
    state.className = 'source-state';
    state.textContent = !this.live ? 'not known' : s.connected ? 'connected' : 'gone';
    if (!this.live) state.title = 'This tab is not connected to the hub: it does not know what this source does now';
    const rate = document.createElement('span');
    rate.className = 'source-rate';
    this.showRate(rate, name);
    li.append(button, state, rate);
    if (s.lost > 0) {
      const lost = document.createElement('span');
      lost.className = 'source-lost';
      lost.textContent = `${s.lost} lost`;
      lost.title = 'Events this source could not keep while the hub was out of reach';
      li.append(lost);
    }
    return li;
  }
}
