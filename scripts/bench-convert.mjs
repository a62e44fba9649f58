// Script conversion in real Chromium, both directions, on pages made from the corpus (State Council
// and Party congress reports: Simplified originals, and their opencc cn→twp conversions), about
// 20 k, 200 k and 600 k characters. Called by scripts/bench.mjs; `npx tsx scripts/bench-convert.mjs
// [--runs N]` runs it alone on the built extension.
//
// Per run, each conversion twice, each the first in a fresh tab: on a page read for a moment (the
// background has built the converter and the page has its first screen and what follows converted
// ahead, as New Tong Wen Tang has its converter ready from its start), and on a page that could not
// prepare anything (the background refused while it was read) with the converters dropped just
// before the click, so that "click → all converted" includes building them, as opencc-js's figure
// (converter build + one-string conversion of the page's text, measured in the same browser in the
// same run) does. New Tong Wen Tang itself is measured side by side by bench-peer.mjs.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import * as OpenCC from 'opencc-js';
import { findChromium, launchWithExtension, tabIdOf, waitForStatus } from '../tests/support/browser.mjs';
import { lineEdits } from '../utils/core/text/edits.ts';
import { median, round, settled } from './bench-stats.mjs';

const SIZES = [20_000, 200_000, 600_000];
const CORPUS = new URL('../../shared/corpus/national-reports.jsonl', import.meta.url);
const FIXTURE = new URL('../tests/fixtures/corpus-reports.jsonl', import.meta.url);

