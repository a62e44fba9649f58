// The lang tags of converted blocks: left for later away from the reader, tagged nearest the
// viewport first, and never left behind by a restore.
import { beforeEach, describe, expect, it } from 'vitest';
import { LangScope, tagWhenIdle } from '@/utils/dom/convert/lang-scope';
import { PageTextModel } from '@/utils/dom/text/model';
import { ConverterCache, convertItems } from '@/utils/core/convert/converters';
import { PageConverter, type BatchConvert } from '@/utils/dom/convert/apply';
import { loadDictsForTests } from './dicts';

/** Ten paragraphs, 100 px tall each from the top of the page (happy-dom lays nothing out). */
function tenBlocks(): HTMLElement[] {
  document.documentElement.setAttribute('lang', 'zh-CN');
  const els = Array.from({ length: 10 }, (_, i) => Object.assign(document.createElement('p'), { id: `p${i}`, textContent: `第${i}段` }));
  document.body.replaceChildren(...els);
  els.forEach((el, i) => (el.getBoundingClientRect = () => ({ top: i * 100, bottom: i * 100 + 100 }) as DOMRect));
  return els;
}

const tagged = (els: Element[]) => els.map((el) => el.getAttribute('lang') ?? '-').join(' ');

describe('LangScope: tags left for later', () => {
  it('tags from the first block reaching below `nearTop` downward, then upward, about maxChars at a time', () => {
    const els = tenBlocks();
    const langs = new LangScope(document);
    for (const el of els) langs.defer(el, 'zh-TW', 10);
    expect(langs.pendingCount).toBe(10);
    // Nothing is tagged until asked.
    expect(tagged(els)).toBe('- - - - - - - - - -');
    // p4 spans 400–500: the first to reach below 450.
    expect(langs.tagPending(30, 450)).toBe(30);
    expect(tagged(els)).toBe('- - - - zh-TW zh-TW zh-TW - - -');
    expect(langs.tagPending(40, 450)).toBe(40);
    expect(tagged(els)).toBe('- - - zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW');
    expect(langs.tagPending(1000, 450)).toBe(30);
    expect(tagged(els)).toBe('zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW');
    expect(langs.pendingCount).toBe(0);
    expect(langs.tagPending(1000, 450)).toBe(0);
  });

  it('tags at least one block a step; drops blocks the page removed; a block shown in its own text again is not tagged', () => {
    const els = tenBlocks();
    const langs = new LangScope(document);
    for (const el of els) langs.defer(el, 'zh-TW', 10);
    els[0]!.remove();
    langs.unscope(els[1]!);
    expect(langs.tagPending(1, -1000)).toBe(10);
    expect(tagged(els)).toBe('- - zh-TW - - - - - - -');
    expect(langs.pendingCount).toBe(7);
  });

  it('between steps: a block the page removed is dropped, one written again moves to where it now is', () => {
    const els = tenBlocks();
    const langs = new LangScope(document);
    for (const el of els) langs.defer(el, 'zh-TW', 10);
    expect(langs.tagPending(20, 450)).toBe(20);
    expect(tagged(els)).toBe('- - - - zh-TW zh-TW - - - -');
    els[6]!.remove();
    expect(langs.tagPending(20, 450)).toBe(20);
    // p6 is gone: p7 and p8 make the step.
    expect(tagged(els)).toBe('- - - - zh-TW zh-TW - zh-TW zh-TW -');
    expect(langs.pendingCount).toBe(5);
    // p9 written again (a later page change): still waiting, now last in the order.
    langs.defer(els[9]!, 'zh-TW', 10);
    expect(langs.tagPending(10, 450)).toBe(10);
    expect(tagged(els)).toBe('- - - - zh-TW zh-TW - zh-TW zh-TW zh-TW');
    expect(langs.tagPending(1000, 450)).toBe(40);
    expect(langs.pendingCount).toBe(0);
    expect(tagged(els)).toBe('zh-TW zh-TW zh-TW zh-TW zh-TW zh-TW - zh-TW zh-TW zh-TW');
  });

  it('tagWaiting tags those of its blocks still waiting, now, and counts their characters', () => {
    const els = tenBlocks();
    const langs = new LangScope(document);
    for (const el of els.slice(0, 4)) langs.defer(el, 'zh-TW', 10);
    els[2]!.remove();
    // p5 was never waiting; p2 was removed by the page.
    expect(langs.tagWaiting([els[0]!, els[1]!, els[2]!, els[5]!])).toBe(20);
    expect(tagged(els)).toBe('zh-TW zh-TW - - - - - - - -');
    expect(langs.pendingCount).toBe(1);
    // Tagged already: not again.
    expect(langs.tagWaiting([els[0]!])).toBe(0);
    expect(langs.tagPending(100, 0)).toBe(10);
    expect(tagged(els)).toBe('zh-TW zh-TW - zh-TW - - - - - -');
  });

  it('restoreAll drops what was waiting and puts back what was tagged', () => {
    const els = tenBlocks();
    els[5]!.setAttribute('lang', 'zh');
    const langs = new LangScope(document);
    langs.scope(els[0]!, 'zh-TW');
    langs.scope(els[5]!, 'zh-TW');
    for (const el of els.slice(1)) langs.defer(el, 'zh-TW', 10);
    expect(tagged(els)).toBe('zh-TW - - - - zh-TW - - - -');
    langs.restoreAll();
    expect(langs.pendingCount).toBe(0);
    expect(tagged(els)).toBe('- - - - - zh - - - -');
  });
});

