// The filter controls: search box and regex toggle, level threshold, logger include/exclude
// inputs, the level strip with its counts, the context/marker chips and the search error.
// It owns these elements only; the controller binds handlers and sets the filter to show.

import { LEVELS, levelRank } from './filter.js';
import { compactCount, formatCount, showControls } from './format.js';

const SEARCH_DEBOUNCE_MS = 120;

export class FilterBar {
  constructor(doc = document) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.search = $('search');
    this.regex = $('regex');
    this.level = $('level');
    this.loggerInputs = { loggers: $('logger-include'), exclude: $('logger-exclude') };
    this.levels = $('levels');
    this.chips = $('active-filters');
    this.error = $('search-error');
    this.addressError = $('url-error');
    this.shown = { q: '', loggers: [], exclude: [] };
    this.buildLevelStrip();
  }

  buildLevelStrip() {
    for (const level of LEVELS) {
      const b = this.doc.createElement('button');
      b.type = 'button';
      b.className = 'level-toggle lvl-' + level.toLowerCase();
      b.dataset.level = level;
      const name = this.doc.createElement('span');
      name.className = 'name';
      name.textContent = level;
      const count = this.doc.createElement('span');
      count.className = 'count';
      count.textContent = '0';
      b.append(name, count);
      this.levels.append(b);
    }
  }

  /**
   * handler(q, typing): the search text changed. `typing` true: debounced while the user types;
   * false: committed (Enter, Escape, leaving the box), also when the text did not change since.
   */
  bindSearch(handler) {
    const search = this.search;
    let timer = null;
    const typed = () => {
      if (search.value !== this.shown.q) handler(search.value, true);
    };
    const commit = () => {
      clearTimeout(timer);
      handler(search.value, false);
    };
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(typed, SEARCH_DEBOUNCE_MS);
    });
    search.addEventListener('change', commit);
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commit();
      if (e.key === 'Escape') {
        commit();
        search.blur();
      }
    });
  }

  /** handler(regex, q): the regex toggle changed. */
  bindRegex(handler) {
    this.regex.addEventListener('change', () => handler(this.regex.checked, this.search.value));
  }

  /** handler(level): the threshold select changed. */
  bindLevel(handler) {
    this.level.addEventListener('change', () => handler(this.level.value));
  }

  /** handler(key, text): an include ('loggers') or exclude ('exclude') input was committed. */
  bindLoggerInput(handler) {
    for (const [key, input] of Object.entries(this.loggerInputs)) {
      const commit = () => {
        handler(key, input.value);
        input.value = this.shown[key].join(', ');
      };
      input.addEventListener('change', commit);
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          input.value = this.shown[key].join(', ');
          input.blur();
        }
      });
    }
  }

  /** handler(level): a level of the strip was clicked. */
  bindLevelToggle(handler) {
    this.levels.addEventListener('click', (e) => {
      const b = e.target.closest('.level-toggle');
      if (b) handler(b.dataset.level);
    });
  }

  /** handler(kind, value): a chip of the active filters was clicked (to remove it). */
  bindChip(handler) {
    this.chips.addEventListener('click', (e) => {
      const c = e.target.closest('.filter-chip');
      if (c) handler(c.dataset.kind, c.dataset.value);
    });
  }

  /** Problems with the filter in the address (see urlstate.filterProblems); an empty list hides them. */
  setAddressProblems(problems) {
    this.addressError.textContent = problems.length ? showControls(`The address's filter: ${problems.join(' ')}`) : '';
    this.addressError.hidden = problems.length === 0;
  }

  focusSearch() {
    this.search.focus();
    this.search.select();
  }

  /**
   * Shows a filter; `searchError` is the regex compiler's message or null. Focused inputs keep what
   * is typed, unless `all` (Back or Forward brought another filter).
   */
  setFilter(f, searchError, all = false) {
    this.shown = { q: f.q, loggers: [...f.loggers], exclude: [...f.exclude] };
    const active = all ? null : this.doc.activeElement;
    if (active !== this.search) this.search.value = f.q;
    this.regex.checked = f.regex;
    this.level.value = f.level;
    for (const [key, input] of Object.entries(this.loggerInputs)) {
      if (active !== input) input.value = f[key].join(', ');
    }

    const message = searchError ? `Invalid regular expression: ${searchError.replace(/^Invalid regular expression: /, '')}` : '';
    this.error.textContent = showControls(message);
    this.error.hidden = !message;
    this.search.setAttribute('aria-invalid', String(Boolean(message)));
    this.search.classList.toggle('invalid', Boolean(message));

    for (const b of this.levels.children) {
      const level = b.dataset.level;
      const below = levelRank(level) < levelRank(f.level);
      b.setAttribute('aria-pressed', String(!below && !f.hidden.includes(level)));
      b.classList.toggle('below', below);
    }
    this.setChips(f);
  }

  setChips(f) {
    const chips = this.chips;
    chips.replaceChildren();
    const addChip = (kind, value) => {
      const c = this.doc.createElement('button');
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

  /** Per-level event counts (Map level -> n). */
  setLevelCounts(counts) {
    for (const b of this.levels.children) {
      const n = counts.get(b.dataset.level) ?? 0;
      const text = compactCount(n);
      const c = b.lastChild;
      if (c.textContent !== text) {
        c.textContent = text;
        b.title = `${formatCount(n)} ${b.dataset.level} events held`;
      }
    }
  }
}