export function loadDocs() {
  let text;
  try {
    text = readFileSync(CORPUS, 'utf8');
  } catch {
    text = readFileSync(FIXTURE, 'utf8'); // a fresh clone without /work/shared: repeat what the tests have
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Paragraphs of the corpus, in order and repeated if need be, up to `size` characters. */
export function paragraphs(docs, size) {
  const out = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const d = docs[i % docs.length];
    for (const p of d.text.split('\n')) {
      if (!p.trim()) continue;
      out.push(p);
      n += p.length;
      if (n >= size) break;
    }
  }
  return out;
}

export function pageHtml(paras, lang, title) {
  // Headings and inline elements, as real report pages have.
  const body = paras.map((p, i) => (i % 25 === 0 ? `<h2>${esc(p.slice(0, 30))}</h2><p>${esc(p.slice(30))}</p>` : `<p>${esc(p.slice(0, 12))}<b>${esc(p.slice(12, 20))}</b>${esc(p.slice(20))}</p>`)).join('\n');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main>${body}</main></body></html>`;
}

/** LoAF entries (they include style and layout, which longtask misses). */
export const OBSERVE_FRAMES = () => {
  window.__frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // no LoAF in this browser
  }
};

/**
 * In the page, before a switch: watches the blocks' lang tags (set after the switch, when the page
 * is idle, for the blocks away from the viewport); returns how many frames were seen so far.
 */
export const WATCH_LANG_TAGS = () => {
  window.__langAt = 0;
  window.__langWatch?.disconnect();
  window.__langWatch = new MutationObserver(() => (window.__langAt = performance.now()));
  window.__langWatch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['lang'] });
  window.__askedAt = performance.now();
  return window.__frames.length;
};

/**
 * In the page, after a switch: resolves once no tag has changed for a second (a step waits at most
 * 250 ms for idle), with the ms from WATCH_LANG_TAGS to the last tag (null: none was set).
 */
export const LANG_TAGS_SETTLED = async () => {
  while (performance.now() - window.__langAt < 1000) await new Promise((r) => setTimeout(r, 100));
  window.__langWatch.disconnect();
  return window.__langAt ? window.__langAt - window.__askedAt : null;
};

/** opencc-js's browser build in `page` (a page of a browser without the extension). */
const loadOpencc = (page) => page.addScriptTag({ path: 'node_modules/opencc-js/dist/umd/full.js' });

/**
 * opencc-js, the same page's text, in `ref` (a page of a browser without the extension): loads it,
 * builds its converter and converts the text as one string; returns the milliseconds.
 */
export async function openccOnPage(ref, from, to) {
  await loadOpencc(ref);
  return ref.evaluate(([f, t]) => {
    const text = document.body.textContent;
    const t0 = performance.now();
    OpenCC.Converter({ from: f, to: t })(text);
    return performance.now() - t0;
  }, [from, to]);
}

/**
 * The browser's own part of a switch, in `page` (a browser without the extension, opencc-js loaded):
 * the page shown in the new script with no conversion work at all. Each text node's new text is
 * computed beforehand, then written `perFrame` characters a frame with its block's lang set.
 * `written` is the time to the last node written (as ours is timed), `shown` to the end of the frame
 * that draws it, and `frame` the longest long-animation-frame entry meanwhile (0 if none reached
 * 50 ms).
 */
export async function browserAlone(page, { from, to, mode }, perFrame) {
  return page.evaluate(async ([from, to, lang, limit]) => {
    const frames = [];
    const observer = new PerformanceObserver((list) => frames.push(...list.getEntries()));
    observer.observe({ type: 'long-animation-frame' });
    const nodes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const convert = OpenCC.Converter({ from, to });
    const next = nodes.map((n) => convert(n.data));
    const frame = () => new Promise((res) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => res(); ch.port2.postMessage(0); }));
    await frame();
    const t0 = performance.now();
    for (let i = 0; i < nodes.length; ) {
      // A frame between slices, none after the last.
      if (i > 0) await frame();
      let chars = 0;
      while (i < nodes.length && chars < limit) {
        const n = nodes[i];
        n.data = next[i++];
        n.parentElement.closest('p, h2')?.setAttribute('lang', lang);
        chars += n.data.length;
      }
    }
    const written = performance.now() - t0;
    await frame();
    const shown = performance.now() - t0;
    await new Promise((res) => setTimeout(res, 100));
    observer.disconnect();
    // Entries come late: the frame that computed the new text may be among them.
    return { written, shown, frame: Math.max(0, ...frames.filter((e) => e.startTime >= t0).map((e) => e.duration)) };
  }, [from, to, mode, perFrame]);
}

/**
 * The background (`worker`, its service worker) refuses to build any converter, so a page read
 * meanwhile prepares nothing; or builds again. Either way the converters built so far are dropped.
 */
export const refuseConvertersIn = (worker, refuse) =>
  worker.evaluate((on) => {
    const c = globalThis.__bilingualReaderConverters;
    // Where the whole converter and the first screen's own (forTexts) both start: the dictionaries.
    c.__dicts ??= c.dicts;
    c.dicts = on ? () => Promise.reject(new Error('bench: nothing ahead')) : c.__dicts;
    c.clear();
  }, refuse);

export async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

export async function benchConversion({ ext, runs, sizes = SIZES }) {
  const docs = loadDocs();
  const s2twp = OpenCC.Converter({ from: 'cn', to: 'twp' });
  const pages = new Map();
  for (const size of sizes) {
    const cn = paragraphs(docs, size);
    const tw = cn.map((p) => s2twp(p));
    pages.set(`cn-${size}`, pageHtml(cn, 'zh-CN', cn[0].slice(0, 30)));
    pages.set(`tw-${size}`, pageHtml(tw, 'zh-TW', tw[0].slice(0, 30)));
  }
  const server = createServer((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').pathname.slice(1).replace(/\.html$/, '');
    const html = pages.get(key);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  await ext.context.addInitScript(OBSERVE_FRAMES);
  const plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const sw = () => ext.context.serviceWorkers()[0] ?? ext.serviceWorker;

  const DIRECTIONS = [
    { name: 'to 繁體 (Simplified page → zh-TW, s2twp)', key: 'cn', mode: 'zh-TW', from: 'cn', to: 'twp' },
    { name: 'to 简体 (Taiwan-phrased page → zh-Hans, tw2sp + ours)', key: 'tw', mode: 'zh-Hans', from: 'twp', to: 'cn' },
  ];

  /** The page read: terms matched and, unless `ahead` is false, its conversion done ahead. */
  async function ready(page, ahead = true) {
    const end = Date.now() + 120_000;
    let s = await waitForStatus(ext, page, 120_000);
    while ((s.termCount === null || (ahead && !s.timing.convertAheadChars)) && s.state !== 'not-chinese' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      s = await waitForStatus(ext, page, 120_000);
    }
    // The rest of a long page is converted ahead after the first screen, when the page is idle.
    if (ahead) await settled(async () => (await waitForStatus(ext, page, 120_000)).timing.convertAheadChars);
    await new Promise((r) => setTimeout(r, 500));
    return s;
  }

  /** The longest frame in `page` since its `n`th, once the last frames are in. */
  async function longestFrame(page, n) {
    await new Promise((res) => setTimeout(res, 300));
    return page.evaluate((k) => Math.max(0, ...window.__frames.slice(k).map((f) => f.duration)), n);
  }

  const refuseConverters = (refuse) => refuseConvertersIn(sw(), refuse);

  /** Waits until the background has built the converters it was asked to prepare. */
  async function prepared() {
    const n = await sw().evaluate(async () => {
      const c = globalThis.__bilingualReaderConverters?.converters;
      for (let i = 0; i < 200 && !c?.size; i++) await new Promise((r) => setTimeout(r, 25));
      await Promise.all([...(c?.values() ?? [])]);
      return c?.size ?? 0;
    });
    if (!n) throw new Error('the page did not have its converter prepared');
  }

  async function convert(page, tabId, mode) {
    // A switch that never answers fails the bench instead of hanging it.
    const ask = sw().evaluate(([id, m]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: m }), [tabId, mode]);
    let timer;
    const limit = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to the switch to ${mode} on ${page.url()} in 120 s`)), 120_000)));
    // The limit's timer goes with the answer, so it does not keep the process alive after the bench.
    await Promise.race([ask, limit]).finally(() => clearTimeout(timer));
    // The answer comes when the conversion is done; the status says how long it took.
    return waitForStatus(ext, page, 120_000);
  }

  /**
   * A fresh tab on `url`, read (see ready()), in front, starting from the page as served (a switch
   * is remembered for the site).
   */
  async function openRead(url, ahead = true) {
    await sw().evaluate(() => chrome.storage.local.remove('siteScripts'));
    const page = await ext.context.newPage();
    await page.goto(url, { timeout: 120_000 });
    await ready(page, ahead);
    return { page, tabId: await tabIdOf(ext, page) };
  }

  /**
   * A switch to `mode` that must finish: its status; when the last block had its new lang tag (the
   * blocks away from the viewport are tagged after the switch, when the page is idle: ms from the
   * message, or null if the page declares no Chinese lang); and the longest frame, tagging included.
   */
  async function timedSwitch(page, tabId, mode) {
    const n = await page.evaluate(WATCH_LANG_TAGS);
    const s = await convert(page, tabId, mode);
    if (s.script !== mode) throw new Error(`conversion to ${mode} did not finish: ${JSON.stringify(s.timing)}`);
    const langsMs = await page.evaluate(LANG_TAGS_SETTLED);
    return { s, frame: await longestFrame(page, n), langsMs };
  }

  const rows = [];
  for (const size of sizes) {
    for (const dir of DIRECTIONS) {
      const r = { ours: [], cold: [], first: [], firstCold: [], frame: [], frameCold: [], langs: [], opencc: [], floor: [], floorShown: [], floorFrame: [], floorOnce: [], heapAlone: [], heapLoaded: [], heapConverted: [], hidden: [], restored: true, chars: 0 };
      for (let i = 0; i < runs; i++) {
        await sw().evaluate(() => globalThis.__bilingualReaderConverters?.clear());
        const url = `${origin}/${dir.key}-${size}.html`;
        // opencc-js, same page text, same run: build its converter, convert the text as one string.
        const ref = await plain.newPage();
        await ref.goto(url);
        r.heapAlone.push(await heapMB(ref));
        r.opencc.push(await openccOnPage(ref, dir.from, dir.to));
        // The browser's own part (see browserAlone): sliced as ours are, then in one frame in a
        // fresh tab of its own, as New Tong Wen Tang writes.
        const sliced = await browserAlone(ref, dir, 40_000);
        r.floor.push(sliced.written);
        r.floorShown.push(sliced.shown);
        r.floorFrame.push(sliced.frame);
        await ref.close();
        const whole = await plain.newPage();
        await whole.goto(url);
        await loadOpencc(whole);
        const once = await browserAlone(whole, dir, Infinity);
        r.floorOnce.push(once.shown);
        await whole.close();

        const { page, tabId } = await openRead(url);
        r.chars = await page.evaluate(() => document.body.textContent.length);
        // No heap measurement in this tab: the forced collections it needs leave the page's code to
        // run cold again (several times slower), which is not what a reader's click meets.
        const before = await page.evaluate(() => document.documentElement.outerHTML.length);
        await prepared();
        const ready1 = await timedSwitch(page, tabId, dir.mode);
        r.ours.push(ready1.s.timing.convertMs);
        r.first.push(ready1.s.timing.convertFirstMs);
        r.frame.push(ready1.frame);
        if (ready1.langsMs !== null) r.langs.push(ready1.langsMs);
        await convert(page, tabId, 'original');
        r.restored &&= (await page.evaluate(() => document.documentElement.outerHTML.length)) === before;
        await page.close();

        // Again in a fresh tab with nothing built or converted ahead: the page is read while the
        // background refuses, and the converters are dropped just before the click.
        {
          await refuseConverters(true);
          const { page: p, tabId: id } = await openRead(url, false);
          await new Promise((res) => setTimeout(res, 1000));
          await refuseConverters(false);
          const cold = await timedSwitch(p, id, dir.mode);
          if (cold.s.timing.convertAheadChars) throw new Error('the page converted ahead although the background refused');
          r.cold.push(cold.s.timing.convertMs);
          r.firstCold.push(cold.s.timing.convertFirstMs);
          r.frameCold.push(cold.frame);
          await convert(p, id, 'original');
          r.restored &&= (await p.evaluate(() => document.documentElement.outerHTML.length)) === before;
          await p.close();
        }

        // The same conversion with the page in the background (converter ready), in a fresh tab
        // like the one above.
        {
          await sw().evaluate(() => globalThis.__bilingualReaderConverters?.clear());
          const { page: p, tabId: id } = await openRead(url);
          await prepared();
          const front = await ext.context.newPage();
          await front.bringToFront();
          r.hidden.push((await convert(p, id, dir.mode)).timing.convertMs);
          await front.close();
          await p.close();
        }

        // Heap, in a tab of its own: the page loaded with the reader on, then converted.
        {
          const { page: p, tabId: id } = await openRead(url);
          r.heapLoaded.push(await heapMB(p));
          await convert(p, id, dir.mode);
          r.heapConverted.push(await heapMB(p));
          await p.close();
        }
      }
      const row = {
        size,
        chars: r.chars,
        direction: dir.name,
        oursMs: round(median(r.ours)),
        coldMs: round(median(r.cold)),
        firstScreenMs: round(median(r.first)),
        firstScreenColdMs: round(median(r.firstCold)),
        openccMs: round(median(r.opencc)),
        floorMs: round(median(r.floor)),
        floorShownMs: round(median(r.floorShown)),
        floorFrameMs: round(median(r.floorFrame)),
        floorFramesOver100: r.floorFrame.filter((f) => f > 100).length,
        floorOnceMs: round(median(r.floorOnce)),
        ratio: Math.round(median(r.ours.map((x, k) => x / r.opencc[k])) * 100) / 100,
        ratioCold: Math.round(median(r.cold.map((x, k) => x / r.opencc[k])) * 100) / 100,
        longestFrameMs: round(median(r.frame)),
        longestFramesOver100: r.frame.filter((f) => f > 100).length,
        langsMs: r.langs.length ? round(median(r.langs)) : null,
        longestFrameColdMs: round(median(r.frameCold)),
        longestFramesOver100Cold: r.frameCold.filter((f) => f > 100).length,
        // Each run's longest frame (printed, not in the table): whether one over 100 ms is 101 or 170.
        longestFrameRuns: r.frame.map(Math.round),
        longestFrameColdRuns: r.frameCold.map(Math.round),
        heapAloneMB: round(median(r.heapAlone)),
        heapLoadedMB: round(median(r.heapLoaded)),
        heapConvertedMB: round(median(r.heapConverted)),
        hiddenMs: round(median(r.hidden)),
        restoredExactly: r.restored,
      };
      rows.push(row);
      console.log(row);
    }
  }

  // Mainland restore on corpus documents: opencc cn→twp, then shown in 简体 by the extension.
  const restore = { docs: 0, chars: 0, edits: 0, openccEdits: 0 };
  const tw2sp = OpenCC.Converter({ from: 'twp', to: 'cn' });
  {
    const sample = docs.filter((d, k) => k % 4 === 0);
    const page = await ext.context.newPage();
    for (const d of sample) {
      const paras = d.text.split('\n').filter((p) => p.trim());
      pages.set('restore', pageHtml(paras.map((p) => s2twp(p)), 'zh-TW', s2twp(paras[0].slice(0, 30))));
      // From the page as served (the last document's switch is remembered for the site); nothing
      // needs to be converted ahead here.
      await sw().evaluate(() => chrome.storage.local.remove('siteScripts'));
      await page.goto(`${origin}/restore.html`);
      await ready(page, false);
      await convert(page, await tabIdOf(ext, page), 'zh-Hans');
      const shown = await page.evaluate(() => [...document.querySelectorAll('main > *')].map((e) => e.textContent));
      // Headings were cut from their paragraph: join them back.
      const got = [];
      for (let k = 0, e = 0; k < paras.length; k++) got.push(k % 25 === 0 ? shown[e++] + shown[e++] : shown[e++]);
      const original = paras.join('\n');
      restore.docs++;
      restore.chars += original.length;
      restore.edits += lineEdits(original, got.join('\n'));
      restore.openccEdits += lineEdits(original, paras.map((p) => tw2sp(s2twp(p))).join('\n'));
    }
    await page.close();
  }
  restore.per10k = round((restore.edits / restore.chars) * 1e4);
  restore.openccPer10k = round((restore.openccEdits / restore.chars) * 1e4);
  console.log(restore);

  await plain.close();
  server.close();

  return { rows, restore, table: conversionTable(rows, restore, runs) };
}


