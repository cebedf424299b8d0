import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hashColor, PALETTE, SourceColors, SourceRates } from '../../main/resources/dev/webconsole/web/js/sources.js';

test('the first eight sources get eight colours, in the order the hub lists them, and keep them', () => {
  const colors = new SourceColors();
  colors.learn(['orders', 'billing', 'search']);
  assert.deepEqual(['orders', 'billing', 'search'].map((n) => colors.of(n)), [0, 1, 2]);
  colors.learn(['orders', 'billing', 'search', 'auth']); // the hub's next list: one more
  assert.equal(colors.of('auth'), 3);
  assert.equal(colors.className('billing'), 'src-1');
  for (const name of ['cart', 'mail', 'ünïcode', '']) colors.of(name); // a row's source the legend has not listed yet
  assert.deepEqual(new Set(['orders', 'billing', 'search', 'auth', 'cart', 'mail', 'ünïcode', ''].map((n) => colors.of(n))),
    new Set([0, 1, 2, 3, 4, 5, 6, 7]), 'eight sources, eight colours');
  colors.learn(['search', 'orders']); // a restarted hub may list them in another order: a tab keeps its colours
  assert.equal(colors.of('search'), 2);
  const ninth = colors.of('ninth');
  assert.equal(ninth, hashColor('ninth'), 'past eight, the name picks the colour');
  assert.ok(Number.isInteger(ninth) && ninth >= 0 && ninth < PALETTE);
  assert.equal(colors.assigned.size, PALETTE, 'the names past eight are not kept');
});

// ---- the palette in console.css, per theme: far apart, and readable on every background it is drawn on ----

const css = readFileSync(new URL('../../main/resources/dev/webconsole/web/console.css', import.meta.url), 'utf8');

