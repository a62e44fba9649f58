// The page's own notes: terms its notes section defines are explained on that page, marked as from
// the page, listed in the terms index, and added to the reader's terms only on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tabIdOf, waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { hover, popoverText, textBox, waitForTerms } from '../support/page-text.mjs';

const session = useSession();
const popover = (page) => page.getByTestId('term-popover');

async function open(path) {
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  return page;
}

/** Hovers `text` and waits until the popover shows `headword`. */
async function explain(page, text, headword = text) {
  // One popover at a time: the last one may cover the next term. Scrolling closes an unpinned
  // popover too: scroll first and let that settle, then hover.
  if (await popover(page).count()) {
    await page.mouse.move(2, 2);
    await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  }
  await textBox(page, text);
  await page.waitForTimeout(150);
  await hover(page, text);
  await popover(page).waitFor({ timeout: 5000 });
  await page.waitForFunction(
    (t) => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === t,
    headword,
    { timeout: 5000 },
  );
}

const count = (page, id) => popover(page).getByTestId(id).count();

async function pageTerms(page) {
  const tabId = await tabIdOf(session.ext, page);
  return session.ext.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-terms' }), tabId);
}

test('a notes-section term is explained with the page’s own definition, marked as from the page, in each format', async () => {
  const page = await open('report-with-notes.html');
  const cases = [
    ['两个健康', '是指促进非公有制经济健康发展和非公有制经济人士健康成长。'],
    ['浙里办', '浙江省统一的政务服务移动端应用，群众和企业可在手机上办理各类政务服务事项。'],
    ['鲲鹏计划', '是浙江省引进培育顶尖人才的“鲲鹏行动”计划的简称。'],
  ];
  for (const [term, definition] of cases) {
    await explain(page, term);
    const note = await popoverText(page, 'term-page-note');
    assert.ok(note.startsWith('From this page'), note);
    assert.ok(note.includes(definition), note);
    // No built-in entry: no English rendering, no "unofficial" flag, no category.
    for (const id of ['term-english', 'term-unofficial', 'term-category', 'term-definition']) assert.equal(await count(page, id), 0, `${term} ${id}`);
  }
  // The notes are listed in the terms index under their own heading.
  const tabId = await tabIdOf(session.ext, page);
  const panel = await session.ext.context.newPage();
  await panel.goto(`chrome-extension://${session.ext.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('term-item').first().waitFor();
  const group = panel.locator('section', { has: panel.locator('h2', { hasText: 'From this page' }) });
  assert.deepEqual(
    (await group.locator('[data-testid="term-item"] .head').allTextContents()).sort(),
    ['一码通城', '三服务', '两个健康', '浙里办', '雄鹰计划', '鲲鹏计划'].sort(),
  );
  await panel.close();
  await page.close();
});

test('nothing is stored until "Add to my terms", which opens the form prefilled with the term and the page’s definition', async () => {
  const page = await open('report-with-notes.html');
  await explain(page, '两个健康');
  const stored = await session.ext.serviceWorker.evaluate(() => chrome.storage.local.get(null));
  assert.deepEqual(Object.keys(stored).filter((k) => /term/i.test(k)), [], JSON.stringify(Object.keys(stored)));
  const optionsPromise = session.ext.context.waitForEvent('page');
  await popover(page).getByTestId('term-page-note-add').click();
  const options = await optionsPromise;
  await options.waitForLoadState();
  await options.getByTestId('user-term-forms').waitFor();
  assert.equal(await options.getByTestId('user-term-forms').inputValue(), '两个健康');
  assert.equal(await options.getByTestId('user-term-note').inputValue(), '是指促进非公有制经济健康发展和非公有制经济人士健康成长。');
  assert.equal(await options.getByTestId('user-term-item').count(), 0);
  await options.close();
  await page.close();
});

test('page notes follow the page’s script', async () => {
  const page = await open('report-with-notes.html');
  const tabId = await tabIdOf(session.ext, page);
  await session.ext.serviceWorker.evaluate(([id]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-Hant' }), [tabId]);
  await page.waitForFunction(() => document.documentElement.dataset.bilingualReaderScript === 'zh-Hant', null, { timeout: 20_000 });
  await explain(page, '兩個健康');
  assert.ok((await popoverText(page, 'term-page-note')).includes('是指促進非公有制經濟健康發展'));
  const terms = await pageTerms(page);
  assert.ok(terms.notes.items.some((n) => n.term === '鯤鵬計劃'), JSON.stringify(terms.notes));
  // The choice is remembered for the site: back to the original for the other tests, notes too.
  await session.ext.serviceWorker.evaluate(([id]) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'original' }), [tabId]);
  await page.waitForFunction(() => !document.documentElement.dataset.bilingualReaderScript, null, { timeout: 20_000 });
  assert.ok((await pageTerms(page)).notes.items.some((n) => n.term === '鲲鹏计划'));
  await page.close();
});

test('an ordinary numbered list makes no page notes', async () => {
  const page = await open('numbered-list.html');
  assert.equal((await pageTerms(page)).notes, undefined);
  await explain(page, '行政复议化解', '行政复议');
  assert.equal(await count(page, 'term-page-note'), 0);
  assert.ok((await popoverText(page, 'term-english')).length > 0);
  await page.close();
});

test('a term with a built-in entry and a page note shows both, the built-in entry first', async () => {
  const page = await open('notes-with-builtin.html');
  await explain(page, '行政复议案件', '行政复议');
  assert.match(await popoverText(page, 'term-english'), /administrative reconsideration/);
  const note = await popoverText(page, 'term-page-note');
  assert.ok(note.includes('本报告中指本市各级行政复议机构办理的复议案件。'), note);
  const builtInFirst = await page.evaluate(() => {
    const root = document.querySelector('bilingual-reader-popover').shadowRoot;
    const def = root.querySelector('[data-testid="term-definition"]');
    const note = root.querySelector('[data-testid="term-page-note"]');
    return !!(def.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(builtInFirst);
  // A term only the notes define, on the same page.
  await explain(page, '两个健康');
  assert.ok((await popoverText(page, 'term-page-note')).includes('是指促进非公有制经济健康发展'));
  await page.close();
});

// 新质生产力 and 低空经济: terms of the categories issue 10 added (industry and technology).
const newTerms = ['新质生产力', '低空经济'];
test('the corpus-based page explains new-category glossary terms', async () => {
  const page = await open('report-with-notes.html');
  for (const term of newTerms) {
    await explain(page, term);
    assert.ok((await popoverText(page, 'term-english')).length > 0, term);
    assert.ok((await popoverText(page, 'term-definition')).length > 0, term);
    assert.equal(await count(page, 'term-page-note'), 0, term);
  }
  await page.close();
});
