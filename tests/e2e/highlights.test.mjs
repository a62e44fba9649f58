// Highlights and notes: made on the page, kept by the background, anchored for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openPopup, tabIdOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { storedHighlights } from '../support/store.mjs';
import { highlightTexts, selectText, waitForTerms } from '../support/page-text.mjs';

const session = useSession();
const S = '全年制定、上報備案行政規範性檔案76件';
const S_HANS = '全年制定、上报备案行政规范性文件76件';
const NOTE = 'Count of normative documents filed in 2018.\n<script>alert(1)</script>';
const YELLOW = 'bilingual-reader-hl-yellow';

async function ready(path) {
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  return page;
}

async function waitForHighlight(page, text, name = YELLOW) {
  await page.waitForFunction(([n, t]) => [...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === t), [name, text], { timeout: 10_000 });
}

/** Clicks the yellow highlight of `text` and waits for its card. */
async function openCard(page, text) {
  const box = await page.evaluate((t) => {
    const r = [...CSS.highlights.get('bilingual-reader-hl-yellow')].find((x) => x.toString() === t);
    const rect = r.getClientRects()[0];
    return { x: rect.left + 5, y: rect.top + rect.height / 2 };
  }, text);
  await page.mouse.click(box.x, box.y);
  await page.getByTestId('highlight-card').waitFor();
}

async function popupItems(page) {
  const popup = await openPopup(session.ext, page);
  await popup.getByTestId('highlights').waitFor();
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="highlight-item"]').length > 0, null, { timeout: 10_000 });
  const items = await popup.getByTestId('highlight-item').evaluateAll((els) => els.map((e) => ({ text: e.textContent, orphan: e.dataset.orphan === 'true' })));
  await popup.close();
  return items;
}

async function setScript(page, mode) {
  const tabId = await tabIdOf(session.ext, page);
  await session.ext.serviceWorker.evaluate(([id, m]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: m }), [tabId, mode]);
}

test('highlight a sentence with a note; it survives reload, 简体 and back, an inserted paragraph; deleted → listed as not found', async () => {
  const page = await ready('seed-report.html');
  await selectText(page, S);
  await page.getByTestId('highlight-toolbar').waitFor();
  assert.equal(await page.getByTestId('highlight-toolbar').locator('[data-testid^="highlight-color-"]').count(), 4);
  await page.getByTestId('highlight-note').click();
  const noteInput = page.getByTestId('highlight-note-input');
  await noteInput.waitFor();
  await noteInput.fill(NOTE);
  await page.getByTestId('highlight-save').click();
  await page.getByTestId('highlight-card').getByText('Saved').waitFor();
  await waitForHighlight(page, S);
  // The note is text, never HTML.
  assert.equal(await noteInput.inputValue(), NOTE);
  await page.keyboard.press('Escape');

  let items = await popupItems(page);
  assert.equal(items.length, 1);
  assert.ok(items[0].text.includes(S) && items[0].text.includes('<script>alert(1)</script>'), items[0].text);

  await page.reload();
  await waitForTerms(session, page, waitForStatus);
  await waitForHighlight(page, S);

  await setScript(page, 'zh-Hans');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-Hans');
  await waitForHighlight(page, S_HANS);
  await setScript(page, 'original');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'));
  await waitForHighlight(page, S);

  await page.goto(`${session.srv.origin}/seed-report.html?variant=extra`);
  await waitForTerms(session, page, waitForStatus);
  assert.ok(await page.evaluate(() => document.body.textContent.includes('編者按')));
  await waitForHighlight(page, S);

  await page.goto(`${session.srv.origin}/seed-report.html?variant=deleted`);
  await waitForTerms(session, page, waitForStatus);
  assert.ok(!(await page.evaluate((s) => document.body.textContent.includes(s), S)));
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(await highlightTexts(page, YELLOW), []);
  items = await popupItems(page);
  assert.equal(items.length, 1);
  assert.equal(items[0].orphan, true);
  assert.ok(items[0].text.includes('Count of normative documents filed in 2018.'), 'note intact');
  await page.close();
});

