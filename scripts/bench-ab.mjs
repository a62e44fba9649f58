// npm run bench:ab -- --a DIR --b DIR [--size 600000] [--runs 6] [--cold]
// Two builds of ours side by side, to tell whether a change to the conversion pipeline helps before
// it lands (this machine's speed drifts by a third within a session, so only interleaved runs
// compare): each build in a Chromium of its own, the same page made from the corpus (as in
// bench-convert.mjs), runs interleaved, each conversion the first in a fresh tab with the page read
// for a moment (converter ready, conversion ahead done). Prints, per build and direction, the medians of click → all converted (the
// page's own timing) and of the longest long-animation-frame entry over the switch and, apart, over
// the lang tagging after it, how many runs had a frame over 100 ms, and each run. Build each variant with `npx wxt build` and copy
// .output/chrome-mv3 aside. `--cold`: each switch on a page that could prepare nothing (the
// background refused while it was read) with the converters dropped just before the click, as
// bench-convert.mjs's "built on click".
import { createServer } from 'node:http';
import * as OpenCC from 'opencc-js';
import { launchWithExtension, tabIdOf, waitForStatus } from '../tests/support/browser.mjs';
import { LANG_TAGS_SETTLED, loadDocs, OBSERVE_FRAMES, pageHtml, paragraphs, refuseConvertersIn, WATCH_LANG_TAGS } from './bench-convert.mjs';
import { median, round, settled } from './bench-stats.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dirs = { A: arg('--a'), B: arg('--b') };
const size = Number(arg('--size', 600_000));
const runs = Number(arg('--runs', 6));
const cold = args.includes('--cold');
if (!dirs.A || !dirs.B) {
  console.error('usage: npm run bench:ab -- --a DIR --b DIR [--size 600000] [--runs 6] [--cold] (each DIR a built chrome-mv3 folder)');
  process.exit(1);
}

const cn = paragraphs(loadDocs(), size);
const tw = cn.map(OpenCC.Converter({ from: 'cn', to: 'twp' }));
const pages = { cn: pageHtml(cn, 'zh-CN', cn[0].slice(0, 30)), tw: pageHtml(tw, 'zh-TW', tw[0].slice(0, 30)) };
const server = createServer((req, res) => {
  const html = pages[new URL(req.url ?? '/', 'http://x').pathname.slice(1).replace(/\.html$/, '')];
  res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html ?? 'not found');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const exts = {};
try {
  for (const [k, dir] of Object.entries(dirs)) {
    exts[k] = await launchWithExtension({ extensionDir: dir });
    await exts[k].context.addInitScript(OBSERVE_FRAMES);
  }
  const worker = (ext) => ext.context.serviceWorkers()[0] ?? ext.serviceWorker;

  /** One switch in a fresh tab of `ext`, the page read first: its time and longest frame. */
  async function once(ext, key, mode) {
    await worker(ext).evaluate(() => chrome.storage.local.remove('siteScripts'));
    if (cold) await refuseConvertersIn(worker(ext), true);
    const page = await ext.context.newPage();
    await page.goto(`${origin}/${key}.html`, { timeout: 120_000 });
    let s = await waitForStatus(ext, page, 120_000);
    for (let i = 0; i < 1200 && (s.termCount === null || (!cold && !s.timing.convertAheadChars)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await waitForStatus(ext, page, 120_000);
    }
    if (cold) {
      await new Promise((r) => setTimeout(r, 1000));
      await refuseConvertersIn(worker(ext), false);
    } else {
      // The rest of a long page is converted ahead after the first screen, when the page is idle.
      await settled(async () => (await waitForStatus(ext, page, 120_000)).timing.convertAheadChars);
      await new Promise((r) => setTimeout(r, 500));
    }
    const tabId = await tabIdOf(ext, page);
    const n = await page.evaluate(WATCH_LANG_TAGS);
    await worker(ext).evaluate(([id, m]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: m }), [tabId, mode]);
    s = await waitForStatus(ext, page, 120_000);
    if (s.script !== mode) throw new Error(`the switch to ${mode} did not finish`);
    const doneAt = await page.evaluate(() => performance.now());
    // The blocks away from the viewport are tagged with their lang after the switch, when the page is idle.
    await page.evaluate(LANG_TAGS_SETTLED);
    const [frame, tagFrame] = await page.evaluate(([k, t]) => {
      const fs = window.__frames.slice(k);
      const max = (xs) => Math.max(0, ...xs.map((f) => f.duration));
      return [max(fs.filter((f) => f.start < t)), max(fs.filter((f) => f.start >= t))];
    }, [n, doneAt]);
    await page.close();
    return { ms: s.timing.convertMs, frame, tagFrame, ahead: s.timing.convertAheadChars };
  }

  for (const [key, mode] of [['cn', 'zh-TW'], ['tw', 'zh-Hans']]) {
    const r = { A: [], B: [] };
    for (let i = 0; i < runs; i++) for (const k of i % 2 ? ['B', 'A'] : ['A', 'B']) r[k].push(await once(exts[k], key, mode));
    for (const k of ['A', 'B']) {
      const x = r[k];
      console.log(
        `${k} ${size} to ${mode}${cold ? ' (built on click)' : ''}: all converted ${round(median(x.map((v) => v.ms)))} ms, longest frame ${round(median(x.map((v) => v.frame)))} ms,` +
          ` ${x.filter((v) => v.frame > 100).length} of ${runs} runs over 100; tagging after: longest frame ${round(median(x.map((v) => v.tagFrame)))} ms, ${x.filter((v) => v.tagFrame > 100).length} over 100;` +
          ` converted ahead ${x[0].ahead} characters; runs (ms, frame, tagging frame): ${x.map((v) => `${Math.round(v.ms)}/${Math.round(v.frame)}/${Math.round(v.tagFrame)}`).join(' ')}`,
      );
    }
  }
} finally {
  for (const e of Object.values(exts)) await e.close();
  server.close();
}
