// A hostile page and a hostile file cannot act for the reader: synthetic input, a forged canonical
// link, a replayed WXT announcement, stale tabs, an import whose storage fails midway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { frameOf, openPopup, statusOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { storedHighlights } from '../support/store.mjs';
import { selectText, waitForTerms } from '../support/page-text.mjs';

const session = useSession();
const stored = (prefix = 'hl') =>
  session.ext.serviceWorker.evaluate((p) => chrome.storage.local.get(null).then((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(p)))), prefix);
const everything = () => session.ext.serviceWorker.evaluate(() => chrome.storage.local.get(null));
const clearHighlights = () =>
  session.ext.serviceWorker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('hl') ));
  });
const itemsOf = (source) => storedHighlights(session.ext, source);

async function ready(path) {
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  return page;
}

async function waitForHighlight(page, text, name = 'bilingual-reader-hl-yellow') {
  await page.waitForFunction(([n, t]) => [...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === t), [name, text], { timeout: 10_000 });
}

const ONE = '圓滿完成“七五”普法中期檢查督導';

test('synthetic keys, clicks and selections from the page store nothing and switch nothing', async () => {
  await clearHighlights();
  const page = await ready('seed-report.html');
  const before = await everything();
  // The page selects text and fires the shortcuts, as the probe did (300 times there).
  await page.evaluate((t) => {
    const main = document.querySelector('main');
    const w = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(t.slice(0, 6));
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, Math.min(n.data.length, i + 10));
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        break;
      }
    }
    for (let k = 0; k < 20; k++) {
      for (const code of ['KeyH', 'KeyS']) document.body.dispatchEvent(new KeyboardEvent('keydown', { code, key: code.slice(3).toLowerCase(), altKey: true, shiftKey: true, bubbles: true }));
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }
  }, ONE);
  await new Promise((r) => setTimeout(r, 1500));
  // Our toolbar may be in the page (the page can read its shadow root): clicks there do nothing either.
  await page.evaluate(() => {
    const root = document.querySelector('bilingual-reader-popover')?.shadowRoot;
    for (const b of root?.querySelectorAll('button') ?? []) b.click();
  });
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(await everything(), before, 'storage unchanged');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bilingual-reader-script')), false, 'script not switched');
  assert.equal((await statusOf(session.ext, page)).script, 'original');
  // The reader's own Alt+Shift+H still works (the page's selection cleared first: a press on it would drag it).
  await page.evaluate(() => getSelection().removeAllRanges());
  await selectText(page, ONE);
  await page.keyboard.press('Alt+Shift+H');
  await waitForHighlight(page, ONE);
  await page.close();
});

test('a canonical link to another site is ignored: highlights are filed under the page\'s own address', async () => {
  await clearHighlights();
  const page = await ready('seed-report.html?variant=forged-canonical');
  await selectText(page, ONE);
  await page.getByTestId('highlight-color-green').click();
  await waitForHighlight(page, ONE, 'bilingual-reader-hl-green');
  const keys = Object.keys(await stored());
  assert.ok(keys.includes(`hl:${session.srv.origin}/seed-report.html?variant=forged-canonical`), keys.join(' '));
  assert.ok(!keys.some((k) => k.includes('gov.cn')), keys.join(' '));
  await page.close();
});

test('a replayed WXT announcement (DOM event) does not stop the reader; WXT no longer posts it to the page', async () => {
  const page = await session.ext.context.newPage();
  const posted = [];
  await page.exposeFunction('__sawMessage', (d) => posted.push(d));
  await page.addInitScript(() => window.addEventListener('message', (e) => window.__sawMessage(JSON.stringify(e.data ?? null))));
  await page.goto(`${session.srv.origin}/seed-report.html`);
  await waitForTerms(session, page, waitForStatus);
  assert.ok(!posted.some((d) => d.includes('content-script-started')), posted.join(' '));
  const id = session.ext.extensionId;
  await page.evaluate((extId) => {
    const type = `${extId}:reader:wxt:content-script-started`;
    for (let i = 0; i < 3; i++) {
      document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'reader', messageId: `forged-${i}` } }));
      window.postMessage({ type, contentScriptName: 'reader', messageId: `forged-post-${i}` }, '*');
    }
  }, id);
  await new Promise((r) => setTimeout(r, 1000));
  const s = await statusOf(session.ext, page);
  assert.ok(s, 'get-status still answered');
  assert.equal(s.state, 'report');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-bilingual-reader')), 'report');
  // Marks still drawn, and the reader still acts.
  assert.ok(await page.evaluate(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0));
  await selectText(page, ONE);
  await page.getByTestId('highlight-toolbar').waitFor();
  await page.close();
});

test('marks come back when the page clears the highlight registry', async () => {
  const page = await ready('seed-report.html');
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
  await page.evaluate(() => CSS.highlights.clear());
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 5000 });
  await page.close();
});