test('two tabs adding highlights at once keep both; click a highlight to change colour or delete', async () => {
  const a = await ready('seed-report.html?variant=extra');
  const b = await ready('seed-report.html');
  const before = (await session.ext.serviceWorker.evaluate(() => chrome.storage.local.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('hl:')).length)));
  void before;
  const one = '圓滿完成“七五”普法中期檢查督導';
  const two = '推進國家社會信用體系建設示範城市創建';
  await a.bringToFront();
  await selectText(a, one);
  await b.bringToFront();
  await selectText(b, two);
  // Both tabs highlight with the keyboard shortcut at the same moment.
  await Promise.all([a.keyboard.press('Alt+Shift+H'), b.keyboard.press('Alt+Shift+H')]);
  await waitForHighlight(a, one);
  await waitForHighlight(b, two);
  const quotes = (await storedHighlights(session.ext, `${session.srv.origin}/seed-report.html`)).map((x) => x.target.selector[0].exact);
  assert.ok(quotes.includes(one) && quotes.includes(two), quotes.join(' | '));

  // Click the highlight: the card changes its colour, then deletes it.
  await b.bringToFront();
  await openCard(b, two);
  await b.getByTestId('highlight-card-color-green').click();
  await waitForHighlight(b, two, 'bilingual-reader-hl-green');
  await b.getByTestId('highlight-delete').click();
  await b.getByTestId('highlight-card').waitFor({ state: 'detached' });
  assert.ok(!(await highlightTexts(b, 'bilingual-reader-hl-green')).includes(two));
  await a.close();
  await b.close();
});

test('export from the side panel (Markdown, JSON, CSV) and import merges without duplicates; bad files refused', async () => {
  const page = await ready('seed-report.html');
  await waitForHighlight(page, '圓滿完成“七五”普法中期檢查督導');
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('highlights-tab-all').click();
  await panel.getByTestId('highlight-item').first().waitFor();
  const total = await panel.getByTestId('highlight-item').count();
  assert.ok(total >= 2);
  await panel.getByTestId('highlights-search').fill('normative documents filed');
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="highlight-item"]').length === 1);
  await panel.getByTestId('highlights-search').fill('');
  const grab = async (id) => {
    const [dl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId(id).click()]);
    return readFileSync(await dl.path(), 'utf8');
  };
  const md = await grab('highlights-export-md');
  assert.ok(md.includes('> 圓滿完成“七五”普法中期檢查督導') && md.includes(`](${session.srv.origin}/seed-report.html)`), md);
  const csv = await grab('highlights-export-csv');
  assert.ok(csv.startsWith('page,url,quote,note,color,created'));
  const json = await grab('highlights-export-json');
  const parsed = JSON.parse(json);
  assert.equal(parsed.type, 'AnnotationCollection');
  assert.equal(parsed.items.length, total);
  await panel.close();

  const dir = mkdtempSync(join(tmpdir(), 'hl-'));
  const options = await session.ext.context.newPage();
  await options.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  const same = join(dir, 'same.json');
  writeFileSync(same, json);
  // As a reader does it: the button opens the file chooser (the file control itself is hidden).
  assert.equal(await options.getByTestId('highlights-import').isVisible(), false);
  const [chooser] = await Promise.all([options.waitForEvent('filechooser'), options.getByTestId('highlights-io').getByRole('button', { name: 'Import highlights (JSON)…' }).click()]);
  await chooser.setFiles(same);
  await options.waitForFunction(() => /Imported 0 highlights \(\d+ already there\)/.test(document.querySelector('[data-testid="highlights-import-message"]')?.textContent ?? ''));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ type: 'AnnotationCollection', items: [{ id: 'x' }] }));
  await options.getByTestId('highlights-import').setInputFiles(bad);
  await options.waitForFunction(() => /Nothing was imported: Highlight 1 is malformed/.test(document.querySelector('[data-testid="highlights-import-message"]')?.textContent ?? ''));
  const count = (await storedHighlights(session.ext, `${session.srv.origin}/seed-report.html`)).length;
  assert.equal(count, total);
  await options.close();
  await page.close();
});

test('"Highlight this" in a popover, and "Look up" for a selected term', async () => {
  const page = await ready('seed-report.html');
  const { hover, popoverText } = await import('../support/page-text.mjs');
  await hover(page, '標準地+');
  await page.getByTestId('term-popover').waitFor();
  await page.getByTestId('term-highlight').click();
  await waitForHighlight(page, '標準地');
  await page.keyboard.press('Escape');
  await selectText(page, '枫橋經驗'.replace('枫', '楓'));
  await page.getByTestId('selection-lookup').click();
  await page.getByTestId('term-popover').waitFor();
  assert.equal(await popoverText(page, 'term-headword'), '楓橋經驗');
  await page.close();
});

