// Glossary on the page: marks, popovers by hover, click and keyboard, in both scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForStatus } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { hover, popoverText, textBox, waitForTerms } from '../support/page-text.mjs';

const session = useSession();

async function openSeed(path = 'seed-report.html') {
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
  return page;
}

const popover = (page) => page.getByTestId('term-popover');

test('hovering 行政複議, 三統一 and 標準地 explains them, in Traditional', async () => {
  const page = await openSeed();
  const bodyBefore = await page.evaluate(() => document.body.innerHTML);
  const cases = [
    ['行政複議', 'xíngzhèng fùyì', 'administrative reconsideration', '公民、法人或者其他組織認為行政機關', false],
    ['三統一', 'sān tǒngyī', 'three unifications', '規範性文件經合法性審查後', true],
    ['標準地', 'biāozhǔn dì', 'standard land', '固定資產投資強度', true],
  ];
  const contexts = { 行政複議: '行政複議案件', 三統一: '三統一', 標準地: '標準地+' };
  for (const [term, pinyin, english, zh, unofficial] of cases) {
    await hover(page, contexts[term]);
    await popover(page).waitFor({ timeout: 5000 });
    await page.waitForFunction((t) => {
      const host = document.querySelector('bilingual-reader-popover');
      return host?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === t;
    }, term);
    assert.equal(await popoverText(page, 'term-pinyin'), pinyin);
    assert.match(await popoverText(page, 'term-english'), new RegExp(english));
    const def = await popoverText(page, 'term-definition');
    assert.ok(def.includes(zh), `${term}: ${def}`);
    assert.equal(await popover(page).getByTestId('term-unofficial').count(), unofficial ? 1 : 0, `${term} unofficial flag`);
    assert.equal(await popoverText(page, 'term-other-script'), { 行政複議: '行政复议', 三統一: '三统一', 標準地: '标准地' }[term]);
  }
  // The popover stays inside the viewport and the page's own DOM was not restructured.
  const box = await popover(page).boundingBox();
  const vp = page.viewportSize();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height, JSON.stringify(box));
  assert.equal(await page.evaluate(() => document.body.innerHTML), bodyBefore);
  // Moving away closes it.
  await page.mouse.move(5, 5);
  await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  await page.close();
});

