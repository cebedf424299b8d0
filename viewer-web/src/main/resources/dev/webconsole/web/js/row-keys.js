// Keys in the log (the grid has the focus): ↑ ↓, Page Up/Down, Home and End move the current row
// and scroll it into view; Enter opens it (as a click does), → and ← expand and collapse it in place
// (as its ▸ does). Moving up or by a page stops following, as a click in the rows does; End also
// jumps to the latest (the page's own End key, action-bar.js).

/** Binds the keys of `view` (a LogView) on its scroller. */
export function bindRowKeys(view) {
  view.scroller.addEventListener('keydown', (e) => {
    if (e.target !== view.scroller || e.ctrlKey || e.metaKey || e.altKey) return;
    const by = step(e.key, view.list.fullPageRows());
    if (by !== null) {
      e.preventDefault();
      view.moveCurrent(by);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      view.openCurrent();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      view.expandCurrent(e.key === 'ArrowRight');
    }
  }, true); // capture: before the list's own key handling, which stops following on ArrowUp
}

/** How far a key moves the current row (±Infinity: to the first or last), or null for other keys. */
export function step(key, page) {
  switch (key) {
    case 'ArrowDown': return 1;
    case 'ArrowUp': return -1;
    case 'PageDown': return page;
    case 'PageUp': return -page;
    case 'Home': return -Infinity;
    case 'End': return Infinity;
    default: return null;
  }
}