test('without the CSS Highlight API path (overlay setting): marks and highlights drawn in our overlay, page DOM untouched', async () => {
  await session.ext.serviceWorker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), overlayMarks: true } });
  });
  try {
    const page = await session.open('seed-report.html?variant=extra');
    const body = await page.evaluate(() => document.body.innerHTML);
    await waitForTerms(session, page, waitForStatus);
    await page.waitForFunction(() => {
      const box = document.querySelector('bilingual-reader-marks')?.shadowRoot?.querySelector('[data-layer="bilingual-reader-term"]');
      return box && box.children.length > 10;
    });
    assert.equal(await page.evaluate(() => CSS.highlights.has('bilingual-reader-term')), false);
    // The stored highlight of the first test is drawn in the overlay too.
    await page.waitForFunction(() => Number(document.querySelector('bilingual-reader-marks').shadowRoot.querySelector('[data-layer="bilingual-reader-hl-yellow"]')?.dataset.count ?? 0) >= 1);
    // Lookups still work, and the page's own DOM was not changed.
    const { hover, popoverText } = await import('../support/page-text.mjs');
    await hover(page, '標準地+');
    await page.getByTestId('term-popover').waitFor();
    assert.equal(await popoverText(page, 'term-headword'), '標準地');
    assert.equal(await page.evaluate(() => document.body.innerHTML), body);
    await page.close();
  } finally {
    await session.ext.serviceWorker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), overlayMarks: false } });
    });
  }
});

test('a failing storage: a clear message on the page, and nothing already saved is lost', async () => {
  const page = await ready('seed-report.html');
  const source = `${session.srv.origin}/seed-report.html`;
  // Something saved first.
  await selectText(page, '城市精細化管理水平大幅提升');
  await page.getByTestId('highlight-color-blue').click();
  await waitForHighlight(page, '城市精細化管理水平大幅提升', 'bilingual-reader-hl-blue');
  const before = (await storedHighlights(session.ext, source)).length;
  assert.ok(before >= 1);
  // The storage refuses every write, as a full disk or a quota would.
  await session.ext.serviceWorker.evaluate(() => {
    globalThis.__realSet = chrome.storage.local.set;
    chrome.storage.local.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
  });
  try {
    await selectText(page, '推進國家社會信用體系建設示範城市創建');
    await page.getByTestId('highlight-color-pink').click();
    const alert = page.getByTestId('reader-alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.textContent(), /Could not save: .*QUOTA_BYTES quota exceeded.*Nothing you had saved was lost/);
    assert.deepEqual(await highlightTexts(page, 'bilingual-reader-hl-pink'), []);
  } finally {
    await session.ext.serviceWorker.evaluate(() => {
      chrome.storage.local.set = globalThis.__realSet;
    });
  }
  const after = (await storedHighlights(session.ext, source)).length;
  assert.equal(after, before);
  await page.close();
});

test('single-page app navigation: each page shows its own highlights', async () => {
  const page = await ready('spa.html?page=a');
  const quote = '提高行政复议案件办理质量';
  await selectText(page, quote);
  await page.getByTestId('highlight-color-green').click();
  await waitForHighlight(page, quote, 'bilingual-reader-hl-green');
  // Navigate inside the app: another page, no highlight of page a drawn on it.
  await page.click('a[data-page="b"]');
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('标准地'));
  await page.waitForFunction(() => [...(CSS.highlights.get('bilingual-reader-hl-green') ?? [])].every((r) => r.toString() === ''), null, { timeout: 10_000 });
  assert.ok(!(await highlightTexts(page, 'bilingual-reader-hl-green')).includes(quote));
  // And back: it is found again.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('行政复议'));
  await waitForHighlight(page, quote, 'bilingual-reader-hl-green');
  await page.close();
});

test('limits say what they are: a selection over 5,000 characters is refused with its length, a note over 20,000 cannot be saved', async () => {
  const page = await ready('seed-report.html');
  const highlightStore = () => session.ext.serviceWorker.evaluate(async () => Object.entries(await chrome.storage.local.get(null)).filter(([k]) => k.startsWith('hl')));
  const before = await highlightStore();
  // The reader selects the whole report (the selection is the reader's; the key press is trusted).
  const length = await page.evaluate(() => {
    // From the first to the last character of the report's paragraphs.
    const texts = [...document.querySelectorAll('p')].flatMap((p) => [...p.childNodes].filter((n) => n.nodeType === 3 && n.data.trim()));
    const first = texts[0];
    const last = texts[texts.length - 1];
    const r = document.createRange();
    r.setStart(first, 0);
    r.setEnd(last, last.data.length);
    const s = document.getSelection();
    s.removeAllRanges();
    s.addRange(r);
    return s.toString().length;
  });
  assert.ok(length > 5000, String(length));
  await page.keyboard.press('Alt+Shift+KeyH');
  const alert = page.getByTestId('reader-alert');
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.textContent(), /characters; a highlight can hold up to 5,000/);
  assert.deepEqual(await highlightStore(), before);

  // A note: the counter shows the limit, and an over-long note is refused before it is sent.
  await page.reload();
  await waitForTerms(session, page, waitForStatus);
  await selectText(page, S);
  await page.getByTestId('highlight-toolbar').waitFor();
  await page.getByTestId('highlight-note').click();
  const input = page.getByTestId('highlight-note-input');
  await input.waitFor();
  assert.match(await page.getByTestId('highlight-note-counter').textContent(), /20,000/);
  await input.fill('注'.repeat(20_001));
  await page.getByTestId('highlight-note-too-long').waitFor();
  assert.equal(await page.getByTestId('highlight-save').isDisabled(), true);
  await input.fill('short note');
  await page.getByTestId('highlight-save').click();
  await page.getByTestId('highlight-card').getByText('Saved').waitFor();
  await page.close();
});

