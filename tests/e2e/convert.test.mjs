// Script conversion on live pages: mainland wording, exact restore, live content, forms untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPopup, tabIdOf, waitForStatus, setScriptFromPopup } from '../support/browser.mjs';
import { useSession } from '../support/session.mjs';
import { hover, pageSnapshot, popoverText, waitForTerms } from '../support/page-text.mjs';

const session = useSession();

const snapshot = pageSnapshot;

const setScript = (page, mode) => setScriptFromPopup(session.ext, page, mode);

async function openReady(path) {
  // Every fixture is served from one host: start each test with no remembered script choice.
  await session.ext.serviceWorker.evaluate(() => chrome.storage.local.remove('siteScripts'));
  const page = await session.open(path);
  await waitForTerms(session, page, waitForStatus);
  return page;
}

test('the seed to 简体 restores mainland wording; back to Original is byte-identical; HK and back too', async () => {
  const page = await openReady('seed-report.html');
  const before = await snapshot(page);
  await setScript(page, 'zh-Hans');
  const text = await page.evaluate(() => document.body.textContent);
  for (const w of ['优化', '规范性文件', '制定程序', '知识产权', '数字化', '机关合同', '人民群众', '行动计划', '行政复议']) assert.ok(text.includes(w), w);
  for (const w of ['最佳化', '規範性檔案', '制定程式', '智慧財產權', '數位化', '人民民眾']) assert.ok(!text.includes(w), w);
  assert.equal(await page.getAttribute('html', 'data-bilingual-reader-script'), 'zh-Hans');
  assert.match(await page.title(), /^湖州市人民政府关于2018年度法治政府建设情况的报告/);
  // The split term <a>行政</a>複議 was converted as one phrase, in place.
  assert.equal(await page.evaluate(() => document.querySelector('a.kw').textContent), '行政');
  const status = await waitForStatus(session.ext, page);
  assert.equal(status.script, 'zh-Hans');

  // Popovers keep working, in the shown script.
  await hover(page, '行政复议案件');
  await page.getByTestId('term-popover').waitFor();
  assert.equal(await popoverText(page, 'term-headword'), '行政复议');
  assert.ok((await popoverText(page, 'term-definition')).includes('公民、法人或者其他组织认为行政机关'));
  await page.keyboard.press('Escape');

  await setScript(page, 'original');
  assert.deepEqual(await snapshot(page), before);
  await setScript(page, 'zh-HK');
  assert.notDeepEqual(await snapshot(page), before);
  await setScript(page, 'zh-Hans');
  await setScript(page, 'original');
  assert.deepEqual(await snapshot(page), before);
  await page.close();
});

test('a paragraph added after conversion is converted; the choice is remembered for the site', async () => {
  const page = await openReady('seed-report.html');
  await setScript(page, 'zh-Hans');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'late';
    p.textContent = '後來加入的段落：最佳化規範性檔案管理。';
    document.querySelector('main').append(p);
  });
  await page.waitForFunction(() => document.getElementById('late').textContent === '后来加入的段落：优化规范性文件管理。');
  await page.reload();
  await waitForTerms(session, page, waitForStatus);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-bilingual-reader-script') === 'zh-Hans');
  assert.ok((await page.evaluate(() => document.body.textContent)).includes('规范性文件'));
  await setScript(page, 'original');
  await page.close();
});

test('a Simplified page to 繁體 臺灣 and back is identical; form fields and editors untouched', async () => {
  const page = await openReady('form-page.html');
  const before = await snapshot(page);
  await page.fill('#opinion', '我修改过的意见：规范性文件');
  const fields = () => page.evaluate(() => ({ name: document.getElementById('name').value, opinion: document.getElementById('opinion').value, editor: document.getElementById('editor').textContent, code: document.getElementById('code').textContent, pre: document.getElementById('pre').textContent }));
  const f0 = await fields();
  await setScript(page, 'zh-TW');
  assert.deepEqual(await fields(), f0);
  assert.equal(await page.getAttribute('#search', 'placeholder'), '搜尋規範性檔案');
  // The language tag follows the script on the converted blocks; <html lang> stays (its change would
  // lay out the whole page again at once).
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.getAttribute('#intro', 'lang'), 'zh-TW');
  assert.ok((await page.evaluate(() => document.getElementById('intro').textContent)).includes('行政規範性檔案'));
  assert.equal(await page.evaluate(() => document.getElementById('host').shadowRoot.getElementById('shadow-text').textContent), '影子樹中的文字：重大行政決策應當經過合法性審查。');
  // The page's own script still works on converted text.
  await page.click('#counter');
  assert.equal(await page.textContent('#clicks'), '点击次数：1');
  await setScript(page, 'original');
  const after = await snapshot(page);
  // Only what the page itself changed differs: its click counter.
  assert.equal(after.html.replace('点击次数：1', '点击次数：0'), before.html);
  assert.deepEqual(await fields(), f0);
  await page.close();
});

