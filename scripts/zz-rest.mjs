import { createServer } from 'node:http';
import { launchWithExtension, tabIdOf, waitForStatus } from '../tests/support/browser.mjs';
import { loadDocs, pageHtml, paragraphs } from './bench-convert.mjs';
const cn = paragraphs(loadDocs(), 600000);
const html = pageHtml(cn, 'zh-CN', 'x');
const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/p.html`;
const ext = await launchWithExtension();
const sw = () => ext.context.serviceWorkers()[0] ?? ext.serviceWorker;
const page = await ext.context.newPage();
await page.goto(url);
let s = await waitForStatus(ext, page, 120000);
while (s.termCount === null || !s.timing.convertAheadChars) { await new Promise((r) => setTimeout(r, 100)); s = await waitForStatus(ext, page, 120000); }
await new Promise((r) => setTimeout(r, 1500));
const tabId = await tabIdOf(ext, page);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.gc', 'toplevel', 'ipc', 'mojom', 'extensions'] } });
await sw().evaluate(([id]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-TW' }), [tabId]);
for (let i = 0; i < 300; i++) { s = await waitForStatus(ext, page, 120000); if (s.script === 'zh-TW' && s.timing.convertMs) break; await new Promise((r) => setTimeout(r, 50)); }
await cdp.send('Tracing.end'); await done;
const lay = new Map(); for (const e of events) if (e.name === 'Layout') lay.set(e.tid, (lay.get(e.tid) ?? 0) + 1);
const tid = [...lay].sort((a, b) => b[1] - a[1])[0][0];
const main = events.filter((e) => e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const start = main.find((e) => e.name === 'FunctionCall')?.ts ?? main[0].ts;
const renders = []; const open = new Map();
for (const e of events.filter((x) => x.tid === tid && x.name === 'AnimationFrame::Render')) { const k = e.id2?.local ?? e.id; if (e.ph === 'b') open.set(k, e.ts); else if (open.has(k)) { renders.push([open.get(k), e.ts]); open.delete(k); } }
const inRender = (e) => renders.some(([a, b]) => e.ts >= a && e.ts + e.dur <= b);
// exclusive time per name, outside render windows, for events after start
const stack = []; const excl = new Map();
for (const e of main) {
  if (e.ts < start || inRender(e)) continue;
  while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
  const parent = stack[stack.length - 1];
  if (parent) excl.set(parent.name, (excl.get(parent.name) ?? 0) - e.dur);
  excl.set(e.name, (excl.get(e.name) ?? 0) + e.dur);
  stack.push(e);
}
const sumN = (n, f = () => true) => main.filter((e) => e.name === n && e.ts >= start && f(e)).reduce((a, e) => a + e.dur, 0) / 1000;
console.log('Layout all', sumN('Layout'), 'in render', sumN('Layout', inRender), 'Paint all', sumN('Paint'), 'in render', sumN('Paint', inRender), 'PrePaint all', sumN('PrePaint'), 'in render', sumN('PrePaint', inRender), 'render total', renders.filter(([a]) => a >= start).reduce((x, [a, b]) => x + b - a, 0) / 1000, 'n', renders.length);
const top = main.filter((e) => e.ts >= start && (e.name === 'ThreadControllerImpl::RunTask'));
const ex = new Map(); for (const t of top) { const inner = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur).map((e) => e.name); const k = [...new Set(inner)].slice(0, 4).join(','); ex.set(k, (ex.get(k) ?? 0) + t.dur / 1000); }
for (const [k, v] of [...ex].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log('TASK', v.toFixed(1), k.slice(0, 150));
console.log('convertMs', s.timing.convertMs, 'busy ours', s.timing.convertBusyMs);
for (const [k, v] of [...excl].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1).padStart(8), k);
await ext.close(); server.close();