/** Opens the card of a highlight by clicking it. */
async function openCard(page, text, name) {
  const box = await page.evaluate(
    ([t, n]) => {
      const r = [...CSS.highlights.get(n)].find((x) => x.toString() === t);
      r.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
      const rect = r.getClientRects()[0];
      return { x: rect.left + 5, y: rect.top + rect.height / 2 };
    },
    [text, name],
  );
  await page.mouse.click(box.x, box.y);
  await page.getByTestId('highlight-card').waitFor();
}

test('two tabs: a recolour in B and a note from A both stand; a delete in A is not undone by B', async () => {
  await clearHighlights();
  const source = `${session.srv.origin}/seed-report.html`;
  const a = await ready('seed-report.html');
  await selectText(a, ONE);
  await a.getByTestId('highlight-color-yellow').click();
  await waitForHighlight(a, ONE);
  const b = await ready('seed-report.html');
  await waitForHighlight(b, ONE);
  // A opens the card (its copy: yellow, no note); B recolours.
  await a.bringToFront();
  await openCard(a, ONE, 'bilingual-reader-hl-yellow');
  await b.bringToFront();
  await openCard(b, ONE, 'bilingual-reader-hl-yellow');
  await b.getByTestId('highlight-card-color-green').click();
  await waitForHighlight(b, ONE, 'bilingual-reader-hl-green');
  // A, with its card still open on the old copy, saves a note.
  await a.bringToFront();
  await a.getByTestId('highlight-note-input').fill('note from tab A');
  await a.getByTestId('highlight-save').click();
  await a.getByTestId('highlight-save').filter({ hasText: 'Saved' }).waitFor();
  let items = await itemsOf(source);
  assert.equal(items.length, 1);
  assert.equal(items[0].color, 'green', 'B\'s colour kept');
  assert.equal(items[0].body[0].value, 'note from tab A');
  await waitForHighlight(a, ONE, 'bilingual-reader-hl-green');

  // A deletes; B (its card open on the highlight) then tries to save a note.
  await b.bringToFront();
  await b.keyboard.press('Escape');
  await openCard(b, ONE, 'bilingual-reader-hl-green');
  // B was told of A's note (a note saved rewrites only the highlight's bucket in storage).
  assert.equal(await b.getByTestId('highlight-note-input').inputValue(), 'note from tab A');
  await a.bringToFront();
  await a.getByTestId('highlight-delete').click();
  await a.getByTestId('highlight-card').waitFor({ state: 'detached' });
  await b.bringToFront();
  // B's card may close any moment now (B is told of the delete): B saves if it still can; either
  // way B must say the highlight was deleted, and the delete must stand.
  if (await b.getByTestId('highlight-card').isVisible()) {
    await b.getByTestId('highlight-note-input').fill('too late', { timeout: 2000 }).catch(() => undefined);
    await b.getByTestId('highlight-save').click({ timeout: 2000 }).catch(() => undefined);
  }
  await b.getByTestId('reader-alert').waitFor({ timeout: 10_000 });
  assert.match(await b.getByTestId('reader-alert').textContent(), /deleted in another tab/);
  await new Promise((r) => setTimeout(r, 500));
  items = await itemsOf(source);
  assert.equal(items.length, 0, 'still deleted');
  assert.ok(!(await b.evaluate((t) => [...(CSS.highlights.get('bilingual-reader-hl-green') ?? [])].some((r) => r.toString() === t), ONE)));
  await a.close();
  await b.close();
});

