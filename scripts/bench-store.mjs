#!/usr/bin/env node
// The highlight store in real Chromium with the built extension: a bulk import through the
// settings page (3,000 highlights on 3,000 pages, with the progress it shows), and saving one
// highlight on a page that holds 10,000. Part of `npm run bench`; alone:
// `node scripts/bench-store.mjs [--runs N] [--no-build]`. Writes `store` into bench/results.json
// and the README block between the bench-store markers.
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launchWithExtension } from '../tests/support/browser.mjs';
import { median, round } from './bench-stats.mjs';


function annotation(i, source, quote = `第${i}条：加强行政复议工作，规范性文件备案审查`) {
  const at = (i * 37) % 100_000;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:bench-${source.length}-${i}`,
    type: 'Annotation',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: i % 3 ? '' : `笔记 ${i}：与上年对比`, format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: `报告 ${i}`, selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '全年', suffix: '。' }, { type: 'TextPositionSelector', start: at, end: at + quote.length }] },
    color: ['yellow', 'green', 'blue', 'pink'][i % 4],
    normalizedExact: quote,
  };
}

const clearHighlights = (ext) =>
  ext.serviceWorker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('hl:') || k === 'hlIndex'));
  });

/** Runs the store benchmarks in `ext` (a launched browser with the extension). */
export async function benchStore(ext, runs = 5) {
  const out = {};
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  try {
    // Bulk import: 3,000 highlights, each on its own page, through the settings page.
    const PAGES = 3000;
    const file = join(dir, 'import.json');
    const items = Array.from({ length: PAGES }, (_, i) => annotation(i, `https://www.example.gov.cn/zhengce/${i}.htm`));
    writeFileSync(file, JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: items.length, items }));
    const times = [];
    let steps = 0;
    let message = '';
    for (let r = 0; r < Math.min(runs, 3); r++) {
      await clearHighlights(ext);
      const options = await ext.context.newPage();
      await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
      await options.getByTestId('highlights-import').waitFor({ state: 'attached' });
      // Every distinct progress text the page shows while the import runs.
      await options.evaluate(() => {
        window.__progress = new Set();
        new MutationObserver(() => {
          const p = document.querySelector('[data-testid="highlights-import-progress"]');
          if (p) window.__progress.add(p.textContent.trim());
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const t0 = Date.now();
      await options.getByTestId('highlights-import').setInputFiles(file);
      await options.getByTestId('highlights-import-message').waitFor({ timeout: 120_000 });
      times.push(Date.now() - t0);
      message = (await options.getByTestId('highlights-import-message').textContent()).trim();
      steps = await options.evaluate(() => window.__progress.size);
      await options.close();
    }
    const stored = await ext.serviceWorker.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return { pages: Object.keys(all).filter((k) => k.startsWith('hl:')).length, indexed: Object.keys(all.hlIndex?.pages ?? {}).length };
    });
    out.import = { highlights: PAGES, pages: PAGES, medianMs: Math.round(median(times)), progressSteps: steps, message, stored };
    console.log({ import: out.import });

    // One more highlight on a page that holds 10,000: the background's answer to hl-put, storage write included.
    const BIG = 10_000;
    const source = 'https://www.example.gov.cn/big.htm';
    await clearHighlights(ext);
    const big = Array.from({ length: BIG }, (_, i) => annotation(i, source));
    await ext.serviceWorker.evaluate(
      ([key, value, src]) => chrome.storage.local.set({ [key]: value, hlIndex: { v: 1, pages: { [src]: { title: 'big', count: value.items.length, updated: '2026-01-01T00:00:00.000Z' } } } }),
      [`hl:${source}`, { v: 1, source, title: 'big', items: big }, source],
    );
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    // Seeded in the older one-record layout: the first save rewrites it in buckets (not timed).
    await page.evaluate((a) => chrome.runtime.sendMessage({ type: 'hl-put', annotation: a }), annotation(99_999, source));
    const fresh = Array.from({ length: Math.max(runs, 5) * 2 }, (_, i) => annotation(100_000 + i, source));
    const saves = await page.evaluate(async (list) => {
      const ms = [];
      for (const a of list) {
        const t0 = performance.now();
        const res = await chrome.runtime.sendMessage({ type: 'hl-put', annotation: a });
        ms.push(performance.now() - t0);
        if (!res?.ok) throw new Error(JSON.stringify(res));
      }
      return ms;
    }, fresh);
    const edits = await page.evaluate(async (n) => {
      const items = await chrome.runtime.sendMessage({ type: 'hl-list', source: 'https://www.example.gov.cn/big.htm' });
      const ms = [];
      for (let i = 0; i < n; i++) {
        const a = items[i * 97];
        const t0 = performance.now();
        const res = await chrome.runtime.sendMessage({ type: 'hl-put', annotation: { ...a, body: [{ ...a.body[0], value: `edited ${i}` }], modified: new Date().toISOString() } });
        ms.push(performance.now() - t0);
        if (!res?.ok) throw new Error(JSON.stringify(res));
      }
      return ms;
    }, Math.max(runs, 5) * 2);
    await page.close();
    out.save = { highlightsOnPage: BIG, addMedianMs: round(median(saves)), addMaxMs: round(Math.max(...saves)), editMedianMs: round(median(edits)), editMaxMs: round(Math.max(...edits)) };
    console.log({ save: out.save });
    await clearHighlights(ext);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function storeTable(store) {
  return [
    `Highlight store: importing ${store.import.highlights.toLocaleString('en')} highlights on ${store.import.pages.toLocaleString('en')} pages through the settings page takes ${(store.import.medianMs / 1000).toFixed(1)} s (median; ${store.import.progressSteps} progress steps shown; ${store.import.stored.pages.toLocaleString('en')} pages stored and indexed). On a page that holds ${store.save.highlightsOnPage.toLocaleString('en')} highlights, saving one more takes ${store.save.addMedianMs} ms (median, slowest ${store.save.addMaxMs} ms) and editing a note ${store.save.editMedianMs} ms (slowest ${store.save.editMaxMs} ms): the background's answer, storage write included.`,
  ].join('\n');
}

export function writeStoreResults(store) {
  mkdirSync('bench', { recursive: true });
  const path = 'bench/results.json';
  const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  results.store = { date: new Date().toISOString(), ...store };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', readme.replace(/<!-- bench-store:start -->[\s\S]*<!-- bench-store:end -->/, `<!-- bench-store:start -->\n${storeTable(store)}\n<!-- bench-store:end -->`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
  if (!args.includes('--no-build')) {
    const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
  }
  const ext = await launchWithExtension();
  try {
    const store = await benchStore(ext, runs);
    writeStoreResults(store);
    console.log('\n' + storeTable(store));
  } finally {
    await ext.close();
  }
}
