// Entry of the console page: wires the store, the connection, the virtual list, the logger tree and
// the controls. Pure logic lives in filter.js, urlstate.js, store.js, format.js and connection.js.
//
// Test hook (read-only), for browser tests:
//   window.webconsole.rows()         seqs of the events that pass the current filter, in order
//   window.webconsole.renderedRows() seqs of the event rows now in the DOM, in order
//   window.webconsole.gaps()         [{from, to, reason}] gap rows that are held, in order
//   window.webconsole.lastSeq()      highest seq held in the current hub epoch (0 when none)
//   window.webconsole.filter()       copy of the current filter {loggers, exclude, level, hidden, q, regex, ctx, markers}
//   window.webconsole.state()        {connection, code, reason, following, paused, newCount, trimmed, held,
//                                     maxRows, searchError, rate, resumeSeq, epoch, pending}
//   window.webconsole.idle()         true when no received frame waits to be applied to the page

import { LEVELS, compileTextMatcher, eventPredicate, serverFilter, sameServerFilter, widens, parsePrefixes, levelRank } from './filter.js';
import { parseFilter, pageSearch, takeToken, socketUrl } from './urlstate.js';
import { RowStore, clampMaxRows, DEFAULT_MAX_ROWS } from './store.js';
import { formatCount, compactCount, exportText, exportFileName, logLine, showControls } from './format.js';
import { Connection, describeClose } from './connection.js';
import { VirtualList } from './virtual-list.js';
import { TreeView } from './tree-view.js';
import { buildRow, isExpandable } from './rows.js';
import { BoostPanel } from './boosts.js';
import { SourcesLegend } from './sources.js';

const TOKEN_KEY = 'webconsole.token';
const PREF = { theme: 'webconsole.theme', utc: 'webconsole.utc', maxRows: 'webconsole.maxRows', tree: 'webconsole.tree' };
const TREE_INTERVAL_MS = 300;
const STATS_INTERVAL_MS = 5000;
const SEARCH_DEBOUNCE_MS = 120;
/**
 * While following a stream that brings more rows between two frames than the list shows, every
 * redraw rebuilds every visible row, and nobody can read them anyway: apply received frames and
 * redraw at most this often. Any other change (scroll, filter, pause, resize) applies and redraws at once.
 */
const LIVE_REDRAW_MS = 100;
/** Hub counters (GET stats) worth showing when they are not zero. */
const STAT_LABELS = [
  ['ingestDropped', 'dropped by the hub (ingest queue full)'],
  ['sessionDropped', 'dropped for slow tabs'],
  ['sendFailed', 'frames that failed to send'],
];

const $ = (id) => document.getElementById(id);