/** The README's block: the rows of benchConversion, the mainland restore, the runs per row. */
export function conversionTable(rows, restore, runs) {
  const k = (n) => `${Math.round(n / 1000)} k`;
  return [
    'Script conversion, both directions, on pages made from the corpus (real report text; Simplified originals, and their opencc cn→twp conversions). "Click → all converted" runs from the message reaching the page to the last block written, twice, each the first conversion in a fresh tab: on a page read for a moment ("ready": the background has built the converter, and the page is converted ahead: its first screen and what follows, 32 k characters, then the rest when the page is idle, 700 k characters at most, so the 604 k pages whole) and on a page that could prepare nothing (the background refused while it was read) with the converters dropped just before the click ("built on click"), so that it includes building them. The ratio divides by opencc-js\'s converter build + one-string conversion of the same text in the same browser, same run. New Tong Wen Tang on the same kind of page, its converter ready from its start: 1.05× (20.7 k) and 4.7× (610 k) to 繁體 in the issue\'s measurement; the side-by-side table below measures it in the same run, both directions. "The browser alone" is the floor under any converter: the same page, in a browser without the extension, shown in the new script with no conversion work at all (each text node\'s new text computed beforehand, then written 40 k characters a frame with the block\'s lang set, to the last one written), and that time as a multiple of opencc-js\'s. "What slicing costs the browser": the same, timed to the end of the frame that shows the last text, against the same text and tags written in one task in a fresh tab, to the end of the one frame that draws them (New Tong Wen Tang writes so, but leaves `lang` as it was), and the longest frame of the sliced writing (how many runs had one over 100 ms). The blocks on screen get their new `lang` tag in the slice after their text (so "first screen" is the text: its tags follow a frame later), the others once the switch is done, when the page is idle, nearest the viewport first (a block tagged with another language is laid out in another font: tagging the others with their text made a switch\'s frames carry about two fifths more layout, and tagging the first screen with its text made a 21 k page\'s switch take half as long again); "lang tags all set" runs from the message to the last tag. The longest frame is a long-animation-frame entry (script, style and layout), over the switch and the tagging after it: the median of the runs, and how many runs had one over 100 ms. Heap: the page\'s whole V8 heap after garbage collection, with the page alone in a browser without the extension for comparison. Page hidden: another tab in front (in headless Chromium such a tab still says \'visible\' but gets no frames), against the page in front, each in a fresh tab with the converter ready. The heap is measured in a tab of its own: the forced collections it takes leave a page\'s code cold, and a conversion right after them runs several times slower than a reader\'s would.',
    '',
    '| page | direction | click → all converted: ready / built on click | opencc-js build + string | ratio: ready / built on click | the browser alone: showing the new text | what slicing costs the browser: 40 k characters a frame / all in one frame, shown (longest frame sliced) | first screen: ready / built on click | lang tags all set: ready | longest frame, tagging included: ready / built on click | heap: page alone / with reader / after converting | all converted: page hidden / in front | restore exact |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${k(r.chars)} | ${r.direction} | ${r.oursMs} / ${r.coldMs} ms | ${r.openccMs} ms | ${r.ratio}× / ${r.ratioCold}× | ${r.floorMs} ms (${Math.round((r.floorMs / r.openccMs) * 100) / 100}×) | ${r.floorShownMs} / ${r.floorOnceMs} ms (${r.floorFrameMs} ms; ${r.floorFramesOver100} of ${runs} runs over 100) | ${r.firstScreenMs} / ${r.firstScreenColdMs} ms | ${r.langsMs ?? '–'} ms | ${r.longestFrameMs} / ${r.longestFrameColdMs} ms (${r.longestFramesOver100 ?? '?'} / ${r.longestFramesOver100Cold ?? '?'} of ${runs} runs over 100) | ${r.heapAloneMB} / ${r.heapLoadedMB} / ${r.heapConvertedMB} MB | ${r.hiddenMs} / ${r.oursMs} ms | ${r.restoredExactly ? 'yes' : 'NO'} |`),
    '',
    `Mainland restore: ${restore.docs} corpus documents (${k(restore.chars)} characters) converted with opencc cn→twp, then shown in 简体 by the reader: ${restore.per10k} character edits per 10 k characters against the originals (opencc-js twp→cn: ${restore.openccPer10k}).`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const ext = await launchWithExtension();
  // `--sizes 200000,600000`: only these pages (a quick look; the README takes all three).
  const sizes = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',').map(Number) : SIZES;
  const out = await benchConversion({ ext, runs, sizes });
  console.log('\n' + out.table);
  await ext.close();
}
