// The script switch on a page whose Chinese is a minority (detection: not a Chinese page), and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPopup, tabIdOf, waitForStatus, setScriptFromPopup } from '../support/browser.mjs';
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

const setScript = (page, mode) => setScriptFromPopup(session.ext, page, mode);

test('a bilingual page (Chinese a minority, lang="zh") converts to 繁體 and back exactly; its own script keeps working', async () => {
  await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await session.open('bilingual.html');
  const status = await waitForStatus(session.ext, page);
  assert.equal(status.state, 'not-chinese');
  assert.equal(status.hasHan, true);
  const before = await snapshot(page);

  await setScript(page, 'zh-TW');
  const text = await page.evaluate(() => document.querySelector('main').textContent);
  for (const w of ['行政複議', '規範性檔案', '數字化', '智慧財產權', '檔案館', '入口網站', '線上查詢']) assert.ok(text.includes(w), w);
  assert.ok(text.includes('These notes summarise regional regulations'));
  assert.equal(await page.title(), 'Hangzhou Bay Policy Notes · 杭州灣政策筆記');
  // The page's own toggle still works, on its own attributes, while the page shows 繁體.
  await page.click('#toggle');
  assert.equal(await page.textContent('#shown'), 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('body', 'data-show'), 'en');
  await page.click('#toggle');
  await page.click('#toggle');
  assert.equal(await page.textContent('#shown'), 'both');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');

  await setScript(page, 'original');
  assert.deepEqual(await snapshot(page), before);
  await page.close();
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
