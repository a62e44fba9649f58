// The reader's own terms: added from a selection, matched on the page, exported and imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { hover, popoverText, selectText, waitForTerms } from '../support/page-text.mjs';

const session = useSession();
const TERM = '開門聽建議';

test('a term added from a selection is underlined after reload, explained, and exported as JSON and CSV', async () => {
  const page = await session.open('seed-report.html');
  await waitForTerms(session, page, waitForStatus);
  await selectText(page, TERM);
  await page.getByTestId('selection-toolbar').waitFor();
  const optionsPromise = session.ext.context.waitForEvent('page');
  await page.getByTestId('selection-add-term').click();
  const options = await optionsPromise;
  await options.waitForLoadState();
  assert.match(options.url(), /options\.html#add=/);
  const forms = options.getByTestId('user-term-forms');
  await forms.waitFor();
  assert.equal(await forms.inputValue(), TERM);
  await options.waitForFunction(() => document.querySelector('[data-testid="user-term-pinyin"]').value.length > 0);
  assert.match(await options.getByTestId('user-term-pinyin').inputValue(), /kāi mén tīng jiàn yì/);
  await options.getByTestId('user-term-english').fill('"Open Door, Hear Suggestions" forums');
  await options.getByTestId('user-term-note').fill('Huzhou city government forums.\n<b>not bold</b>');
  await options.getByTestId('user-term-save').click();
  await options.getByTestId('user-term-item').waitFor();

  await page.bringToFront();
  await page.reload();
  await waitForTerms(session, page, waitForStatus);
  // The term is now marked: a highlight range covers exactly it (marks follow the viewport).
  await page.evaluate((t) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.includes(t)) return n.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
  }, TERM);
  await page.waitForFunction((t) => [...(CSS.highlights.get('bilingual-reader-term') ?? [])].some((r) => {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range.toString() === t;
  }), TERM);
  await hover(page, TERM);
  await page.getByTestId('term-popover').waitFor();
  assert.equal(await popoverText(page, 'term-headword'), TERM);
  assert.match(await popoverText(page, 'term-english'), /Open Door, Hear Suggestions/);
  assert.equal(await popoverText(page, 'term-user'), 'One of your own terms');
  // Notes are text, never HTML.
  const noteHtml = await page.evaluate(() => document.querySelector('bilingual-reader-popover').shadowRoot.querySelector('.note').innerHTML);
  assert.ok(noteHtml.includes('&lt;b&gt;not bold&lt;/b&gt;'), noteHtml);

  // The same term written in Simplified matches too (derived form).
  const simp = await session.open('seed-report-simplified.html');
  await waitForTerms(session, simp, waitForStatus);
  await hover(simp, '开门听建议');
  await simp.getByTestId('term-popover').waitFor();
  assert.equal(await popoverText(simp, 'term-headword'), '开门听建议');
  await simp.close();

  await options.bringToFront();
  const [jsonDl] = await Promise.all([options.waitForEvent('download'), options.getByTestId('user-terms-export-json').click()]);
  const json = JSON.parse(readFileSync(await jsonDl.path(), 'utf8'));
  assert.equal(json.format, 'bilingual-reader-terms');
  assert.deepEqual(json.terms[0].forms, [TERM]);
  assert.equal(json.terms[0].note, 'Huzhou city government forums.\n<b>not bold</b>');
  const [csvDl] = await Promise.all([options.waitForEvent('download'), options.getByTestId('user-terms-export-csv').click()]);
  const csv = readFileSync(await csvDl.path(), 'utf8');
  assert.ok(csv.startsWith('forms,pinyin,english,note\r\n'));
  assert.ok(csv.includes(TERM) && csv.includes('"""Open Door, Hear Suggestions"" forums"'), csv);
  await options.close();
  await page.close();
});

test('a malformed or foreign import is refused with line and field; nothing existing is lost', async () => {
  const options = await session.ext.context.newPage();
  await options.goto(`chrome-extension://${session.ext.extensionId}/options.html`);
  await options.locator('[data-testid="user-terms"][data-loaded="true"]').waitFor();
  const initial = await options.getByTestId('user-term-item').count();
  await options.getByTestId('user-term-forms').fill('两山理念');
  await options.getByTestId('user-term-english').fill('"two mountains" concept');
  await options.getByTestId('user-term-save').click();
  await options.waitForFunction((n) => document.querySelectorAll('[data-testid="user-term-item"]').length === n, initial + 1);
  const before = initial + 1;

  const dir = mkdtempSync(join(tmpdir(), 'terms-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'forms,pinyin,english,note\r\n共同富裕,,common prosperity,\r\n一网通办,,,missing english\r\n');
  await options.getByTestId('user-terms-import').setInputFiles(bad);
  const msg = options.getByTestId('user-terms-message');
  await options.waitForFunction(() => /Nothing was imported/.test(document.querySelector('[data-testid="user-terms-message"]')?.textContent ?? ''));
  assert.match(await msg.textContent(), /line 3, english: empty/);
  assert.equal(await msg.getAttribute('role'), 'alert');
  assert.equal(await options.getByTestId('user-term-item').count(), before);

  const foreign = join(dir, 'other.json');
  writeFileSync(foreign, JSON.stringify({ version: 1, entries: [{ word: 'x' }] }));
  await options.getByTestId('user-terms-import').setInputFiles(foreign);
  await options.waitForFunction(() => /not a Bilingual Reader terms export/.test(document.querySelector('[data-testid="user-terms-message"]')?.textContent ?? ''));
  assert.equal(await options.getByTestId('user-term-item').count(), before);

  const good = join(dir, 'good.csv');
  writeFileSync(good, 'forms,pinyin,english,note\r\n共同富裕|共富,gòngtóng fùyù,common prosperity,\r\n两山理念,,"""two mountains"" concept",\r\n');
  await options.getByTestId('user-terms-import').setInputFiles(good);
  await options.waitForFunction(() => /Imported 1 terms \(1 already there\)/.test(document.querySelector('[data-testid="user-terms-message"]')?.textContent ?? ''));
  assert.equal(await options.getByTestId('user-term-item').count(), before + 1);

  // Edit and delete.
  await options.getByTestId('user-term-edit').last().click();
  await options.getByTestId('user-term-english').fill('common prosperity (edited)');
  await options.getByTestId('user-term-save').click();
  await options.getByText('common prosperity (edited)').waitFor();
  await options.getByTestId('user-term-delete').last().click();
  await options.waitForFunction((n) => document.querySelectorAll('[data-testid="user-term-item"]').length === n, before);
  await options.close();
});
