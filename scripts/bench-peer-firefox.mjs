// Side by side with New Tong Wen Tang in Firefox ESR: the same pages, directions and timing as
// bench-peer.mjs (Chromium), each extension in a Firefox of its own, runs interleaved, opencc-js in
// a third Firefox without extensions for the ratio. Debian's firefox-esr over Puppeteer and
// WebDriver BiDi, as the Firefox e2e tests; never downloads a browser.
//
// New Tong Wen Tang is not part of this project: build it from its repository (tag 2.4.0: `npm ci`,
// then `npm run build:firefox`) and pass its `dist/firefox` folder:
// `npm run bench -- --peer-firefox DIR`, or `node scripts/bench-peer-firefox.mjs --peer DIR
// [--runs N] [--sizes 20000,600000] [--readme]` (--readme writes its table into the README).
//
// Firefox has no long-animation-frame entries: the longest frame here is the longest time between
// two of the page's animation frames, from the message to the frame that drew the last text.
import { readFileSync, writeFileSync } from 'node:fs';
import { FIREFOX_EXTENSION_DIR, GECKO_ID, gotoExtensionPage, startFirefox } from '../tests/support/driver/firefox.mjs';
import { openccOnPage } from './bench-convert.mjs';
import { MARKS, WATCH, peerCommandLine, servePeerPages, sideBySideRow } from './bench-peer.mjs';
import { round, settled } from './bench-stats.mjs';

const SIZES = [20_000, 200_000, 600_000];
const OURS = { id: GECKO_ID, page: 'popup.html' };
const PEER = { id: 'tongwen@softcup', page: 'options.html' };

/**
 * A Firefox of its own with one extension (none: `ext` null), and a page of that extension, whose
 * `browser` API sends the messages a background or shortcut would.
 */
async function launch(ext) {
  const uuid = crypto.randomUUID();
  const browser = await startFirefox(ext ? { dir: ext.dir, id: ext.id, uuid } : {});
  const [home] = await browser.pages();
  if (!ext) return { browser, home };
  const extPage = await browser.newPage({ type: 'window' });
  await gotoExtensionPage(extPage, `moz-extension://${uuid}/${ext.page}`);
  const tabIdOf = (pageUrl) => extPage.evaluate(async (u) => Math.max(...(await browser.tabs.query({})).filter((t) => t.url === u).map((t) => t.id)), pageUrl);
  return { browser, home, extPage, tabIdOf };
}