test('the Simplified seed to 繁體 臺灣 and back is identical', async () => {
  const page = await openReady('seed-report-simplified.html');
  const before = await snapshot(page);
  await setScript(page, 'zh-TW');
  assert.ok((await page.evaluate(() => document.body.textContent)).includes('規範性檔案'));
  await setScript(page, 'original');
  assert.deepEqual(await snapshot(page), before);
  await page.close();
});

test('a page that rewrites its own text on every change: no loop, no hang, original restorable', async () => {
  const page = await openReady('rewriting.html');
  const before = await snapshot(page);
  await setScript(page, 'zh-Hans');
  await page.waitForFunction(() => document.getElementById('free').textContent === '这个段落可以转换：优化行政规范性文件制定程序。');
  await new Promise((r) => setTimeout(r, 1500));
  const rewrites = await page.evaluate(() => Number(document.getElementById('counter').textContent.match(/\d+/)[0]));
  assert.ok(rewrites <= 5, `the page rewrote ${rewrites} times: we must stop fighting it`);
  const t = Date.now();
  await page.evaluate(() => 1);
  assert.ok(Date.now() - t < 1000);
  await setScript(page, 'original');
  const after = await snapshot(page);
  assert.equal(after.html.replace(/頁面改寫次數：\d+/, ''), before.html.replace(/頁面改寫次數：\d+/, ''));
  await page.close();
});

// The 5 MB version of this page (40 such paragraphs) is timed in the bench (scripts/bench-huge.mjs).
test('a giant paragraph (70 k characters in one text node) converts without hanging the tab and restores exactly', async () => {
  const page = await openReady('generated/huge-text.html?paras=1');
  const before = await page.evaluate(() => document.body.innerHTML);
  const popup = await openPopup(session.ext, page);
  await popup.getByTestId('script-zh-Hans').click();
  // While it converts, the page still answers.
  const t0 = Date.now();
  await page.evaluate(() => 1);
  assert.ok(Date.now() - t0 < 1500);
  await popup.waitForFunction(() => document.querySelector('[data-testid="script-zh-Hans"]')?.getAttribute('aria-pressed') === 'true', null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.querySelector('p').textContent.slice(0, 12)), '行政复议是公民维护自身权');
  assert.ok(await page.evaluate(() => [...document.querySelectorAll('p')].every((p) => !p.textContent.includes('規範性檔案'))), 'every paragraph converted');
  await popup.getByTestId('script-original').click();
  await popup.waitForFunction(() => document.querySelector('[data-testid="script-original"]')?.getAttribute('aria-pressed') === 'true', null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  await popup.close();
  await page.close();
});

/** The keys of the converters the background holds now. */
const converterKeys = () => session.ext.serviceWorker.evaluate(() => [...(globalThis.__bilingualReaderConverters?.converters.keys() ?? [])]);

