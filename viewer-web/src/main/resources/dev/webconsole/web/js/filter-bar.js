// The filter controls: search box and regex toggle, level threshold, logger include/exclude
// inputs, the level strip with its counts, the source/context/marker chips and the search error.
// It owns these elements only; the controller binds handlers and sets the filter to show.

import { belowThreshold, stripLevels } from './filter.js';
import { compactCount, formatCount, levelClass, showControls } from './format.js';

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
    this.shownFilter = null;
    /** Custom levels with a chip (name -> weight or null). */
    this.customLevels = new Map();
    this.onLeave = () => {};
    this.buildLevelStrip();
  }

  /** One chip per level, least severe first; custom levels (from the log) sit among them by weight. */
  buildLevelStrip() {
    const chips = new Map([...this.levels.children].map((b) => [b.dataset.level, b]));
    const order = stripLevels(this.customLevels).map((level) => chips.get(level) ?? this.levelChip(level));
    this.levels.replaceChildren(...order);
    if (this.shownFilter) this.setLevelStates(this.shownFilter);
  }

  levelChip(level) {
    const b = this.doc.createElement('button');
    b.type = 'button';
    b.className = 'level-toggle ' + levelClass(level);
    b.dataset.level = level;
    const weight = this.customLevels.get(level);
    if (weight !== undefined && weight !== null) b.dataset.severity = String(weight);
    const name = this.doc.createElement('span');
    name.className = 'name';
    name.textContent = showControls(level);
    const count = this.doc.createElement('span');
    count.className = 'count';
    count.textContent = '0';
    b.append(name, count);
    return b;
  }

  /**
   * handler(q, typing): the search text changed. `typing` true: debounced while the user types;
   * false: committed (Enter, Escape, leaving the box), also when the text did not change since.
   * Esc clears the box and keeps the focus in it; Esc in the empty box leaves it (bindLeave).
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
        e.preventDefault(); // the browser's own clearing of a search field would come as typing
        const leave = search.value === '';
        search.value = '';
        commit();
        if (leave) this.onLeave();
      }
    });
  }

  /** handler(): Esc in an empty search box or an unchanged logger field: the focus is to go on (to the log). */
  bindLeave(handler) {
    this.onLeave = handler;
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
          // Esc puts back what is applied; in a field that shows it already, the focus goes on.
          const applied = this.shown[key].join(', ');
          if (input.value === applied) this.onLeave();
          else input.value = applied;
        }
      });
    }
  }

  /** handler(level, severity): a level of the strip was clicked; `severity` is a custom level's weight. */
  bindLevelToggle(handler) {
    this.levels.addEventListener('click', (e) => {
      const b = e.target.closest('.level-toggle');
      if (b) handler(b.dataset.level, b.dataset.severity === undefined ? undefined : Number(b.dataset.severity));
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

    this.shownFilter = f;
    this.setLevelStates(f);
    this.setChips(f);
  }

  setLevelStates(f) {
    for (const b of this.levels.children) {
      const level = b.dataset.level;
      const below = belowThreshold(level, this.customLevels.get(level) ?? undefined, f.level);
      b.setAttribute('aria-pressed', String(!below && !f.hidden.includes(level)));
      b.classList.toggle('below', below);
    }
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
      c.textContent = showControls((kind === 'ctx' ? '' : kind + ':') + value + ' \u00d7');
      chips.append(c);
    };
    for (const s of f.sources ?? []) addChip('source', s);
    for (const c of f.ctx) addChip('ctx', c);
    for (const m of f.markers) addChip('marker', m);
    chips.hidden = !chips.childElementCount;
  }

  /** Per-level event counts (Map level -> n) and the custom levels seen (Map level -> weight or null). */
  setLevelCounts(counts, customLevels = new Map()) {
    if (customLevels.size !== this.customLevels.size) {
      this.customLevels = new Map(customLevels);
      this.buildLevelStrip();
    }
    for (const b of this.levels.children) {
      const n = counts.get(b.dataset.level) ?? 0;
      const text = compactCount(n);
      const c = b.lastChild;
      if (c.textContent !== text) {
        c.textContent = text;
        b.title = showControls(`${formatCount(n)} ${b.dataset.level} events held`);
      }
    }
  }
}
