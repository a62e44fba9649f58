#!/usr/bin/env node
// npm run bench [-- --runs N] — real Chromium, the built extension, generated pages of about
// 20 k, 200 k and 1 M Chinese characters. Reports medians; writes bench/results.json and the README table.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/support/server.mjs';
import { findChromium, launchWithExtension, tabIdOf, waitForStatus } from '../tests/support/browser.mjs';
import { OBSERVE_LONG_TASKS, benchHugePage } from './bench-huge.mjs';
import { textBox } from '../tests/support/page-text.mjs';
import { benchStore, writeStoreResults } from './bench-store.mjs';
import { benchConversion } from './bench-convert.mjs';
import { benchPageAfterRestart, benchSwitchAfterRestart } from './bench-restart.mjs';
import { benchPeer } from './bench-peer.mjs';
import { benchPeerFirefox } from './bench-peer-firefox.mjs';
import { median, round } from './bench-stats.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const SIZES = [20_000, 200_000, 1_000_000];
// `--only hover` (or pages, anchoring, huge, store, conversion, english, dictionary, restart, peer, peer-firefox) runs one part and prints it; README and
// bench/results.json are written only by a full run.
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const part = (name) => !only || only === name;
// `--peer DIR`: New Tong Wen Tang built for Chromium, measured side by side (scripts/bench-peer.mjs).
const peerDir = args.includes('--peer') ? args[args.indexOf('--peer') + 1] : null;
// `--peer-firefox DIR`: New Tong Wen Tang built for Firefox, side by side in Firefox ESR (scripts/bench-peer-firefox.mjs).
const peerFirefoxDir = args.includes('--peer-firefox') ? args[args.indexOf('--peer-firefox') + 1] : null;
if (only === 'peer-firefox' && !peerFirefoxDir) {
  console.error('--only peer-firefox needs --peer-firefox DIR (New Tong Wen Tang 2.4.0 built for Firefox: see scripts/bench-peer-firefox.mjs)');
  process.exit(2);
}
if (only === 'peer' && !peerDir) {
  console.error('--only peer needs --peer DIR (New Tong Wen Tang 2.4.0 built for Chromium: see scripts/bench-peer.mjs)');
  process.exit(2);
}

if (!args.includes('--no-build')) {
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
  if (peerFirefoxDir && part('peer-firefox') && spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}


// Long tasks after DOMContentLoaded: the generated pages run no script of their own, so these are
// the extension's (and the browser's layout of what we touch).
const longestAfterDcl = (page) =>
  page.evaluate(() => {
    const dcl = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0;
    return Math.max(0, ...window.__longTasks.filter((t) => t.start >= dcl).map((t) => t.duration));
  });

const srv = await startServer();
const ext = await launchWithExtension();
await ext.context.addInitScript(OBSERVE_LONG_TASKS);

async function statusWithTerms(page) {
  const end = Date.now() + 60_000;
  let s = await waitForStatus(ext, page, 60_000);
  while (s.termCount === null && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    s = await waitForStatus(ext, page, 60_000);
  }
  return s;
}

const results = { date: new Date().toISOString(), chromium: ext.context.browser()?.version() ?? 'chromium', runs, pages: [] };

// Baseline: the same pages without the extension, for the page's own longest task.
const plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });

