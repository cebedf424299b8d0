// The page's logic: it keeps the filter, the store, the follow state and the connection, turns
// what the views report into changes, and one funnel (render) turns state into the views.
// It never touches the DOM; the views (filter-bar, action-bar, log-view, tree-panel, status-bar)
// and the address are passed in.

import { compileTextMatcher, eventPredicate, serverFilter, sameServerFilter, widens, parsePrefixes } from './filter.js';
import { socketUrl, isLoopbackHost } from './urlstate.js';
import { RowStore, clampMaxRows, DEFAULT_MAX_ROWS } from './store.js';
import { formatCount, exportText, exportFileName, logLine, emptyText } from './format.js';
import { Connection, LOOPBACK_MAX_DELAY_MS, REMOTE_MAX_DELAY_MS } from './connection.js';
import { FollowState } from './follow.js';
import { FrameLoop } from './frame-loop.js';
import { StatsPoller, RateMeter, statParts } from './hub-stats.js';
import * as edit from './filter-edits.js';
import { PREF, pref, setPref } from './prefs.js';

export class ConsoleController {
  /**
   * @param o.views  { filterBar, actionBar, logView, statusBar, outage }
   * @param o.address  Address
   * @param o.createSocket  (url) => WebSocket
   * @param o.io  { saveFile(name, type, text), copyText(text) => Promise<boolean> }
   * @param o.createTreePanel  (loggerTree) => TreePanel
   */
  constructor({ views, address, createSocket, io, createTreePanel }) {
    this.v = views;
    this.address = address;
    this.io = io;
    this.token = address.takeToken();
    this.filter = address.readFilter();
    this.matcher = compileTextMatcher(this.filter.q, this.filter.regex);
    this.utc = pref(PREF.utc) === '1';
    this.store = new RowStore({ maxRows: clampMaxRows(pref(PREF.maxRows, String(DEFAULT_MAX_ROWS))) });
    this.setPredicate();
    this.ensureFilterLoggers();
    /** The hub's newest seq as last heard (hello, stats, events): events the filter did not bring count as others. */
    this.hubLastSeq = 0;
    /** Events up to this seq are history replayed to this tab, not live: the rate leaves them out. */
    this.liveAfter = Infinity;
    /** A search is being typed: its first change made a history entry, the next ones replace it. */
    this.typing = false;
    /** Date.now() of the last event received, for the outage banner. */
    this.lastEventAt = null;
    this.follow = new FollowState();
    this.rate = new RateMeter();
    this.tree = createTreePanel(this.store.tree);
    this.tree.setFilter(this.filter);
    this.frames = new FrameLoop({
      apply: (items) => this.apply(items),
      render: () => this.render(),
      mayDefer: (rows) => this.v.logView.following && !this.follow.paused && rows > this.v.logView.pageRows(),
    });
    this.conn = new Connection({
      createSocket,
      buildUrl: (f, since, hub) => socketUrl(address.baseURI, f, { since, hub, token: this.token }),
      filter: serverFilter(this.filter),
      maxDelayMs: isLoopbackHost(new URL(address.baseURI).hostname) ? LOOPBACK_MAX_DELAY_MS : REMOTE_MAX_DELAY_MS,
      on: {
        events: (events) => this.received(events),
        gap: (gap) => this.frames.enqueue({ t: 'gap', v: gap }),
        restart: (hello) => this.frames.enqueue({ t: 'restart', v: hello }),
        serverError: (text) => this.v.statusBar.setServerError(text),
        status: () => this.showConnection(),
        hello: (hello) => {
          this.hubLastSeq = hello.lastSeq ?? 0;
          this.liveAfter = this.hubLastSeq;
          this.stats.poll();
        },
      },
    });
    this.stats = new StatsPoller({
      url: () => this.statsUrl(),
      connected: () => this.conn.status.state === 'connected',
      show: (stats) => {
        this.v.statusBar.setHubStats(statParts(stats), stats);
        if (typeof stats.lastSeq === 'number' && stats.lastSeq > this.hubLastSeq) this.hubLastSeq = stats.lastSeq;
        this.frames.redraw();
      },
    });
    this.bindViews();
  }

  /** Shows the first state, connects and starts the clock. */
  start() {
    this.v.filterBar.setFilter(this.filter, this.matcher.error);
    this.v.filterBar.setAddressProblems(this.address.filterProblems());
    this.address.bindHistory((filter) => this.applyFilter(filter, 'none'));
    this.v.statusBar.setUtc(this.utc);
    this.v.statusBar.setMaxRows(this.store.maxRows);
    this.showConnection();
    this.address.writeFilter(this.filter);
    setInterval(() => this.tick(), 500);
    this.conn.start();
    this.frames.redraw();
  }

