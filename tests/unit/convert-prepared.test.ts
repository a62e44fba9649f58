// Conversion done ahead (the first screen, a short page whole) and the order of a switch's batches:
// the first screen is written before anything else is read or sent.
import { describe, expect, it, vi } from 'vitest';
import { PageTextModel, type TextBlock } from '@/utils/dom/text/model';
import { ConverterCache, convertItems, type ConvertItem } from '@/utils/core/convert/converters';
import { PageConverter, type BatchConvert } from '@/utils/dom/convert/apply';
import { blocksAhead, PREPARE_CHARS, PreparedConversions } from '@/utils/dom/convert/prepared';
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

describe('PreparedConversions: room and trim', () => {
  it('says how much may still be kept, and trims the results kept last first', () => {
    const p = new PreparedConversions(10);
    const n = {} as Text;
    const [x, y, z] = [fakeBlock(1, 3), fakeBlock(2, 2), fakeBlock(3, 3)];
    expect(p.room).toBe(10);
    p.put('zh-TW', x, [n], ['数字化'], ['數字化']);
    p.put('zh-TW', y, [n], ['转型'], ['轉型']);
    p.put('zh-TW', z, [n], ['知识产'], ['知識產']);
    expect(p.room).toBe(2);
    p.trim(5);
    // The first results (the first screen, converted first) stay; the later ones go.
    expect([x, y, z].map((b) => p.has('zh-TW', b))).toEqual([true, true, false]);
    expect(p.room).toBe(5);
    p.trim(0);
    expect([x, y].map((b) => p.has('zh-TW', b))).toEqual([false, false]);
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

  it('converts the rest of the page ahead a batch at a time, from where it left off; a switch then only writes, and keeps only the first part after', async () => {
    setPage(page);
    const model = new PageTextModel(document).build();
    const { calls, convert } = recording();
    const conv = new PageConverter(model, convert, () => 'simplified');
    // The first screen first (two blocks), then the rest in steps of about 20 characters.
    await conv.prepare('zh-TW', [model.blocks[2]!, model.blocks[3]!]);
    const steps: { next: number; chars: number }[] = [];
    for (let next = 0; next < model.blocks.length; ) {
      const step = await conv.prepareMore('zh-TW', next, 20);
      steps.push(step);
      next = step.next;
    }
    // Blocks 0-1, then 4-5 (2-3 were converted already), then 6-7: never one twice.
    expect(calls.map((c) => c.texts.map((t) => t.slice(0, 3)))).toEqual([['第2段', '第3段'], ['第0段', '第1段'], ['第4段', '第5段'], ['第6段', '第7段']]);
    expect(steps).toEqual([{ next: 2, chars: 28 }, { next: 6, chars: 28 }, { next: 8, chars: 28 }]);
    const store = (conv as unknown as { ahead: { store: PreparedConversions } }).ahead.store;
    const trim = vi.spyOn(store, 'trim');
    await conv.apply('zh-TW', noYield);
    expect(calls).toHaveLength(4);
    // Written: what stays is the first part (the first screen and what follows), not a copy of the page.
    expect(trim).toHaveBeenCalledWith(2 * PREPARE_CHARS);
    expect([...document.querySelectorAll('p')].every((p, i) => p.textContent === `第${i}段：規範性檔案數字化轉型`)).toBe(true);
    // Nothing is converted ahead while a script is shown.
    expect(await conv.prepareMore('zh-TW', 0, 1000)).toEqual({ next: 8, chars: 0 });
  });

  it('converts no more ahead than may be kept', async () => {
    setPage(page);
    const model = new PageTextModel(document).build();
    const { calls, convert } = recording();
    const conv = new PageConverter(model, convert, () => 'simplified');
    (conv as unknown as { ahead: { store: PreparedConversions } }).ahead.store = new PreparedConversions(30);
    // Two blocks of 14 characters fit, the third does not: the rest is left to the switch.
    expect(await conv.prepareMore('zh-TW', 0, 1000)).toEqual({ next: 8, chars: 28 });
    expect(await conv.prepareMore('zh-TW', 0, 1000)).toEqual({ next: 8, chars: 0 });
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