for (const size of part('pages') ? SIZES : []) {
  const rows = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    // Each run starts from the original script (switching below is remembered for the host).
    await ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
    const page = await ext.context.newPage();
    await page.goto(`${srv.origin}/generated/report-${size}.html`, { timeout: 120_000 });
    const s = await statusWithTerms(page);
    await new Promise((r) => setTimeout(r, 300));
    // Marks are drawn in slices after the status is published: wait for the last slice.
    await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 60_000 });
    let marks = 0;
    for (let k = 0; k < 100; k++) {
      const n = await page.evaluate(() => CSS.highlights.get('bilingual-reader-term').size);
      if (n === marks) break;
      marks = n;
      await new Promise((r) => setTimeout(r, 100));
    }
    const s2 = await waitForStatus(ext, page);
    const longest = await longestAfterDcl(page);
    // Scroll through the page as a reader would; marks follow the viewport.
    const scrollLongest = await page.evaluate(async () => {
      const before = window.__longTasks.length;
      const step = innerHeight * 0.8;
      for (let y = 0; y < Math.min(document.body.scrollHeight, 200 * step); y += step) {
        scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 16)));
      }
      await new Promise((r) => setTimeout(r, 200));
      return Math.max(0, ...window.__longTasks.slice(before).map((t) => t.duration));
    });
    // Conversion: to 简体 through the page pipeline, against opencc-js converting the same text as one
    // string in the same browser (its converter built beforehand, as ours is).
    await page.evaluate(() => scrollTo(0, 0));
    const text = await page.evaluate(() => document.body.textContent);
    const beforeConvert = await page.evaluate(() => window.__longTasks.length);
    const tabId = await tabIdOf(ext, page);
    await ext.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-Hans' }), tabId);
    const s3 = await waitForStatus(ext, page);
    const convertLongest = await page.evaluate((n) => Math.max(0, ...window.__longTasks.slice(n).map((t) => t.duration)), beforeConvert);
    await page.addScriptTag({ path: 'node_modules/opencc-js/dist/umd/full.js' });
    const openccMs = await page.evaluate((t) => {
      const c = OpenCC.Converter({ from: 'twp', to: 'cn' });
      c('預熱');
      const t0 = performance.now();
      c(t);
      return performance.now() - t0;
    }, text);
    rows.push({ ...s2.timing, convertMs: s3.timing.convertMs, convertBusyMs: s3.timing.convertBusyMs, convertLoadMs: s3.timing.convertLoadMs, convertLongest, openccMs, longest, scrollLongest, terms: s.termCount, marks, chars: await page.evaluate(() => document.body.textContent.length) });
    await page.close();

    const p2 = await plain.newPage();
    await p2.addInitScript(OBSERVE_LONG_TASKS);
    await p2.goto(`${srv.origin}/generated/report-${size}.html`, { timeout: 120_000 });
    await new Promise((r) => setTimeout(r, 300));
    base.push(await longestAfterDcl(p2));
    await p2.close();
  }
  // Medians of the runs, under the names results.json has always used.
  const med = (f) => round(median(rows.map(f)));
  const row = {
    size,
    chars: rows[0].chars,
    terms: rows[0].terms,
    ...Object.fromEntries(['modelMs', 'detectMs'].map((k) => [k, med((r) => r[k])])),
    contentScriptMs: med((r) => r.totalMs),
    ...Object.fromEntries(['glossaryMs', 'matcherMs', 'markMs'].map((k) => [k, med((r) => r[k])])),
    marks: rows[0].marks,
    longestTaskMs: med((r) => r.longest),
    longestTaskWhileScrollingMs: med((r) => r.scrollLongest),
    ...Object.fromEntries(['convertMs', 'convertLoadMs'].map((k) => [k, med((r) => r[k])])),
    openccStringMs: med((r) => r.openccMs),
    convertBusyMs: med((r) => r.convertBusyMs),
    convertRatio: med((r) => r.convertBusyMs / Math.max(r.openccMs, 0.1)),
    longestTaskWhileConvertingMs: med((r) => r.convertLongest),
    longestTaskWithoutExtensionMs: round(median(base)),
  };
  results.pages.push(row);
  console.log(row);
}