  bindViews() {
    const { filterBar, actionBar, logView, statusBar } = this.v;
    const tree = this.tree;
    const set = (key) => (value) => this.applyFilter(edit.withField(this.filter, key, value));
    filterBar.bindSearch((q, typing) => {
      // Typing: the first change is a history entry, the next ones update it; a commit ends the run.
      const history = !typing && q === this.filter.q ? 'none' : this.typing ? 'replace' : 'push';
      this.typing = typing;
      if (history !== 'none') this.applyFilter(edit.withField(this.filter, 'q', q), history);
    });
    filterBar.bindRegex((regex, q) => this.applyFilter({ ...edit.withField(this.filter, 'q', q), regex }));
    filterBar.bindLevel(set('level'));
    filterBar.bindLoggerInput((key, text) => {
      const list = parsePrefixes(text);
      if (list.join(',') !== this.filter[key].join(',')) set(key)(list);
    });
    filterBar.bindLevelToggle((level) => this.applyFilter(edit.toggleLevel(this.filter, level)));
    filterBar.bindChip((kind, value) => this.applyFilter(edit.toggleChip(this.filter, kind, value)));
    tree.bindInclude((path) => this.applyFilter(edit.toggleLoggerPrefix(this.filter, 'loggers', path)));
    tree.bindExclude((path) => this.applyFilter(edit.toggleLoggerPrefix(this.filter, 'exclude', path)));
    tree.bindReset(() => this.applyFilter({ ...edit.copyFilter(this.filter), loggers: [], exclude: [] }));
    tree.bindLayout(() => this.frames.redraw());

    actionBar.bindPause(() => this.setPaused(!this.follow.paused));
    actionBar.bindLatest(() => this.jumpToLatest());
    actionBar.bindClear(() => this.clear());
    actionBar.bindDownload((kind) => this.download(kind));
    actionBar.bindKeys({
      search: () => filterBar.focusSearch(),
      pause: () => this.setPaused(!this.follow.paused),
      latest: () => this.jumpToLatest(),
    });

    logView.bindLayout(() => this.frames.redraw());
    logView.bindFollowChange((following) => {
      this.follow.followChanged(following, this.lastViewKey());
      this.frames.redraw();
    });
    logView.bindJump(() => this.jumpToLatest());
    logView.bindHold((held) => this.setHeld(held));
    logView.bindRowClick({
      copy: (ev) => this.copy(logLine(ev, this.utc)),
      logger: (ev, alt) => this.applyFilter(edit.clickLogger(this.filter, ev.logger, alt)),
      chip: (kind, value) => this.applyFilter(edit.toggleChip(this.filter, kind, value)),
    });

    statusBar.bindReconnect(() => this.conn.reconnectNow());
    this.v.outage.bindReconnect(() => this.conn.reconnectNow());
    statusBar.bindUtc(() => {
      this.utc = !this.utc;
      setPref(PREF.utc, this.utc ? '1' : '0');
      statusBar.setUtc(this.utc);
      this.frames.redraw();
    });
    statusBar.bindMaxRows((text) => {
      const n = clampMaxRows(text);
      setPref(PREF.maxRows, String(n));
      this.store.setMaxRows(n);
      this.frames.redraw();
      return n;
    });
  }

  // ---- frames from the hub ----

  received(events) {
    let live = 0;
    for (const ev of events) if (ev.seq > this.liveAfter) live++;
    const last = events[events.length - 1].seq;
    if (last > this.hubLastSeq) this.hubLastSeq = last;
    if (live) this.rate.add(live);
    this.lastEventAt = Date.now();
    this.frames.enqueue({ t: 'events', v: events });
  }

