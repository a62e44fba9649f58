// What a reader does, written once and run in every browser we ship for (tests/e2e/reader-flows
// for Chromium, tests/e2e-firefox/ for Firefox). Each scenario takes a driver (driver/chromium.mjs,
// driver/firefox.mjs) and talks to pages only through it, so nothing here knows which browser runs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { highlightTexts, hover, pageSnapshot, selectText, textBox } from './page-text.mjs';

/** The content script's status once the glossary is matched (it runs at document_idle). */
export async function termsReady(d, page, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await d.status(page);
    if (s && (s.termCount !== null || s.state === 'off' || s.state === 'not-chinese')) return s;
    if (Date.now() > end) throw new Error(`no terms from the content script on ${page.url()}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function openReady(d, path) {
  const page = await d.open(path);
  const status = await termsReady(d, page);
  return { page, status };
}

async function openPopup(d, page) {
  const popup = await d.openExtensionPage(`popup.html?tabId=${await d.tabIdOf(page)}`);
  await popup.waitFor(() => !['loading', null, undefined].includes(document.querySelector('[data-testid="page-status"]')?.getAttribute('data-state')));
  return popup;
}

/** The headword shown in our popover, once it is `term`. */
async function popoverFor(page, term) {
  try {
    await page.waitFor((t) => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === t, term);
  } catch (e) {
    // What there is instead (the hover scenario timed out once in a fresh clone's Firefox run).
    const shows = await page.evaluate(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('.popover')?.textContent?.slice(0, 200) ?? 'no popover');
    throw new Error(`no popover for ${term}; the popover shows: ${shows}`, { cause: e });
  }
}

const popoverGone = (page) => page.waitFor(() => !document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-popover"]'));

/** Extension storage, from an extension context of either browser. */
const local = {
  set: (d, items) => d.inExtension((x) => (globalThis.browser ?? globalThis.chrome).storage.local.set(x), items),
  remove: (d, keys) => d.inExtension((k) => (globalThis.browser ?? globalThis.chrome).storage.local.remove(k), keys),
  get: (d, keys) => d.inExtension((k) => (globalThis.browser ?? globalThis.chrome).storage.local.get(k), keys),
};

/** Merges `patch` into the stored settings. */
async function updateSettings(d, patch) {
  await d.inExtension(async (p) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const { settings } = await api.storage.local.get('settings');
    await api.storage.local.set({ settings: { ...(settings ?? {}), ...p } });
  }, patch);
}

async function setScript(d, page, mode) {
  const popup = await openPopup(d, page);
  await popup.click(`script-${mode}`);
  await popup.waitFor((m) => document.querySelector(`[data-testid="script-${m}"]`)?.getAttribute('aria-pressed') === 'true', mode, 30_000);
  await popup.close();
}

/** Switches the page through the popup, then waits until it shows `mode` ('original': its own script). */
async function showScript(d, page, mode) {
  await setScript(d, page, mode);
  await page.waitFor((m) => (document.documentElement.getAttribute('data-bilingual-reader-script') ?? 'original') === m, mode);
}

const S = '全年制定、上報備案行政規範性檔案76件';
const YELLOW = 'bilingual-reader-hl-yellow';

export const scenarios = {
  async 'detection: the seed report is detected with its reasons; the popup shows the state, reasons and term count'(d) {
    const { page, status } = await openReady(d, 'seed-report.html');
    assert.equal(status.state, 'report');
    assert.equal(status.detection.isReport, true);
    assert.equal(status.detection.script, 'traditional');
    const ids = status.detection.reasons.map((r) => r.id);
    for (const id of ['title-doc-type', 'issuer', 'sections', 'signature-date', 'glossary-density']) assert.ok(ids.includes(id), `reason ${id} in ${ids}`);
    assert.ok(status.termCount >= 100, `distinct terms: ${status.termCount}`);
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-bilingual-reader')), 'report');

    const popup = await openPopup(d, page);
    assert.equal(await popup.attr('page-status', 'data-state'), 'report');
    assert.equal(await popup.text('page-status'), 'Government report detected');
    const reasons = await popup.evaluate(() => [...document.querySelectorAll('[data-testid="status-reasons"] li')].map((li) => li.textContent));
    assert.ok(reasons.some((r) => r.includes('湖州市人民政府')), `issuer shown: ${reasons}`);
    assert.ok(reasons.some((r) => r.includes('2019年2月28日')), `date shown: ${reasons}`);
    await popup.waitForTestId('term-count');
    assert.match(await popup.text('term-count'), new RegExp(`^${status.termCount} glossary terms`));
    await popup.close();

    const { page: en, status: s2 } = await openReady(d, 'english.html');
    assert.equal(s2.state, 'not-chinese');
    assert.equal(await en.evaluate(() => document.documentElement.hasAttribute('data-bilingual-reader')), false);
    const popup2 = await openPopup(d, en);
    assert.equal(await popup2.attr('page-status', 'data-state'), 'not-chinese');
    await popup2.close();
    await en.close();
    await page.close();
  },

  async 'popover: hovering 行政複議 and 三統一 explains them with pinyin and English; moving away closes'(d) {
    const { page } = await openReady(d, 'seed-report.html');
    await page.waitFor(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
    const bodyBefore = await page.evaluate(() => document.body.innerHTML);
    for (const [term, context, pinyin, english, other, zh, unofficial] of [
      ['行政複議', '行政複議案件', 'xíngzhèng fùyì', /administrative reconsideration/, '行政复议', '公民、法人或者其他組織認為行政機關', false],
      ['三統一', '三統一', 'sān tǒngyī', /three unifications/, '三统一', '規範性文件經合法性審查後', true],
    ]) {
      await hover(page, context);
      await popoverFor(page, term);
      assert.equal(await page.text('term-pinyin'), pinyin);
      assert.match(await page.text('term-english'), english);
      assert.equal(await page.text('term-other-script'), other);
      assert.ok((await page.text('term-definition')).includes(zh), term);
      assert.equal(await page.count('term-unofficial'), unofficial ? 1 : 0, `${term} unofficial flag`);
    }
    // Inside the viewport, and the page's own DOM untouched.
    const box = await page.testId('term-popover', 'box');
    const vp = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    assert.ok(box.left >= 0 && box.top >= 0 && box.left + box.width <= vp.w && box.top + box.height <= vp.h, JSON.stringify({ box, vp }));
    assert.equal(await page.evaluate(() => document.body.innerHTML), bodyBefore);
    await page.mouse.move(5, 5);
    await popoverGone(page);
    await page.close();
  },

  async 'popover: a selection dragged with the mouse opens no popover where it ends (nothing is looked up under a drag)'(d) {
    const { page } = await openReady(d, 'seed-report.html');
    // It ends on 建, a dictionary word (words are looked up on hover by default).
    await selectText(page, '推進國家社會信用體系建設示範城市創建');
    await page.waitForTestId('highlight-toolbar');
    // Past the hover delay (300 ms) and the dictionary's answer.
    await new Promise((r) => setTimeout(r, 1000));
    const shown = await page.evaluate(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-popover"]')?.textContent ?? null);
    assert.equal(shown, null);
    await page.press('Escape');
    await page.close();
  },

  async 'popover: a click opens 三統一, a related term opens in place and stays (the hover the click began is dropped), and copy says Copied'(d) {
    // A hover delay long enough that the related term is surely clicked before it would end.
    await updateSettings(d, { hoverDelayMs: 1500 });
    try {
      const { page } = await openReady(d, 'seed-report.html');
      await page.waitFor(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
      // The pointer comes to rest on the term as it clicks it: a hover begins there too.
      const box = await textBox(page, '三統一');
      await page.clickAt(box.x, box.y);
      await popoverFor(page, '三統一');
      await page.evaluate(() => (document.querySelector('bilingual-reader-popover').shadowRoot.querySelector('details.related').open = true));
      const label = (await page.text('term-related')).trim();
      await page.click('term-related');
      await popoverFor(page, label);
      // Past the hover delay, the related term is still shown (the hover used to open 三統一 over it).
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal((await page.text('term-headword')).trim(), label);
      // The citation goes to the clipboard from the content script, on the reader's click.
      await page.click('term-copy');
      const said = () =>
        page.evaluate(() => {
          const root = document.querySelector('bilingual-reader-popover')?.shadowRoot;
          return { button: root?.querySelector('[data-testid="term-copy"]')?.textContent, alert: root?.querySelector('[data-testid="reader-alert"]')?.textContent ?? null };
        });
      await page.waitFor(() => {
        const root = document.querySelector('bilingual-reader-popover')?.shadowRoot;
        return root?.querySelector('[data-testid="term-copy"]')?.textContent === 'Copied' || !!root?.querySelector('[data-testid="reader-alert"]');
      });
      assert.deepEqual(await said(), { button: 'Copied', alert: null });
      await page.press('Escape');
      await popoverGone(page);
      await page.close();
    } finally {
      await updateSettings(d, { hoverDelayMs: 300 });
    }
  },

  async 'terms index: the side panel / sidebar page lists the terms with counts, filters, and reveals one on the page'(d) {
    const { page, status } = await openReady(d, 'seed-report.html');
    const panel = await d.openExtensionPage(`sidepanel.html?tabId=${await d.tabIdOf(page)}`);
    await panel.waitForTestId('term-item');
    assert.equal(await panel.count('term-item'), status.termCount);
    const headings = await panel.evaluate(() => [...document.querySelectorAll('h2')].map((h) => h.textContent));
    assert.ok(headings.some((h) => h.startsWith('Administrative law')), headings.join());
    const occurrences = await page.evaluate(() => document.body.textContent.split('三統一').length - 1);
    const row = '[data-testid="term-item"][data-term-id="three-unifications"]';
    assert.equal(await panel.evaluate((r) => document.querySelector(`${r} [data-testid="term-item-count"]`).textContent.trim(), row), String(occurrences));

    await panel.fill('terms-filter', 'biaozhun');
    await panel.waitFor(() => document.querySelectorAll('[data-testid="term-item"]').length < 10);
    assert.equal(await panel.evaluate(() => document.querySelectorAll('[data-term-id="standard-land"]').length), 1);
    await panel.fill('terms-filter', '');
    await panel.waitFor((n) => document.querySelectorAll('[data-testid="term-item"]').length === n, status.termCount);

    await panel.clickCss(row);
    await popoverFor(page, '三統一');
    assert.equal(await page.evaluate(() => CSS.highlights.get('bilingual-reader-term-focus')?.size), 1);
    await panel.close();
    await page.close();
  },

  async 'conversion: the seed to 简体 gives mainland wording; back to Original is byte-identical'(d) {
    await local.remove(d, 'siteScripts');
    const { page } = await openReady(d, 'seed-report.html');
    const before = await pageSnapshot(page);
    await showScript(d, page, 'zh-Hans');
    const text = await page.evaluate(() => document.body.textContent);
    for (const w of ['优化', '规范性文件', '制定程序', '知识产权', '数字化', '人民群众', '行政复议']) assert.ok(text.includes(w), w);
    for (const w of ['最佳化', '規範性檔案', '制定程式', '智慧財產權', '數位化', '人民民眾']) assert.ok(!text.includes(w), w);
    assert.match(await page.evaluate(() => document.title), /^湖州市人民政府关于2018年度法治政府建设情况的报告/);
    assert.equal(await page.evaluate(() => document.querySelector('a.kw').textContent), '行政');
    assert.equal((await d.status(page)).script, 'zh-Hans');
    // Popovers follow the shown script.
    await hover(page, '行政复议案件');
    await popoverFor(page, '行政复议');
    await page.press('Escape');

    await showScript(d, page, 'original');
    assert.deepEqual(await pageSnapshot(page), before);
    await page.close();
  },

  async 'conversion: a second switch while the first is still writing takes over at once; the page ends in the newer script, and Original is byte-identical; Alt+Shift+S pressed twice, or two clicks in the popup, go back'(d) {
    await local.remove(d, 'siteScripts');
    const { page } = await openReady(d, 'generated/report-600000.html');
    const before = await pageSnapshot(page);
    const tabId = await d.tabIdOf(page);
    // As a double press of Alt+Shift+S or a second click in the popup would ask.
    const ask = (mode) => d.inExtension(([id, m]) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'set-script', mode: m }), [tabId, mode]);
    const SIMPLIFIED = /[国为这们关发经实会]/.source;
    // The paragraphs that ever show 简体 from now on (our slices are tasks of their own: each is seen as written).
    const watchWrites = () =>
      page.evaluate((src) => {
        const simplified = new RegExp(src);
        window.__written = new Set();
        window.__watch?.disconnect();
        window.__watch = new MutationObserver((records) => {
          for (const r of records) {
            const p = r.target.parentElement?.closest('p');
            if (p && simplified.test(p.textContent)) window.__written.add(p);
          }
        });
        window.__watch.observe(document.body, { subtree: true, characterData: true });
      }, SIMPLIFIED);
    const firstWritten = () => page.waitFor(() => window.__written.size > 0, undefined, 30_000);
    const left = () => page.evaluate((src) => [...document.querySelectorAll('main p')].filter((p) => new RegExp(src).test(p.textContent)).length, SIMPLIFIED);
    // A whole switch to 简体 first: how many paragraphs it writes.
    await watchWrites();
    await showScript(d, page, 'zh-Hans');
    const all = await page.evaluate(() => window.__written.size);
    await showScript(d, page, 'original');
    // The page shows its own script again: no switch shown, no 简体 left.
    const backToOwnScript = () => page.waitFor((src) => !document.documentElement.hasAttribute('data-bilingual-reader-script') && ![...document.querySelectorAll('main p')].some((p) => new RegExp(src).test(p.textContent)), SIMPLIFIED, 30_000);
    const stopped = async (newer) => {
      const written = await page.evaluate(() => window.__written.size);
      assert.ok(written < all, `the switch to 简体 stopped when ${newer} was asked for: ${written} of the ${all} paragraphs it writes were written`);
    };
    for (const newer of ['original', 'zh-TW']) {
      await watchWrites();
      const first = ask('zh-Hans');
      await firstWritten();
      await Promise.all([first, ask(newer)]);
      assert.equal((await d.status(page)).script, newer);
      await stopped(newer);
      assert.equal(await left(), 0, `no 简体 is left after the switch to ${newer}`);
      if (newer !== 'original') await showScript(d, page, 'original');
      assert.deepEqual(await pageSnapshot(page), before, `${newer}, then Original`);
    }
    // The switch key twice: the second press toggles from the switch asked for, not the one shown
    // (without that it asks for 简体 again, and the page never comes back). Whether the first
    // switch was still writing when the second press landed depends on how fast the driver presses
    // keys (Firefox over BiDi: after 635 to all 1,950 paragraphs): the takeover is checked above.
    await watchWrites();
    await page.press('Alt+Shift+KeyS');
    await firstWritten();
    await page.press('Alt+Shift+KeyS');
    await backToOwnScript();
    // The status follows once the switch has matched the page again (the page is back before that).
    for (let i = 0; i < 100 && (await d.status(page)).script !== 'original'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await d.status(page)).script, 'original');
    assert.deepEqual(await pageSnapshot(page), before, 'Alt+Shift+S twice');
    // Two clicks in the popup: the buttons stay live while a switch converts (a disabled one takes no
    // click, and the page stays in 简体), so the second takes over, or follows if the first was done.
    await watchWrites();
    const popup = await openPopup(d, page);
    await popup.click('script-zh-Hans');
    await firstWritten();
    await popup.click('script-original');
    await popup.waitFor(() => document.querySelector('[data-testid="script-original"]')?.getAttribute('aria-pressed') === 'true' && !document.querySelector('[aria-busy="true"]'), undefined, 30_000);
    await popup.close();
    await backToOwnScript();
    assert.deepEqual(await pageSnapshot(page), before, 'two clicks in the popup');
    await page.close();
  },

  async 'conversion: a bilingual page (Chinese a minority, lang="zh") converts to 繁體 and back exactly; its own script keeps working'(d) {
    await local.remove(d, 'siteScripts');
    const { page, status } = await openReady(d, 'bilingual.html');
    // Detection says "not a Chinese page"; the switch is offered all the same.
    assert.equal(status.state, 'not-chinese');
    assert.equal(status.hasHan, true);
    const before = await pageSnapshot(page);

    await showScript(d, page, 'zh-TW');
    const text = await page.evaluate(() => document.querySelector('main').textContent);
    for (const w of ['行政複議', '規範性檔案', '數字化', '智慧財產權', '檔案館', '入口網站', '線上查詢']) assert.ok(text.includes(w), w);
    assert.ok(text.includes('These notes summarise regional regulations'));
    assert.equal(await page.evaluate(() => document.title), 'Hangzhou Bay Policy Notes · 杭州灣政策筆記');
    // The page's own toggle still works, on its own attributes, while the page shows 繁體.
    const shown = () => page.evaluate(() => [document.querySelector('#shown').textContent, document.documentElement.getAttribute('lang'), document.body.getAttribute('data-show')]);
    await page.clickCss('#toggle');
    assert.deepEqual(await shown(), ['en', 'en', 'en']);
    await page.clickCss('#toggle');
    await page.clickCss('#toggle');
    assert.deepEqual((await shown()).slice(0, 2), ['both', 'zh']);

    await showScript(d, page, 'original');
    assert.deepEqual(await pageSnapshot(page), before);
    await page.close();
  },

  async 'conversion: the script chosen on a bilingual page is shown again when the page loads, until Original is chosen'(d) {
    await local.remove(d, 'siteScripts');
    const { page } = await openReady(d, 'bilingual.html');
    const before = await pageSnapshot(page);
    await setScript(d, page, 'zh-TW');
    assert.equal((await local.get(d, 'siteScripts')).siteScripts?.['127.0.0.1'], 'zh-TW');

    // The reader is not on here (not a Chinese page): the site's script is applied all the same.
    await page.reload();
    await page.waitFor(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-TW', undefined, 15_000);
    assert.ok((await page.evaluate(() => document.querySelector('main').textContent)).includes('行政複議'));
    const status = await termsReady(d, page);
    assert.equal(status.state, 'not-chinese');
    for (let i = 0; i < 50 && (await d.status(page)).script !== 'zh-TW'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await d.status(page)).script, 'zh-TW');

    // Original, chosen, is what the next load shows: the page as it came.
    await setScript(d, page, 'original');
    await page.reload();
    await termsReady(d, page);
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bilingual-reader-script')), false);
    assert.deepEqual(await pageSnapshot(page), before);
    await local.remove(d, 'siteScripts');
    await page.close();
  },

  async 'conversion: with the reader on for reports only, a Chinese page that is not one still offers the switch; "never on this site" takes it away'(d) {
    const clear = () => Promise.all([local.remove(d, ['siteScripts', 'siteModes']), updateSettings(d, { autoScope: 'chinese' })]);
    const shown = (page) => page.evaluate(() => document.documentElement.getAttribute('data-bilingual-reader-script'));
    await clear();
    try {
      await updateSettings(d, { autoScope: 'reports' });
      const { page, status } = await openReady(d, 'zh-news.html');
      // The automatic scope turns the reader off here (not a report): no glossary, no marks.
      assert.equal(status.state, 'off');
      assert.equal(status.hasHan, true);
      const before = await pageSnapshot(page);
      await showScript(d, page, 'zh-TW');
      assert.ok((await page.evaluate(() => document.querySelector('h1').textContent)).includes('兩萬名跑者穿城而過'));
      assert.equal((await d.status(page)).state, 'off');

      // Chosen, it is shown again when the page loads, and stays.
      await page.reload();
      await page.waitFor(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-TW', undefined, 15_000);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(await shown(page), 'zh-TW');
      assert.ok((await page.evaluate(() => document.querySelector('h1').textContent)).includes('兩萬名跑者穿城而過'));

      // "Never on this site": the page goes back to its own text at once, and offers no switch.
      await local.set(d, { siteModes: { '127.0.0.1': 'off' } });
      await page.waitFor(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'));
      assert.deepEqual(await pageSnapshot(page), before);
      let popup = await openPopup(d, page);
      assert.equal(await popup.count('script-zh-TW'), 0);
      await popup.close();
      // Nor when the page loads again, though a script was chosen for the site.
      await page.reload();
      await termsReady(d, page);
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(await shown(page), null);
      assert.deepEqual(await pageSnapshot(page), before);
      popup = await openPopup(d, page);
      assert.equal(await popup.count('script-zh-TW'), 0);
      await popup.close();
      await page.close();
    } finally {
      await clear();
    }
  },

  async 'conversion: "never on this site" takes a bilingual page\'s switch away at once, and puts the page back if it shows 繁體; automatic brings the switch back'(d) {
    const setModes = (modes) => local.set(d, { siteModes: modes });
    const clear = () => local.remove(d, ['siteScripts', 'siteModes']);
    const offered = async (page) => {
      const popup = await openPopup(d, page);
      const n = await popup.count('script-zh-TW');
      await popup.close();
      return n === 1;
    };
    const modeIs = async (page, mode) => {
      for (let i = 0; i < 50 && (await d.status(page)).mode !== mode; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal((await d.status(page)).mode, mode);
    };
    await clear();
    try {
      const { page } = await openReady(d, 'bilingual.html');
      const before = await pageSnapshot(page);
      // Before any switch (the reader has read nothing of this page yet), as the popup's site menu does.
      await setModes({ '127.0.0.1': 'off' });
      await modeIs(page, 'off');
      assert.equal(await offered(page), false);
      await setModes({});
      await modeIs(page, 'auto');
      assert.equal(await offered(page), true);

      // While the page shows 繁體: back to its own text at once.
      await showScript(d, page, 'zh-TW');
      await setModes({ '127.0.0.1': 'off' });
      await page.waitFor(() => !document.documentElement.hasAttribute('data-bilingual-reader-script'));
      assert.deepEqual(await pageSnapshot(page), before);
      assert.equal(await offered(page), false);
      await page.close();
    } finally {
      await clear();
    }
  },

  async 'a page whose text arrives after it loaded (an app rendering late) is read when it comes: the reader for Chinese, the switch for any Han text'(d) {
    await local.remove(d, ['siteScripts', 'siteModes', 'settings']);
    const settled = async (page, ok) => {
      const end = Date.now() + 15_000;
      for (;;) {
        const s = await d.status(page);
        if (s && ok(s)) return s;
        if (Date.now() > end) throw new Error(`not settled on ${page.url()}: ${JSON.stringify(s && { state: s.state, hasHan: s.hasHan, termCount: s.termCount })}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    // A Chinese title from the start, so the page looked Chinese before it had any text; then
    // an English title while it loads.
    for (const query of ['?title=zh', '']) {
      const page = await d.open(`late-content.html${query}`);
      const s = await settled(page, (x) => x.state === 'zh' && x.termCount > 0);
      assert.equal(s.hasHan, true);
      await page.waitFor(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0);
      const popup = await openPopup(d, page);
      assert.equal(await popup.count('script-zh-TW'), 1, query);
      await popup.close();
      await page.close();
    }
    // English text with some Chinese, arriving late: no reader, but the switch, which converts it.
    const page = await d.open('late-content.html?content=bilingual');
    const s = await settled(page, (x) => x.hasHan);
    assert.equal(s.state, 'not-chinese');
    await setScript(d, page, 'zh-TW');
    await page.waitFor(() => document.querySelector('#app p')?.textContent.includes('行政複議工作'));
    await setScript(d, page, 'original');
    await local.remove(d, 'siteScripts');
    await page.close();
  },

  async 'highlights: a highlight made on the page is listed, and drawn again after a reload; the open list follows the page and a click opens its card'(d) {
    const { page } = await openReady(d, 'seed-report.html');
    await selectText(page, S);
    await page.click('highlight-color-yellow');
    await page.waitFor(([n, t]) => [...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === t), [YELLOW, S]);
    await page.press('Escape');

    await page.reload();
    await termsReady(d, page);
    await page.waitFor(([n, t]) => [...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === t), [YELLOW, S]);
    assert.deepEqual(await highlightTexts(page, YELLOW), [S]);

    const popup = await openPopup(d, page);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="highlight-item"]').length > 0);
    const items = await popup.evaluate(() => [...document.querySelectorAll('[data-testid="highlight-item"]')].map((e) => ({ text: e.textContent, orphan: e.dataset.orphan === 'true' })));
    assert.equal(items.length, 1);
    assert.ok(items[0].text.includes(S) && !items[0].orphan, JSON.stringify(items));

    // With the list open, another highlight made on the page joins it (storage.onChanged).
    const S2 = '努力為市場主體提供優質執法服務';
    await page.front();
    await selectText(page, S2);
    await page.click('highlight-color-yellow');
    await page.waitFor(([n, t]) => [...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === t), [YELLOW, S2]);
    await page.press('Escape');
    await popup.waitFor((t) => [...document.querySelectorAll('[data-testid="highlight-item"]')].some((e) => e.textContent.includes(t)), S2);
    // A click on the first one opens its card on the page.
    const nth = await popup.evaluate((t) => [...document.querySelectorAll('[data-testid="highlight-item"]')].findIndex((e) => e.textContent.includes(t)), S);
    await popup.click('highlight-item', { nth });
    await page.waitForTestId('highlight-card');
    assert.ok((await page.text('highlight-card')).includes(S));
    await popup.close();
    await page.close();
  },

  async 'own terms: a CSV imported in the settings is matched on the page and explained as the reader\'s own'(d) {
    const options = await d.openExtensionPage('options.html');
    await options.waitFor(() => document.querySelector('[data-testid="user-terms"]')?.getAttribute('data-loaded') === 'true');
    const dir = mkdtempSync(join(tmpdir(), 'terms-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'forms,pinyin,english,note\r\n開門聽建議,,,\r\n');
    await options.setInputFile('user-terms-import', bad);
    await options.waitFor(() => /Nothing was imported/.test(document.querySelector('[data-testid="user-terms-message"]')?.textContent ?? ''));
    assert.match(await options.text('user-terms-message'), /line 2, english: empty/);
    assert.equal(await options.count('user-term-item'), 0);

    const good = join(dir, 'terms.csv');
    writeFileSync(good, 'forms,pinyin,english,note\r\n開門聽建議|开门听建议,kāi mén tīng jiànyì,"""Open Door, Hear Suggestions"" forums",Huzhou city forums\r\n');
    await options.setInputFile('user-terms-import', good);
    await options.waitFor(() => /Imported 1 terms/.test(document.querySelector('[data-testid="user-terms-message"]')?.textContent ?? ''));
    assert.equal(await options.count('user-term-item'), 1);
    await options.close();

    const { page } = await openReady(d, 'seed-report.html');
    await hover(page, '開門聽建議');
    await popoverFor(page, '開門聽建議');
    assert.match(await page.text('term-english'), /Open Door, Hear Suggestions/);
    assert.equal(await page.text('term-user'), 'One of your own terms');
    await page.close();
  },

  async 'context menu: its items are created at install (add a term; the script and each mode)'(d) {
    const options = await d.openExtensionPage('options.html');
    const found = await options.evaluate(async (ids) => {
      const api = (globalThis.browser ?? globalThis.chrome).contextMenus;
      const out = {};
      for (const id of ids) out[id] = await api.update(id, {}).then(() => true, () => false);
      return out;
    }, ['add-term', 'script', 'script:original', 'script:zh-Hans', 'script:zh-Hant', 'script:zh-TW', 'script:zh-HK', 'no-such-item']);
    assert.deepEqual(found, { 'add-term': true, script: true, 'script:original': true, 'script:zh-Hans': true, 'script:zh-Hant': true, 'script:zh-TW': true, 'script:zh-HK': true, 'no-such-item': false });
    await options.close();
  },

  async 'context menu, where no frame can take the script: the frame clicked says why in its alert; one that can says nothing'(d) {
    // What the background sends the frame right-clicked once no frame of the tab took the script
    // (utils/extension/menu-script.ts; its click is covered in tests/e2e/convert-bilingual.test.mjs).
    const ask = (tabId, type) => d.inExtension(([id, t]) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, t === 'set-script' ? { type: t, mode: 'zh-Hans', tell: true } : { type: t }, { frameId: 0 }), [tabId, type]);
    const alertText = (page) => page.evaluate(() => document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="reader-alert"]')?.textContent ?? null);
    // A page without Chinese text: no switch, then the reason, drawn by a popover made for it alone.
    const { page: en } = await openReady(d, 'english.html');
    const html = await en.evaluate(() => document.body.innerHTML);
    const tabId = await d.tabIdOf(en);
    assert.equal(await ask(tabId, 'set-script'), false);
    assert.equal(await ask(tabId, 'script-unavailable'), true);
    await en.waitFor(() => !!document.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="reader-alert"]'), undefined, 10_000);
    assert.equal(await alertText(en), 'There is no Chinese text on this page to show in another script.');
    assert.equal(await en.evaluate(() => document.body.innerHTML), html);
    await en.close();
    // A page that offers the switch answers that it does, and says nothing.
    const { page } = await openReady(d, 'seed-report.html');
    assert.equal(await ask(await d.tabIdOf(page), 'script-unavailable'), false);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await alertText(page), null);
    await page.close();
  },

  async 'overlay marks (for browsers without the Highlight API): marks and highlights drawn by our overlay, page DOM untouched'(d) {
    await updateSettings(d, { overlayMarks: true });
    try {
      const page = await d.open('seed-report.html');
      const body = await page.evaluate(() => document.body.innerHTML);
      await termsReady(d, page);
      await page.waitFor(() => (document.querySelector('bilingual-reader-marks')?.shadowRoot?.querySelector('[data-layer="bilingual-reader-term"]')?.children.length ?? 0) > 10);
      assert.equal(await page.evaluate(() => CSS.highlights.has('bilingual-reader-term')), false);
      // The highlight made in the scenario above is drawn there too.
      await page.waitFor(() => Number(document.querySelector('bilingual-reader-marks').shadowRoot.querySelector('[data-layer="bilingual-reader-hl-yellow"]')?.dataset.count ?? 0) >= 1);
      await hover(page, '標準地+');
      await popoverFor(page, '標準地');
      assert.equal(await page.evaluate(() => document.body.innerHTML), body);
      await page.close();
    } finally {
      await updateSettings(d, { overlayMarks: false });
    }
  },
};