test('a term split by inline markup is found and explained', async () => {
  const page = await openSeed();
  // The fixture has <a>行政</a>複議 once.
  const box = await page.evaluate(() => {
    const a = document.querySelector('a.kw');
    a.scrollIntoView({ block: 'center', behavior: 'instant' });
    const r = a.getBoundingClientRect();
    return { x: r.left + 4, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y, { steps: 3 });
  await popover(page).waitFor({ timeout: 5000 });
  // <a>行政</a>複議體制改革: the longest term there runs across the link.
  assert.equal(await popoverText(page, 'term-headword'), '行政複議體制改革');
  await page.close();
});

test('the same popovers in Simplified on the Simplified page', async () => {
  const page = await openSeed('seed-report-simplified.html');
  for (const [term, zh, context] of [
    ['行政复议', '公民、法人或者其他组织认为行政机关', '行政复议案件'],
    ['三统一', '规范性文件经合法性审查后', '三统一'],
    ['标准地', '固定资产投资强度', '标准地+'],
  ]) {
    await hover(page, context);
    await page.waitForFunction((t) => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === t, term);
    assert.ok((await popoverText(page, 'term-definition')).includes(zh));
    assert.ok((await popoverText(page, 'term-pinyin')).length > 0);
  }
  await page.close();
});

test('click opens a popover; related terms open in place; Esc closes', async () => {
  const page = await openSeed();
  const box = await textBox(page, '三統一');
  await page.mouse.click(box.x, box.y);
  await popover(page).waitFor({ timeout: 5000 });
  // Related terms sit in a collapsed section (the first screen shows headword, pinyin, English, definition).
  await popover(page).locator('details.related > summary').click();
  const related = popover(page).getByTestId('term-related').first();
  const label = (await related.textContent()).trim();
  await related.click();
  await page
    .waitForFunction((t) => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === t, label, { timeout: 10_000 })
    .catch(async (e) => {
      // What the popover shows instead (this wait timed out once in a full run): its text, or nothing.
      const shows = await page.evaluate(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('.popover')?.textContent ?? 'no popover');
      throw new Error(`after a click on the related term ${label} the popover shows: ${shows.slice(0, 300)}`, { cause: e });
    });
  await page.keyboard.press('Escape');
  await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  await page.close();
});

test('copy puts the citation on the clipboard; a page that forbids the clipboard gets a message, not "Copied"', async () => {
  await session.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.srv.origin });
  for (const blocked of [false, true]) {
    const page = await openSeed(blocked ? 'seed-report.html?clipboard=blocked' : 'seed-report.html');
    await page.bringToFront();
    const box = await textBox(page, '三統一');
    await page.mouse.click(box.x, box.y);
    await popover(page).waitFor({ timeout: 5000 });
    const copy = popover(page).getByTestId('term-copy');
    const label = (await copy.textContent()).trim();
    await copy.click();
    if (!blocked) {
      await page.waitForFunction(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-copy"]')?.textContent === 'Copied');
      assert.match(await page.evaluate(() => navigator.clipboard.readText()), /三統一/);
    } else {
      const alert = page.getByTestId('reader-alert');
      await alert.waitFor({ timeout: 5000 });
      assert.match(await alert.textContent(), /Could not copy/);
      assert.equal((await copy.textContent()).trim(), label, 'the button does not say "Copied"');
    }
    await page.close();
  }
});

test('a long entry fits a small viewport below or above the term, every line reachable', async () => {
  const page = await openSeed();
  await page.setViewportSize({ width: 800, height: 600 });
  // Near the bottom; just below the middle (more room above, though the clamped box would fit below); near the top.
  for (const target of [560, 340, 40]) {
    await page.mouse.move(5, 5);
    await popover(page).waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    const c = await textBox(page, '三統一');
    const before = await page.evaluate(() => window.scrollY);
    await page.evaluate((dy) => window.scrollBy(0, dy), c.y - target);
    const y = c.y - ((await page.evaluate(() => window.scrollY)) - before);
    await page.mouse.move(c.x - 30, y - 30);
    await page.mouse.move(c.x, y, { steps: 4 });
    await page.waitForFunction(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === '三統一');
    // Everything open: the longest this entry gets.
    await popover(page).evaluate((el) => el.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.waitForTimeout(300);
    const box = await popover(page).boundingBox();
    const vp = page.viewportSize();
    assert.ok(box.y >= 0 && box.y + box.height <= vp.height && box.x >= 0 && box.x + box.width <= vp.width, `inside the viewport: ${JSON.stringify(box)}`);
    if (target > vp.height / 2) assert.ok(box.y + box.height <= y, `above the term where there is more room above: ${JSON.stringify(box)} term at ${y}`);
    else assert.ok(box.y >= y, `below the term near the top: ${JSON.stringify(box)} term at ${y}`);
    // The last line can be scrolled into the box, whole.
    const last = await popover(page).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      const r = el.querySelector('footer').getBoundingClientRect();
      const b = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, boxTop: b.top, boxBottom: b.bottom, scrolls: el.scrollHeight > el.clientHeight };
    });
    assert.ok(last.scrolls, 'the open entry is taller than the room and scrolls');
    assert.ok(last.top >= last.boxTop && last.bottom <= last.boxBottom, `footer reachable: ${JSON.stringify(last)}`);
  }
  await page.close();
});

