// The shared reader scenarios (tests/support/scenarios.mjs) in Firefox ESR, with the Firefox build,
// then what only Firefox does differently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readerSuite } from '../support/driver/suite.mjs';
import { launchFirefox } from '../support/driver/firefox.mjs';
import { iframeReport, termsReady } from '../support/scenarios.mjs';

const s = readerSuite(launchFirefox);

test('Firefox: the popup opens the terms index in the sidebar (Chrome: side panel)', async () => {
  const { d } = s;
  const page = await d.open('seed-report.html');
  await termsReady(d, page);
  // Firefox opens an add-on's sidebar when it is installed: start from a closed one. Closing, like
  // opening, must happen in a user input handler: a button of ours in an extension page, clicked.
  const helper = await d.openExtensionPage('popup.html');
  await helper.evaluate(() => {
    const b = document.createElement('button');
    b.dataset.testid = 'test-close-sidebar';
    b.textContent = 'close sidebar';
    b.onclick = () => browser.sidebarAction.close();
    document.body.prepend(b);
  });
  await helper.click('test-close-sidebar');
  await helper.waitFor(async () => !(await browser.sidebarAction.isOpen({})));
  assert.equal(await d.inExtension(() => browser.sidebarAction.isOpen({})), false);
  const popup = await d.openExtensionPage(`popup.html?tabId=${await d.tabIdOf(page)}`);
  await popup.click('open-terms-panel');
  const end = Date.now() + 10_000;
  while (!(await d.inExtension(() => browser.sidebarAction.isOpen({}))) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  assert.equal(await d.inExtension(() => browser.sidebarAction.isOpen({})), true);
  await page.close();
});

test('Firefox ESR has the CSS Custom Highlight API (since 140): marks are native highlights, no overlay', async () => {
  const { d } = s;
  const page = await d.open('seed-report.html');
  await termsReady(d, page);
  await page.waitFor(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
  assert.equal(await page.evaluate(() => document.querySelector('bilingual-reader-marks')), null);
  await page.close();
});

test('Firefox: a report in a same-origin iframe is read there; the popup, the sidebar page, hover and the script switch act on that frame', () => iframeReport(s.d));
