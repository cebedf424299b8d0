// A read-only view of the page's state for browser tests, as window.webconsole:
//   rows()         seqs of the events that pass the current filter, in order
//   renderedRows() seqs of the event rows now in the DOM, in order
//   gaps()         [{from, to, reason}] gap rows that are held, in order
//   lastSeq()      highest seq held in the current hub epoch (0 when none)
//   filter()       copy of the current filter {loggers, exclude, level, hidden, q, regex, ctx, markers, sources}
//   state()        {connection, code, reason, following, paused, holding, newCount, trimmed, unkept, held,
//                   maxRows, searchError, rate, resumeSeq, epoch, pending, attempt, retryInMs}
//                  attempt: failed connects in a row; retryInMs: ms until the next reconnect attempt, or null when none is scheduled
//   idle()         true when no received frame waits to be applied to the page

export function testHook(page) {
  return Object.freeze({
    rows: () => page.store.viewSeqs(),
    renderedRows: () => page.v.logView.renderedEntries().filter((e) => e.kind === 'event').map((e) => e.seq),
    gaps: () => page.store.view.filter((e) => e.kind === 'gap').map((e) => ({ ...e.gap })),
    lastSeq: () => page.store.lastSeq,
    filter: () => JSON.parse(JSON.stringify(page.filter)),
    idle: () => page.frames.idle,
    state: () => ({
      connection: page.conn.status.state,
      code: page.conn.status.code,
      reason: page.conn.status.reason,
      following: page.v.logView.following,
      paused: page.follow.paused,
      holding: page.follow.held,
      newCount: page.follow.newCount(page.store.view),
      trimmed: page.store.trimmed,
      unkept: page.store.unkept,
      held: page.store.size,
      maxRows: page.store.maxRows,
      searchError: page.matcher.error,
      rate: page.progress.rate(),
      resumeSeq: page.conn.resumeSeq,
      epoch: page.store.epoch,
      pending: page.frames.pending.length,
      attempt: page.conn.status.attempt,
      retryInMs: page.conn.status.state === 'reconnecting' && page.conn.status.retryAt ? page.conn.status.retryAt - Date.now() : null,
    }),
  });
}