function pref(key, fallback = null) {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

function setPref(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** Moves ?token=… from the address bar into sessionStorage; returns the tab's token or null. */
function takeTokenFromAddress() {
  const { token, search } = takeToken(location.search);
  if (token) {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // kept in memory only
    }
    history.replaceState(history.state, '', location.pathname + search + location.hash);
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Counts events per second over a sliding two-second window. */
class RateMeter {
  constructor() {
    this.samples = [];
  }
  add(n, now = performance.now()) {
    this.samples.push([now, n]);
  }
  rate(now = performance.now()) {
    const from = now - 2000;
    while (this.samples.length && this.samples[0][0] < from) this.samples.shift();
    let sum = 0;
    for (const [, n] of this.samples) sum += n;
    return Math.round(sum / 2);
  }
}

class ConsolePage {
  constructor({ createSocket }) {
    this.token = takeTokenFromAddress();
    this.filter = parseFilter(location.search);
    this.matcher = compileTextMatcher(this.filter.q, this.filter.regex);
    this.utc = pref(PREF.utc) === '1';
    this.store = new RowStore({ maxRows: clampMaxRows(pref(PREF.maxRows, String(DEFAULT_MAX_ROWS))) });
    this.store.setPredicate(eventPredicate(this.filter, this.matcher));
    for (const p of [...this.filter.loggers, ...this.filter.exclude]) this.store.tree.ensure(p);

    this.pending = [];
    this.frameRequested = false;
    this.fallbackTimer = null;
    this.pendingRows = 0;
    this.redrawNow = true;
    this.redrawTimer = null;
    this.lastRedraw = -Infinity;
    this.paused = false;
    this.pauseKey = null;
    this.newSinceKey = null;
    this.rate = new RateMeter();
    this.lastTreeRender = 0;
    this.serverErrorTimer = null;
    this.toastTimer = null;
    this.statsTimer = null;
    this.statsDisabled = false;
    this.shownText = {};

    const cssRow = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--row-h'));
    this.list = new VirtualList({
      scroller: $('scroller'),
      sizer: $('sizer'),
      layer: $('rows'),
      rowHeight: Number.isFinite(cssRow) && cssRow > 0 ? cssRow : 22,
      buildRow: (entry, expanded) => buildRow(entry, { matcher: this.matcher, utc: this.utc, expanded }),
      onFollowChange: (following) => this.handleFollowChange(following),
    });
    this.list.onScheduled = () => this.scheduleFrame();

    this.tree = new TreeView({
      container: $('logger-tree'),
      tree: this.store.tree,
      onInclude: (path) => this.toggleLoggerPrefix('loggers', path),
      onExclude: (path) => this.toggleLoggerPrefix('exclude', path),
    });
    this.tree.setFilter(this.filter);

    this.conn = new Connection({
      createSocket,
      buildUrl: (f, since, hub) => socketUrl(document.baseURI, f, { since, hub, token: this.token }),
      filter: serverFilter(this.filter),
      on: {
        events: (events) => {
          this.rate.add(events.length);
          this.sources.count(events);
          this.enqueue({ t: 'events', v: events });
        },
        gap: (gap) => this.enqueue({ t: 'gap', v: gap }),
        restart: (hello) => this.enqueue({ t: 'restart', v: hello }),
        serverError: (text) => {
          this.showServerError(text);
          this.boosts.showError(text);
        },
        status: () => this.renderStatus(),
        hello: (hello) => {
          this.pollStats();
          this.boosts.setHello(hello);
        },
        levels: (frame) => this.boosts.setLevels(frame),
        sources: (frame) => this.sources.setSources(frame),
      },
    });
    this.sources = new SourcesLegend({ mount: $('sidebar'), onToggle: (name) => this.toggleSource(name) });
    this.sources.setSelected(this.filter.sources);
    this.boosts = new BoostPanel({ mount: $('sidebar'), send: (m) => this.conn.send(m), pickFrom: [$('logger-tree'), $('rows')] });

    this.buildLevelStrip();
    this.bindControls();
    this.syncControls();
    this.renderStatus();
    this.writeUrl();
    setInterval(() => this.tick(), 500);
    this.conn.start();
    this.scheduleFrame();
  }

  // ---- frames from the hub: buffered, applied once per animation frame ----

  enqueue(item) {
    this.pending.push(item);
    this.pendingRows += item.t === 'events' ? item.v.length : 1;
    this.requestFrame();
  }

  /** Asks for a frame that redraws at once (something besides new rows changed). */
  scheduleFrame() {
    this.redrawNow = true;
    this.requestFrame();
  }

  requestFrame() {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.frame());
    // Background tabs get no animation frames: apply anyway, so memory stays bounded.
    this.fallbackTimer = setTimeout(() => this.frame(), 250);
  }

  frame() {
    if (!this.frameRequested) return;
    this.frameRequested = false;
    clearTimeout(this.fallbackTimer);
    const now = performance.now();
    const wait = this.lastRedraw + LIVE_REDRAW_MS - now;
    if (!this.redrawNow && wait > 0 && this.list.following && !this.paused && this.pendingRows > this.list.pageRows()) {
      this.redrawTimer ??= setTimeout(() => {
        this.redrawTimer = null;
        this.requestFrame();
      }, wait);
      return;
    }
    clearTimeout(this.redrawTimer);
    this.redrawTimer = null;
    this.redrawNow = false;
    this.lastRedraw = now;
    this.applyPending();
    this.render();
  }

  applyPending() {
    this.pendingRows = 0;
    if (!this.pending.length) return;
    const items = this.pending;
    this.pending = [];
    // Consecutive event frames go to the store as one batch: it trims its bound once per batch.
    let batch = [];
    const flush = () => {
      if (batch.length) this.store.addEvents(batch.length === 1 ? batch[0] : batch.flat());
      batch = [];
    };
    for (const item of items) {
      if (item.t === 'events') {
        batch.push(item.v);
        continue;
      }
      flush();
      if (item.t === 'gap') this.store.addGap(item.v);
      else if (item.t === 'restart') {
        this.store.newEpoch(`\u21bb The hub restarted; numbering starts again (${item.v.server ?? 'hub'})`);
        if (this.paused) this.pauseKey = this.store.entries[this.store.entries.length - 1].key;
      }
    }
    flush();
  }

  // ---- rendering ----

  displayedCount() {
    if (!this.paused || this.pauseKey === null) return this.store.view.length;
    return this.store.viewCountUpTo(this.pauseKey);
  }

  newCount() {
    if (this.newSinceKey === null) return 0;
    let n = 0;
    const view = this.store.view;
    for (let i = view.length - 1; i >= 0 && view[i].key > this.newSinceKey; i--) if (view[i].kind === 'event') n++;
    return n;
  }

  indexOf(entry) {
    const i = this.store.viewIndexOf(entry.key);
    return this.store.view[i] === entry ? i : -1;
  }

  render() {
    const store = this.store;
    const shown = this.displayedCount();
    this.list.render(store.view, shown, (e) => this.indexOf(e));

    const empty = $('empty');
    const emptyText = shown > 0 ? '' : store.size === 0 ? 'Waiting for events\u2026' : 'No rows match the filter';
    this.setText(empty, emptyText);
    empty.hidden = shown > 0;

    const n = this.newCount();
    const newCount = $('new-count');
    if (newCount.dataset.count !== String(n)) {
      newCount.dataset.count = String(n);
      newCount.textContent = n ? `${formatCount(n)} new` : '';
    }
    $('jump').hidden = !(n > 0 || this.paused || !this.list.following);
    this.setText($('jump-label'), this.paused ? 'Resume' : 'Jump to latest');
    $('follow').setAttribute('aria-pressed', String(this.list.following && !this.paused));

    const trimmed = $('trimmed');
    if (trimmed.dataset.count !== String(store.trimmed)) {
      trimmed.dataset.count = String(store.trimmed);
      trimmed.textContent = `${formatCount(store.trimmed)} trimmed`;
      trimmed.title = `The oldest rows beyond ${formatCount(store.maxRows)} were dropped`;
      trimmed.hidden = store.trimmed === 0;
    }
    const events = store.size;
    this.setText($('shown'), store.view.length === events ? `${formatCount(events)} rows` : `${formatCount(store.view.length)} of ${formatCount(events)} rows`);
    this.renderLevelCounts();

    const now = performance.now();
    if (now - this.lastTreeRender >= TREE_INTERVAL_MS) {
      this.lastTreeRender = now;
      this.tree.render();
    } else if (!this.treeTimer) {
      this.treeTimer = setTimeout(() => {
        this.treeTimer = null;
        this.lastTreeRender = performance.now();
        this.tree.render();
      }, TREE_INTERVAL_MS);
    }
  }

  setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  buildLevelStrip() {
    const strip = $('levels');
    for (const level of LEVELS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'level-toggle lvl-' + level.toLowerCase();
      b.dataset.level = level;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = level;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = '0';
      b.append(name, count);
      strip.append(b);
    }
    strip.addEventListener('click', (e) => {
      const b = e.target.closest('.level-toggle');
      if (!b) return;
      const level = b.dataset.level;
      const f = this.copyFilter();
      if (levelRank(level) < levelRank(f.level)) {
        f.level = level; // a level below the threshold: lower the threshold to it
        f.hidden = f.hidden.filter((h) => h !== level);
      } else if (f.hidden.includes(level)) {
        f.hidden = f.hidden.filter((h) => h !== level);
      } else {
        f.hidden = LEVELS.filter((l) => l === level || f.hidden.includes(l));
      }
      this.applyFilter(f);
    });
  }

  renderLevelCounts() {
    for (const b of $('levels').children) {
      const n = this.store.levelCounts.get(b.dataset.level) ?? 0;
      const text = compactCount(n);
      const c = b.lastChild;
      if (c.textContent !== text) {
        c.textContent = text;
        b.title = `${formatCount(n)} ${b.dataset.level} events held`;
      }
    }
  }

  // ---- filter ----

  copyFilter() {
    const f = this.filter;
    return { ...f, loggers: [...f.loggers], exclude: [...f.exclude], hidden: [...f.hidden], ctx: [...f.ctx], markers: [...f.markers],
      sources: [...(f.sources ?? [])] };
  }

  /** Shows only the chosen sources: a click adds a source to the choice or takes it out (none chosen: all). */
  toggleSource(name) {
    const f = this.copyFilter();
    f.sources = f.sources.includes(name) ? f.sources.filter((s) => s !== name) : [...f.sources, name];
    this.applyFilter(f);
    this.sources.setSelected(f.sources);
  }

  applyFilter(next) {
    const prev = this.filter;
    this.filter = next;
    this.matcher = compileTextMatcher(next.q, next.regex);
    this.store.setPredicate(eventPredicate(next, this.matcher));
    if (prev.q !== next.q || prev.regex !== next.regex) this.list.invalidate();

    const ps = serverFilter(prev);
    const ns = serverFilter(next);
    if (!sameServerFilter(ps, ns)) {
      // Wider: replay the matching history (after a Clear, only what came after it). Narrower: go on.
      this.conn.setFilter(ns, widens(ps, ns) ? this.store.replaySince : this.conn.resumeSeq);
    }
    for (const p of [...next.loggers, ...next.exclude]) this.store.tree.ensure(p);
    this.tree.setFilter(next);
    this.lastTreeRender = 0;
    this.syncControls();
    this.writeUrl();
    this.scheduleFrame();
  }

  toggleLoggerPrefix(which, path) {
    const f = this.copyFilter();
    const other = which === 'loggers' ? 'exclude' : 'loggers';
    if (f[which].includes(path)) {
      f[which] = f[which].filter((p) => p !== path);
    } else {
      f[which] = [...f[which], path];
      f[other] = f[other].filter((p) => p !== path);
    }
    this.applyFilter(f);
  }

  writeUrl() {
    const url = location.pathname + pageSearch(location.search, this.filter) + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  syncControls() {
    const f = this.filter;
    const active = document.activeElement;
    if (active !== $('search')) $('search').value = f.q;
    $('regex').checked = f.regex;
    $('level').value = f.level;
    if (active !== $('logger-include')) $('logger-include').value = f.loggers.join(', ');
    if (active !== $('logger-exclude')) $('logger-exclude').value = f.exclude.join(', ');

    const err = $('search-error');
    const message = this.matcher.error ? `Invalid regular expression: ${this.matcher.error.replace(/^Invalid regular expression: /, '')}` : '';
    err.textContent = message;
    err.hidden = !message;
    $('search').setAttribute('aria-invalid', String(Boolean(message)));
    $('search').classList.toggle('invalid', Boolean(message));

    for (const b of $('levels').children) {
      const level = b.dataset.level;
      const below = levelRank(level) < levelRank(f.level);
      const on = !below && !f.hidden.includes(level);
      b.setAttribute('aria-pressed', String(on));
      b.classList.toggle('below', below);
    }

    const chips = $('active-filters');
    chips.replaceChildren();
    const addChip = (kind, value) => {
      const c = document.createElement('button');
      c.type = 'button';
      c.className = 'filter-chip';
      c.dataset.kind = kind;
      c.dataset.value = value;
      c.title = 'Remove this filter';
      c.textContent = showControls((kind === 'marker' ? 'marker:' : '') + value + ' \u00d7');
      chips.append(c);
    };
    for (const c of f.ctx) addChip('ctx', c);
    for (const m of f.markers) addChip('marker', m);
    chips.hidden = !chips.childElementCount;
  }

  // ---- follow and pause ----

  lastViewKey() {
    const v = this.store.view;
    return v.length ? v[v.length - 1].key : -Infinity;
  }

  handleFollowChange(following) {
    if (!following && this.newSinceKey === null) {
      this.newSinceKey = this.paused ? this.pauseKey : this.lastViewKey();
    }
    if (following && !this.paused) this.newSinceKey = null;
    this.scheduleFrame();
  }

  setPaused(paused) {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      // Freeze what is on screen now; frames still waiting count as new.
      this.pauseKey = this.lastViewKey();
      if (this.newSinceKey === null) this.newSinceKey = this.pauseKey;
    } else {
      this.pauseKey = null;
      if (this.list.following) this.newSinceKey = null;
    }
    const b = $('pause');
    b.setAttribute('aria-pressed', String(paused));
    b.textContent = paused ? 'Resume' : 'Pause';
    b.title = paused ? 'Resume the view (Space)' : 'Pause the view (Space)';
    document.body.classList.toggle('paused', paused);
    this.frameRequested = true;
    this.redrawNow = true;
    this.frame(); // at once, so the view is frozen (or live) when the click or key returns
  }

  jumpToLatest() {
    this.setPaused(false);
    this.newSinceKey = null;
    this.list.jumpToEnd();
    this.scheduleFrame();
  }

  // ---- controls ----

  bindControls() {
    const search = $('search');
    let searchTimer = null;
    const commitSearch = () => {
      clearTimeout(searchTimer);
      if (search.value === this.filter.q) return;
      const f = this.copyFilter();
      f.q = search.value;
      this.applyFilter(f);
    };
    search.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(commitSearch, SEARCH_DEBOUNCE_MS);
    });
    search.addEventListener('change', commitSearch);
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commitSearch();
      if (e.key === 'Escape') {
        commitSearch();
        search.blur();
      }
    });
    $('regex').addEventListener('change', () => {
      const f = this.copyFilter();
      f.q = search.value;
      f.regex = $('regex').checked;
      this.applyFilter(f);
    });
    $('level').addEventListener('change', () => {
      const f = this.copyFilter();
      f.level = $('level').value;
      this.applyFilter(f);
    });
    for (const [id, key] of [['logger-include', 'loggers'], ['logger-exclude', 'exclude']]) {
      const input = $(id);
      const commit = () => {
        const list = parsePrefixes(input.value);
        if (list.join(',') !== this.filter[key].join(',')) {
          const f = this.copyFilter();
          f[key] = list;
          this.applyFilter(f);
        }
        input.value = this.filter[key].join(', ');
      };
      input.addEventListener('change', commit);
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          input.value = this.filter[key].join(', ');
          input.blur();
        }
      });
    }
    $('tree-reset').addEventListener('click', () => {
      const f = this.copyFilter();
      f.loggers = [];
      f.exclude = [];
      this.applyFilter(f);
    });
    $('active-filters').addEventListener('click', (e) => {
      const c = e.target.closest('.filter-chip');
      if (!c) return;
      this.toggleChipFilter(c.dataset.kind, c.dataset.value);
    });

    $('pause').addEventListener('click', () => this.setPaused(!this.paused));
    $('follow').addEventListener('click', () => this.jumpToLatest());
    $('jump').addEventListener('click', () => this.jumpToLatest());
    $('clear').addEventListener('click', () => this.clear());
    $('download-log').addEventListener('click', () => this.download('log'));
    $('download-jsonl').addEventListener('click', () => this.download('jsonl'));
    $('utc').addEventListener('click', () => {
      this.utc = !this.utc;
      setPref(PREF.utc, this.utc ? '1' : '0');
      this.syncUtc();
      this.list.invalidate();
      this.scheduleFrame();
    });
    this.syncUtc();
    $('theme').addEventListener('click', () => {
      const next = document.documentElement.dataset.theme === 'light' ? 'dark' : 'light';
      document.documentElement.dataset.theme = next;
      setPref(PREF.theme, next);
    });
    matchMedia('(prefers-color-scheme: light)').addEventListener?.('change', (e) => {
      if (pref(PREF.theme) === null) document.documentElement.dataset.theme = e.matches ? 'light' : 'dark';
    });

    const maxRows = $('max-rows');
    maxRows.value = String(this.store.maxRows);
    maxRows.addEventListener('change', () => {
      const n = clampMaxRows(maxRows.value);
      maxRows.value = String(n);
      setPref(PREF.maxRows, String(n));
      this.store.setMaxRows(n);
      this.scheduleFrame();
    });

    $('reconnect').addEventListener('click', () => this.conn.reconnectNow());
    window.addEventListener('online', () => this.conn.reconnectNow());

    const narrow = matchMedia('(max-width: 760px)');
    const treePref = pref(PREF.tree);
    document.body.classList.toggle('tree-hidden', narrow.matches ? true : treePref === 'hidden');
    $('toggle-tree').addEventListener('click', () => {
      const hidden = document.body.classList.toggle('tree-hidden');
      if (!narrow.matches) setPref(PREF.tree, hidden ? 'hidden' : 'shown');
      this.scheduleFrame();
    });

    $('help-button').addEventListener('click', () => this.toggleHelp());
    $('help-close').addEventListener('click', () => this.toggleHelp(false));
    $('help').addEventListener('click', (e) => {
      if (e.target === $('help')) this.toggleHelp(false);
    });

    $('rows').addEventListener('click', (e) => this.handleRowClick(e));
    document.addEventListener('keydown', (e) => this.handleKey(e));
    window.addEventListener('resize', () => this.scheduleFrame());
    new ResizeObserver(() => this.scheduleFrame()).observe($('scroller'));
  }

  syncUtc() {
    const b = $('utc');
    b.textContent = this.utc ? 'UTC' : 'Local time';
    b.title = this.utc ? 'Times are shown in UTC; click for local time' : 'Times are shown in local time; click for UTC';
    b.setAttribute('aria-pressed', String(this.utc));
  }

  toggleChipFilter(kind, value) {
    const f = this.copyFilter();
    const key = kind === 'marker' ? 'markers' : 'ctx';
    f[key] = f[key].includes(value) ? f[key].filter((v) => v !== value) : [...f[key], value];
    this.applyFilter(f);
  }

  handleRowClick(e) {
    const rowEl = e.target.closest('.row');
    if (!rowEl) return;
    const entry = this.list.renderedEntries().find((x) => String(x.id) === rowEl.dataset.id);
    if (!entry) return;
    const ev = entry.event;
    if (e.target.closest('.copy')) {
      this.copyText(logLine(ev, this.utc));
    } else if (e.target.closest('.logger')) {
      const f = this.copyFilter();
      if (e.altKey) {
        f.exclude = f.exclude.includes(ev.logger) ? f.exclude : [...f.exclude, ev.logger];
        f.loggers = f.loggers.filter((p) => p !== ev.logger);
      } else {
        f.loggers = [ev.logger];
        f.exclude = f.exclude.filter((p) => !ev.logger.startsWith(p));
      }
      this.applyFilter(f);
    } else if (e.target.closest('.chip-ctx')) {
      this.toggleChipFilter('ctx', e.target.closest('.chip-ctx').dataset.ctx);
    } else if (e.target.closest('.chip-marker')) {
      this.toggleChipFilter('marker', e.target.closest('.chip-marker').dataset.marker);
    } else if (isExpandable(ev) || this.list.isExpanded(entry)) {
      const sel = getSelection();
      if (sel && !sel.isCollapsed && rowEl.contains(sel.anchorNode)) return; // selecting text, not toggling
      this.list.toggleExpanded(entry);
      this.scheduleFrame();
    }
  }

  handleKey(e) {
    const t = e.target;
    const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === 'Escape' && !$('help').hidden) {
      this.toggleHelp(false);
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      $('search').focus();
      $('search').select();
    } else if (e.key === ' ' || e.code === 'Space') {
      if (t instanceof HTMLButtonElement) return; // Space presses the focused button
      e.preventDefault();
      this.setPaused(!this.paused);
    } else if (e.key === 'End') {
      e.preventDefault();
      this.jumpToLatest();
    } else if (e.key === '?') {
      e.preventDefault();
      this.toggleHelp();
    }
  }

  toggleHelp(show = $('help').hidden) {
    $('help').hidden = !show;
    if (show) $('help-close').focus();
  }

  // ---- actions ----

  clear() {
    this.applyPending();
    this.store.clear();
    this.list.reset();
    for (const p of [...this.filter.loggers, ...this.filter.exclude]) this.store.tree.ensure(p);
    this.tree.setTree(this.store.tree);
    if (this.paused) this.pauseKey = this.store.floorKey;
    this.newSinceKey = this.paused ? this.pauseKey : null;
    this.list.jumpToEnd();
    this.lastTreeRender = 0;
    this.scheduleFrame();
  }

  download(kind) {
    this.applyPending();
    const text = exportText(this.store.view, kind, this.utc);
    const blob = new Blob([text], { type: kind === 'jsonl' ? 'application/x-ndjson' : 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(Date.now(), kind);
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const rows = this.store.view.filter((e) => kind !== 'jsonl' || e.kind === 'event').length;
    this.toast(`Saved ${formatCount(rows)} rows as .${kind}`);
  }

  async copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      this.toast('Row copied');
      return;
    } catch {
      // no clipboard API (plain http on another host) or no permission: fall back below
    }
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    this.toast(ok ? 'Row copied' : 'Copy failed: select the text and copy it by hand');
  }

  toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 2000);
  }

  // ---- status ----

  showServerError(text) {
    const el = $('server-error');
    el.textContent = showControls(`Hub: ${text}`);
    el.title = showControls(text);
    el.hidden = false;
    clearTimeout(this.serverErrorTimer);
    this.serverErrorTimer = setTimeout(() => (el.hidden = true), 15_000);
  }

  renderStatus() {
    const s = this.conn.status;
    const el = $('status');
    let text;
    if (s.state === 'connected') text = 'Connected';
    else if (s.state === 'connecting') text = 'Connecting\u2026';
    else if (s.state === 'reconnecting') {
      const why = s.code ? ` \u00b7 ${describeClose(s.code)}${s.reason ? ': ' + s.reason : ''}` : '';
      text = s.retryAt ? `Reconnecting in ${Math.max(1, Math.ceil((s.retryAt - Date.now()) / 1000))}s${why}` : `Reconnecting\u2026${why}`;
    } else {
      text = `Closed by server: ${describeClose(s.code)}${s.reason ? ' \u2014 ' + s.reason : ''}`;
    }
    if (el.dataset.state !== s.state) el.dataset.state = s.state;
    this.setText(el, text);
    el.title = s.server ? `${s.server}` : '';
    $('reconnect').hidden = s.state === 'connected' || s.state === 'connecting';
  }

  tick() {
    this.sources.tick();
    this.renderStatus();
    this.setText($('rate'), `${formatCount(this.rate.rate())} ev/s`);
  }

  async pollStats() {
    clearTimeout(this.statsTimer);
    if (this.statsDisabled) return;
    try {
      const url = new URL('stats', document.baseURI);
      if (this.token) url.searchParams.set('token', this.token);
      const res = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 404) {
        this.statsDisabled = true;
        return;
      }
      if (res.ok) this.renderStats(await res.json());
    } catch {
      // the hub may be gone; the socket status says so
    }
    if (this.conn.status.state === 'connected') this.statsTimer = setTimeout(() => this.pollStats(), STATS_INTERVAL_MS);
  }

  renderStats(stats) {
    if (!stats || typeof stats !== 'object') return;
    const el = $('hub-stats');
    const parts = [];
    for (const [key, label] of STAT_LABELS) {
      const v = stats[key];
      if (typeof v === 'number' && v > 0) parts.push(`${formatCount(v)} ${label}`);
    }
    el.textContent = parts.join(' \u00b7 ');
    el.title = 'Hub counters\n' + Object.entries(stats).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n');
    el.hidden = parts.length === 0;
  }

  // ---- test hook ----

  debugHook() {
    const page = this;
    return Object.freeze({
      rows: () => page.store.viewSeqs(),
      renderedRows: () => page.list.renderedEntries().filter((e) => e.kind === 'event').map((e) => e.seq),
      gaps: () => page.store.view.filter((e) => e.kind === 'gap').map((e) => ({ ...e.gap })),
      lastSeq: () => page.store.lastSeq,
      filter: () => JSON.parse(JSON.stringify(page.filter)),
      idle: () => page.pending.length === 0,
      state: () => ({
        connection: page.conn.status.state,
        code: page.conn.status.code,
        reason: page.conn.status.reason,
        following: page.list.following,
        paused: page.paused,
        newCount: page.newCount(),
        trimmed: page.store.trimmed,
        held: page.store.size,
        maxRows: page.store.maxRows,
        searchError: page.matcher.error,
        rate: page.rate.rate(),
        resumeSeq: page.conn.resumeSeq,
        epoch: page.store.epoch,
        pending: page.pending.length,
      }),
    });
  }
}

const page = new ConsolePage({ createSocket: (url) => new WebSocket(url) });
window.webconsole = page.debugHook();