async function waitForConverter(pattern) {
  for (let i = 0; i < 100; i++) {
    if ((await converterKeys()).some((k) => pattern.test(k))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

test('the background builds the converter a switch would use: when a Chinese page is read, and again when the popup opens', async () => {
  await session.ext.serviceWorker.evaluate(() => globalThis.__bilingualReaderConverters.clear());
  // The seed is Traditional, a report: its switch goes to 简体 through tw2sp with the government restore.
  const page = await openReady('seed-report.html');
  assert.ok(await waitForConverter(/tw2sp/), `converters: ${JSON.stringify(await converterKeys())}`);
  // The service worker was stopped (or dropped them) meanwhile: the popup asks again.
  await session.ext.serviceWorker.evaluate(() => globalThis.__bilingualReaderConverters.clear());
  assert.deepEqual(await converterKeys(), []);
  const popup = await openPopup(session.ext, page);
  assert.ok(await waitForConverter(/tw2sp/), `converters after the popup opened: ${JSON.stringify(await converterKeys())}`);
  await popup.close();
  // Preparing changed nothing on the page.
  assert.equal((await waitForStatus(session.ext, page)).script, 'original');
});

/** In the page: the size of the term-mark layer in every frame from now until __stopMarkWatch(). */
const watchMarks = (page) =>
  page.evaluate(() => {
    window.__markSizes = [];
    let on = true;
    window.__stopMarkWatch = () => (on = false);
    const tick = () => {
      if (!on) return;
      window.__markSizes.push(CSS.highlights.get('bilingual-reader-term')?.size ?? 0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

/** The text under each term mark (StaticRanges: read through a live Range). */
const markTexts = (page) =>
  page.evaluate(() =>
    [...(CSS.highlights.get('bilingual-reader-term') ?? [])].map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    }),
  );

test('term marks are off the page while its text is rewritten, then drawn again on the new text', async () => {
  const page = await openReady('seed-report.html');
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 10_000 });
  const was = await markTexts(page);
  assert.ok(was.includes('司法廳'), was.join(' '));
  await watchMarks(page);
  await setScript(page, 'zh-Hans');
  // Marked again, in the new script (the switch is reported done before the marks come back).
  await page.waitForFunction(() => [...(CSS.highlights.get('bilingual-reader-term') ?? [])].length > 0, null, { timeout: 10_000 });
  const sizes = await page.evaluate(() => (window.__stopMarkWatch(), window.__markSizes));
  assert.ok(sizes[0] > 0, `marks before the switch: ${sizes.slice(0, 3)}`);
  // Without the pause, every frame of the conversion keeps the old marks (and repaints them).
  assert.ok(sizes.includes(0), `a frame without marks while converting: ${sizes.join(',')}`);
  const texts = await markTexts(page);
  assert.ok(texts.includes('司法厅') && texts.includes('规范性文件'), texts.join(' '));
  assert.ok(!texts.includes('司法廳') && !texts.includes('規範性檔案'));
  await setScript(page, 'original');
  await page.close();
});

/**
 * Adds a paragraph the page was not read with: not converted ahead, so a switch has to ask the
 * background for it (the rest of a short page was converted ahead and needs no background).
 */
async function addUnpreparedParagraph(page) {
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '後來加入的段落：最佳化規範性檔案管理，推進法治政府建設。'.repeat(20);
    document.querySelector('main').append(p);
  });
  await page.waitForTimeout(600);
}

/** Makes every converter the background builds fail with `message` (until restoreConverters). */
const failConverters = (message) =>
  session.ext.serviceWorker.evaluate((m) => {
    const c = globalThis.__bilingualReaderConverters;
    c.clear();
    // Where the whole converter and the first screen's own (forTexts) both start: the dictionaries.
    c.__dicts ??= c.dicts;
    c.dicts = () => Promise.reject(new Error(m));
  }, message);
const restoreConverters = () =>
  session.ext.serviceWorker.evaluate(() => {
    const c = globalThis.__bilingualReaderConverters;
    c.dicts = c.__dicts;
  });

test('a switch that fails in the background leaves the page as it was, its marks drawn again', async () => {
  const page = await openReady('seed-report.html');
  await page.waitForFunction(() => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) > 0, null, { timeout: 10_000 });
  await addUnpreparedParagraph(page);
  const marks = await markTexts(page);
  const before = await snapshot(page);
  const tabId = await tabIdOf(session.ext, page);
  await failConverters('dictionary TSPhrases: HTTP 404');
  try {
    const res = await session.ext.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-Hans' }), tabId);
    assert.match(String(res?.error), /HTTP 404/);
  } finally {
    await restoreConverters();
  }
  assert.deepEqual(await snapshot(page), before);
  assert.equal((await waitForStatus(session.ext, page)).script, 'original');
  await page.waitForFunction((n) => (CSS.highlights.get('bilingual-reader-term')?.size ?? 0) === n, marks.length, { timeout: 10_000 });
  assert.deepEqual(await markTexts(page), marks);
  await page.close();
});

