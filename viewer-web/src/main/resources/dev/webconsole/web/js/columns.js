// The log's column choices with no DOM: which columns are hidden, the widths the user gave them and
// whether long messages wrap. Kept in localStorage as one JSON value; what cannot be read is left
// at its default, so a bad stored value never breaks the page.

/** The columns a user can hide and resize, in row order. The message always takes the rest. */
export const COLUMNS = Object.freeze([
  { key: 'time', label: 'Time' },
  { key: 'level', label: 'Level' },
  { key: 'src', label: 'Source' },
  { key: 'logger', label: 'Logger' },
  { key: 'thread', label: 'Thread' },
]);

/** Narrowest and widest a column may be made (px). */
export const MIN_WIDTH = 24;
export const MAX_WIDTH = 800;

const KEYS = new Set(COLUMNS.map((c) => c.key));

/** The defaults: every column shown at its stylesheet width, no wrapping. */
export function defaultLayout() {
  return { hidden: [], widths: {}, wrap: false };
}

/** A width in px within the bounds, or null for "the default" (not a finite number). */
export function clampWidth(px) {
  const n = Math.round(Number(px));
  if (!Number.isFinite(n) || px === null || px === '') return null;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, n));
}

/** The layout in a stored text; unknown columns, bad widths and bad JSON are dropped. */
export function parseLayout(text) {
  const layout = defaultLayout();
  if (typeof text !== 'string' || text === '') return layout;
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    return layout;
  }
  if (!raw || typeof raw !== 'object') return layout;
  if (Array.isArray(raw.hidden)) layout.hidden = COLUMNS.map((c) => c.key).filter((k) => raw.hidden.includes(k));
  if (raw.widths && typeof raw.widths === 'object') {
    for (const [key, px] of Object.entries(raw.widths)) {
      const w = clampWidth(px);
      if (KEYS.has(key) && w !== null) layout.widths[key] = w;
    }
  }
  layout.wrap = raw.wrap === true;
  return layout;
}

/** The text to store for a layout. */
export function formatLayout(layout) {
  return JSON.stringify({ hidden: layout.hidden, widths: layout.widths, wrap: layout.wrap });
}

/** A copy of `layout` with `key` hidden (true) or shown (false). */
export function withHidden(layout, key, hidden) {
  if (!KEYS.has(key)) return layout;
  const set = new Set(layout.hidden);
  if (hidden) set.add(key);
  else set.delete(key);
  return { ...layout, hidden: COLUMNS.map((c) => c.key).filter((k) => set.has(k)) };
}

/** A copy of `layout` with `key` at `px` wide (clamped), or back at its default when px is null. */
export function withWidth(layout, key, px) {
  if (!KEYS.has(key)) return layout;
  const widths = { ...layout.widths };
  const w = clampWidth(px);
  if (w === null) delete widths[key];
  else widths[key] = w;
  return { ...layout, widths };
}
