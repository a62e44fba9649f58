// Foundation e2e: detection, the popup contract, the per-site choice, pages we must not break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPopup, statusOf, tabIdOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';

const session = useSession();
const open = (path) => session.open(path);

test('the seed report is detected, with reasons, in the page, the popup and the badge', async () => {
  const page = await open('seed-report.html');
  const status = await waitForStatus(session.ext, page);
  assert.equal(status.state, 'report');
  assert.equal(status.detection.isReport, true);
  assert.equal(status.detection.script, 'traditional');
  const ids = status.detection.reasons.map((r) => r.id);
  for (const id of ['title-doc-type', 'issuer', 'sections', 'subsections', 'signature-date']) assert.ok(ids.includes(id), `reason ${id} in ${ids}`);
  assert.equal(await page.getAttribute('html', 'data-bilingual-reader'), 'report');

  const popup = await openPopup(session.ext, page);
  const statusEl = popup.getByTestId('page-status');
  await assert.doesNotReject(statusEl.waitFor());
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state') === 'report');
  assert.equal((await statusEl.textContent()).trim(), 'Government report detected');
  const reasons = await popup.getByTestId('status-reasons').locator('li').allTextContents();
  assert.ok(reasons.some((r) => r.includes('湖州市人民政府')), `issuer shown: ${reasons}`);
  assert.ok(reasons.some((r) => r.includes('2019年2月28日')), `date shown: ${reasons}`);

  const tabId = await tabIdOf(session.ext, page);
  const badge = await session.ext.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.notEqual(badge, '');
  await popup.close();
  await page.close();
});

test('the English page and the Chinese news page are not reports', async () => {
  const en = await open('english.html');
  const s1 = await waitForStatus(session.ext, en);
  assert.equal(s1.detection.isReport, false);
  assert.equal(s1.state, 'not-chinese');
  assert.equal(await en.getAttribute('html', 'data-bilingual-reader'), null);

  const zh = await open('zh-news.html');
  const s2 = await waitForStatus(session.ext, zh);
  assert.equal(s2.detection.isChinese, true);
  assert.equal(s2.detection.isReport, false);
  assert.equal(s2.state, 'zh');
  assert.equal(await zh.getAttribute('html', 'data-bilingual-reader'), 'zh');

  const popup = await openPopup(session.ext, zh);
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state') === 'zh');
  assert.match(await popup.getByTestId('page-status').textContent(), /Chinese page/);
  await popup.close();
  await en.close();
  await zh.close();
});

test('"never on this site" turns the reader off, also after reload; automatic turns it back on', async () => {
  const page = await open('seed-report.html');
  await waitForStatus(session.ext, page);
  const popup = await openPopup(session.ext, page);
  const select = popup.getByTestId('site-mode');
  await select.waitFor();
  await select.selectOption('off');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader'));
  await page.reload();
  const s = await waitForStatus(session.ext, page);
  assert.equal(s.state, 'off');
  assert.equal(s.mode, 'off');
  assert.equal(await page.getAttribute('html', 'data-bilingual-reader'), null);
  await popup.reload();
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state') === 'off');
  assert.equal(await popup.getByTestId('site-mode').inputValue(), 'off');
  assert.equal((await popup.getByTestId('page-status').textContent()).trim(), 'Reader is off on this site');

  await popup.getByTestId('site-mode').selectOption('auto');
  await page.reload();
  const s2 = await waitForStatus(session.ext, page);
  assert.equal(s2.state, 'report');
  await popup.close();
  await page.close();
});

test('inputs, textarea, contenteditable, code and the page\'s own scripts are left alone', async () => {
  const page = await open('form-page.html');
  const before = await page.evaluate(() => ({
    name: document.getElementById('name').value,
    opinion: document.getElementById('opinion').value,
    editor: document.getElementById('editor').innerHTML,
    plain: document.getElementById('editor-plain').innerHTML,
    pre: document.getElementById('pre').innerHTML,
    code: document.getElementById('code').innerHTML,
  }));
  const s = await waitForStatus(session.ext, page);
  assert.equal(s.state, 'report');
  // Type into the fields and the editor while the reader watches the page.
  await page.fill('#opinion', '新的意见：行政复议');
  await page.click('#editor');
  await page.keyboard.type('ABC');
  await page.click('#counter');
  await page.click('#counter');
  await new Promise((r) => setTimeout(r, 600));
  const afterState = await page.evaluate(() => ({
    name: document.getElementById('name').value,
    opinion: document.getElementById('opinion').value,
    editor: document.getElementById('editor').textContent,
    plain: document.getElementById('editor-plain').innerHTML,
    pre: document.getElementById('pre').innerHTML,
    code: document.getElementById('code').innerHTML,
    clicks: document.getElementById('clicks').textContent,
  }));
  assert.equal(afterState.name, before.name);
  assert.equal(afterState.opinion, '新的意见：行政复议');
  assert.ok(afterState.editor.includes('ABC') && afterState.editor.includes('行政复议与行政诉讼的衔接'));
  assert.equal(afterState.plain, before.plain);
  assert.equal(afterState.pre, before.pre);
  assert.equal(afterState.code, before.code);
  assert.equal(afterState.clicks, '点击次数：2');
  await page.click('#submit');
  assert.equal(await page.textContent('#submitted'), '已提交：张三 行政复议');
  await page.close();
});

test('bad input: 5 MB of text, a page mutating every 50 ms, pages without a body', async () => {
  const huge = await open('generated/huge-text.html');
  const s1 = await waitForStatus(session.ext, huge, 30_000);
  assert.equal(s1.detection.isChinese, true);
  // The tab still answers promptly.
  const t0 = Date.now();
  assert.equal(await huge.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - t0 < 2000);
  await huge.close();

  const mut = await open('mutating.html');
  await waitForStatus(session.ext, mut);
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const t = Date.now();
    await mut.evaluate(() => document.getElementById('ticker').textContent);
    samples.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(Math.max(...samples) < 1000, `responsive while mutating: ${samples}`);
  assert.ok((await mut.evaluate(() => document.getElementById('feed').children.length)) > 10);
  assert.ok(await statusOf(session.ext, mut));
  await mut.close();

  for (const path of ['no-body.html', 'no-body.svg']) {
    const p = await open(path);
    const s = await waitForStatus(session.ext, p);
    assert.equal(s.detection.isReport, false, path);
    assert.equal(await p.evaluate(() => document.body === null), true, path);
    await p.close();
  }
});
