// The tab's remembered choices in localStorage. Storage may be disabled: a choice then lasts for
// this page only.

export const PREF = Object.freeze({ theme: 'webconsole.theme', utc: 'webconsole.utc', maxRows: 'webconsole.maxRows', tree: 'webconsole.tree', columns: 'webconsole.columns' });

export function pref(key, fallback = null) {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

export function setPref(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
