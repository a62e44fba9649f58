// Side by side with New Tong Wen Tang, the converter readers already use, in the same Chromium in the
// same run: the pages of bench-convert.mjs, both directions, each extension in a browser of its own
// (two content scripts on one page would slow each other), runs interleaved.
//
// New Tong Wen Tang is not part of this project and is never downloaded by it: build it yourself
// from its repository (github.com/tongwentang/tongwentang-extension, tag 2.4.0: `npm ci`, then
// `npm run build:chromium`) and pass its `dist/chromium` folder: `npm run bench -- --peer DIR`, or
// `node scripts/bench-peer.mjs --peer DIR [--runs N] [--sizes 20000,600000]`.
//
// What is timed is the same for both, and seen from the page: from the message that asks for the
// conversion (sent by the extension's own background, as its shortcut does) to the frame that has
// drawn the last converted text, found by watching a few hundred of the page's text nodes each
// frame. New Tong Wen Tang converts the whole page in its background, then writes every node in one
// task; ours converts in slices, first screen first. Both have their converter ready (New Tong Wen
// Tang's is built by a conversion in another tab first; ours while the page is read).
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { findChromium, launchWithExtension, tabIdOf, waitForStatus } from '../tests/support/browser.mjs';
import { OBSERVE_FRAMES, heapMB, loadDocs, openccOnPage, pageHtml, paragraphs } from './bench-convert.mjs';
import * as OpenCC from 'opencc-js';
import { median, round, settled } from './bench-stats.mjs';
import { traceMainThread } from './bench-trace.mjs';

const SIZES = [20_000, 200_000, 600_000];

/**
 * In the page: picks text nodes that any converter changes in this direction (they hold one of the
 * commonest characters that differ between the scripts), and resolves `window.__shown` with the
 * time the frame that drew them all changed was rendered; `window.__firstShown` likewise for those
 * on screen.
 */
export const WATCH = (marks) => {
  const re = new RegExp(`[${marks}]`);
  const nodes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (n.data.length >= 20 && re.test(n.data)) nodes.push(n);
  }
  const step = Math.max(1, Math.floor(nodes.length / 400));
  const all = nodes.filter((_, i) => i % step === 0 || i >= nodes.length - 20);
  const onScreen = nodes.filter((n) => {
    const r = n.parentElement.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  const watch = (sample) => {
    const was = sample.map((n) => n.data);
    return new Promise((resolve) => {
      const tick = () => {
        if (!sample.every((n, i) => n.data !== was[i])) return requestAnimationFrame(tick);
        // This frame draws them: a message posted now runs once it is rendered. (Waiting for the
        // next frame's callbacks would also count whatever task the page runs in between.)
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
        ch.port2.postMessage(null);
      };
      requestAnimationFrame(tick);
    });
  };
  window.__shown = watch(all);
  window.__firstShown = watch(onScreen);
  return { watched: all.length, onScreen: onScreen.length };
};

export const MARKS = { s2t: '国发经这们会业为动实关', t2s: '國發經這們會業為動實關' };

/**
 * The side-by-side pages, served: `cn-SIZE` (Simplified originals) and `tw-SIZE` (their opencc
 * cn→twp conversions) for each size, and `warm` (a line of each script, for New Tong Wen Tang's
 * first conversion).
 */
export async function servePeerPages(sizes) {
  const docs = loadDocs();
  const s2twp = OpenCC.Converter({ from: 'cn', to: 'twp' });
  const pages = new Map([['warm', pageHtml(['国务院关于发展经济的报告，這裡是繁體的國家發展報告。'], 'zh-CN', 'warm')]]);
  for (const size of sizes) {
    const cn = paragraphs(docs, size);
    pages.set(`cn-${size}`, pageHtml(cn, 'zh-CN', cn[0].slice(0, 30)));
    pages.set(`tw-${size}`, pageHtml(cn.map((p) => s2twp(p)), 'zh-TW', s2twp(cn[0].slice(0, 30))));
  }
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname.slice(1).replace(/\.html$/, ''));
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin };
}

