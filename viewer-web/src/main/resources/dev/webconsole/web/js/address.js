// The address bar: the filter lives in the page's query string (see urlstate.js), and a ?token=…
// is moved out of it into sessionStorage at once, so it is never shown or shared.

import { parseFilter, pageSearch, takeToken, filterProblems } from './urlstate.js';

const TOKEN_KEY = 'webconsole.token';
/** The address's key for "the log shows this event (seq) in context". */
const AROUND = 'around';

export class Address {
  constructor(loc = location, hist = history) {
    this.location = loc;
    this.history = hist;
  }

  /** The page's base URI, against which `ws` and `stats` resolve. */
  get baseURI() {
    return document.baseURI;
  }

  /** Moves ?token=… from the address bar into sessionStorage; returns the tab's token or null. */
  takeToken() {
    const { token, search } = takeToken(this.location.search);
    if (token) {
      try {
        sessionStorage.setItem(TOKEN_KEY, token);
      } catch {
        // kept in memory only
      }
      this.history.replaceState(this.history.state, '', this.location.pathname + search + this.location.hash);
      return token;
    }
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  /** The filter the address holds. */
  readFilter() {
    return parseFilter(this.location.search);
  }

  /** What the address's filter could not use (bad parameters, each named with its fix). */
  filterProblems() {
    return filterProblems(this.location.search);
  }

  /**
   * Writes the filter into the address, keeping other query keys: as a new history entry when
   * `push` (a filter was applied, so Back undoes it), else in place (typing, the first load).
   */
  writeFilter(filter, push = false) {
    const l = this.location;
    const url = l.pathname + withAround(pageSearch(l.search, filter), null) + l.hash;
    if (url === l.pathname + l.search + l.hash) return;
    if (push) this.history.pushState(null, '', url);
    else this.history.replaceState(this.history.state, '', url);
  }

  /** The seq of the event the address shows in context, or null. */
  readAround() {
    const v = new URLSearchParams(this.location.search).get(AROUND);
    return v !== null && /^\d+$/.test(v) ? Number(v) : null;
  }

  /** A new history entry: `filter` around event `seq`, so that Back returns to the view before. */
  showAround(filter, seq) {
    const l = this.location;
    this.history.pushState({ context: true }, '', l.pathname + withAround(pageSearch(l.search, filter), seq) + l.hash);
  }

  /** Whether the entry before this one is the view that "show in context" left. */
  get cameFromFilteredView() {
    return Boolean(this.history.state && this.history.state.context);
  }

  back() {
    this.history.back();
  }

  /** handler(filter): Back or Forward brought another filter into the address. */
  bindHistory(handler) {
    window.addEventListener('popstate', () => handler(this.readFilter()));
  }
}

/** A query string ("?..." or "") with `around` set to seq, or removed when seq is null. */
function withAround(search, seq) {
  const p = new URLSearchParams(search);
  p.delete(AROUND);
  if (seq !== null) p.set(AROUND, String(seq));
  const s = p.toString();
  return s ? '?' + s : '';
}
