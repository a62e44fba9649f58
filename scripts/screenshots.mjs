#!/usr/bin/env node
// npm run screenshots [-- --no-build]
// Regenerates the README's pictures from the built extension, in the English UI, so they never go
// stale: a glossary popover and a dictionary popover on the bundled sample report, the popup and
// the side panel acting on it. Writes docs/popover.png, docs/dictionary.png, docs/popup.png and
// docs/sidepanel.png.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './deps.mjs';

ensureDeps();
if (!process.argv.includes('--no-build')) {
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { launchWithExtension, openPopup, tabIdOf, waitForStatus } = await import('../tests/support/browser.mjs');
const { textBox, waitForTerms } = await import('../tests/support/page-text.mjs');
const { startServer } = await import('../tests/support/server.mjs');

const srv = await startServer(0);
const ext = await launchWithExtension({ lang: 'en-US' });
const session = { ext };

/** The popover's box with a margin around the word it explains, clipped to the viewport. */
async function shootPopover(page, word, path) {
  const popover = page.getByTestId('term-popover');
  await popover.waitFor({ timeout: 10_000 });
  // Let the placement and the content settle (one more frame after the last resize).
  await page.waitForTimeout(400);
  const p = await popover.boundingBox();
  const vp = page.viewportSize();
  const x = Math.max(0, Math.min(p.x, word.x) - 24);
  const y = Math.max(0, Math.min(p.y, word.y - 20) - 24);
  const right = Math.min(vp.width, Math.max(p.x + p.width, word.x) + 24);
  const bottom = Math.min(vp.height, Math.max(p.y + p.height, word.y + 20) + 24);
  await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
  console.log(`wrote ${path}`);
}

async function restOn(page, text) {
  await page.mouse.move(5, 5);
  await page.getByTestId('term-popover').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  const box = await textBox(page, text);
  if (!box) throw new Error(`"${text}" is not on the sample report`);
  await page.mouse.move(box.x - 30, box.y - 30);
  await page.mouse.move(box.x, box.y, { steps: 3 });
  return box;
}

try {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(`${srv.origin}/seed-report.html`);
  await waitForTerms(session, page, waitForStatus);
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);

  // A glossary term: 三統一 (its entry expands the slogan and cites its basis).
  await shootPopover(page, await restOn(page, '三統一'), 'docs/popover.png');
  // A word the glossary does not hold: the dictionary answers.
  const word = await restOn(page, '提振');
  await page.getByTestId('term-popover').getByTestId('dict-entry').first().waitFor({ timeout: 10_000 });
  await shootPopover(page, word, 'docs/dictionary.png');
  await page.mouse.move(5, 5);

  const popup = await openPopup(ext, page);
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state') !== 'loading');
  await popup.getByTestId('term-count').waitFor();
  await popup.screenshot({ path: 'docs/popup.png' });
  console.log('wrote docs/popup.png');
  await popup.close();

  const tabId = await tabIdOf(ext, page);
  const panel = await ext.context.newPage();
  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('term-item').first().waitFor({ timeout: 10_000 });
  await panel.screenshot({ path: 'docs/sidepanel.png' });
  console.log('wrote docs/sidepanel.png');
} finally {
  await ext.close();
  await srv.close();
}