function annotation(i, source) {
  const exact = `第${i}条：加强行政复议工作`;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:sec-${i}`, type: 'Annotation', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: '', format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: `页 ${i}`, selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: exact.length }] },
    color: 'yellow',
  };
}

test('an import whose storage fails midway says exactly what was written; nothing else changes', async () => {
  await clearHighlights();
  const dir = mkdtempSync(join(tmpdir(), 'sec-'));
  const options = await session.ext.context.newPage();
  await options.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  // Something stored before.
  const first = join(dir, 'first.json');
  writeFileSync(first, JSON.stringify({ type: 'AnnotationCollection', items: [annotation(0, 'https://before.gov.cn/a')] }));
  await options.getByTestId('highlights-import').setInputFiles(first);
  await options.waitForFunction(() => /Imported 1 highlights on 1 pages/.test(document.querySelector('[data-testid="highlights-import-message"]')?.textContent ?? ''));
  const before = await everything();

  // 260 pages: the first chunk (250 pages) is written, the second fails.
  const file = join(dir, 'big.json');
  const items = Array.from({ length: 260 }, (_, i) => annotation(i + 1, `https://import.gov.cn/p${i + 1}`));
  writeFileSync(file, JSON.stringify({ type: 'AnnotationCollection', items }));
  await session.ext.serviceWorker.evaluate(() => {
    globalThis.__realSet = chrome.storage.local.set;
    let calls = 0;
    chrome.storage.local.set = function (...args) {
      calls++;
      if (calls === 2) return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
      return globalThis.__realSet.apply(this, args);
    };
  });
  try {
    await options.getByTestId('highlights-import').setInputFiles(file);
    await options.getByTestId('highlights-import-message').getByText(/failed/).waitFor({ timeout: 30_000 });
  } finally {
    await session.ext.serviceWorker.evaluate(() => {
      chrome.storage.local.set = globalThis.__realSet;
    });
  }
  assert.equal(
    (await options.getByTestId('highlights-import-message').textContent()).trim(),
    'Imported 250 of 260 pages (250 highlights); 10 failed: QUOTA_BYTES quota exceeded. The pages imported are kept; nothing else changed.',
  );
  const after = await everything();
  // Every key that was there is unchanged except the index, which gained exactly the pages written.
  for (const [k, v] of Object.entries(before)) if (k !== 'hlIndex') assert.deepEqual(after[k], v, k);
  const added = Object.keys(after).filter((k) => !(k in before));
  const pagesAdded = added.filter((k) => k.startsWith('hl:')).map((k) => k.slice(3)).sort();
  assert.deepEqual(pagesAdded, items.slice(0, 250).map((a) => a.target.source).sort());
  assert.ok(added.every((k) => k.startsWith('hl:') || k.startsWith('hlb:')), added.filter((k) => !k.startsWith('hl')).join(' '));
  assert.deepEqual(Object.keys(after.hlIndex.pages).sort(), ['https://before.gov.cn/a', ...pagesAdded].sort());
  assert.deepEqual(after.hlIndex.pages['https://before.gov.cn/a'], before.hlIndex.pages['https://before.gov.cn/a']);

  // Re-importing what is there changes nothing, not even the index's dates.
  const again = await everything();
  await options.getByTestId('highlights-import').setInputFiles(first);
  await options.waitForFunction(() => /Imported 0 highlights \(1 already there\)/.test(document.querySelector('[data-testid="highlights-import-message"]')?.textContent ?? ''));
  assert.deepEqual(await everything(), again);

  // A file with a source that is not a web page is refused whole.
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ type: 'AnnotationCollection', items: [annotation(900, 'https://ok.gov.cn/'), annotation(901, 'javascript:alert(1)')] }));
  await options.getByTestId('highlights-import').setInputFiles(bad);
  await options.waitForFunction(() => /Nothing was imported: Highlight 2 does not belong to a web page/.test(document.querySelector('[data-testid="highlights-import-message"]')?.textContent ?? ''));
  assert.deepEqual(await everything(), again);
  await options.close();
});

test('lists link only web pages (a stored javascript: source from elsewhere is shown as text)', async () => {
  await clearHighlights();
  await session.ext.serviceWorker.evaluate(
    (a) => chrome.storage.local.set({ 'hl:javascript:alert(1)': { v: 1, source: 'javascript:alert(1)', title: 'evil', items: [a] } }),
    annotation(1, 'javascript:alert(1)'),
  );
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html`);
  await panel.getByTestId('highlights-tab-all').click();
  await panel.getByTestId('highlight-item').first().waitFor();
  assert.equal(await panel.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(await panel.getByTestId('highlight-source-text').count(), 1);
  await panel.close();
  await clearHighlights();
});

test('a report inside a same-origin iframe: detected, marked, highlighted there, and the popup shows that frame', async () => {
  await clearHighlights();
  const page = await session.open('iframe-report.html');
  const frame = await frameOf(page, '/seed-report.html');
  await frame.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader') === 'report', null, { timeout: 15_000 });
  await frame.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 15_000 });
  // The top page (English) has no reader marks of its own.
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bilingual-reader')), false);
  const popup = await openPopup(session.ext, page);
  await popup.waitForFunction(() => document.querySelector('[data-testid="page-status"]')?.dataset.state === 'report', null, { timeout: 10_000 });
  await popup.close();
  // Select inside the frame as a reader would, and highlight.
  const offset = await page.evaluate(() => {
    const r = document.getElementById('doc').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  const box = await frame.evaluate((t) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(t);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + t.length);
      const rects = r.getClientRects();
      return { x1: rects[0].left + 1, y1: rects[0].top + rects[0].height / 2, x2: rects[rects.length - 1].right - 1, y2: rects[rects.length - 1].top + rects[rects.length - 1].height / 2 };
    }
    return null;
  }, '湖州市人民政府');
  const top = await page.evaluate(() => document.getElementById('doc').getBoundingClientRect().top);
  await page.mouse.move(offset.x + box.x1, top + box.y1);
  await page.mouse.down();
  await page.mouse.move(offset.x + box.x2, top + box.y2, { steps: 5 });
  await page.mouse.up();
  await frame.getByTestId('highlight-color-blue').click();
  await frame.waitForFunction((t) => [...(CSS.highlights.get('bilingual-reader-hl-blue') ?? [])].some((r) => r.toString() === t), '湖州市人民政府', { timeout: 10_000 });
  const items = await itemsOf(`${session.srv.origin}/seed-report.html`);
  assert.deepEqual(items.map((a) => a.target.selector[0].exact), ['湖州市人民政府']);
  await page.close();
});
