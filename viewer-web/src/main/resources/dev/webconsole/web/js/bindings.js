// Which controller action each view's handler and each frame from the hub runs: the controller's
// bindings, kept apart from its state and logic. No DOM: the views' bindX methods are the only way in.

import { parsePrefixes } from './filter.js';
import { logLine } from './format.js';
import * as edit from './filter-edits.js';
import { leaveContext } from './context-state.js';

/** Binds every view of `page` (a ConsoleController) to its actions. */
export function bindViews(page) {
  bindFilterControls(page);
  bindActions(page);
}

function bindFilterControls(page) {
  const { filterBar } = page.v;
  const tree = page.tree;
  const set = (key) => (value) => page.applyFilter(edit.withField(page.filter, key, value));
  filterBar.bindSearch((q, typing) => {
    // Typing: the first change is a history entry, the next ones update it; a commit ends the run.
    const history = !typing && q === page.filter.q ? 'none' : page.typing ? 'replace' : 'push';
    page.typing = typing;
    if (history !== 'none') page.applyFilter(edit.withField(page.filter, 'q', q), history);
  });
  filterBar.bindRegex((regex, q) => page.applyFilter({ ...edit.withField(page.filter, 'q', q), regex }));
  filterBar.bindLevel(set('level'));
  filterBar.bindLoggerInput((key, text) => {
    const list = parsePrefixes(text);
    if (list.join(',') !== page.filter[key].join(',')) set(key)(list);
  });
  filterBar.bindLevelToggle((level, severity) => page.applyFilter(edit.toggleLevel(page.filter, level, severity)));
  filterBar.bindChip((kind, value) => page.applyFilter(kind === 'source' ? edit.toggleSource(page.filter, value)
    : edit.toggleChip(page.filter, kind, value)));
  filterBar.bindLeave(() => page.v.logView.focus());
  tree.bindInclude((path) => page.applyFilter(edit.toggleLoggerPrefix(page.filter, 'loggers', path)));
  tree.bindExclude((path) => page.applyFilter(edit.toggleLoggerPrefix(page.filter, 'exclude', path)));
  tree.bindShowOnly((path, alt) => page.applyFilter(edit.clickLogger(page.filter, path, alt)));
  tree.bindReset(() => page.applyFilter({ ...edit.copyFilter(page.filter), loggers: [], exclude: [] }));
  tree.bindLayout(() => page.frames.redraw());
  page.v.sources.bindToggle((name) => page.applyFilter(edit.toggleSource(page.filter, name)));
}

function bindActions(page) {
  const { filterBar, actionBar, logView, statusBar } = page.v;
  actionBar.bindPause(() => page.setPaused(!page.follow.paused));
  actionBar.bindLatest(() => page.jumpToLatest());
  actionBar.bindClear(() => page.clear());
  actionBar.bindDownload((kind) => page.download(kind));
  actionBar.bindKeys({
    search: () => filterBar.focusSearch(),
    pause: () => page.setPaused(!page.follow.paused),
    latest: () => page.jumpToLatest(),
  });

  logView.bindLayout(() => page.frames.redraw());
  logView.bindFollowChange((following) => {
    page.follow.followChanged(following, page.lastViewKey());
    page.frames.redraw();
  });
  logView.bindJump(() => page.jumpToLatest());
  logView.bindHold((held) => page.setHeld(held));
  logView.bindRowClick({
    copy: (ev) => page.copy(logLine(ev, page.utc)),
    context: (entry) => page.showInContext(entry),
    logger: (ev, alt) => page.applyFilter(edit.clickLogger(page.filter, ev.logger, alt)),
    chip: (kind, value) => page.applyFilter(edit.toggleChip(page.filter, kind, value)),
  });
  const { detail } = page.v;
  if (detail) {
    logView.bindOpen((entry) => {
      const ev = entry.event;
      detail.open(ev, {
        utc: page.utc,
        onClose: () => {
          logView.showDetailOf(null);
          if (!logView.focusRow(ev.seq)) logView.focus();
        },
      });
      logView.showDetailOf(entry, (rect) => detail.coverBelow(rect));
    });
  }

  page.v.contextBanner.bindBack(() => leaveContext(page));
  page.v.errors.bindPick((key) => {
    if (!page.errors.pick(key)) return;
    page.setPredicate();
    page.frames.redraw();
  });
  statusBar.bindReconnect(() => page.conn.reconnectNow());
  page.v.outage.bindReconnect(() => page.conn.reconnectNow());
  statusBar.bindUtc(() => page.toggleUtc());
  statusBar.bindMaxRows((text) => page.setMaxRows(text));
}

/** What the page does with each kind of frame from the hub (the Connection's `on`). */
export function connectionHandlers(page) {
  return {
    events: (events) => {
      page.progress.received(events);
      page.v.sources.count(events);
      page.v.errors.newErrors(page.errors.add(events));
      page.frames.enqueue({ t: 'events', v: events });
    },
    gap: (gap) => page.frames.enqueue({ t: 'gap', v: gap }),
    restart: (hello) => {
      page.errors.restart();
      page.frames.enqueue({ t: 'restart', v: hello });
    },
    serverError: (text) => {
      page.v.statusBar.setServerError(text);
      page.boosts.showError(text);
    },
    status: () => page.showConnection(),
    hello: (hello) => {
      page.progress.hello(hello.lastSeq);
      page.stats.poll();
      page.boosts.setHello(hello);
      page.conn.send({ type: 'loggers' });
    },
    loggers: (frame) => page.setHubLoggers(frame.loggers),
    levels: (frame) => page.boosts.setLevels(frame),
    sources: (frame) => {
      page.v.sources.setSources(frame);
      page.boosts.setSources(frame);
    },
  };
}