test('a highlight card copies its quote as a citation; a page that forbids the clipboard gets a message', async () => {
  await session.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.srv.origin });
  const quote = '推進國家社會信用體系建設示範城市創建';
  for (const blocked of [false, true]) {
    const page = await ready(`seed-report.html?clipboard=${blocked ? 'blocked' : 'allowed'}`);
    await page.bringToFront();
    await selectText(page, quote);
    await page.keyboard.press('Alt+Shift+H');
    await waitForHighlight(page, quote);
    await page.evaluate(() => document.getSelection().removeAllRanges());
    await openCard(page, quote);
    if (!blocked) await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.getByTestId('highlight-copy').click();
    if (!blocked) {
      await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0), null, { timeout: 5000 });
      assert.match(await page.evaluate(() => navigator.clipboard.readText()), new RegExp(`^“${quote}”\\n— `));
    } else {
      const alert = page.getByTestId('reader-alert');
      await alert.waitFor({ timeout: 5000 });
      assert.match(await alert.textContent(), /Could not copy/);
    }
    // Leave no highlight behind for the other tests of this page.
    await page.getByTestId('highlight-delete').click();
    await page.getByTestId('highlight-card').waitFor({ state: 'detached' });
    await page.close();
  }
});

test('the side panel\'s highlight list follows the page: a new highlight and an edited note show, a click opens the card, one no longer on the page or a closed page says so', async () => {
  const H1 = '切實降低制度交易成本';
  const H2 = '努力為市場主體提供優質執法服務';
  const page = await ready('seed-report.html');
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('highlights').waitFor();
  const item = (text) => panel.locator('[data-testid="highlight-item"]', { hasText: text });

  // Made on the page while the panel is open: listed without reopening it.
  for (const text of [H1, H2]) {
    await page.bringToFront();
    await selectText(page, text);
    await page.getByTestId('highlight-color-yellow').click();
    await waitForHighlight(page, text);
    await page.keyboard.press('Escape');
    await item(text).waitFor({ timeout: 5000 });
  }
  // A note saved on the page rewrites only the highlight's bucket: the list follows that too.
  await openCard(page, H2);
  await page.getByTestId('highlight-note-input').fill('service for market entities');
  await page.getByTestId('highlight-save').click();
  await page.getByTestId('highlight-card').getByText('Saved').waitFor();
  await page.keyboard.press('Escape');
  await item(H2).filter({ hasText: 'service for market entities' }).waitFor({ timeout: 5000 });

  // A click opens the highlight's card on the page.
  await item(H1).click();
  await page.getByTestId('highlight-card').waitFor({ timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.getByTestId('highlight-card').waitFor({ state: 'detached' });

  // The page's own script removes the paragraph: the list (read before) still offers it, until the
  // page has placed its highlights again (300 ms after it settles) and the list is read again.
  // Clicked at once, before that: the page says the highlight's text is gone. (The panel in front:
  // a headless tab behind gets so few frames that a click on it can take longer than that.)
  const placed = panel.locator('[data-testid="highlight-item"]:not([data-orphan])', { hasText: H1 });
  await panel.bringToFront();
  await placed.waitFor();
  await page.evaluate((t) => [...document.querySelectorAll('p')].find((p) => p.textContent.includes(t)).remove(), H1);
  await placed.click();
  const error = panel.getByTestId('highlights-reveal-error');
  await error.waitFor({ timeout: 5000 });
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.match(await error.textContent(), /not on the page now/);
  // … and the list, read again, files it under not found.
  await panel.locator('[data-testid="highlight-item"][data-orphan="true"]', { hasText: H1 }).waitFor({ timeout: 5000 });
  await page.waitForFunction((t) => ![...(CSS.highlights.get('bilingual-reader-hl-yellow') ?? [])].some((r) => r.toString() === t), H1, { timeout: 5000 });

  await page.close();
  await item(H2).click();
  await panel.getByTestId('highlights-reveal-error').filter({ hasText: 'The page did not answer' }).waitFor({ timeout: 5000 });
  await panel.close();
});
