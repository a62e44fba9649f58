// The script switch on a page whose Chinese is a minority (detection: not a Chinese page), and bad input.
// Its conversion to 繁體 and back is a shared scenario (tests/support/scenarios.mjs), run in both browsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPopup, tabIdOf, waitForStatus } from '../support/browser.mjs';
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
