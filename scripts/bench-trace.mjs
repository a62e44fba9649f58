// Where a page's main thread spends a conversion, from a Chromium trace: the frames' rendering
// (style, layout, then pre-paint, paint, layerize and commit) and the rest (script, message
// handling, garbage collection). Used by bench-peer.mjs for one traced conversion per extension,
// apart from the timed runs. Only the DevTools timeline's categories are recorded: with Blink's own
// (one event per text shaped, per node written) tracing slowed our sliced conversion about twofold,
// and its frame budget then cut smaller slices, which skewed what it measured.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * Traces `page` while `run()` converts it; `run` resolves with [t0, t1], the conversion's start and
 * end in the page's clock (performance.timeOrigin + performance.now(), ms). Returns milliseconds
 * spent on the page's main thread in that window.
 */
export async function traceMainThread(page, run) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES } });
  // The trace's clock (µs) against the page's: a mark made now.
  await page.evaluate(() => performance.mark('bench-trace-sync'));
  const wall = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('bench-trace-sync')[0].startTime);
  const [t0, t1] = await run();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return breakdown(events, wall, t0, t1);
}

function breakdown(events, syncWall, t0, t1) {
  // The page's main thread: the renderer thread that laid the page out.
  const layouts = new Map();
  for (const e of events) if (e.name === 'Layout' && e.ph === 'X') layouts.set(`${e.pid}:${e.tid}`, (layouts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...layouts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sync = events.find((e) => e.name === 'bench-trace-sync');
  if (!main || !sync) return null;
  const toTrace = (ms) => sync.ts + (ms - syncWall) * 1000;
  const [from, to] = [toTrace(t0), toTrace(t1)];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts >= from && e.ts <= to);
  // Busy: the union of the thread's tasks.
  let busy = 0;
  let end = 0;
  for (const e of mine.filter((x) => x.name === 'ThreadControllerImpl::RunTask' || x.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    const a = Math.max(e.ts, end);
    const b = Math.min(e.ts + e.dur, to);
    if (b > a) busy += b - a;
    end = Math.max(end, e.ts + e.dur);
  }
  // Each frame's render phase (an async pair); paint, layerize and commit follow it.
  const open = new Map();
  const frames = [];
  for (const e of events.filter((x) => `${x.pid}:${x.tid}` === main && x.name === 'AnimationFrame::Render').sort((a, b) => a.ts - b.ts)) {
    const key = e.id2?.local ?? e.id2?.global ?? e.id;
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) {
      const ts = open.get(key);
      open.delete(key);
      if (ts >= from && ts <= to) frames.push({ ts, dur: e.ts - ts });
    }
  }
  // The rendering steps, outermost only, and not those inside a traced script call (a script that
  // reads layout forces them: they count with the script).
  const STEPS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);
  const steps = [];
  let outer = null;
  let script = null;
  for (const e of mine.slice().sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    if (script && e.ts >= script.ts + script.dur) script = null;
    if (outer && e.ts >= outer.ts + outer.dur) outer = null;
    if (e.name === 'FunctionCall' && !script) script = e;
    if (!STEPS.has(e.name) || script || outer) continue;
    outer = e;
    steps.push(e);
  }
  const total = (names) => steps.filter((e) => names.includes(e.name)).reduce((n, e) => n + e.dur, 0) / 1000;
  const style = total(['UpdateLayoutTree']);
  const layout = total(['Layout']);
  const paint = total(['PrePaint', 'Paint', 'Layerize', 'Commit']);
  const rendering = style + layout + paint;
  const r = (x) => Math.round(x * 10) / 10;
  return {
    // Frames that laid something out (the page also renders idle frames while it waits).
    frames: frames.filter((f) => steps.some((e) => e.name === 'Layout' && e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur)).length,
    wallMs: r((to - from) / 1000),
    busyMs: r(busy / 1000),
    renderingMs: r(rendering),
    styleMs: r(style),
    layoutMs: r(layout),
    paintMs: r(paint),
    otherMs: r(busy / 1000 - rendering),
  };
}
