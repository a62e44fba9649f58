// Chrome stops an idle extension service worker after about 30 s, so a reader's first hover on a page
// read a while ago meets a stopped worker. The page fetched its terms' entries while it was idle:
// the popover shows the entry without asking the background, and the dictionary's entries, which
// the restarted worker answers later, join it when they come. Likewise the page had its first screen
// (a short page whole) converted for the switch key while it was read: Alt+Shift+S shows it without
// the worker. Run on a copy of the built extension, so the test can take the glossary's entry files
// and the conversion dictionaries away once the page has read what it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, stopServiceWorker, waitForStatus } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';
import { hover, pageSnapshot, waitForTerms } from '../support/page-text.mjs';

const dir = mkdtempSync(join(tmpdir(), 'bilingual-reader-ext-'));
const session = { srv: null, ext: null };
before(async () => {
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  session.srv = await startServer();
  session.ext = await launchWithExtension({ extensionDir: dir });
  // What the worker is asked, from the first page on (this worker only: it is stopped below).
  await session.ext.serviceWorker.evaluate(() => {
    globalThis.__asked = [];
    chrome.runtime.onMessage.addListener((m) => void globalThis.__asked.push(m?.type));
  });
});
after(async () => {
  await session.ext?.close();
  await session.srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a page read before the worker stopped explains its terms without it; the dictionary joins the popover late', async () => {
  const page = await session.ext.context.newPage();
  await page.goto(`${session.srv.origin}/seed-report.html`);
  await waitForTerms(session, page, waitForStatus);
  // The page's entries, then the entries they relate to, are fetched while the page is idle.
  const asked = () => session.ext.serviceWorker.evaluate(() => globalThis.__asked.filter((t) => t === 'get-entries').length);
  const end = Date.now() + 10_000;
  while ((await asked()) < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await asked(), 2, 'the page fetched its entries and their related entries ahead');

  // From now on no entry can be read from the extension's files.
  for (const f of readdirSync(join(dir, 'glossary'))) if (f.startsWith('entries-')) rmSync(join(dir, 'glossary', f));
  // An extension document that sends nothing (the popup would wake the worker right after the stop).
  const helper = await session.ext.context.newPage();
  await helper.goto(`chrome-extension://${session.ext.extensionId}/manifest.json`);
  assert.ok(await stopServiceWorker(session.ext, helper), 'worker stopped');
  await helper.close();

  await page.bringToFront();
  await hover(page, '行政複議案件');
  const popover = page.getByTestId('term-popover');
  await popover.getByTestId('term-headword').waitFor({ timeout: 8000 });
  assert.equal((await popover.getByTestId('term-headword').textContent()).trim(), '行政複議');
  assert.ok((await popover.getByTestId('term-related').count()) > 0, 'related terms shown from what the page fetched');
  // The restarted worker loads the dictionary for this word: its entries come after the popover opened.
  await popover.getByTestId('dict-entry').first().waitFor({ state: 'attached', timeout: 8000 });

  // A related term whose entry the page did not fetch whole needs the worker, which has no entry
  // files left: the click says so in the popover rather than doing nothing. Clicked in turn (each
  // from this term's popover) until one has to ask.
  let refused = 0;
  const count = await popover.getByTestId('term-related').count();
  for (let i = 0; i < count && !refused; i++) {
    if (i > 0) {
      await page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached', timeout: 5000 });
      await hover(page, '行政複議案件');
    }
    await popover.getByTestId('term-headword').filter({ hasText: /^行政複議$/ }).waitFor({ timeout: 8000 });
    await popover.locator('details.related').evaluate((d) => (d.open = true));
    const related = popover.getByTestId('term-related').nth(i);
    const label = (await related.textContent()).trim();
    await related.click();
    const answer = await page.waitForFunction(
      (t) => {
        const root = document.querySelector('bilingual-reader-popover')?.shadowRoot;
        if (root?.querySelector('[data-testid="term-headword"]')?.textContent === t) return 'entry';
        return root?.querySelector('.popover [role="alert"]')?.textContent || null;
      },
      label,
      { timeout: 8000 },
    );
    const said = await answer.jsonValue();
    if (said !== 'entry') {
      assert.match(said, /Could not load this term/);
      refused++;
    }
  }
  assert.equal(refused, 1, 'a related term the worker could not give said so');
  await page.close();
});

