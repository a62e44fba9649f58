// Conversion done ahead (the first screen, a short page whole) and the order of a switch's batches:
// the first screen is written before anything else is read or sent.
import { describe, expect, it } from 'vitest';
import { PageTextModel, type TextBlock } from '@/utils/dom/text/model';
import { ConverterCache, convertItems, type ConvertItem } from '@/utils/core/convert/converters';
import { PageConverter, type BatchConvert } from '@/utils/dom/convert/apply';
import { blocksAhead, PreparedConversions } from '@/utils/dom/convert/prepared';
import type { Converting } from '@/utils/core/convert/modes';
import { loadDictsForTests } from './dicts';

const cache = new ConverterCache(loadDictsForTests);
const batch: BatchConvert = (mode, items) => convertItems(cache, mode, 'government', items);
const noYield = { yieldTo: async () => undefined };

function setPage(html: string) {
  document.documentElement.innerHTML = `<head><title>t</title></head><body>${html}</body>`;
}

/** A converter that records what it was asked for, and what the page showed at that moment. */
function recording() {
  const calls: { texts: string[]; pageThen: string[] }[] = [];
  const convert: BatchConvert = async (mode: Converting, items: ConvertItem[]) => {
    calls.push({ texts: items.map((i) => i.parts.join('')), pageThen: [...document.querySelectorAll('p')].map((p) => p.textContent ?? '') });
    return batch(mode, items);
  };
  return { calls, convert };
}

const fakeBlock = (id: number, length: number) => ({ id, length }) as TextBlock;

describe('PreparedConversions', () => {
  const a = fakeBlock(1, 4);
  const b = fakeBlock(2, 4);
  const n1 = {} as Text;
  const n2 = {} as Text;

  it('gives back a block\'s result only for the same mode, nodes and text', () => {
    const p = new PreparedConversions();
    p.put('zh-TW', a, [n1, null], ['数字', '\n'], ['數字', '\n']);
    expect(p.take('zh-TW', a, [n1, null], ['数字', '\n'])).toEqual(['數字', '\n']);
    expect(p.take('zh-HK', a, [n1, null], ['数字', '\n'])).toBeNull();
    expect(p.take('zh-TW', b, [n1, null], ['数字', '\n'])).toBeNull();
    expect(p.take('zh-TW', a, [n2, null], ['数字', '\n'])).toBeNull();
    // The mismatch dropped it: the old text does not come back either.
    expect(p.take('zh-TW', a, [n1, null], ['数字', '\n'])).toBeNull();
    p.put('zh-TW', a, [n1], ['数字'], ['數字']);
    expect(p.take('zh-TW', a, [n1], ['数码'])).toBeNull();
  });

  it('keeps one mode, and at most maxChars characters, dropping the oldest', () => {
    const p = new PreparedConversions(6);
    p.put('zh-TW', a, [n1], ['数字化'], ['數字化']);
    p.put('zh-TW', b, [n2], ['转型'], ['轉型']);
    expect(p.has('zh-TW', a) && p.has('zh-TW', b)).toBe(true);
    const c = fakeBlock(3, 3);
    p.put('zh-TW', c, [n1], ['知识产'], ['知識產']);
    expect(p.has('zh-TW', a)).toBe(false);
    expect(p.has('zh-TW', b) && p.has('zh-TW', c)).toBe(true);
    p.put('zh-Hans', a, [n1], ['數字'], ['数字']);
    expect(p.has('zh-TW', b)).toBe(false);
    expect(p.has('zh-Hans', a)).toBe(true);
  });
});