  apply(items) {
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
        this.follow.rebase(this.store.entries[this.store.entries.length - 1].key);
      }
    }
    flush();
  }

  // ---- the one funnel from state to views ----

  render() {
    const { store, follow } = this;
    const { logView, actionBar, statusBar, filterBar } = this.v;
    if (follow.held) follow.extendHold(store, logView.pageRows() - 1);
    const shown = follow.shownCount(store);
    logView.setRowStyle(this.matcher, this.utc);
    logView.setRows(store.view, shown, (e) => this.indexOf(e));
    const others = this.hubLastSeq - (store.lastSeq || (store.floorSeq ?? 0));
    logView.setEmpty(shown > 0 ? '' : emptyText(store.size, store.view.length, others, this.filter));
    const n = follow.newCount(store.view);
    logView.setJump(n, n > 0 || follow.paused || !logView.following, follow.paused);
    this.v.statusBar.setHeld(follow.held && !follow.paused);
    logView.setPaused(follow.paused);
    actionBar.setPaused(follow.paused);
    actionBar.setFollowing(logView.following && !follow.paused);
    statusBar.setTrimmed(store.trimmed, store.maxRows);
    statusBar.setRowCounts(store.view.length, store.size);
    filterBar.setLevelCounts(store.levelCounts);
    this.tree.render();
  }

  showConnection() {
    this.v.statusBar.setConnection(this.conn.status);
    this.v.outage.setStatus(this.conn.status, this.lastEventAt);
  }

  tick() {
    this.showConnection();
    this.v.statusBar.setRate(this.rate.rate());
  }

  indexOf(entry) {
    const i = this.store.viewIndexOf(entry.key);
    return this.store.view[i] === entry ? i : -1;
  }

  lastViewKey() {
    const v = this.store.view;
    return v.length ? v[v.length - 1].key : -Infinity;
  }

  ensureFilterLoggers() {
    for (const p of [...this.filter.loggers, ...this.filter.exclude]) this.store.tree.ensure(p);
  }

  // ---- filter ----

  /** Applies a filter; `history` 'push' makes it a history entry, 'replace' updates the current one, 'none' (Back, Forward) leaves the address. */
  applyFilter(next, history = 'push') {
    const prev = this.filter;
    this.filter = next;
    if (prev.q !== next.q || prev.regex !== next.regex) this.matcher = compileTextMatcher(next.q, next.regex);
    this.setPredicate();
    const ps = serverFilter(prev);
    const ns = serverFilter(next);
    if (!sameServerFilter(ps, ns)) {
      // Wider: replay the matching history (after a Clear, only what came after it). Narrower: go on.
      const widened = widens(ps, ns);
      // A replay brings old events: they are not live.
      if (widened) this.liveAfter = Math.max(this.liveAfter, this.hubLastSeq);
      this.conn.setFilter(ns, widened ? this.store.floorSeq : this.conn.resumeSeq);
    }
    this.ensureFilterLoggers();
    this.tree.setFilter(next);
    this.v.filterBar.setFilter(next, this.matcher.error, history === 'none');
    if (history !== 'none') this.address.writeFilter(next, history === 'push');
    this.v.filterBar.setAddressProblems(this.address.filterProblems());
    this.frames.redraw();
  }

  /** The store's view follows the whole filter; its level counts follow the filter without its level parts. */
  setPredicate() {
    const levelFree = { ...this.filter, level: 'TRACE', hidden: [] };
    this.store.setPredicate(eventPredicate(this.filter, this.matcher), eventPredicate(levelFree, this.matcher));
  }

  // ---- follow and pause ----

  setPaused(paused) {
    if (paused === this.follow.paused) return;
    if (paused) this.follow.pause(this.lastViewKey());
    else this.follow.resume(this.v.logView.following);
    this.frames.redrawSync(); // at once, so the view is frozen (or live) when the click or key returns
  }

  /** While the user works in the rows they hold still; after, the view follows again if it did. */
  setHeld(held) {
    if (held) {
      this.follow.hold(this.lastViewKey(), this.v.logView.following);
    } else if (this.follow.release()) {
      this.v.logView.jumpToEnd();
    }
    this.frames.redrawSync();
  }

  jumpToLatest() {
    this.setPaused(false);
    this.follow.jumpToLatest();
    this.v.logView.jumpToEnd();
    this.frames.redraw();
  }

  // ---- actions ----

  clear() {
    this.frames.flush();
    this.store.clear();
    this.v.logView.reset();
    this.ensureFilterLoggers();
    this.tree.setTree(this.store.tree);
    this.follow.cleared(this.store.floorKey);
    this.v.logView.jumpToEnd();
    this.frames.redraw();
  }

  download(kind) {
    this.frames.flush();
    const text = exportText(this.store.view, kind, this.utc);
    this.io.saveFile(exportFileName(Date.now(), kind), kind === 'jsonl' ? 'application/x-ndjson' : 'text/plain;charset=utf-8', text);
    const rows = this.store.view.filter((e) => kind !== 'jsonl' || e.kind === 'event').length;
    this.v.statusBar.toast(`Saved ${formatCount(rows)} rows as .${kind}`);
  }

  async copy(text) {
    const ok = await this.io.copyText(text);
    this.v.statusBar.toast(ok ? 'Row copied' : 'Copy failed: select the text and copy it by hand');
  }

  statsUrl() {
    const url = new URL('stats', this.address.baseURI);
    if (this.token) url.searchParams.set('token', this.token);
    return url;
  }
}