test('the sample report converted ahead switches with Alt+Shift+S after the worker stopped, with no dictionaries left', async () => {
  // An extension page to ask the tab's status from (the worker test 1 stopped may not be running).
  const helper = await session.ext.context.newPage();
  await helper.goto(`chrome-extension://${session.ext.extensionId}/manifest.json`);
  await helper.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await session.ext.context.newPage();
  await page.goto(`${session.srv.origin}/seed-report.html`);
  await page.bringToFront();
  const tabId = await helper.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  // The page has its conversion for the switch key done while it is read: all of it, it is short.
  let ahead = 0;
  for (let i = 0; i < 150 && !ahead; i++) {
    const status = await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-status' }).catch(() => null), tabId);
    ahead = status?.timing.convertAheadChars ?? 0;
    if (!ahead) await page.waitForTimeout(100);
  }
  const chars = await page.evaluate(() => document.body.textContent.length);
  assert.ok(ahead >= chars * 0.9, `converted ahead: ${ahead} of ${chars} characters`);
  const before = await pageSnapshot(page);

  // From now on no conversion dictionary can be read, and the worker is stopped.
  renameSync(join(dir, 'opencc'), join(dir, 'opencc-away'));
  assert.ok(await stopServiceWorker(session.ext, helper), 'worker stopped');
  await helper.close();

  await page.bringToFront();
  await page.click('h1');
  await page.keyboard.press('Alt+Shift+KeyS');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-Hans', null, { timeout: 10_000 });
  const text = await page.evaluate(() => document.body.textContent);
  for (const w of ['行政复议', '规范性文件', '知识产权', '数字化']) assert.ok(text.includes(w), w);
  for (const w of ['行政複議', '規範性檔案', '智慧財產權']) assert.ok(!text.includes(w), w);
  assert.match(await page.title(), /^湖州市人民政府关于2018年度法治政府建设情况的报告/);
  // And back, byte for byte (restoring needs no dictionary either).
  await page.keyboard.press('Alt+Shift+KeyS');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'), null, { timeout: 10_000 });
  assert.deepEqual(await pageSnapshot(page), before);
  await page.close();
  renameSync(join(dir, 'opencc-away'), join(dir, 'opencc'));
});

test('past what is converted ahead at most, the screen scrolled to is converted ahead too; a switch the worker then cannot finish puts the page back', async () => {
  const helper = await session.ext.context.newPage();
  await helper.goto(`chrome-extension://${session.ext.extensionId}/manifest.json`);
  await helper.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await session.ext.context.newPage();
  // Longer than what is converted ahead at most (AHEAD_MAX_CHARS, 700 k characters), so that part
  // of it is left to the switch.
  await page.goto(`${session.srv.origin}/generated/report-800000.html`, { timeout: 60_000 });
  await page.bringToFront();
  const tabId = await helper.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const ahead = async (more) => {
    for (let i = 0; i < 150; i++) {
      const status = await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-status' }).catch(() => null), tabId);
      const n = status?.timing.convertAheadChars ?? 0;
      if (n > more) return n;
      await page.waitForTimeout(100);
    }
    return more;
  };
  // The first screen, then the rest of the page from its start, until no more may be kept.
  let first = await ahead(0);
  assert.ok(first > 0, 'the first screen was converted ahead');
  for (let still = 0; still < 10; ) {
    await page.waitForTimeout(200);
    const n = await ahead(first - 1);
    still = n === first ? still + 1 : 0;
    first = n;
  }
  // (The cap counts the converted text, which may be a little shorter or longer.)
  assert.ok(first > 600_000 && first < 720_000, `converted ahead: ${first} characters`);
  // Near the end, past what was converted ahead: what is on screen there is converted ahead too.
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * 0.95));
  assert.ok((await ahead(first)) > first, 'what is on screen after the scroll was converted ahead too');
  const before = await pageSnapshot(page);

  // The paragraph in the middle of the screen, as it is first written.
  await page.evaluate(() => {
    const p = document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('p, h2, h3');
    window.__was = p.textContent;
    window.__written = null;
    new MutationObserver(() => (window.__written ??= p.textContent)).observe(p, { subtree: true, characterData: true });
  });
  renameSync(join(dir, 'opencc'), join(dir, 'opencc-away'));
  assert.ok(await stopServiceWorker(session.ext, helper), 'worker stopped');

  await page.bringToFront();
  await page.keyboard.press('Alt+Shift+KeyS');
  await page.waitForFunction(() => window.__written !== null, null, { timeout: 10_000 });
  const [was, written] = await page.evaluate(() => [window.__was, window.__written]);
  assert.notEqual(written, was, 'the screen the reader was on was converted at once');
  const traditional = [...'國發這們會業為動實關經規範體機與於'].filter((c) => was.includes(c));
  assert.ok(traditional.length > 0 && traditional.every((c) => !written.includes(c)), written.slice(0, 40));
  // The rest needs the dictionaries, which are gone: the page goes back to its own script, exactly.
  let same = false;
  for (let i = 0; i < 100 && !same; i++) {
    same = JSON.stringify(await pageSnapshot(page)) === JSON.stringify(before);
    if (!same) await page.waitForTimeout(100);
  }
  assert.ok(same, 'the page is back to its own text');
  const status = await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-status' }), tabId);
  assert.equal(status.script, 'original');
  await helper.close();
  await page.close();
  renameSync(join(dir, 'opencc-away'), join(dir, 'opencc'));
});
