(() => {
  if (window.__bench) return;
  const b = { long: [], frames: [], excl: [], rec: false, t0: 0, longtaskSupported: false,
              lastInput: null, applied: null, painted: null, mo: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    b.longtaskSupported = true;
  } catch (e) { /* no long task API */ }
  b.loaf = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.loaf.push(e);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { /* no long animation frame API */ }
  let last = -1;
  const loop = (t) => {
    if (b.rec && last >= 0) b.frames.push([last, t - last]);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  document.addEventListener('input', (e) => { b.lastInput = e.timeStamp; }, true);
  document.addEventListener('change', (e) => { b.lastInput = e.timeStamp; }, true);

  b.start = () => { b.long = []; b.frames = []; b.excl = []; b.loaf = []; b.rec = true; b.t0 = performance.now(); };
  b.exclude = (from, to) => { b.excl.push([from, to]); };
  const overlaps = (s, e) => b.excl.some(([a, z]) => s < z && e > a);
  b.summary = () => {
    const fr = b.frames.filter(([s, d]) => !overlaps(s, s + d)).map(([, d]) => d).sort((x, y) => x - y);
    const lt = b.long.filter(([s, d]) => s >= b.t0 && !overlaps(s, s + d));
    const q = (p) => fr.length ? fr[Math.min(fr.length - 1, Math.floor(p * fr.length))] : -1;
    // The longest animation frame (Long Animation Frames API): what its time went to.
    let lf = null;
    for (const e of b.loaf) {
      if (e.startTime >= b.t0 && !overlaps(e.startTime, e.startTime + e.duration) && (!lf || e.duration > lf.duration)) lf = e;
    }
    let loaf = '';
    if (lf) {
      const scripts = lf.scripts || [];
      const js = scripts.reduce((t, x) => t + x.duration, 0);
      const forced = scripts.reduce((t, x) => t + (x.forcedStyleAndLayoutDuration || 0), 0);
      const top = scripts.slice().sort((x, y) => y.duration - x.duration)[0];
      const name = top ? (top.sourceFunctionName || top.invoker || '?') + ' ' + String(top.sourceURL || '').split('/').pop() : '';
      const rendering = lf.startTime + lf.duration - (lf.styleAndLayoutStart || lf.renderStart || lf.startTime + lf.duration);
      loaf = `${Math.round(lf.duration)} ms: scripts ${Math.round(js)} ms (longest ${name} ${top ? Math.round(top.duration) : 0} ms, forced layout ${Math.round(forced)} ms), style+layout+paint ${Math.round(rendering)} ms, other ${Math.max(0, Math.round(lf.duration - js - rendering))} ms`;
    }
    return {
      frames: fr.length, p50: q(0.5), p95: q(0.95), max: fr.length ? fr[fr.length - 1] : -1,
      over50: fr.filter((d) => d > 50).length,
      longest: lt.reduce((m, [, d]) => Math.max(m, d), 0), longCount: lt.length,
      longTotal: lt.reduce((s, [, d]) => s + d, 0),
      gcLongest: b.long.filter(([s, d]) => s >= b.t0 && overlaps(s, s + d)).reduce((m, [, d]) => Math.max(m, d), 0),
      elapsed: performance.now() - b.t0, longtaskSupported: b.longtaskSupported, loaf, loafMs: lf ? lf.duration : 0,
    };
  };
  b.stop = () => { b.rec = false; return b.summary(); };

  // What the page holds, sampled in the page (no WebDriver round trip in the figure).
  b.seqs = [];
  b.sampleSeqs = (ms) => {
    clearInterval(b.seqTimer);
    b.seqs = [];
    b.seqTimer = setInterval(() => {
      const w = window.webconsole;
      if (w) b.seqs.push([Date.now(), w.lastSeq(), w.state().pending]);
    }, ms);
  };
  b.takeSeqs = () => { clearInterval(b.seqTimer); return b.seqs; };

  // Filter timing: after an input or change event, the first time #shown says the view is
  // filtered ("N of M rows") or not ("M rows"), as expected; painted = the next frame after that.
  b.arm = (filtered) => {
    b.lastInput = null; b.applied = null; b.painted = null; b.expect = filtered; b.shownThen = null;
    if (!b.mo) {
      b.mo = new MutationObserver(() => {
        if (b.lastInput === null || b.applied !== null) return;
        const text = document.getElementById('shown').textContent;
        if (text.includes(' of ') !== b.expect) return;
        b.applied = performance.now();
        b.shownThen = text;
        requestAnimationFrame(() => { b.painted = performance.now(); });
      });
      b.mo.observe(document.getElementById('shown'), { childList: true, characterData: true, subtree: true });
    }
  };
  b.result = () => ({ input: b.lastInput, applied: b.applied, painted: b.painted, shown: b.shownThen });

  // Scrolling: jumps to far positions, then a sweep with a large step every frame.
  b.scrollTest = async (jumps, sweepFrames) => {
    const s = document.getElementById('scroller');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const task = () => new Promise((r) => setTimeout(r, 0));
    const covered = () => {
      const r = s.getBoundingClientRect();
      const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return Boolean(el && el.closest && el.closest('#rows > *'));
    };
    b.start();
    const latencies = [];
    let moved = 0;
    for (let i = 0; i < jumps; i++) {
      const max = s.scrollHeight - s.clientHeight;
      const target = Math.round((((i + 1) * 0.6180339887) % 1) * max);
      const t0 = performance.now();
      s.scrollTop = target;
      let ok = false;
      for (let f = 0; f < 120 && !ok; f++) { await frame(); await task(); ok = covered(); }
      latencies.push(ok ? performance.now() - t0 : -1);
      await frame();
      if (Math.abs(s.scrollTop - target) <= 2) moved++; // the list did not snap back elsewhere
    }
    const max = s.scrollHeight - s.clientHeight;
    const step = Math.max(3 * s.clientHeight, Math.floor(max / sweepFrames));
    s.scrollTop = 0;
    await frame(); await task();
    let blank = 0; let steps = 0;
    while (s.scrollTop < max - 1 && steps < sweepFrames * 2) {
      s.scrollTop = Math.min(max, s.scrollTop + step);
      await frame(); await task();
      steps++;
      if (!covered()) blank++;
    }
    return { latencies, moved, blank, steps, step, height: s.scrollHeight, summary: b.stop() };
  };
  window.__bench = b;
})();
