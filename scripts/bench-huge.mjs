// Part of npm run bench: a 5 MB page of 40 paragraphs of 70 k characters each (one text node each),
// converted to 简体 and back through the popup's message. Too slow for npm test (about 80 s on the
// 2-core machine); the e2e suite keeps the same checks on one such paragraph
// (tests/e2e/convert.test.mjs). Run alone: node scripts/bench-huge.mjs [--paras N] (after npm run build).
import { fileURLToPath } from 'node:url';
import { tabIdOf, waitForStatus } from '../tests/support/browser.mjs';

/** Collects long tasks in a page (an init script): the generated pages run no script of their own. */
export const OBSERVE_LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

/** One round trip; `ext` from launchWithExtension with the long-task observer installed. */
export async function benchHugePage(ext, srv, paras = 40) {
  await ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await ext.context.newPage();
  await page.goto(`${srv.origin}/generated/huge-text.html?paras=${paras}`, { timeout: 120_000 });
  // The reader takes a script switch once it is on (glossary matched).
  for (let s = await waitForStatus(ext, page, 60_000); s.termCount === null; s = await waitForStatus(ext, page, 60_000)) await new Promise((r) => setTimeout(r, 100));
  const chars = await page.evaluate(() => document.body.textContent.length);
  const before = await page.evaluate(() => document.body.innerHTML);
  const tabId = await tabIdOf(ext, page);
  const switchTo = async (mode) => {
    const n = await page.evaluate(() => window.__longTasks?.length ?? 0);
    const t0 = Date.now();
    // The popup's own message; it answers once the whole page is done.
    const ok = await ext.serviceWorker.evaluate(([id, m]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: m }), [tabId, mode]);
    if (ok !== true) throw new Error(`set-script ${mode}: ${JSON.stringify(ok)}`);
    const wallMs = Date.now() - t0;
    const longest = await page.evaluate((k) => Math.max(0, ...(window.__longTasks ?? []).slice(k).map((t) => t.duration)), n);
    return { wallMs, longest };
  };
  const toHans = await switchTo('zh-Hans');
  const s = await waitForStatus(ext, page);
  const converted = await page.evaluate(() => [...document.querySelectorAll('p')].every((p) => p.textContent.startsWith('行政复议是公民维护自身权益')));
  const back = await switchTo('original');
  const restored = (await page.evaluate(() => document.body.innerHTML)) === before;
  await page.close();
  return { paras, chars, convertMs: s.timing.convertMs, convertBusyMs: s.timing.convertBusyMs, toHansWallMs: toHans.wallMs, toHansLongestTaskMs: toHans.longest, restoreWallMs: back.wallMs, restoreLongestTaskMs: back.longest, converted, restored };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startServer } = await import('../tests/support/server.mjs');
  const { launchWithExtension } = await import('../tests/support/browser.mjs');
  const args = process.argv.slice(2);
  const paras = Number(args[args.indexOf('--paras') + 1]) || 40;
  const srv = await startServer();
  const ext = await launchWithExtension();
  await ext.context.addInitScript(OBSERVE_LONG_TASKS);
  try {
    console.log(await benchHugePage(ext, srv, paras));
  } finally {
    await ext.close();
    await srv.close();
  }
}
