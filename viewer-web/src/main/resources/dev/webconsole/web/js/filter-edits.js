// What each filter control does to a filter, with no DOM. Each function returns a new filter.

import { belowThreshold, orderHidden, thresholdFor } from './filter.js';

export function copyFilter(f) {
  return {
    ...f, loggers: [...f.loggers], exclude: [...f.exclude], hidden: [...f.hidden], ctx: [...f.ctx], markers: [...f.markers],
    sources: [...(f.sources ?? [])],
  };
}

/**
 * A click on a level of the strip (`severity`: a custom level's weight): shows or hides it; a level
 * below the threshold lowers the threshold to the most severe one that lets it through.
 */
export function toggleLevel(filter, level, severity = undefined) {
  const f = copyFilter(filter);
  if (belowThreshold(level, severity, f.level)) {
    f.level = thresholdFor(level, severity);
    f.hidden = f.hidden.filter((h) => h !== level);
  } else if (f.hidden.includes(level)) {
    f.hidden = f.hidden.filter((h) => h !== level);
  } else {
    f.hidden = orderHidden([...f.hidden, level]);
  }
  return f;
}

/** The tree's + (which 'loggers') or − (which 'exclude') on a branch: toggles it, and takes it off the other list. */
export function toggleLoggerPrefix(filter, which, path) {
  const f = copyFilter(filter);
  const other = which === 'loggers' ? 'exclude' : 'loggers';
  if (f[which].includes(path)) {
    f[which] = f[which].filter((p) => p !== path);
  } else {
    f[which] = [...f[which], path];
    f[other] = f[other].filter((p) => p !== path);
  }
  return f;
}

/** A click on a row's logger: show only it; with Alt, hide it. */
export function clickLogger(filter, logger, alt) {
  const f = copyFilter(filter);
  if (alt) {
    f.exclude = f.exclude.includes(logger) ? f.exclude : [...f.exclude, logger];
    f.loggers = f.loggers.filter((p) => p !== logger);
  } else {
    f.loggers = [logger];
    f.exclude = f.exclude.filter((p) => !logger.startsWith(p));
  }
  return f;
}

/** A context (kind 'ctx', value "k=v") or marker chip: adds or removes it. */
export function toggleChip(filter, kind, value) {
  const f = copyFilter(filter);
  const key = kind === 'marker' ? 'markers' : 'ctx';
  f[key] = f[key].includes(value) ? f[key].filter((v) => v !== value) : [...f[key], value];
  return f;
}

/** A click on a source in the legend: adds it to the chosen sources or takes it out (none chosen: all). */
export function toggleSource(filter, name) {
  const f = copyFilter(filter);
  f.sources = f.sources.includes(name) ? f.sources.filter((s) => s !== name) : [...f.sources, name];
  return f;
}

/** Sets one field (q, regex, level, loggers, exclude) and returns the new filter. */
export function withField(filter, key, value) {
  const f = copyFilter(filter);
  f[key] = value;
  return f;
}