describe('tagWhenIdle', () => {
  it('tags about 8 k characters a step, each step in a frame of its own (16 k a step made frames of 60-170 ms on a 600 k page)', async () => {
    const els = tenBlocks();
    const langs = new LangScope(document);
    for (const el of els) langs.defer(el, 'zh-TW', 3_000);
    let idle: () => void = () => undefined;
    const frames: number[] = [];
    let count = 0;
    const done = tagWhenIdle(langs, {
      write: (fn) => fn(),
      current: () => true,
      idle: () => new Promise<void>((r) => (idle = r)),
      frame: async () => {
        frames.push(els.filter((el) => el.hasAttribute('lang')).length - count);
        count += frames.at(-1)!;
      },
    });
    for (let i = 0; i < 4; i++) {
      idle();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await done).toBe(true);
    // 3 k characters a block: three blocks make a step (the one that reaches 8 k is taken whole).
    expect(frames).toEqual([3, 3, 3, 1]);
  });
});

describe('PageConverter with langsLater', () => {
  const cache = new ConverterCache(loadDictsForTests);
  const batch: BatchConvert = (mode, items) => convertItems(cache, mode, 'government', items);
  let idle: () => void = () => undefined;
  /** Idle periods come only when the test says so. */
  const whenIdle = () => new Promise<void>((r) => (idle = r));
  const step = async () => {
    idle();
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  };

  beforeEach(() => {
    document.documentElement.setAttribute('lang', 'zh-CN');
    const texts = { a: '国务院关于发展经济的报告', b: '网络信息安全', c: '人民群众' };
    document.body.replaceChildren(...Object.entries(texts).map(([id, textContent]) => Object.assign(document.createElement('p'), { id, textContent })));
  });

  /** The page's model, a converter over it, and the three paragraphs. */
  const setup = () => {
    const model = new PageTextModel(document).build();
    const conv = new PageConverter(model, batch, () => 'simplified');
    return { model, conv, els: ['a', 'b', 'c'].map((id) => document.getElementById(id)!) };
  };

  it('tags the first blocks in the slice after their text and the others when the page is idle', async () => {
    const before = document.documentElement.outerHTML;
    const { model, conv, els } = setup();
    const first = new Set([model.blocks[0]!.id]);
    await conv.apply('zh-TW', { yieldTo: async () => undefined, idle: whenIdle, firstBlocks: first, langsLater: true });
    expect(els.map((e) => e.textContent)).toEqual(['國務院關於發展經濟的報告', '網路資訊安全', '人民群眾']);
    expect(tagged(els)).toBe('zh-TW - -');
    expect(conv.langsDoneAt).toBe(0);
    await step();
    expect(tagged(els)).toBe('zh-TW zh-TW zh-TW');
    expect(conv.langsDoneAt).toBeGreaterThan(0);
    await conv.apply('original', { yieldTo: async () => undefined });
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it("draws the first screen's new text a frame before its new tag, then tags it in the next slice", async () => {
    const { model, conv, els } = setup();
    // What each frame the switch waits for draws.
    const frames: string[] = [];
    const yieldTo = async () => void frames.push(`${els.map((e) => e.textContent).join('|')} ${tagged(els)}`);
    await conv.apply('zh-TW', { yieldTo, idle: whenIdle, firstBlocks: new Set([model.blocks[0]!.id]), langsLater: true });
    expect(frames[0]).toBe('國務院關於發展經濟的報告|网络信息安全|人民群众 - - -');
    expect(tagged(els)).toBe('zh-TW - -');
    await step();
    expect(tagged(els)).toBe('zh-TW zh-TW zh-TW');
  });

  it('with no slice after the first screen (all of it on screen), its tags come when the page is idle', async () => {
    const { model, conv, els } = setup();
    await conv.apply('zh-TW', { yieldTo: async () => undefined, idle: whenIdle, firstBlocks: new Set(model.blocks.map((b) => b.id)), langsLater: true });
    expect(els.map((e) => e.textContent)).toEqual(['國務院關於發展經濟的報告', '網路資訊安全', '人民群眾']);
    expect(tagged(els)).toBe('- - -');
    expect(conv.langsDoneAt).toBe(0);
    await step();
    expect(tagged(els)).toBe('zh-TW zh-TW zh-TW');
    expect(conv.langsDoneAt).toBeGreaterThan(0);
  });

  it('a restore before the tags came leaves none behind, and the tagging stops', async () => {
    const before = document.documentElement.outerHTML;
    const { model, conv } = setup();
    await conv.apply('zh-TW', { yieldTo: async () => undefined, idle: whenIdle, firstBlocks: new Set([model.blocks[0]!.id]), langsLater: true });
    await conv.apply('original', { yieldTo: async () => undefined });
    await step();
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
