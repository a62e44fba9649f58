// The script switch on a page whose Chinese is a minority (detection: not a Chinese page), from the
// context menu too, and bad input.
// Its conversion to 繁體 and back is a shared scenario (tests/support/scenarios.mjs), run in both browsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameOf, openPopup, tabIdOf, waitForStatus } from '../support/browser.mjs';
import { pageSnapshot } from '../support/page-text.mjs';
import { useSession } from '../support/session.mjs';

const session = useSession();

const snapshot = (page) =>
  page.evaluate(() => {
    const html = document.documentElement.cloneNode(true);
    html.querySelectorAll('[data-bilingual-reader-ui]').forEach((e) => e.remove());
    html.removeAttribute('data-bilingual-reader');
    html.removeAttribute('data-bilingual-reader-script');
    return { html: html.outerHTML, title: document.title };
  });

test('an unknown mode is answered with an error and leaves the page untouched', async () => {
  const page = await session.open('bilingual.html');
  await waitForStatus(session.ext, page);
  const before = await snapshot(page);
  const tabId = await tabIdOf(session.ext, page);
  const res = await session.ext.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-Klingon' }), tabId);
  assert.match(String(res?.error), /unknown script mode/);
  assert.deepEqual(await snapshot(page), before);
  await page.close();
});

test('an English page offers no switch', async () => {
  const page = await session.open('english.html');
  const status = await waitForStatus(session.ext, page);
  assert.equal(status.hasHan, false);
  const popup = await openPopup(session.ext, page);
  await popup.getByTestId('page-status').waitFor();
  assert.equal(await popup.getByTestId('script-zh-Hans').count(), 0);
  await popup.close();
  await page.close();
});

test('where only the switch is offered, Alt+Shift+S from the reader converts, a synthetic one from the page does nothing', async () => {
  await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await session.open('bilingual.html');
  const status = await waitForStatus(session.ext, page);
  assert.equal(status.state, 'not-chinese');
  const before = await snapshot(page);
  // The page dispatches the chord itself (isTrusted is false): nothing switches, nothing is remembered.
  await page.evaluate(() => {
    for (const type of ['keydown', 'keyup']) document.body.dispatchEvent(new KeyboardEvent(type, { code: 'KeyS', key: 'S', altKey: true, shiftKey: true, bubbles: true }));
  });
  await page.waitForTimeout(800);
  assert.equal((await waitForStatus(session.ext, page)).script, 'original');
  assert.deepEqual(await snapshot(page), before);
  assert.deepEqual(await session.ext.serviceWorker.evaluate(() => chrome.storage.local.get('siteScripts')), {});
  // The reader's own key press does switch.
  await page.click('h1');
  await page.keyboard.press('Alt+Shift+KeyS');
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 10_000 });
  // The status is published once the switch has finished (the attribute comes just before).
  let script = 'original';
  for (let i = 0; i < 50 && script === 'original'; i++) {
    script = (await waitForStatus(session.ext, page)).script;
    if (script === 'original') await page.waitForTimeout(100);
  }
  assert.notEqual(script, 'original');
  await page.close();
});

test('a script chosen in the context menu: the frame with Chinese text converts, wherever the click was; where no frame can, the frame clicked says why and nothing changes', async () => {
  const sw = session.ext.serviceWorker;
  await sw.evaluate(() => chrome.storage.local.remove(['siteScripts', 'siteModes']));
  // The click as the browser reports it (the menu itself is native, out of a test's reach): the
  // background's own listener runs.
  const menuClick = async (page, mode, frameId = 0) => {
    const tabId = await tabIdOf(session.ext, page);
    await sw.evaluate(([id, m, f]) => chrome.contextMenus.onClicked.dispatch({ menuItemId: `script:${m}`, frameId: f, editable: false, pageUrl: '' }, { id }), [tabId, mode, frameId]);
  };
  const alertIn = (f) => f.evaluate(() => {
    const host = document.querySelector('bilingual-reader-popover');
    return host?.shadowRoot?.querySelector('[data-testid="reader-alert"]')?.textContent ?? null;
  });

  // An English viewer page around a bilingual frame: right-clicked on the viewer, the frame converts
  // and nobody is told anything.
  const page = await session.open('iframe-bilingual.html');
  const frame = await frameOf(page, '/bilingual.html');
  const before = await pageSnapshot(frame);
  const top = await page.evaluate(() => document.body.innerHTML);
  // The frame has told the background it is there (the frame store, utils/extension/frame-store.ts).
  const tabId = await tabIdOf(session.ext, page);
  const reported = () => sw.evaluate((id) => chrome.storage.session.get(`frames:${id}`).then((r) => Object.keys(r[`frames:${id}`] ?? {}).filter((f) => f !== '0').length), tabId);
  for (let i = 0; i < 100 && !(await reported()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(await reported(), 'the iframe reported to the background');
  await menuClick(page, 'zh-TW');
  await frame.waitForFunction(() => document.querySelector('main').textContent.includes('行政複議'), null, { timeout: 20_000 });
  await page.waitForTimeout(500);
  assert.equal(await alertIn(page), null);
  assert.equal(await page.evaluate(() => document.body.innerHTML), top);
  await menuClick(page, 'original');
  await frame.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 20_000 });
  assert.deepEqual(await pageSnapshot(frame), before);
  await page.close();

  // A page with no Chinese text: it says so, and stays as it was.
  const english = await session.open('english.html');
  await english.waitForFunction(() => document.readyState === 'complete');
  const html = await english.evaluate(() => document.body.innerHTML);
  await menuClick(english, 'zh-Hans');
  await english.waitForFunction(() => !!document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="reader-alert"]'), null, { timeout: 10_000 });
  assert.equal(await alertIn(english), 'There is no Chinese text on this page to show in another script.');
  assert.equal(await english.getByTestId('reader-alert').getAttribute('role'), 'alert');
  assert.equal(await english.evaluate(() => document.body.innerHTML), html);
  await english.close();

  // A Chinese page on a site the reader is turned off for: it says how to turn it on.
  const host = new URL(session.srv.origin).hostname;
  await sw.evaluate((h) => chrome.storage.local.set({ siteModes: { [h]: 'off' } }), host);
  try {
    const report = await session.open('seed-report.html');
    assert.equal((await waitForStatus(session.ext, report)).state, 'off');
    const text = await pageSnapshot(report);
    await menuClick(report, 'zh-Hans');
    await report.getByTestId('reader-alert').waitFor({ timeout: 10_000 });
    assert.match(await alertIn(report), /“Never on this site”.*choose Automatic/);
    assert.deepEqual(await pageSnapshot(report), text);
    await report.close();
  } finally {
    await sw.evaluate(() => chrome.storage.local.remove(['siteScripts', 'siteModes']));
  }
});