/**
 * A report in a same-origin iframe under a Chinese page (iframe-report-zh.html). Run by the Firefox
 * suite; Chromium runs the fuller tests/e2e/frames.test.mjs (which also reaches into the frame).
 */
export async function iframeReport(d) {
  await local.remove(d, 'siteScripts');
  const page = await d.open('iframe-report-zh.html');
  // Same origin: the top page's own world reads the iframe's document.
  await page.waitFor(() => document.getElementById('doc')?.contentDocument?.documentElement.getAttribute('data-bilingual-reader') === 'report', undefined, 15_000);
  await page.waitFor(() => (document.getElementById('doc').contentWindow.CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, undefined, 15_000);
  await page.waitFor(() => document.documentElement.getAttribute('data-bilingual-reader') === 'zh', undefined, 15_000);

  const popup = await openPopup(d, page);
  assert.equal(await popup.attr('page-status', 'data-state'), 'report');
  await popup.close();

  const panel = await d.openExtensionPage(`sidepanel.html?tabId=${await d.tabIdOf(page)}`);
  await panel.waitForTestId('term-item');
  const ids = await panel.evaluate(() => [...document.querySelectorAll('[data-testid="term-item"]')].map((e) => e.dataset.termId));
  assert.ok(ids.includes('three-unifications') && !ids.includes('belt-and-road-initiative'), ids.join());
  await panel.close();

  // Hovering 三統一 in the iframe opens the popover in the iframe.
  const box = await page.evaluate((t) => {
    const frame = document.getElementById('doc');
    const doc = frame.contentDocument;
    const w = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(t);
      if (i < 0) continue;
      n.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = doc.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const c = r.getBoundingClientRect();
      const f = frame.getBoundingClientRect();
      return { x: f.left + c.left + c.width / 2, y: f.top + c.top + c.height / 2 };
    }
    return null;
  }, '三統一');
  await page.mouse.move(box.x - 30, box.y - 30);
  await page.mouse.move(box.x, box.y, { steps: 3 });
  await page.waitFor(() => document.getElementById('doc').contentDocument.querySelector('bilingual-reader-popover')?.shadowRoot?.querySelector('[data-testid="term-headword"]')?.textContent === '三統一');
  await page.mouse.move(5, 5);

  const frameText = () => page.evaluate(() => document.getElementById('doc').contentDocument.body.textContent);
  const before = await frameText();
  const top = await page.evaluate(() => document.body.textContent);
  await setScript(d, page, 'zh-Hans');
  await page.waitFor(() => document.getElementById('doc').contentDocument.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-Hans');
  await page.waitFor(() => !document.getElementById('doc').contentDocument.body.textContent.includes('複議'), undefined, 20_000);
  await setScript(d, page, 'original');
  await page.waitFor(() => !document.getElementById('doc').contentDocument.documentElement.hasAttribute('data-bilingual-reader-script'), undefined, 20_000);
  assert.equal(await frameText(), before);
  assert.equal(await page.evaluate(() => document.body.textContent), top);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bilingual-reader-script')), false);
  await page.close();
}