test('a switch that fails says so where it was asked for: in the popup, on the page after Alt+Shift+S or the context menu; never twice', async () => {
  const page = await openReady('seed-report.html');
  // Every switch below has to ask the background, which fails.
  await addUnpreparedParagraph(page);
  const before = await snapshot(page);
  const tabId = await tabIdOf(session.ext, page);
  const DICTS = 'The dictionaries could not be loaded; the page was left as it was.';
  const alert = page.getByTestId('reader-alert');
  const alertText = async () => ((await alert.count()) ? alert.textContent() : null);
  await failConverters('dictionary TSPhrases: HTTP 404');
  try {
    // The popup says it, and the page does not say it again.
    const popup = await openPopup(session.ext, page);
    await popup.getByTestId('script-zh-Hans').click();
    await popup.getByTestId('script-error').waitFor({ timeout: 10_000 });
    assert.equal(await popup.getByTestId('script-error').textContent(), DICTS);
    assert.equal(await popup.getByTestId('script-error').getAttribute('role'), 'alert');
    await popup.close();
    await page.bringToFront();
    await page.waitForTimeout(500);
    assert.equal(await alertText(), null);
    assert.deepEqual(await snapshot(page), before);

    // Alt+Shift+S: no popup is open, so the page says it.
    await page.click('h1');
    await page.keyboard.press('Alt+Shift+KeyS');
    await alert.waitFor({ timeout: 10_000 });
    assert.equal(await alertText(), DICTS);
    assert.deepEqual(await snapshot(page), before);

    // The context menu's message (the background sends it with tell) is said on the page too; a
    // failure that is not about the dictionaries gives its reason.
    await failConverters('converter build ran out of memory');
    const res = await session.ext.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'set-script', mode: 'zh-TW', tell: true }), tabId);
    assert.match(String(res?.error), /out of memory/);
    const reason = 'Could not convert this page: converter build ran out of memory';
    for (let i = 0; i < 50 && (await alertText()) !== reason; i++) await page.waitForTimeout(100);
    assert.equal(await alertText(), reason);
  } finally {
    await restoreConverters();
  }
  assert.deepEqual(await snapshot(page), before);
  assert.equal((await waitForStatus(session.ext, page)).script, 'original');
  await page.close();
});

test('a long page: blocks on screen get their new lang after their text, the others once the switch is done; a restore leaves none', async () => {
  const page = await openReady('generated/report-200000.html');
  // The page declares its language (the seed does not): converted blocks get a tag of their own.
  await page.evaluate(() => document.documentElement.setAttribute('lang', 'zh-TW'));
  const before = await snapshot(page);
  // Every text and lang change the switch makes, in order, as the page itself would see them.
  await page.evaluate(() => {
    window.__changes = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const block = r.type === 'characterData' ? r.target.parentElement?.closest('p, h1') : r.target;
        const box = block?.getBoundingClientRect();
        window.__changes.push({ kind: r.type === 'characterData' ? 'text' : 'lang', onScreen: !!box && box.bottom > 0 && box.top < innerHeight });
      }
    }).observe(document.body, { subtree: true, characterData: true, attributes: true, attributeFilter: ['lang'] });
  });
  await setScript(page, 'zh-Hans');
  // All tagged in the end: every paragraph whose text changed.
  await page.waitForFunction(() => [...document.querySelectorAll('main p')].every((p) => p.lang === 'zh-Hans' || !/[國為這們關發經實會]/.test(p.textContent)), null, { timeout: 20_000 });
  const changes = await page.evaluate(() => window.__changes);
  const lastText = changes.findLastIndex((c) => c.kind === 'text');
  const langs = changes.map((c, i) => ({ ...c, i })).filter((c) => c.kind === 'lang');
  assert.ok(langs.some((c) => c.onScreen && c.i < lastText), 'blocks on screen are tagged during the switch');
  // The first screen's text is all written before any of its tags (they come in the slice after):
  // a tag lays its block out again in another font, and the frame that draws the text need not.
  const firstLang = langs[0].i;
  const screenTexts = changes.filter((c) => c.kind === 'text' && c.onScreen).length;
  assert.equal(changes.slice(0, firstLang).filter((c) => c.kind === 'text' && c.onScreen).length, screenTexts, 'no tag before the first screen is written');
  assert.ok(screenTexts > 1, `first screen: ${screenTexts} text changes`);
  assert.ok(langs.filter((c) => c.i > lastText).length > langs.length / 2, `most tags come after the last text: ${langs.filter((c) => c.i > lastText).length} of ${langs.length}`);
  await setScript(page, 'original');
  assert.deepEqual(await snapshot(page), before);
  assert.equal(await page.evaluate(() => document.querySelectorAll('main [lang]').length), 0);
  await page.close();
});