/**
 * A page's row of a side-by-side table, from the runs' measurements in `r`: ms to all shown (ours,
 * peer), to the first screen shown, longest frames, and opencc-js's build + string, run by run.
 */
export function sideBySideRow(size, direction, r) {
  const ratio = (xs) => Math.round(median(xs.map((x, k) => x / r.opencc[k])) * 100) / 100;
  return {
    size,
    chars: r.chars,
    direction,
    peerMs: round(median(r.peer)),
    oursMs: round(median(r.ours)),
    peerRange: [round(Math.min(...r.peer)), round(Math.max(...r.peer))],
    oursRange: [round(Math.min(...r.ours)), round(Math.max(...r.ours))],
    openccMs: round(median(r.opencc)),
    peerRatio: ratio(r.peer),
    oursRatio: ratio(r.ours),
    oursOverPeer: Math.round(median(r.ours.map((x, k) => x / r.peer[k])) * 100) / 100,
    peerFirstMs: round(median(r.peerFirst)),
    oursFirstMs: round(median(r.oursFirst)),
    peerFrameMs: round(median(r.peerFrame)),
    oursFrameMs: round(median(r.oursFrame)),
    peerFramesOver100: r.peerFrame.filter((f) => f > 100).length,
    oursFramesOver100: r.oursFrame.filter((f) => f > 100).length,
  };
}