describe('blocksAhead', () => {
  const blocks = Array.from({ length: 10 }, (_, i) => fakeBlock(i + 1, 100));
  const ids = (bs: TextBlock[]) => bs.map((b) => b.id);

  it('takes the blocks on screen, then those after them, up to the characters given', () => {
    expect(ids(blocksAhead(blocks, new Set([4, 5]), 450))).toEqual([4, 5, 6, 7, 8]);
  });

  it('takes a short page whole, what is above the screen last', () => {
    expect(ids(blocksAhead(blocks, new Set([9, 10]), 5_000))).toEqual([9, 10, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids(blocksAhead(blocks, new Set(), 250))).toEqual([1, 2, 3]);
  });
});

describe('a switch with conversion done ahead', () => {
  const page = Array.from({ length: 8 }, (_, i) => `<p>第${i}段：规范性文件数字化转型</p>`).join('');

  it('converts a short page prepared whole without asking the background again', async () => {
    setPage(page);
    const model = new PageTextModel(document).build();
    const { calls, convert } = recording();
    const conv = new PageConverter(model, convert, () => 'simplified');
    // The whole page, it is short: eight paragraphs of 14 characters.
    expect(await conv.prepare('zh-TW', blocksAhead(model.blocks, new Set([model.blocks[0]!.id])))).toBe(8 * 14);
    expect(calls).toHaveLength(1);
    // Preparing changes nothing on the page.
    expect(document.querySelector('p')!.textContent).toBe('第0段：规范性文件数字化转型');
    await conv.apply('zh-TW', { ...noYield, firstBlocks: new Set([model.blocks[2]!.id]) });
    expect(calls).toHaveLength(1);
    expect([...document.querySelectorAll('p')].every((p, i) => p.textContent === `第${i}段：規範性檔案數字化轉型`)).toBe(true);
    // Back, and again: still from what was prepared, and the same bytes.
    await conv.apply('original', noYield);
    expect(document.body.innerHTML).toBe(page);
    await conv.apply('zh-TW', noYield);
    expect(calls).toHaveLength(1);
  });

  it('writes the prepared first screen even while the background does not answer', async () => {
    setPage(page);
    const model = new PageTextModel(document).build();
    let hang = false;
    const convert: BatchConvert = (mode, items) => (hang ? new Promise(() => undefined) : batch(mode, items));
    const conv = new PageConverter(model, convert, () => 'simplified');
    await conv.prepare('zh-TW', [model.blocks[0]!, model.blocks[1]!]);
    hang = true; // as when the worker was stopped and is still starting
    void conv.apply('zh-TW', { ...noYield, firstBlocks: new Set([model.blocks[0]!.id, model.blocks[1]!.id]) });
    await new Promise((r) => setTimeout(r, 20));
    const shown = [...document.querySelectorAll('p')].map((p) => p.textContent);
    expect(shown[0]).toBe('第0段：規範性檔案數字化轉型');
    expect(shown[1]).toBe('第1段：規範性檔案數字化轉型');
    expect(shown[2]).toBe('第2段：规范性文件数字化转型');
  });

  it('converts afresh a block the page changed after it was prepared, and ignores results for another mode', async () => {
    setPage(page);
    const model = new PageTextModel(document).build();
    const { calls, convert } = recording();
    const conv = new PageConverter(model, convert, () => 'simplified');
    await conv.prepare('zh-TW', model.blocks);
    document.querySelectorAll('p')[3]!.firstChild!.textContent = '知识产权';
    await conv.apply('zh-TW', noYield);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.texts).toEqual(['知识产权']);
    expect(document.querySelectorAll('p')[3]!.textContent).toBe('智慧財產權');
    await conv.apply('original', noYield);
    await conv.apply('zh-HK', noYield);
    expect(document.querySelectorAll('p')[0]!.textContent).toBe('第0段：規範性文件數字化轉型');
  });

  it('writes the first screen before anything else is read or sent', async () => {
    setPage(Array.from({ length: 40 }, (_, i) => `<p>第${i}段：${'规范性文件数字化转型'.repeat(300)}</p>`).join(''));
    const model = new PageTextModel(document).build();
    const { calls, convert } = recording();
    const conv = new PageConverter(model, convert, () => 'simplified');
    const first = new Set([model.blocks[10]!.id, model.blocks[11]!.id]);
    await conv.apply('zh-TW', { ...noYield, firstBlocks: first });
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[0]!.texts.map((t) => t.slice(0, 4))).toEqual(['第10段', '第11段']);
    // When the second batch was asked for, the first screen was on the page already.
    expect(calls[1]!.pageThen[10]!.startsWith('第10段：規範性檔案')).toBe(true);
    expect(calls[1]!.pageThen[11]!.startsWith('第11段：規範性檔案')).toBe(true);
    // ...and it was a small one.
    expect(calls[1]!.texts.join('').length).toBeLessThan(20_000);
    expect([...document.querySelectorAll('p')].every((p) => p.textContent!.includes('規範性檔案數字化轉型'))).toBe(true);
  });

  it('converts the title and attributes ahead too: a short page needs no background at all', async () => {
    setPage(`${page}<img alt="数字化转型">`);
    document.title = '规范性文件';
    const model = new PageTextModel(document).build();
    let down = false;
    const convert: BatchConvert = (mode, items) => (down ? Promise.reject(new Error('no answer')) : batch(mode, items));
    const conv = new PageConverter(model, convert, () => 'simplified');
    await conv.prepare('zh-TW', model.blocks);
    down = true;
    await conv.apply('zh-TW', noYield);
    expect(document.title).toBe('規範性檔案');
    expect(document.querySelector('img')!.getAttribute('alt')).toBe('數字化轉型');
    expect(document.querySelector('p')!.textContent).toBe('第0段：規範性檔案數字化轉型');
  });

  it('a switch that fails after the first screen was written puts the whole page back', async () => {
    setPage(page);
    const before = document.body.innerHTML;
    const model = new PageTextModel(document).build();
    let down = false;
    const written: string[] = [];
    const convert: BatchConvert = (mode, items) => {
      if (!down) return batch(mode, items);
      written.push(document.querySelector('p')!.textContent!);
      return Promise.reject(new Error('dictionary STPhrases: HTTP 404'));
    };
    const conv = new PageConverter(model, convert, () => 'simplified');
    await conv.prepare('zh-TW', [model.blocks[0]!]);
    down = true;
    await expect(conv.apply('zh-TW', { ...noYield, firstBlocks: new Set([model.blocks[0]!.id]) })).rejects.toThrow('STPhrases');
    expect(written).toContain('第0段：規範性檔案數字化轉型');
    expect(document.body.innerHTML).toBe(before);
    expect(conv.mode).toBe('original');
  });
});
