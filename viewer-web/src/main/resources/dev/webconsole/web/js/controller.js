// The page's logic: it keeps the filter, the store, the follow state and the connection, turns
// what the views report into changes, and one funnel (render) turns state into the views.
// It never touches the DOM; the views (filter-bar, action-bar, log-view, tree-panel, status-bar, sources)
// and the address are passed in.

import { compileTextMatcher, eventPredicate, serverFilter, sameServerFilter, widens } from './filter.js';
import { socketUrl, isLoopbackHost, emptyFilter } from './urlstate.js';
import { RowStore, clampMaxRows, DEFAULT_MAX_ROWS } from './store.js';
import { formatCount, exportText, exportFileName, emptyText } from './format.js';
import { Connection, LOOPBACK_MAX_DELAY_MS, REMOTE_MAX_DELAY_MS } from './connection.js';
import { FollowState } from './follow.js';
import { FrameLoop } from './frame-loop.js';
import { StatsPoller, HubProgress, statParts } from './hub-stats.js';
import { PREF, pref, setPref } from './prefs.js';
import { bindViews, connectionHandlers } from './bindings.js';
import { showContextState, revealAround } from './context-state.js';
import { ErrorGroups } from './error-groups.js';

export class ConsoleController {
  /**
   * @param o.views  { filterBar, actionBar, logView, statusBar, outage, sources, contextBanner, errors }
   * @param o.address  Address
   * @param o.createSocket  (url) => WebSocket
   * @param o.io  { saveFile(name, type, text), copyText(text) => Promise<boolean> }
   * @param o.createTreePanel  (loggerTree) => TreePanel
   * @param o.createBoostPanel  (send: (message) => boolean) => BoostPanel
   */
  constructor({ views, address, createSocket, io, createTreePanel, createBoostPanel }) {
    this.v = views;
    this.address = address;
    this.io = io;
    this.token = address.takeToken();
    this.filter = address.readFilter();
    this.matcher = compileTextMatcher(this.filter.q, this.filter.regex);
    this.utc = pref(PREF.utc) === '1';
    this.store = new RowStore({ maxRows: clampMaxRows(pref(PREF.maxRows, String(DEFAULT_MAX_ROWS))) });
    this.errors = new ErrorGroups();
    this.setPredicate();
    /** Every logger the hub has seen (its `loggers` catalogue): the tree shows them all. */
    this.hubLoggers = [];
    this.ensureFilterLoggers();
    this.progress = new HubProgress();
    /** A search is being typed: its first change made a history entry, the next ones replace it. */
    this.typing = false;
    this.follow = new FollowState();
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
      on: connectionHandlers(this),
    });
    this.boosts = createBoostPanel((m) => this.conn.send(m));
    this.stats = new StatsPoller({
      url: () => this.statsUrl(),
      connected: () => this.conn.status.state === 'connected',
      show: (stats) => {
        this.v.statusBar.setHubStats(statParts(stats), stats);
        this.progress.stats(stats);
        this.frames.redraw();
      },
    });
    bindViews(this);
  }

  /** Shows the first state, connects and starts the clock. */
  start() {
    this.v.filterBar.setFilter(this.filter, this.matcher.error);
    this.v.filterBar.setAddressProblems(this.address.filterProblems());
    this.address.bindHistory((filter) => {
      this.applyFilter(filter, 'none');
      showContextState(this);
    });
    showContextState(this);
    this.v.statusBar.setUtc(this.utc);
    this.v.statusBar.setMaxRows(this.store.maxRows);
    this.showConnection();
    this.address.writeFilter(this.filter);
    this.v.sources.setSelected(this.filter.sources);
    this.boosts.preferSources(this.filter.sources);
    setInterval(() => this.tick(), 500);
    this.conn.start();
    this.frames.redraw();
  }

  // ---- frames from the hub ----

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
    if (this.pendingAround) revealAround(this); // a row the address shows in context, once it came
    if (follow.held) follow.extendHold(store, logView.pageRows() - 1);
    const shown = follow.shownCount(store);
    logView.setRowStyle(this.matcher, this.utc);
    logView.setRows(store.view, shown, (e) => this.indexOf(e));
    const others = this.progress.othersAfter(store.lastSeq || (store.floorSeq ?? 0));
    logView.setEmpty(shown > 0 ? '' : emptyText(store.size, store.view.length, others, this.filter));
    const n = follow.newCount(store.view);
    logView.setJump(n, n > 0 || follow.paused || !logView.following, follow.paused);
    this.v.statusBar.setHeld(follow.held && !follow.paused);
    statusBar.setPaused(follow.paused);
    logView.setPaused(follow.paused);
    actionBar.setPaused(follow.paused);
    actionBar.setFollowing(logView.following && !follow.paused);
    statusBar.setTrimmed(store.trimmed, store.maxRows);
    statusBar.setUnkept(store.unkept, follow.paused);
    statusBar.setRowCounts(store.view.length, store.size);
    filterBar.setLevelCounts(store.levelCounts, store.customLevels);
    this.v.errors.setGroups(this.errors, this.utc);
    this.tree.render();
  }

  showConnection() {
    this.v.statusBar.setConnection(this.conn.status);
    this.v.outage.setStatus(this.conn.status, this.progress.lastEventAt);
    this.v.sources.setLive(this.conn.status.state === 'connected');
  }

  tick() {
    this.v.sources.tick();
    this.showConnection();
    this.v.statusBar.setRate(this.progress.rate());
  }

  indexOf(entry) {
    const i = this.store.viewIndexOf(entry.key);
    return this.store.view[i] === entry ? i : -1;
  }

  lastViewKey() {
    const v = this.store.view;
    return v.length ? v[v.length - 1].key : -Infinity;
  }

  /** The tree has a node for every prefix the filter names and every logger the hub has seen. */
  ensureFilterLoggers() {
    for (const p of [...this.filter.loggers, ...this.filter.exclude, ...this.hubLoggers]) this.store.tree.ensure(p);
  }

  /** The hub's logger catalogue, {name: {LEVEL: count}}: the tree dims the loggers the filter hides. */
  setHubLoggers(loggers) {
    this.hubLoggers = loggers && typeof loggers === 'object' ? Object.keys(loggers) : [];
    this.ensureFilterLoggers();
    this.frames.redraw();
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
      if (widened) this.progress.replayAsked();
      this.conn.setFilter(ns, widened ? this.store.replaySince : this.conn.resumeSeq);
    }
    this.ensureFilterLoggers();
    this.tree.setFilter(next);
    this.v.sources.setSelected(next.sources);
    this.boosts.preferSources(next.sources);
    this.v.filterBar.setFilter(next, this.matcher.error, history === 'none');
    if (history !== 'none') this.address.writeFilter(next, history === 'push');
    if (history !== 'none') this.v.contextBanner.hide(); // a new filter ends the context view
    this.v.filterBar.setAddressProblems(this.address.filterProblems());
    this.frames.redraw();
  }

  /** The store's view follows the whole filter (and error group); its level counts follow them without the level parts. */
  setPredicate() {
    const levelFree = { ...this.filter, level: 'ALL', hidden: [] };
    const { errors } = this;
    this.store.setPredicate(errors.within(eventPredicate(this.filter, this.matcher)), errors.within(eventPredicate(levelFree, this.matcher)));
  }

  // ---- follow and pause ----

  setPaused(paused) {
    if (paused === this.follow.paused) return;
    if (paused) this.follow.pause(this.lastViewKey());
    else this.follow.resume(this.v.logView.following);
    this.freezeStore();
    this.frames.redrawSync(); // at once, so the view is frozen (or live) when the click or key returns
  }

  /** While the user works in the rows they hold still; after, the view follows again if it did. */
  setHeld(held) {
    if (held) {
      this.follow.hold(this.lastViewKey(), this.v.logView.following);
    } else if (this.follow.release()) {
      this.v.logView.jumpToEnd();
    }
    this.freezeStore();
    this.frames.redrawSync();
  }

  /**
   * The store keeps what the user sees while paused or held; when that ends, the events it could
   * not keep are asked from the hub's history again (what is gone from it comes as a gap row).
   */
  freezeStore() {
    this.frames.flush();
    const since = this.store.setFrozen(this.follow.freezeKey !== null);
    if (since !== null) {
      this.conn.refetchFrom(since);
      this.v.statusBar.toast('Fetching the events that were not kept again from the hub');
    }
  }

  /** The unfiltered stream around a row, as a history entry (Back returns to the filtered view). */
  showInContext(entry) {
    this.setPaused(false);
    this.address.showAround(emptyFilter(), entry.seq);
    this.applyFilter(emptyFilter(), 'none');
    this.v.contextBanner.show(entry.seq, true);
    // What the replay brings is not new: only what the hub numbers from now on is.
    this.follow.followChanged(false, Math.max(this.lastViewKey(), this.store.keyOf(this.progress.lastSeq)));
    this.v.logView.showInContext(entry);
    this.frames.redraw();
  }

  jumpToLatest() {
    this.setPaused(false);
    this.follow.jumpToLatest();
    this.freezeStore();
    this.v.logView.jumpToEnd();
    this.frames.redraw();
  }

  // ---- actions ----

  toggleUtc() {
    this.utc = !this.utc;
    setPref(PREF.utc, this.utc ? '1' : '0');
    this.v.statusBar.setUtc(this.utc);
    this.frames.redraw();
  }

  /** Applies a row bound typed by the user; returns the bound applied (clamped). */
  setMaxRows(text) {
    const n = clampMaxRows(text);
    setPref(PREF.maxRows, String(n));
    this.store.setMaxRows(n);
    this.frames.redraw();
    return n;
  }

  clear() {
    this.frames.flush();
    this.store.clear();
    this.errors.clear(this.store.floorKey);
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