export async function benchPeer({ peerDir, runs, sizes = SIZES }) {
  const { server, origin } = await servePeerPages(sizes);

  const ours = await launchWithExtension();
  const peer = await launchWithExtension({ extensionDir: peerDir });
  const plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  for (const b of [ours, peer]) await b.context.addInitScript(OBSERVE_FRAMES);
  const sw = (b) => b.context.serviceWorkers()[0] ?? b.serviceWorker;

  const DIRECTIONS = [
    { name: 'to 繁體', key: 'cn', ours: 'zh-TW', peer: 's2t', from: 'cn', to: 'twp' },
    { name: 'to 简体', key: 'tw', ours: 'zh-Hans', peer: 't2s', from: 'twp', to: 'cn' },
  ];

  /** Sends the conversion request from the extension's background; returns when it was sent. */
  const ask = (b, tabId, msg) =>
    sw(b).evaluate(([id, m]) => {
      const t = performance.timeOrigin + performance.now();
      chrome.tabs.sendMessage(id, m).catch(() => undefined);
      return t;
    }, [tabId, msg]);

  /** New Tong Wen Tang builds its converter on its first conversion: one in a tab of its own. */
  async function warmPeer() {
    const p = await peer.context.newPage();
    await p.goto(`${origin}/warm.html`);
    await new Promise((r) => setTimeout(r, 300));
    const id = await tabIdOf(peer, p);
    for (const payload of ['s2t', 't2s']) await sw(peer).evaluate(([i, m]) => chrome.tabs.sendMessage(i, m), [id, { type: 'Webpage', payload }]);
    await p.close();
  }

  /** Read for a moment: terms matched, the converter built and the first screen converted ahead. */
  async function oursReady(page) {
    let s = await waitForStatus(ours, page, 120_000);
    for (let i = 0; (s.termCount === null || !s.timing.convertAheadChars) && i < 1200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await waitForStatus(ours, page, 120_000);
    }
    // The rest of a long page is converted ahead after the first screen, when the page is idle.
    await settled(async () => (await waitForStatus(ours, page, 120_000)).timing.convertAheadChars);
    await sw(ours).evaluate(async () => {
      const c = globalThis.__bilingualReaderConverters?.converters;
      for (let i = 0; i < 200 && !c?.size; i++) await new Promise((r) => setTimeout(r, 25));
      await Promise.all([...(c?.values() ?? [])]);
    });
  }

  /**
   * One conversion in a fresh tab: ms to all shown, to the first screen shown, longest frame; with
   * `trace`, where the page's main thread spent it instead (bench-trace.mjs).
   */
  async function measure(b, url, dir, isOurs, trace = false) {
    if (!isOurs) await warmPeer();
    // Ours remembers a site's script: each run starts from the page as served.
    else await sw(ours).evaluate(() => chrome.storage.local.remove('siteScripts'));
    const page = await b.context.newPage();
    await page.goto(url, { timeout: 120_000 });
    if (isOurs) await oursReady(page);
    await new Promise((r) => setTimeout(r, 500));
    const tabId = await tabIdOf(b, page);
    const { watched } = await page.evaluate(WATCH, MARKS[dir.peer]);
    if (watched < 20) throw new Error(`only ${watched} text nodes to watch on ${url}`);
    const nFrames = await page.evaluate(() => window.__frames.length);
    const convert = async () => {
      const t0 = await ask(b, tabId, isOurs ? { type: 'set-script', mode: dir.ours } : { type: 'Webpage', payload: dir.peer });
      const [shown, firstShown] = await page.evaluate(() => Promise.all([window.__shown, window.__firstShown]));
      return [t0, shown, firstShown];
    };
    if (trace) {
      const spent = await traceMainThread(page, () => convert().then(([t0, shown]) => [t0, shown]));
      await page.close();
      return spent;
    }
    const [t0, shown, firstShown] = await convert();
    await new Promise((r) => setTimeout(r, 300));
    const frame = await page.evaluate((k) => Math.max(0, ...window.__frames.slice(k).map((f) => f.duration)), nFrames);
    // The page heap after converting, as the issue measured it.
    const heap = await heapMB(page);
    await page.close();
    return { all: shown - t0, first: firstShown - t0, frame, heap };
  }

  const rows = [];
  for (const size of sizes) {
    for (const dir of DIRECTIONS) {
      const url = `${origin}/${dir.key}-${size}.html`;
      const r = { ours: [], peer: [], oursFirst: [], peerFirst: [], oursFrame: [], peerFrame: [], oursHeap: [], peerHeap: [], opencc: [], chars: 0 };
      for (let i = 0; i < runs; i++) {
        const ref = await plain.newPage();
        await ref.goto(url);
        r.chars = await ref.evaluate(() => document.body.textContent.length);
        r.opencc.push(await openccOnPage(ref, dir.from, dir.to));
        await ref.close();
        // Alternate which goes first, so neither always meets a machine the other just warmed.
        const order = i % 2 ? ['peer', 'ours'] : ['ours', 'peer'];
        for (const who of order) {
          const m = await measure(who === 'ours' ? ours : peer, url, dir, who === 'ours');
          r[who].push(m.all);
          r[`${who}First`].push(m.first);
          r[`${who}Frame`].push(m.frame);
          r[`${who}Heap`].push(m.heap);
        }
      }
      const row = {
        ...sideBySideRow(size, dir.name, r),
        peerHeapMB: round(median(r.peerHeap)),
        oursHeapMB: round(median(r.oursHeap)),
      };
      rows.push(row);
      console.log(row);
    }
  }
  // One traced conversion each on the longest page, both directions: where the main thread's time goes.
  const traced = [];
  const longest = Math.max(...sizes);
  for (const dir of DIRECTIONS) {
    const url = `${origin}/${dir.key}-${longest}.html`;
    const row = { direction: dir.name, chars: rows.find((x) => x.size === longest && x.direction === dir.name)?.chars ?? longest };
    row.peer = await measure(peer, url, dir, false, true);
    row.ours = await measure(ours, url, dir, true, true);
    traced.push(row);
    console.log(row);
  }
  await Promise.all([ours.close(), peer.close(), plain.close()]);
  server.close();

  const k = (n) => `${Math.round(n / 1000)} k`;
  const table = [
    `Side by side with New Tong Wen Tang 2.4.0 (${new Date().toISOString().slice(0, 10)}; built from its repository, not part of this project: \`npm run bench -- --peer DIR\`, see scripts/bench-peer.mjs): each extension in a Chromium of its own, same pages (as above), runs interleaved, each conversion the first in a fresh tab, medians of ${runs} (min–max). Timed from the page: from the message asking for the conversion (sent by the extension's background, as its shortcut does) to the end of the frame that drew the last converted text (a message posted in that frame's animation callbacks). Both have their converter ready; ours has also converted the page ahead while it was read (the first screen and what follows first, then the rest when the page was idle, 700 k characters at most: these pages whole), so its switch only writes. New Tong Wen Tang converts the whole page in its background and writes it in one task (its default leaves \`lang\` as it was); ours writes in slices, first screen first, tags the blocks on screen with their new \`lang\` in the slice after their text (a new \`lang\` lays a block out again in another font), and the others once the switch is done, when the page is idle (not timed here; see "lang tags all set" above). The ratio divides by opencc-js's converter build + one-string conversion of the same text, same run. Longest frame: the median of the runs' longest long-animation-frame entry, and how many runs had one over 100 ms. Heap: the page's V8 heap after converting.`,
    '',
    '| page | direction | New Tong Wen Tang: all shown | ours: all shown | ratio to opencc-js: NTWT / ours | ours ÷ NTWT | first screen shown: NTWT / ours | longest frame: NTWT / ours | heap after: NTWT / ours |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((x) => `| ${k(x.chars)} | ${x.direction} | ${x.peerMs} ms (${x.peerRange.join('–')}) | ${x.oursMs} ms (${x.oursRange.join('–')}) | ${x.peerRatio}× / ${x.oursRatio}× | ${x.oursOverPeer} | ${x.peerFirstMs} / ${x.oursFirstMs} ms | ${x.peerFrameMs} / ${x.oursFrameMs} ms (${x.peerFramesOver100 ?? '?'} / ${x.oursFramesOver100 ?? '?'} of ${runs} runs over 100) | ${x.peerHeapMB} / ${x.oursHeapMB} MB |`),
    '',
    `Where the page's main thread spends it: one traced conversion each on the ${k(traced[0]?.chars ?? longest)} pages (scripts/bench-trace.mjs: the DevTools timeline's events only; tracing slows both somewhat), from the message to the frame that drew the last text. Frames: those that laid out new text. Rendering is the frames' style, layout and the rest of each frame (pre-paint, paint, layerize, commit); "script and the rest" is what else the page's main thread ran (script, messages, garbage collection). New Tong Wen Tang's page waits for its background for most of the time, then writes everything in one task and renders it in one frame.`,
    '',
    '| direction | extension | frames | traced time | main thread busy | style | layout | pre-paint, paint, commit | script and the rest |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...traced.flatMap((t) =>
      [['New Tong Wen Tang', t.peer], ['ours', t.ours]].map(([who, x]) =>
        x ? `| ${t.direction} | ${who} | ${x.frames} | ${x.wallMs} ms | ${x.busyMs} ms | ${x.styleMs} ms | ${x.layoutMs} ms | ${x.paintMs} ms | ${x.otherMs} ms |` : `| ${t.direction} | ${who} | no trace | | | | | | |`,
      ),
    ),
  ].join('\n');
  return { rows, traced, table };
}

/**
 * The command line of a side-by-side script: `--peer DIR` (required; `hint` says what DIR is),
 * `--runs N` (3), `--sizes 20000,600000` (all three); prints the usage and exits without a peer.
 */
export function peerCommandLine(script, hint, extra = '') {
  const args = process.argv.slice(2);
  const at = args.indexOf('--peer');
  if (at < 0 || !args[at + 1]) {
    console.error(`usage: node scripts/${script} --peer DIR [--runs N] [--sizes 20000,600000]${extra} (DIR: ${hint})`);
    process.exit(2);
  }
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const sizes = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',').map(Number) : SIZES;
  return { peerDir: args[at + 1], runs, sizes, args };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await benchPeer(peerCommandLine('bench-peer.mjs', 'New Tong Wen Tang 2.4.0 built for Chromium'));
  console.log('\n' + out.table);
}
