// The terms index lists the page's glossary terms with counts and takes the reader to them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tabIdOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { waitForTerms } from '../support/page-text.mjs';

const session = useSession();

test('the side panel lists the seed report\'s terms by category with counts, filters, and reveals one', async () => {
  const page = await session.open('seed-report.html');
  const status = await waitForTerms(session, page, waitForStatus);
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('term-item').first().waitFor();
  const items = panel.getByTestId('term-item');
  assert.equal(await items.count(), status.termCount);
  const headings = await panel.locator('h2').allTextContents();
  assert.ok(headings.some((h) => h.startsWith('Administrative law')), headings.join());
  assert.ok(headings.some((h) => h.startsWith('Economy and land')), headings.join());

  // Counts agree with the page: 三統一 is written three times on the seed page.
  const occurrences = await page.evaluate(() => document.body.textContent.split('三統一').length - 1);
  const row = panel.locator('[data-testid="term-item"][data-term-id="three-unifications"]');
  assert.equal((await row.getByTestId('term-item-count').textContent()).trim(), String(occurrences));
  for (const id of ['administrative-reconsideration', 'standard-land']) assert.equal(await panel.locator(`[data-term-id="${id}"]`).count(), 1, id);

  await panel.getByTestId('terms-filter').fill('biaozhun');
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="term-item"]').length < 10);
  assert.equal(await panel.locator('[data-term-id="standard-land"]').count(), 1);
  await panel.getByTestId('terms-filter').fill('reconsideration');
  await panel.locator('[data-term-id="administrative-reconsideration"]').waitFor();
  await panel.getByTestId('terms-filter').fill('');

  await row.click();
  await page.getByTestId('term-popover').waitFor({ timeout: 5000 });
  assert.equal((await page.getByTestId('term-popover').getByTestId('term-headword').textContent()).trim(), '三統一');
  assert.equal(await page.evaluate(() => CSS.highlights.get('bilingual-reader-term-focus')?.size), 1);
  await panel.close();
  await page.close();
});

test('the side panel says when the reader is off', async () => {
  const page = await session.open('english.html');
  await waitForStatus(session.ext, page);
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByText('The reader is not on for this page.').waitFor();
  assert.equal(await panel.getByTestId('term-item').count(), 0);
  await panel.close();
  await page.close();
});

test('a term clicked in the side panel after its page was closed says the page did not answer', async () => {
  const page = await session.open('seed-report.html');
  await waitForTerms(session, page, waitForStatus);
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  const row = panel.locator('[data-testid="term-item"][data-term-id="three-unifications"]');
  await row.waitFor();
  await page.close();
  await row.click();
  const error = panel.getByTestId('terms-reveal-error');
  await error.waitFor({ timeout: 5000 });
  assert.match(await error.textContent(), /The page did not answer/);
  assert.equal(await error.getAttribute('role'), 'alert');
  await panel.close();
});
