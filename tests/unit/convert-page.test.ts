// The page pipeline: conversion through the text model into the same text nodes, reversible.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PageTextModel } from '@/utils/dom/text/model';
import type { TextBlock } from '@/utils/dom/text/blocks';
import { ConverterCache, convertItems, type ConvertItem } from '@/utils/core/convert/converters';
import { PageConverter, type BatchConvert } from '@/utils/dom/convert/apply';
import { configsFor, type Converting } from '@/utils/core/convert/modes';
import { loadDictsForTests } from './dicts';
import { openccRef } from './opencc-ref';

const cache = new ConverterCache(loadDictsForTests);
/** What the background does for the page (government profile toward Simplified). */
const batch: BatchConvert = (mode, items) => convertItems(cache, mode, 'government', items);
/** OpenCC's configs alone, without our mainland layer: what must equal opencc-js. */
const openccBatch: BatchConvert = async (mode: Converting, items: ConvertItem[]) =>
  Promise.all(items.map(async (i) => (await cache.get({ configs: configsFor(mode, i.source) })).convertParts(i.parts)));
const noYield = { yieldTo: async () => undefined };
const cases = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/opencc-testcases.json'), 'utf8')).cases as { id: string; input: string; expected: Record<string, string> }[];
const MODES: Converting[] = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];

function setPage(html: string) {
  document.documentElement.innerHTML = `<head><title>t</title></head><body>${html}</body>`;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Wraps pieces of `text` alternately in <b> and <span> so phrases cross inline boundaries. */
function splitMarkup(text: string, every: number): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i += every) {
    const piece = esc(chars.slice(i, i + every).join(''));
    out += (i / every) % 2 ? `<span>${piece}</span>` : `<b>${piece}</b>`;
  }
  return out;
}

describe('OpenCC cases through the page pipeline equal opencc-js 1.4.2, split across inline elements', () => {
  const inputs = [...new Set(cases.map((c) => c.input))];
  for (const mode of MODES) {
    for (const pageScript of ['simplified', 'traditional'] as const) {
      it(`${mode}, page read as ${pageScript}`, { timeout: 120_000 }, async () => {
        expect(inputs.length).toBeGreaterThan(100);
        for (const input of inputs) {
          for (const every of [1, 2, 3]) {
            setPage(`<p>${splitMarkup(input, every)}</p>`);
            const model = new PageTextModel(document).build();
            const conv = new PageConverter(model, openccBatch, () => pageScript);
            await conv.apply(mode, noYield);
            const expected = openccRef(configsFor(mode, conv.sourceScriptOf(input)))(input);
            expect(document.body.textContent, `${mode}: ${input} split every ${every}`).toBe(expected);
            // Same nodes, same structure.
            expect(document.body.querySelectorAll('b, span').length).toBe(Math.ceil([...input].length / every));
            await conv.apply('original', noYield);
            expect(document.body.textContent).toBe(input);
          }
        }
      });
    }
  }
});