/** In the page: records the time of each animation frame until `window.__shown` resolves. */
const FRAME_TIMES = () => {
  window.__frameTimes = [performance.now()];
  let done = false;
  window.__shown.then(() => (done = true));
  const tick = () => {
    window.__frameTimes.push(performance.now());
    if (!done) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

export async function benchPeerFirefox({ peerDir, runs, sizes = SIZES, oursDir = FIREFOX_EXTENSION_DIR }) {
  const { server, origin } = await servePeerPages(sizes);
  const ours = await launch({ ...OURS, dir: oursDir });
  const peer = await launch({ ...PEER, dir: peerDir });
  const plain = await launch(null);
  const DIRECTIONS = [
    { name: 'to 繁體', key: 'cn', ours: 'zh-TW', peer: 's2t', from: 'cn', to: 'twp' },
    { name: 'to 简体', key: 'tw', ours: 'zh-Hans', peer: 't2s', from: 'twp', to: 'cn' },
  ];

  /** New Tong Wen Tang builds its converter on its first conversion: one in a tab of its own. */
  async function warmPeer() {
    const p = await peer.browser.newPage();
    await p.goto(`${origin}/warm.html`);
    await new Promise((r) => setTimeout(r, 300));
    const id = await peer.tabIdOf(`${origin}/warm.html`);
    for (const payload of ['s2t', 't2s']) await peer.extPage.evaluate(([i, m]) => browser.tabs.sendMessage(i, m), [id, { type: 'Webpage', payload }]);
    await p.close();
  }

  /** Read for a moment: terms matched, and the first screen converted ahead (so the converter is built). */
  async function oursReady(tabId) {
    for (let i = 0; i < 1200; i++) {
      const s = await ours.extPage.evaluate((t) => browser.tabs.sendMessage(t, { type: 'get-status' }).catch(() => null), tabId);
      if (s && s.termCount !== null && s.timing?.convertAheadChars) {
        // The rest of a long page is converted ahead after the first screen, when the page is idle.
        await settled(() => ours.extPage.evaluate((t) => browser.tabs.sendMessage(t, { type: 'get-status' }).then((x) => x?.timing.convertAheadChars ?? 0, () => 0), tabId));
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the page was not read and converted ahead in 120 s');
  }

  async function measure(b, url, dir, isOurs) {
    if (isOurs) await ours.extPage.evaluate(() => browser.storage.local.remove('siteScripts'));
    else await warmPeer();
    // The page in front: Firefox throttles a tab behind another.
    await b.home.bringToFront();
    const page = await b.browser.newPage();
    await page.goto(url, { timeout: 120_000 });
    const tabId = await b.tabIdOf(url);
    if (isOurs) await oursReady(tabId);
    await new Promise((r) => setTimeout(r, 500));
    const { watched } = await page.evaluate(WATCH, MARKS[dir.peer]);
    if (watched < 20) throw new Error(`only ${watched} text nodes to watch on ${url}`);
    await page.evaluate(FRAME_TIMES);
    const t0 = await b.extPage.evaluate(
      ([id, m]) => {
        const t = performance.timeOrigin + performance.now();
        browser.tabs.sendMessage(id, m).catch(() => undefined);
        return t;
      },
      [tabId, isOurs ? { type: 'set-script', mode: dir.ours } : { type: 'Webpage', payload: dir.peer }],
    );
    const [shown, firstShown] = await page.evaluate(() => Promise.all([window.__shown, window.__firstShown]));
    // Frames from the one before the message reached the page to the one that drew the last text.
    const frame = await page.evaluate((t) => {
      const ts = window.__frameTimes;
      const from = t - performance.timeOrigin;
      let longest = 0;
      for (let i = 1; i < ts.length; i++) if (ts[i] >= from) longest = Math.max(longest, ts[i] - ts[i - 1]);
      return longest;
    }, t0);
    await page.close();
    return { all: shown - t0, first: firstShown - t0, frame };
  }

  const rows = [];
  const version = await ours.browser.version();
  try {
    for (const size of sizes) {
      for (const dir of DIRECTIONS) {
        const url = `${origin}/${dir.key}-${size}.html`;
        const r = { ours: [], peer: [], oursFirst: [], peerFirst: [], oursFrame: [], peerFrame: [], opencc: [], chars: 0 };
        for (let i = 0; i < runs; i++) {
          const ref = await plain.browser.newPage();
          await ref.goto(url);
          r.chars = await ref.evaluate(() => document.body.textContent.length);
          r.opencc.push(await openccOnPage(ref, dir.from, dir.to));
          await ref.close();
          // Alternate which goes first, so neither always meets a machine the other just warmed.
          for (const who of i % 2 ? ['peer', 'ours'] : ['ours', 'peer']) {
            const m = await measure(who === 'ours' ? ours : peer, url, dir, who === 'ours');
            r[who].push(m.all);
            r[`${who}First`].push(m.first);
            r[`${who}Frame`].push(m.frame);
          }
        }
        const row = {
          ...sideBySideRow(size, dir.name, r),
          peerFrameMax: round(Math.max(...r.peerFrame)),
          oursFrameMax: round(Math.max(...r.oursFrame)),
        };
        rows.push(row);
        console.log(row);
      }
    }
  } finally {
    await Promise.all([ours.browser.close(), peer.browser.close(), plain.browser.close()]);
    server.close();
  }
  const k = (n) => `${Math.round(n / 1000)} k`;
  const table = [
    `In Firefox ESR (${version}), side by side with New Tong Wen Tang 2.4.0 built for Firefox (${new Date().toISOString().slice(0, 10)}; \`npm run bench -- --peer-firefox DIR\`, see scripts/bench-peer-firefox.mjs): the same pages and timing as the Chromium table above, each extension in a Firefox of its own, runs interleaved, each conversion the first in a fresh tab, medians of ${runs} (min–max). Firefox has no long-animation-frame entries: the longest frame is the longest time between two of the page's animation frames, from the message to the frame that drew the last text (median of the runs; the runs' worst in brackets). The ratio divides by opencc-js's converter build + one-string conversion of the same text in a Firefox without extensions, same run.`,
    '',
    '| page | direction | New Tong Wen Tang: all shown | ours: all shown | ratio to opencc-js: NTWT / ours | ours ÷ NTWT | first screen shown: NTWT / ours | longest frame: NTWT / ours |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((x) => `| ${k(x.chars)} | ${x.direction} | ${x.peerMs} ms (${x.peerRange.join('–')}) | ${x.oursMs} ms (${x.oursRange.join('–')}) | ${x.peerRatio}× / ${x.oursRatio}× | ${x.oursOverPeer} | ${x.peerFirstMs} / ${x.oursFirstMs} ms | ${x.peerFrameMs} (${x.peerFrameMax}) / ${x.oursFrameMs} (${x.oursFrameMax}) ms |`),
  ].join('\n');
  return { rows, table, version };
}

/** Puts the table between its markers in the README. */
export function writePeerFirefoxTable(table) {
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(/<!-- bench-peer-firefox:start -->[\s\S]*<!-- bench-peer-firefox:end -->/, `<!-- bench-peer-firefox:start -->\n${table}\n<!-- bench-peer-firefox:end -->`);
  if (updated === readme && !readme.includes(table)) throw new Error('README has no bench-peer-firefox markers');
  writeFileSync('README.md', updated);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { args, ...opts } = peerCommandLine('bench-peer-firefox.mjs', 'New Tong Wen Tang 2.4.0 built for Firefox; ours: npm run build:firefox first', ' [--readme]');
  const out = await benchPeerFirefox(opts);
  console.log('\n' + out.table);
  if (args.includes('--readme')) writePeerFirefoxTable(out.table);
}