test('keyboard: Alt+Shift+N reaches terms, Enter opens, Esc closes and focus returns', async () => {
  const page = await openSeed();
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'start';
    b.textContent = 'start';
    document.body.prepend(b);
    b.focus();
  });
  await page.evaluate(() => document.getElementById('start').blur());
  await page.keyboard.press('Alt+Shift+N');
  const announce = page.getByTestId('term-announce');
  await page.waitForFunction(() => /Term 1 of \d+/.test(document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-announce"]')?.textContent ?? ''));
  const first = await announce.textContent();
  await page.keyboard.press('Alt+Shift+N');
  await page.waitForFunction(() => /Term 2 of/.test(document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-announce"]')?.textContent ?? ''));
  await page.keyboard.press('Alt+Shift+P');
  await page.waitForFunction((f) => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-announce"]')?.textContent === f, first);
  assert.equal(await page.evaluate(() => CSS.highlights.get('bilingual-reader-term-focus')?.size), 1);
  // Walk to 行政複議 and open it with Enter.
  let guard = 0;
  while (!/: 行政複議\./.test(await announce.textContent()) && guard++ < 400) await page.keyboard.press('Alt+Shift+N');
  assert.ok(guard < 400, 'reached 行政複議 by keyboard');
  const focusedBefore = await page.evaluate(() => document.activeElement?.tagName);
  await page.keyboard.press('Enter');
  await popover(page).waitFor({ timeout: 5000 });
  assert.equal(await popoverText(page, 'term-headword'), '行政複議');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BILINGUAL-READER-POPOVER', 'focus moved into the popover');
  await page.keyboard.press('Escape');
  await popover(page).waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), focusedBefore);
  await page.close();
});

test('marking settings: first per paragraph, or none while lookups still work', async () => {
  const page = await openSeed();
  await page.evaluate(() => scrollTo(0, 0));
  const all = await page.evaluate(() => CSS.highlights.get('bilingual-reader-term').size);
  const setMarking = (marking) =>
    session.ext.serviceWorker.evaluate(async (m) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), marking: m } });
    }, marking);
  await setMarking('first');
  await page.waitForFunction((n) => (CSS.highlights.get('bilingual-reader-term')?.size ?? n) < n, all);
  await setMarking('off');
  await page.waitForFunction(() => CSS.highlights.get('bilingual-reader-term')?.size === 0);
  await hover(page, '標準地');
  await popover(page).waitFor({ timeout: 5000 });
  assert.equal(await popoverText(page, 'term-headword'), '標準地');
  // Marks follow the viewport: compare at the same scroll position.
  await page.evaluate(() => scrollTo(0, 0));
  await setMarking('all');
  await page.waitForFunction((n) => CSS.highlights.get('bilingual-reader-term')?.size === n, all);
  await page.close();
});

test('no popover and no marks where the reader is off', async () => {
  // The seed report has terms everywhere; with the reader turned off for its site, resting on one
  // (well past the hover delay) shows nothing.
  const host = new URL(session.srv.origin).hostname;
  await session.ext.serviceWorker.evaluate((h) => chrome.storage.local.set({ siteModes: { [h]: 'off' } }), host);
  try {
    const page = await session.open('seed-report.html');
    const s = await waitForStatus(session.ext, page);
    assert.equal(s.state, 'off');
    const box = await hover(page, '行政複議案件');
    await page.mouse.move(box.x + 2, box.y);
    await new Promise((r) => setTimeout(r, 1200));
    await page.mouse.click(box.x, box.y);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.evaluate(() => CSS.highlights.has('bilingual-reader-term')), false);
    assert.equal(await page.locator('bilingual-reader-popover').count(), 0);
    await page.close();
  } finally {
    await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteModes'));
  }
});

test('on a long page, marks follow the viewport as the reader scrolls', async () => {
  const page = await session.open('generated/report-200000.html');
  await waitForTerms(session, page, waitForStatus);
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
  const inView = () =>
    page.evaluate(() => {
      const ranges = [...CSS.highlights.get('bilingual-reader-term')];
      const tops = ranges.map((r) => {
        const x = document.createRange();
        x.setStart(r.startContainer, r.startOffset);
        x.setEnd(r.endContainer, r.endOffset);
        return x.getBoundingClientRect().top;
      });
      return { n: ranges.length, far: tops.filter((t) => t < -3 * innerHeight || t > 4 * innerHeight).length, visible: tops.filter((t) => t >= 0 && t <= innerHeight).length };
    });
  const top = await inView();
  assert.ok(top.visible > 0 && top.far === 0, JSON.stringify(top));
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight / 2));
  await page.waitForFunction(() => {
    const r = [...CSS.highlights.get('bilingual-reader-term')][0];
    const x = document.createRange();
    x.setStart(r.startContainer, r.startOffset);
    return Math.abs(x.getBoundingClientRect().top) < 3 * innerHeight;
  });
  const middle = await inView();
  assert.ok(middle.visible > 0 && middle.far === 0, JSON.stringify(middle));
  await page.close();
});