describe('whole documents through the page pipeline equal opencc-js on each block as one string', () => {
  const docs = readFileSync(resolve(process.cwd(), 'tests/fixtures/corpus-reports.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string });
  const toTaiwan = openccRef(['s2twp']);
  for (const [i, doc] of docs.slice(0, 2).entries()) {
    for (const source of ['simplified', 'traditional'] as const) {
      it(`document ${i + 1}, ${source}, every mode`, { timeout: 120_000 }, async () => {
        const text = source === 'simplified' ? doc.text : toTaiwan(doc.text);
        // Each paragraph a block; every fifth character in its own <i> so phrases cross elements.
        const paras = text.split('\n').filter((l) => l.trim());
        setPage(paras.map((p) => `<p>${[...p].map((ch, k) => (k % 5 === 4 ? `<i>${esc(ch)}</i>` : esc(ch))).join('')}</p>`).join(''));
        const before = document.body.innerHTML;
        const model = new PageTextModel(document).build();
        const conv = new PageConverter(model, openccBatch, () => source);
        for (const mode of MODES) {
          await conv.apply(mode, noYield);
          const got = [...document.querySelectorAll('p')].map((p) => p.textContent);
          const want = paras.map((p) => openccRef(configsFor(mode, conv.sourceScriptOf(p)))(p));
          expect(got.length).toBe(want.length);
          for (let k = 0; k < want.length; k++) expect(got[k], `${mode} paragraph ${k}`).toBe(want[k]);
        }
        await conv.apply('original', noYield);
        expect(document.body.innerHTML).toBe(before);
      });
    }
  }
});

describe('reversible, live, and never touching what is not ours', () => {
  beforeEach(() =>
    setPage(`
      <h1 title="規範性檔案">規範性檔案管理</h1>
      <p id="a">最佳化<b>行政規範性檔案</b>制定程式，<a href="#" aria-label="智慧財產權">智慧財產權</a>保護。</p>
      <p><img alt="數位化轉型" src="x.png">人民民眾<br>市檔案館</p>
      <input id="in" value="規範性檔案" placeholder="搜尋規範性檔案">
      <textarea id="ta">規範性檔案</textarea>
      <div contenteditable="true" id="ed">規範性檔案</div>
      <pre>規範性檔案</pre><code>規範性檔案</code>`),
  );

  it('converts to mainland Simplified and back to the same bytes, after several switches', async () => {
    document.documentElement.setAttribute('lang', 'zh-TW');
    document.title = '規範性檔案的報告';
    const before = document.documentElement.outerHTML;
    const model = new PageTextModel(document).build();
    const conv = new PageConverter(model, batch, () => 'traditional');
    await conv.apply('zh-Hans', noYield);
    expect(document.getElementById('a')!.textContent).toBe('优化行政规范性文件制定程序，知识产权保护。');
    expect(document.querySelector('h1')!.getAttribute('title')).toBe('规范性文件');
    expect(document.querySelector('img')!.getAttribute('alt')).toBe('数字化转型');
    expect(document.querySelector('a')!.getAttribute('aria-label')).toBe('知识产权');
    expect(document.querySelector('input')!.getAttribute('placeholder')).toBe('搜索规范性文件');
    expect(document.body.textContent).toContain('人民群众');
    expect(document.body.textContent).toContain('市档案馆');
    expect(document.title).toBe('规范性文件的报告');
    // The language tag follows the script on the converted blocks, not on <html> (see scopeLang).
    expect(document.documentElement.getAttribute('lang')).toBe('zh-TW');
    expect(document.getElementById('a')!.getAttribute('lang')).toBe('zh-Hans');
    expect(document.querySelector('h1')!.getAttribute('lang')).toBe('zh-Hans');
    // Untouched: form fields, editors, code.
    expect((document.getElementById('in') as HTMLInputElement).value).toBe('規範性檔案');
    expect((document.getElementById('ta') as HTMLTextAreaElement).value).toBe('規範性檔案');
    expect(document.getElementById('ed')!.textContent).toBe('規範性檔案');
    expect(document.querySelector('pre')!.textContent).toBe('規範性檔案');
    await conv.apply('zh-HK', noYield);
    await conv.apply('zh-TW', noYield);
    await conv.apply('zh-Hant', noYield);
    await conv.apply('original', noYield);
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('restores what the page changed in between, and converts blocks added later', async () => {
    const model = new PageTextModel(document).build();
    model.observe();
    const conv = new PageConverter(model, batch, () => 'traditional');
    model.onChange((c) => void conv.update(c.added));
    await conv.apply('zh-Hans', noYield);
    // The page rewrites a converted node and adds a paragraph.
    (document.querySelector('#a b')!.firstChild as Text).data = '頁面自己改的文字';
    const p = document.createElement('p');
    p.textContent = '後來的段落：規範性檔案';
    document.body.append(p);
    await new Promise((r) => setTimeout(r, 0));
    const change = model.flush();
    expect(change).not.toBeNull();
    await conv.update(change!.added);
    expect(p.textContent).toBe('后来的段落：规范性文件');
    await conv.apply('original', noYield);
    expect(document.querySelector('#a b')!.textContent).toBe('頁面自己改的文字');
    expect(p.textContent).toBe('後來的段落：規範性檔案');
    model.disconnect();
  });

  it('stops converting text the page keeps rewriting, even when it replaces the nodes', async () => {
    const model = new PageTextModel(document).build();
    model.observe();
    const conv = new PageConverter(model, batch, () => 'traditional');
    await conv.apply('zh-Hans', noYield);
    const p = document.getElementById('a')!;
    let writes = 0;
    for (let i = 0; i < 8; i++) {
      p.textContent = '行政規範性檔案';
      await new Promise((r) => setTimeout(r, 0));
      const change = model.flush();
      if (change && (await conv.update(change.added)).length) writes++;
    }
    expect(writes).toBeLessThanOrEqual(3);
    expect(p.textContent).toBe('行政規範性檔案');
    // Other blocks still convert.
    const q = document.createElement('p');
    q.textContent = '規範性檔案';
    document.body.append(q);
    await new Promise((r) => setTimeout(r, 0));
    await conv.update(model.flush()!.added);
    expect(q.textContent).toBe('规范性文件');
    model.disconnect();
  });

  it('handles unpaired surrogates without throwing', async () => {
    setPage('<p>规范\ud800性文件\udc00测试</p>');
    const model = new PageTextModel(document).build();
    const conv = new PageConverter(model, batch, () => 'simplified');
    await conv.apply('zh-TW', noYield);
    expect(document.body.textContent).toBe('規範\ud800性檔案\udc00測試');
    await conv.apply('original', noYield);
    expect(document.body.textContent).toBe('规范\ud800性文件\udc00测试');
  });
});

describe('bad input and edits in flight', () => {
  it('a failed conversion (dictionaries not loaded) rejects and leaves the page untouched', async () => {
    setPage('<p>规范性文件</p><p title="规范性文件">数字化</p>');
    const before = document.documentElement.outerHTML;
    const model = new PageTextModel(document).build();
    const conv = new PageConverter(model, async () => Promise.reject(new Error('dictionary STPhrases: HTTP 404')), () => 'simplified');
    await expect(conv.apply('zh-TW', noYield)).rejects.toThrow('STPhrases');
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('writes smaller slices when the page\'s frames cost more to render, larger when less', async () => {
    const yieldsWhenFramesCost = async (renderMs: number, sliceChars?: number) => {
      setPage(Array.from({ length: 60 }, () => `<p>${'数字化转型'.repeat(200)}</p>`).join(''));
      const model = new PageTextModel(document).build();
      const conv = new PageConverter(model, batch, () => 'simplified');
      let yields = 0;
      await conv.apply('zh-TW', {
        sliceMs: 1e9,
        sliceChars,
        yieldTo: async () => {
          yields++;
          return renderMs;
        },
      });
      // Every block written, the last as the first.
      expect(document.querySelectorAll('p')[59]!.textContent).toBe('數字化轉型'.repeat(200));
      return yields;
    };
    const cheap = await yieldsWhenFramesCost(10);
    const dear = await yieldsWhenFramesCost(200);
    expect(cheap).toBeLessThanOrEqual(2);
    expect(dear).toBeGreaterThanOrEqual(cheap + 2);
    // A fixed slice size does not follow the frames.
    expect(await yieldsWhenFramesCost(200, 20_000)).toBe(await yieldsWhenFramesCost(10, 20_000));
  });

  it('a switch asked for while another is still writing takes over: nothing of the older one is written after it', async () => {
    const page = Array.from({ length: 60 }, (_, i) => `<p id="p${i}">${'软件信息'.repeat(100)}</p>`).join('');
    for (const [older, newer] of [['zh-TW', 'zh-HK'], ['zh-TW', 'original'], ['zh-HK', 'zh-TW']] as const) {
      setPage(page);
      const before = document.documentElement.outerHTML;
      const model = new PageTextModel(document).build();
      const conv = new PageConverter(model, batch, () => 'simplified');
      let second: Promise<TextBlock[]> | null = null;
      let yields = 0;
      // The newer switch comes at the older one's first yield, after its first slice was written.
      await conv.apply(older, {
        sliceMs: 1e9,
        sliceChars: 3_000,
        yieldTo: async () => {
          yields++;
          second ??= conv.apply(newer, noYield);
          await second;
        },
      });
      await second;
      expect(yields, `${older} → ${newer}`).toBeGreaterThan(0);
      const texts = [...document.querySelectorAll('p')].map((p) => p.textContent);
      const want = { 'zh-TW': '軟體資訊', 'zh-HK': '軟件信息', original: '软件信息' }[newer].repeat(100);
      expect(texts.filter((t) => t !== want), `${older} → ${newer}`).toEqual([]);
      await conv.apply('original', noYield);
      expect(document.documentElement.outerHTML, `${older} → ${newer}, then original`).toBe(before);
    }
  });

  it('text typed or made editable while its conversion was on the way is never overwritten', async () => {
    setPage('<p id="typed">规范性文件</p><div id="ed"><p>数字化转型</p></div><p id="plain">知识产权</p>');
    const model = new PageTextModel(document).build();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: BatchConvert = async (mode, items) => {
      await gate;
      return batch(mode, items);
    };
    const conv = new PageConverter(model, slow, () => 'simplified');
    const done = conv.apply('zh-TW', noYield);
    // Meanwhile the reader types into one block and the page makes another editable.
    document.getElementById('typed')!.firstChild!.textContent = '我正在输入的文字';
    document.getElementById('ed')!.setAttribute('contenteditable', 'true');
    release();
    await done;
    expect(document.getElementById('typed')!.textContent).toBe('我正在输入的文字');
    expect(document.getElementById('ed')!.textContent).toBe('数字化转型');
    expect(document.getElementById('plain')!.textContent).toBe('智慧財產權');
  });
});