// Anchoring: 500 stored highlights on the 200 k page, placed when the page loads.
if (part('anchoring')) {
  const probe = await ext.context.newPage();
  await probe.goto(`${srv.origin}/generated/report-200000.html`, { timeout: 120_000 });
  const quotes = await probe.evaluate(() => {
    const ps = [...document.querySelectorAll('main p')].map((p) => p.textContent).filter((t) => t.length > 80);
    const out = [];
    for (let i = 0; i < 500; i++) {
      const t = ps[(i * 7) % ps.length];
      const at = (i * 13) % (t.length - 40);
      out.push({ exact: t.slice(at + 10, at + 30), prefix: t.slice(at, at + 10), suffix: t.slice(at + 30, at + 40), start: i * 400 });
    }
    return out;
  });
  await probe.close();
  // The generated pages carry the seed's canonical link, same-origin: their highlights are filed under it.
  const source = `${srv.origin}/seed-report.html`;
  const items = quotes.map((q, i) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:bench-${i}`, type: 'Annotation', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: '', format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: 'bench', selector: [{ type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix }, { type: 'TextPositionSelector', start: q.start, end: q.start + q.exact.length }] },
    color: ['yellow', 'green', 'blue', 'pink'][i % 4],
  }));
  await ext.serviceWorker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [`hl:${source}`, { v: 1, source, title: 'bench', items }]);
  const times = [];
  let placed = 0;
  for (let i = 0; i < runs; i++) {
    await ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
    const page = await ext.context.newPage();
    await page.goto(`${srv.origin}/generated/report-200000.html`, { timeout: 120_000 });
    let s = await statusWithTerms(page);
    for (let k = 0; k < 200 && !s.timing.anchorMs; k++) {
      await new Promise((r) => setTimeout(r, 50));
      s = await waitForStatus(ext, page);
    }
    times.push(s.timing.anchorMs);
    placed = await page.evaluate(() => ['yellow', 'green', 'blue', 'pink'].reduce((n, c) => n + (CSS.highlights.get(`bilingual-reader-hl-${c}`)?.size ?? 0), 0));
    await page.close();
  }
  await ext.serviceWorker.evaluate((key) => chrome.storage.local.remove(key), `hl:${source}`);
  results.anchoring = { highlights: items.length, placed, medianMs: round(median(times)) };
  console.log(results.anchoring);
}

// The 5 MB page of giant paragraphs: one round trip (it takes over a minute).
if (part('huge')) {
  results.hugePage = await benchHugePage(ext, srv);
  console.log(results.hugePage);
}
// The highlight store: bulk import, and saves on a page with many highlights (scripts/bench-store.mjs).
if (part('store')) results.store = await benchStore(ext, runs);
// Script conversion, both directions, on corpus pages (scripts/bench-convert.mjs).
const conversion = part('conversion') ? await benchConversion({ ext, runs }) : null;
if (conversion) results.conversion = { rows: conversion.rows, restore: conversion.restore };

// The non-Chinese exit.
const probes = [];
for (let i = 0; i < (part('english') ? runs : 0); i++) {
  const page = await ext.context.newPage();
  await page.goto(`${srv.origin}/english.html`);
  const s = await waitForStatus(ext, page);
  probes.push(s.timing.probeMs);
  await page.close();
}
if (probes.length) results.englishProbeMs = round(median(probes) * 100) / 100;
if (probes.length) console.log({ englishProbeMs: results.englishProbeMs });

// Hover → popover visible with content, measured in the page from the pointer event that ends on
// the word (its timeStamp) to the first animation frame in which the popover holds the entry, minus
// the configured hover delay: the time the reader waits beyond the delay they chose.
if (part('hover')) {
  const HOVERS = Math.max(20, runs * 4);
  const latency = async (path, targets, ready, hovers = HOVERS) => {
    // The conversion parts remembered a script for this site: hover the pages as they are written.
    await ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
    const page = await ext.context.newPage();
    await page.goto(`${srv.origin}/${path}`);
    await statusWithTerms(page);
    // A first hover comes after a moment of reading, not in the page's first milliseconds.
    if (!hovers) await page.waitForTimeout(1000);
    await page.evaluate(() => addEventListener('pointermove', (e) => (window.__moveAt = e.timeStamp), { capture: true }));
    const delay = await ext.serviceWorker.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.hoverDelayMs ?? 300);
    const out = [];
    // With hovers = 0, the first hover alone (otherwise the first three warm up and are left out).
    const warmUp = hovers ? 3 : 0;
    for (let i = 0; i < Math.max(1, hovers + warmUp); i++) {
      await page.mouse.move(5, 5);
      await page.waitForFunction(() => !document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-popover"]'), null, { timeout: 5000 }).catch(() => undefined);
      const box = await textBox(page, targets[i % targets.length]);
      await page.mouse.move(box.x - 20, box.y);
      await page.waitForTimeout(50);
      const watch = page.evaluate(
        (sel) =>
          new Promise((resolve) => {
            const tick = () => (document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector(sel) ? resolve(performance.now() - window.__moveAt) : requestAnimationFrame(tick));
            requestAnimationFrame(tick);
          }),
        ready,
      );
      await page.mouse.move(box.x, box.y);
      const ms = await watch;
      if (i >= warmUp) out.push(ms - delay);
    }
    await page.close();
    return round(median(out));
  };
  // The first hover on a page just read (the page's entries fetched while it was idle, the popover
  // rendered for the first time): one per page load.
  const firsts = [];
  for (let i = 0; i < Math.max(runs, 5); i++) firsts.push(await latency('seed-report.html', ['三統一'], '[data-testid="term-headword"]', 0));
  results.hover = {
    glossaryTermFirstMs: round(median(firsts)),
    firstRuns: firsts.length,
    glossaryTermMs: await latency('seed-report.html', ['三統一', '標準地', '行政複議案件'], '[data-testid="term-headword"]'),
    dictionaryWordMs: await latency('work-report-2025.html', ['提振', '着力', '巩固'], '[data-testid="dict-entry"]'),
    hovers: HOVERS,
    budgetMs: 16,
  };
  console.log(results.hover);
}

await plain.close();
// Dictionary lookups, from an extension page (the popup) to the background, as a page's would go.
// "First after restart": the service worker is stopped through CDP (ServiceWorker.stopAllWorkers),
// so the lookup starts it again and loads the dictionary's index and the shards it needs. The same
// for a message that loads nothing (odd text answers empty at once) tells the worker's own start.
// It runs after the hover latencies: stopping the service worker kills the handle they use.
if (part('dictionary')) {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const cdp = await ext.context.newCDPSession(popup);
  const running = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) running.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const stopWorker = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const end = Date.now() + 5000;
    while ([...running.values()].some((s) => s !== 'stopped') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
  };
  const ask = (text) =>
    popup.evaluate(async (t) => {
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage({ type: 'dict-lookup', text: t });
      return { ms: performance.now() - t0, word: r?.word ?? null };
    }, text);
  const WORDS = ['提振消费', '着力激发', '巩固拓展', '培育壮大', '挖掘潜力', '补贴政策', '消费券的', '托育服务', '业态创新', '场景应用', '行政复议', '鞏固發展'];
  const cold = [];
  const restartOnly = [];
  const dictRuns = Math.max(runs, 7);
  for (let i = 0; i < dictRuns; i++) {
    await stopWorker();
    restartOnly.push((await ask('abc')).ms);
    await stopWorker();
    const r = await ask(WORDS[i % WORDS.length]);
    if (!r.word) throw new Error(`no word for ${WORDS[i % WORDS.length]}`);
    cold.push(r.ms);
  }
  const warm = [];
  for (let i = 0; i < 3; i++) for (const w of WORDS) warm.push((await ask(w)).ms);
  results.dictionary = { firstAfterRestartMs: round(median(cold)), restartOnlyMs: round(median(restartOnly)), warmMs: round(median(warm) * 10) / 10, runs: dictRuns };
  console.log(results.dictionary);
  await popup.close();
}

// Side by side with New Tong Wen Tang, each in a browser of its own (only with --peer).
const peer = peerDir && part('peer') ? await benchPeer({ peerDir, runs }) : null;
if (peer) Object.assign(results, { peer: peer.rows, peerTrace: peer.traced });
// The same in Firefox ESR (only with --peer-firefox).
const peerFirefox = peerFirefoxDir && part('peer-firefox') ? await benchPeerFirefox({ peerDir: peerFirefoxDir, runs }) : null;
if (peerFirefox) results.peerFirefox = peerFirefox.rows;

// Last: it stops the service worker too.
if (part('restart')) results.switchAfterRestart = await benchSwitchAfterRestart({ ext, origin: srv.origin, runs });
if (part('restart')) results.pageAfterRestart = await benchPageAfterRestart({ ext, origin: srv.origin, runs });

await ext.close();
await srv.close();
// A conversion or side-by-side run alone prints its README block, to be pasted if it is to replace the last full run's.
if (only === 'conversion') console.log('\n' + conversion.table);
if (only === 'peer' && peer) console.log('\n' + peer.table);
if (only === 'peer-firefox' && peerFirefox) console.log('\n' + peerFirefox.table);
if (only) process.exit(0);

mkdirSync('bench', { recursive: true });
// Without --peer (or --peer-firefox) the side-by-side results stay as last measured, as the README's
// tables do (they say when).
if (existsSync('bench/results.json')) {
  const before = JSON.parse(readFileSync('bench/results.json', 'utf8'));
  for (const key of ['peer', 'peerTrace', 'peerFirefox']) if (!(key in results) && key in before) results[key] = before[key];
}
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');

const task = (ms) => (ms > 0 ? `${ms} ms` : 'none ≥ 50 ms');
const k = (n) => (n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`);
const table = [
  `Medians of ${runs} runs, ${results.chromium}, headless, on this project's 2-core machine (${results.date.slice(0, 10)}).`,
  '',
  'Long tasks are what PerformanceObserver reports (tasks of 50 ms or more) after DOMContentLoaded; times are wall-clock medians, the work itself runs in slices of about 12 ms (the glossary\'s matching: up to 40 ms). "Glossary load + match" runs from the reader turning on to every block matched (the glossary\'s forms are asked for when the page starts being read, so most of their trip overlaps the text model and detection); "matcher build" is filing the forms\' lines by key plus layering the reader\'s own terms and the page\'s notes over them (a line is decoded when the page\'s text first needs it, within the match).',
  '',
  '| page (Han chars) | text model | detection | start to detection | glossary load + match | matcher build | marking (ranges near the viewport) | longest task (with extension) | longest task while scrolling | longest task (page alone) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.pages.map((r) => `| ${k(r.size)} (${r.terms} terms) | ${r.modelMs} ms | ${r.detectMs} ms | ${r.contentScriptMs} ms | ${r.glossaryMs} ms | ${r.matcherMs} ms | ${r.markMs} ms (${r.marks}) | ${task(r.longestTaskMs)} | ${task(r.longestTaskWhileScrollingMs)} | ${task(r.longestTaskWithoutExtensionMs)} |`),
  '',
  'Script conversion to 简体 (the seed is Traditional with Taiwan phrasing). The page pipeline converts block by block, on-screen blocks first, in slices, and writes into the same text nodes; "our work" is the main-thread time in our code, "until done" adds the frames the page renders between slices (the browser must lay out the new text: about half a millisecond per thousand characters). opencc-js converts the same text as one string in the same page. The ratio (our work / opencc-js) is the figure to watch.',
  '',
  '| page | dictionaries + converters (first switch) | our work | until done | opencc-js, one string | ratio | longest task while converting |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.pages.map((r) => `| ${k(r.size)} | ${r.convertLoadMs} ms | ${r.convertBusyMs} ms | ${r.convertMs} ms | ${r.openccStringMs} ms | ${r.convertRatio}× | ${task(r.longestTaskWhileConvertingMs)} |`),
  '',
  `Highlights: ${results.anchoring.highlights} stored highlights on the 200 k page are placed in ${results.anchoring.medianMs} ms when it loads (${results.anchoring.placed} drawn; position, then quote with context, then fuzzy).`,
  '',
  `5 MB page (${results.hugePage.paras} paragraphs of 70 k characters, one text node each; one run): to 简体 in ${results.hugePage.toHansWallMs} ms (our work ${round(results.hugePage.convertBusyMs)} ms), longest task ${task(results.hugePage.toHansLongestTaskMs)}; back to the original in ${results.hugePage.restoreWallMs} ms, longest task ${task(results.hugePage.restoreLongestTaskMs)}; ${results.hugePage.converted ? 'every paragraph converted' : 'NOT every paragraph converted'}, ${results.hugePage.restored ? 'restored byte for byte' : 'NOT restored exactly'}.`,
  '',
  `Non-Chinese page (English fixture): the probe decides in ${results.englishProbeMs} ms and loads nothing else.`,
  '',
  `Hover to popover visible with its entry, beyond the configured hover delay, from the pointer event (medians of ${results.hover.hovers} warm hovers; budget ${results.hover.budgetMs} ms): glossary term ${results.hover.glossaryTermMs} ms, dictionary word ${results.hover.dictionaryWordMs} ms. The first hover on a page read a second before (its entries fetched while it was idle, the popover drawn for the first time; median of ${results.hover.firstRuns} page loads): ${results.hover.glossaryTermFirstMs} ms.`,
  '',
  `Script switch with Alt+Shift+S after the background's service worker was stopped (as Chrome stops an idle one after about 30 s), on a page read before: the page had its first screen and what follows converted ahead while it was read, then the rest of it up to 700 k characters (a short page whole), and writes that at once; what is past that waits for the worker to start, fetch the dictionaries and build the converter. ${results.switchAfterRestart.map((r) => `${r.case}: first screen ${r.firstScreenMs} ms, all converted ${r.allMs} ms`).join('; ')} (medians of ${results.switchAfterRestart[0].runs} restarts).`,
  '',
  `A page opened after the service worker was stopped (so most page loads of a reading session): glossary load + match ${results.pageAfterRestart.map((r) => `on ${r.case} ${r.glossaryMs} ms`).join(', ')}, the worker starting and answering the glossary's forms (their own small file) included. The first hover on the sample report, read for 1.5 s, after the worker was stopped again: ${results.pageAfterRestart[0].firstHoverMs} ms beyond the hover delay (the entry was fetched while the page was idle; the dictionary's entries join the popover when the restarted worker answers) (medians of ${results.pageAfterRestart[0].runs} restarts).`,
  '',
  `Dictionary (CC-CEDICT in the background), a lookup from an extension page: first lookup after the service worker was stopped ${results.dictionary.firstAfterRestartMs} ms (of which restarting the worker and answering a message that loads nothing: ${results.dictionary.restartOnlyMs} ms), warm lookup round trip ${results.dictionary.warmMs} ms (medians of ${results.dictionary.runs} restarts and ${12 * 3} lookups).`,
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const updated = readme
  .replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`)
  .replace(/<!-- bench-convert:start -->[\s\S]*<!-- bench-convert:end -->/, `<!-- bench-convert:start -->\n${conversion?.table ?? ''}\n<!-- bench-convert:end -->`)
  // Without --peer the side-by-side table stays as it was last measured (it says when).
  .replace(/<!-- bench-peer:start -->[\s\S]*<!-- bench-peer:end -->/, (old) => (peer ? `<!-- bench-peer:start -->\n${peer.table}\n<!-- bench-peer:end -->` : old))
  .replace(/<!-- bench-peer-firefox:start -->[\s\S]*<!-- bench-peer-firefox:end -->/, (old) => (peerFirefox ? `<!-- bench-peer-firefox:start -->\n${peerFirefox.table}\n<!-- bench-peer-firefox:end -->` : old));
writeFileSync('README.md', updated);
writeStoreResults(results.store);
console.log('\n' + table);
