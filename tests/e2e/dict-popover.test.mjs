// Any word on the page: hovering answers with CC-CEDICT's entry (the dictionary lives in the
// background), glossary terms keep their entry first, keys work on the open popover, and text in
// code, inputs and editors is never looked up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { hover, textBox, waitForTerms } from '../support/page-text.mjs';

const session = useSession();
const popover = (page) => page.getByTestId('term-popover');

/** CC-CEDICT's definitions per Simplified headword, from the package's data file. */
function cedictDefinitions(words) {
  const dir = dirname(dirname(fileURLToPath(import.meta.resolve('cc-cedict'))));
  const rows = JSON.parse(readFileSync(join(dir, 'data', 'all.js'), 'utf8').slice('export default '.length)).all;
  return Object.fromEntries(words.map((w) => [w, rows.filter((r) => r[1] === w).map((r) => (Array.isArray(r[3]) ? r[3] : [r[3]]))]));
}
const CEDICT = cedictDefinitions(['提振', '着力', '巩固']);

async function openPage(path) {
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  return page;
}

/** Rests the pointer on the first character of `text` (the nth place it occurs). */
async function hoverFirstChar(page, text, nth = 0) {
  const box = await textBox(page, text, nth);
  if (!box) throw new Error(`"${text}" not on the page`);
  // textBox points into the first character (at most 12 px in): right for a word's first character.
  await page.mouse.move(box.x - 30, box.y - 30);
  await page.mouse.move(box.x, box.y, { steps: 3 });
  return box;
}

/** The dictionary entries the popover shows: [data-word, definitions…]. */
const dictEntries = (page) =>
  popover(page)
    .getByTestId('dict-entry')
    .evaluateAll((els) => els.map((e) => ({ word: e.getAttribute('data-word'), defs: [...e.querySelectorAll('[data-testid="dict-definition"]')].map((d) => d.textContent.trim()) })));

async function expectWord(page, text, simplified) {
  await page.mouse.move(5, 5);
  await popover(page).waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  await hoverFirstChar(page, text);
  await popover(page).getByTestId('dict-entry').first().waitFor({ timeout: 8000 });
  const entries = await dictEntries(page);
  assert.equal(entries[0].word, simplified, `${text}: ${JSON.stringify(entries)}`);
  // Each CC-CEDICT definition is there, in order (measure words, if any, come last).
  assert.deepEqual(entries[0].defs.slice(0, CEDICT[simplified][0].length), CEDICT[simplified][0], `${text}: ${JSON.stringify(entries[0])}`);
  // The looked-up word is drawn on the page while the popover is open.
  const drawn = await page.evaluate(() => [...(CSS.highlights.get('bilingual-reader-lookup') ?? [])].map((r) => r.toString?.() ?? ''));
  assert.equal(drawn.length, 1);
}

test('on a national work report: 提振 / 着力 / 巩固 answer with CC-CEDICT, nothing is written into the page', async () => {
  const page = await openPage('work-report-2025.html');
  const before = await page.evaluate(() => document.body.innerHTML);
  for (const w of ['提振', '着力', '巩固']) await expectWord(page, w, w);
  await page.mouse.move(5, 5);
  await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await page.evaluate(() => CSS.highlights.get('bilingual-reader-lookup')?.size ?? 0), 0);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  await page.close();
});

test('on the seed report, in both scripts: 提振 and 著力 / 着力', async () => {
  const trad = await openPage('seed-report.html');
  await expectWord(trad, '提振', '提振');
  await expectWord(trad, '著力', '着力');
  await trad.close();
  const simp = await openPage('seed-report-simplified.html');
  await expectWord(simp, '着力', '着力');
  await simp.close();
});

test('a glossary term still shows its glossary entry first, the dictionary after it', async () => {
  const page = await openPage('seed-report.html');
  await hover(page, '行政複議案件');
  await popover(page).getByTestId('term-headword').waitFor({ timeout: 8000 });
  assert.equal((await popover(page).getByTestId('term-headword').textContent()).trim(), '行政複議');
  await popover(page).getByTestId('dict-entry').first().waitFor({ state: 'attached', timeout: 8000 });
  const order = await popover(page).evaluate((el) => {
    const term = el.querySelector('[data-testid="term-headword"]');
    const dict = el.querySelector('[data-testid="dict-entry"]');
    return !!(term.compareDocumentPosition(dict) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'glossary entry before the dictionary entries');
  await page.close();
});

test('keys: N looks up the next word, Esc closes and focus stays where it was', async () => {
  const page = await openPage('work-report-2025.html');
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'mine';
    b.textContent = 'mine';
    document.body.prepend(b);
    b.focus();
  });
  await expectWord(page, '提振', '提振');
  await page.keyboard.press('n');
  await page.waitForFunction(() => {
    const e = document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="dict-entry"]');
    return e && e.getAttribute('data-word') !== '提振';
  });
  // Screen readers are told the headword, pinyin and first definition.
  const said = await page.getByTestId('term-announce').textContent();
  assert.match(said, /\S+.*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü].*:/i, said);
  await page.keyboard.press('Escape');
  await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'mine');
  await page.close();
});

test('text in code, inputs and editable elements is never looked up', async () => {
  const page = await openPage('work-report-2025.html');
  for (const sel of ['[data-odd="code"]', '[data-odd="editable"]', '[data-odd="input"]']) {
    const r = await page.evaluate((s) => {
      const el = document.querySelector(s);
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
      const b = el.getBoundingClientRect();
      return { x: b.left + 6, y: b.top + b.height / 2 };
    }, sel);
    await page.mouse.move(r.x - 20, r.y - 20);
    await page.mouse.move(r.x, r.y, { steps: 3 });
    await page.waitForTimeout(1000);
    assert.equal(await popover(page).count(), 0, sel);
  }
  await page.close();
});

test('a dictionary popover near the bottom and the top of an 800×600 viewport fits, every line reachable', async () => {
  const page = await openPage('work-report-2025.html');
  await page.setViewportSize({ width: 800, height: 600 });
  for (const target of [570, 30]) {
    await page.mouse.move(5, 5);
    await popover(page).waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    const c = await textBox(page, '巩固');
    const before = await page.evaluate(() => window.scrollY);
    await page.evaluate((dy) => window.scrollBy(0, dy), c.y - target);
    const y = c.y - ((await page.evaluate(() => window.scrollY)) - before);
    await page.mouse.move(c.x - 30, y - 30);
    await page.mouse.move(c.x, y, { steps: 3 });
    await popover(page).getByTestId('dict-entry').first().waitFor({ timeout: 8000 });
    await popover(page).evaluate((el) => el.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.waitForTimeout(300);
    const box = await popover(page).boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 600 && box.x >= 0 && box.x + box.width <= 800, JSON.stringify(box));
    const last = await popover(page).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      const lines = el.querySelectorAll('[data-testid="dict-definition"], dd');
      const r = lines[lines.length - 1].getBoundingClientRect();
      const b = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, boxTop: b.top, boxBottom: b.bottom };
    });
    assert.ok(last.top >= last.boxTop && last.bottom <= last.boxBottom + 0.5, `last line whole inside the box: ${JSON.stringify(last)}`);
  }
  await page.close();
});
