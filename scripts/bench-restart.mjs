// What a reader meets after the background's service worker was stopped: the first script switch,
// a page opened then (its glossary marks), and the first hover on a page read before. Chrome stops an idle
// extension worker after about 30 s, so a reader who presses Alt+Shift+S a while after the page was
// read meets a worker that must start, fetch the dictionaries and build the converter before the
// first screen can be converted, in code that has never run in it. Called by scripts/bench.mjs
// (after every part that talks to the worker through its handle: stopping it kills that handle).
//
// The page's status is read from an extension page (chrome.tabs.sendMessage there does not wake
// the worker); that page is opened once, before the runs: the popup asks for a converter when it
// opens, which would build it ahead of the switch.

import { stopServiceWorker } from '../tests/support/browser.mjs';
import { median, round, settled } from './bench-stats.mjs';
import { textBox } from '../tests/support/page-text.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * An extension page that outlives the worker, to stop it and to read a tab's status (the popup page,
 * opened once: it asks for a converter when it opens, which would build it ahead of a switch).
 */
async function workerHelper(ext) {
  const helper = await ext.context.newPage();
  await helper.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const statusOf = (tabId) => helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-status' }).catch(() => null), tabId);
  return {
    helper,
    async stopWorker() {
      if (!(await stopServiceWorker(ext, helper))) throw new Error('the service worker did not stop');
      await sleep(200);
    },
    /** The status of a tab once `ok` holds for it (checked every 100 ms, for 30 s at most). */
    async until(tabId, ok) {
      for (let i = 0; i < 300; i++) {
        const s = await statusOf(tabId);
        if (s && ok(s)) return s;
        await sleep(100);
      }
      throw new Error('no answer from the page');
    },
    activeTab: () => helper.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id),
  };
}

export async function benchSwitchAfterRestart({ ext, origin, runs }) {
  const { helper, stopWorker, until, activeTab } = await workerHelper(ext);

  const cases = [
    { name: 'to 繁體 (s2twp), the 2025 work report (Simplified)', path: 'work-report-2025.html', mode: 'zh-TW' },
    { name: 'to 简体 (tw2sp + ours), the sample report (Taiwan-phrased)', path: 'seed-report.html', mode: 'zh-Hans' },
    { name: 'to 简体, the 800 k page (converted ahead up to 700 k characters)', path: 'generated/report-800000.html', mode: 'zh-Hans' },
  ];
  const rows = [];
  for (const c of cases) {
    const first = [];
    const all = [];
    for (let i = 0; i < Math.max(runs, 5); i++) {
      const page = await ext.context.newPage();
      await page.goto(`${origin}/${c.path}`);
      await page.bringToFront();
      const tabId = await activeTab();
      // Read as Chrome lets a worker idle before stopping it (about 30 s): long enough for the page
      // to have its conversion for the switch key done ahead.
      await until(tabId, (s) => s.termCount !== null && s.script === 'original' && s.timing.convertAheadChars > 0);
      // The rest of a long page is converted ahead after the first screen, when the page is idle.
      await settled(() => until(tabId, () => true).then((s) => s.timing.convertAheadChars));
      await sleep(500);
      await stopWorker();
      await page.bringToFront();
      await page.keyboard.press('Alt+Shift+S');
      const s = await until(tabId, (x) => x.script === c.mode);
      first.push(s.timing.convertFirstMs);
      all.push(s.timing.convertMs);
      await page.keyboard.press('Alt+Shift+S');
      await until(tabId, (x) => x.script === 'original');
      await page.close();
    }
    rows.push({ case: c.name, firstScreenMs: round(median(first)), allMs: round(median(all)), runs: first.length });
    console.log(rows.at(-1));
  }
  await helper.close();
  return rows;
}

/**
 * A page opened after the worker was stopped (Chrome stops an idle one after about 30 s, so most
 * page loads of a reading session meet a stopped worker): "glossary load + match" as the pages
 * bench measures it, the worker starting and answering the glossary's forms included. Then, on
 * that page, after a moment of reading, the worker stopped again and a term hovered: pointer event
 * to the popover showing its entry, minus the hover delay.
 */
export async function benchPageAfterRestart({ ext, origin, runs }) {
  const { helper, stopWorker, until, activeTab } = await workerHelper(ext);
  const delay = await helper.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.hoverDelayMs ?? 300);
  const cases = [
    { name: 'the sample report', path: 'seed-report.html', term: '三統一' },
    { name: 'the 200 k page', path: 'generated/report-200000.html', term: null },
  ];
  const rows = [];
  for (const c of cases) {
    const load = [];
    const hover = [];
    for (let i = 0; i < Math.max(runs, 5); i++) {
      await stopWorker();
      const page = await ext.context.newPage();
      await page.goto(`${origin}/${c.path}`, { timeout: 120_000 });
      await page.bringToFront();
      const s = await until(await activeTab(), (x) => x.termCount !== null);
      load.push(s.timing.glossaryMs);
      if (c.term) {
        // A moment of reading first: the page fetches its entries once it is idle.
        await sleep(1500);
        await page.bringToFront();
        await stopWorker();
        await page.evaluate(() => addEventListener('pointermove', (e) => (window.__moveAt = e.timeStamp), { capture: true }));
        const box = await textBox(page, c.term);
        await page.mouse.move(box.x - 20, box.y);
        await sleep(50);
        const watch = page.evaluate(
          () =>
            new Promise((resolve) => {
              const tick = () => (document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]') ? resolve(performance.now() - window.__moveAt) : requestAnimationFrame(tick));
              requestAnimationFrame(tick);
            }),
        );
        await page.mouse.move(box.x, box.y);
        hover.push((await watch) - delay);
      }
      await page.close();
    }
    rows.push({ case: c.name, glossaryMs: round(median(load)), ...(hover.length ? { firstHoverMs: round(median(hover)) } : {}), runs: load.length });
    console.log(rows.at(-1));
  }
  await helper.close();
  return rows;
}
