// The compiled glossary is loaded by the extension on Chinese pages, and only there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPopup, tabIdOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { waitForTerms as waitForTermsOf } from '../support/page-text.mjs';

const session = useSession();

const waitForTerms = (page) => waitForTermsOf(session, page, waitForStatus);

test('English pages load no glossary', async () => {
  const page = await session.open('english.html');
  const s = await waitForStatus(session.ext, page);
  await new Promise((r) => setTimeout(r, 500));
  const again = await waitForStatus(session.ext, page);
  assert.equal(s.termCount, null);
  assert.equal(again.termCount, null);
  assert.equal(again.timing.glossaryMs, 0);
  assert.equal(again.timing.modelMs, 0, 'no full text model on a non-Chinese page');
  await page.close();
});

test('the seed report counts its glossary terms; popup and badge show the count', async () => {
  const page = await session.open('seed-report.html');
  const s = await waitForTerms(page);
  assert.ok(s.termCount >= 100, `distinct terms on the seed: ${s.termCount}`);
  assert.ok(s.detection.reasons.some((r) => r.id === 'glossary-density'));
  const tabId = await tabIdOf(session.ext, page);
  const badge = await session.ext.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(badge, String(s.termCount));
  const popup = await openPopup(session.ext, page);
  await popup.getByTestId('term-count').waitFor();
  assert.match(await popup.getByTestId('term-count').textContent(), new RegExp(`^${s.termCount} glossary terms`));
  await popup.close();
  await page.close();
});

test('a paragraph added later is counted', async () => {
  const page = await session.open('zh-news.html');
  const s = await waitForTerms(page);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '市政府依法开展行政复议和标准地改革，推行“最多跑一次”。';
    document.querySelector('article').append(p);
  });
  const end = Date.now() + 10_000;
  let later = s;
  while (later.termCount <= s.termCount && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    later = await waitForStatus(session.ext, page);
  }
  assert.ok(later.termCount >= s.termCount + 3, `${s.termCount} → ${later.termCount}`);
  await page.close();
});