/** The custom properties of the first rule whose selector contains `selector`. */
function themeVars(selector) {
  const at = css.indexOf(selector);
  assert.ok(at >= 0, selector);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

function parseColor(text) {
  let m = /^#([0-9a-f]{6})$/i.exec(text);
  if (m) { const n = parseInt(m[1], 16); return [n >> 16 & 255, n >> 8 & 255, n & 255, 1]; }
  m = /^rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)$/.exec(text);
  assert.ok(m, `a colour: ${text}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

/** A colour with alpha as drawn over an opaque one. */
const over = (f, b) => [0, 1, 2].map((i) => f[i] * f[3] + b[i] * (1 - f[3]));
const linear = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const luminance = (c) => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function lab(c) {
  const [r, g, b] = c.map(linear);
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIEDE2000 difference of two sRGB colours. */
const deltaE2000 = (c1, c2) => deltaE2000Lab(lab(c1), lab(c2));

/** CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal's formulation). */
function deltaE2000Lab([L1, a1, b1], [L2, a2, b2]) {
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const [a1p, a2p] = [a1 * (1 + G), a2 * (1 + G)];
  const [C1, C2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (b, a) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const [h1, h2] = [hue(b1, a1p), hue(b2, a2p)];
  let dh = C1 * C2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360; else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin(dh * rad / 2);
  let H = h1 + h2;
  if (C1 * C2 !== 0) H = (Math.abs(h1 - h2) > 180 ? H + (H < 360 ? 360 : -360) : H) / 2;
  const T = 1 - 0.17 * Math.cos((H - 30) * rad) + 0.24 * Math.cos(2 * H * rad) + 0.32 * Math.cos((3 * H + 6) * rad)
    - 0.2 * Math.cos((4 * H - 63) * rad);
  const L = (L1 + L2) / 2;
  const C = (C1 + C2) / 2;
  const SL = 1 + 0.015 * (L - 50) ** 2 / Math.sqrt(20 + (L - 50) ** 2);
  const SC = 1 + 0.045 * C;
  const SH = 1 + 0.015 * C * T;
  const RT = -Math.sin(2 * 30 * Math.exp(-(((H - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(C ** 7 / (C ** 7 + 25 ** 7));
  const [l, c, h] = [(L2 - L1) / SL, (C2 - C1) / SC, dH / SH];
  return Math.sqrt(l * l + c * c + h * h + RT * c * h);
}

test('the colour difference is CIEDE2000 (pairs from the test data of Sharma, Wu and Dalal)', () => {
  const pairs = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
  ];
  for (const [a, b, want] of pairs) {
    assert.ok(Math.abs(deltaE2000Lab(a, b) - want) < 1e-4, `${a} / ${b}: ${deltaE2000Lab(a, b)}, not ${want}`);
  }
  assert.ok(Math.abs(deltaE2000([0, 0, 0], [255, 255, 255]) - 100) < 0.01, 'sRGB black and white');
});

/** The backgrounds a source's name is drawn on, as the theme defines them: rows of each level, chips, panels. */
const BACKGROUNDS = ['--bg', '--bg-row-alt', '--bg-bar', '--bg-hover', '--chip-bg', '--error-bg', '--warn-bg', '--fatal-bg', '--accent-bg'];
const MIN_DIFFERENCE = 20;
/** The colours of the first six sources keep away from the WARN and INFO level colours too; eight cannot all, readably, in the light theme. */
const LEVEL_CLEAR = 6;

for (const [theme, selector] of [['dark', ':root[data-theme="dark"]'], ['light', ':root[data-theme="light"]']]) {
  test(`the ${theme} theme's source colours are far apart, also from error and text (the first six from WARN, INFO and links too), and read at 4.5:1 on every background`, () => {
    const vars = themeVars(selector);
    const palette = Array.from({ length: PALETTE }, (_, i) => parseColor(vars.get(`--src-${i}`) ?? 'missing'));
    const bg = parseColor(vars.get('--bg'));
    const close = [];
    for (let i = 0; i < PALETTE; i++) {
      for (let j = i + 1; j < PALETTE; j++) {
        const d = deltaE2000(palette[i], palette[j]);
        if (d < MIN_DIFFERENCE) close.push(`--src-${i} and --src-${j}: ${d.toFixed(1)}`);
      }
    }
    for (let i = 0; i < PALETTE; i++) {
      // A source's name is not taken for error text, nor plain text; nor, for the first six, for a WARN or INFO level or a link.
      for (const name of i < LEVEL_CLEAR ? ['--error', '--fatal', '--warn', '--info', '--accent', '--fg'] : ['--error', '--fatal', '--fg']) {
        const d = deltaE2000(palette[i], parseColor(vars.get(name)));
        if (d < MIN_DIFFERENCE) close.push(`--src-${i} and ${name}: ${d.toFixed(1)}`);
      }
    }
    assert.deepEqual(close, [], 'pairs closer than CIEDE2000 20');
    const low = [];
    for (let i = 0; i < PALETTE; i++) {
      for (const name of BACKGROUNDS) {
        const r = contrast(palette[i], over(parseColor(vars.get(name)), bg));
        if (r < 4.5) low.push(`--src-${i} on ${name}: ${r.toFixed(2)}:1`);
      }
    }
    assert.deepEqual(low, []);
  });
}

test('the checks catch the palette the page had: its purple and pink close, its yellow-green faint on white', () => {
  assert.ok(deltaE2000(parseColor('#9467bd'), parseColor('#e377c2')) < MIN_DIFFERENCE);
  assert.ok(contrast(parseColor('#bcbd22'), [255, 255, 255]) < 4.5);
});

test('rates are events per second per source, counted since the last roll', () => {
  const r = new SourceRates();
  r.roll(0);
  r.add([{ source: 'orders' }, { source: 'orders' }, { source: 'billing' }, {}]);
  assert.equal(r.roll(500), false, 'not before a second has passed');
  r.add([{ source: 'orders' }]);
  assert.equal(r.roll(2000), true);
  assert.equal(r.rate('orders'), 1.5);
  assert.equal(r.rate('billing'), 0.5);
  assert.equal(r.rate('search'), 0);
  r.roll(3000);
  assert.equal(r.rate('orders'), 0, 'a quiet source goes to 0');
});
