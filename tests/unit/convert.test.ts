// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenccPreset from 'opencc-js/preset';
import { StageTrie } from '@/utils/core/convert/trie';
import { convertParts, convertString } from '@/utils/core/convert/chain';
import { ConverterCache, specFor } from '@/utils/core/convert/converters';
import { DICT_NAMES, OPENCC_CONFIGS, type ConfigName } from '@/utils/core/convert/modes';
import { loadDictsForTests } from './dicts';
import { openccRef } from './opencc-ref';

const cache = new ConverterCache(loadDictsForTests);
const cases = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/opencc-testcases.json'), 'utf8')).cases as { id: string; input: string; expected: Record<string, string> }[];
const seedText = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed-report.html'), 'utf8').replace(/<[^>]+>/g, '');

describe('StageTrie and convertParts', () => {
  const t = new StageTrie().loadGroup(['ab X|a Y|c Z']);
  const only = (trie: StageTrie) => [{ normalization: [], segmentation: null, chain: [trie] }];
  it('longest match, unchanged runs kept', () => {
    expect(t.pass('abcd')).toEqual([
      { from: 0, to: 2, text: 'X' },
      { from: 2, to: 3, text: 'Z' },
      { from: 3, to: 4, text: 'd' },
    ]);
  });
  it('an earlier dictionary of a group wins on the same key, as in OpenCC', () => {
    expect(new StageTrie().loadGroup(['a 1', 'a 2|b 3']).pass('ab').map((p) => p.text)).toEqual(['1', '3']);
  });
  it('segments cut matches: no key matches across a segment end', () => {
    expect(t.pass('abc', [1, 3]).map((p) => p.text)).toEqual(['Y', 'b', 'Z']);
    const seg = new StageTrie().loadGroup(['bc x']);
    expect(seg.segment('abcd')).toEqual([1, 3, 4]);
    const built = [{ normalization: [], segmentation: seg, chain: [t] }];
    // "ab" would match, but segmentation made "a" a segment of its own.
    expect(convertString(built, 'abcd')).toBe('YbZd');
    expect(convertParts(built, ['a', 'bcd']).join('')).toBe('YbZd');
  });
  it('converts parts as one text and writes each piece back to its part', () => {
    const t2 = new StageTrie().loadGroup(['XZ W']);
    const two = [{ normalization: [], segmentation: null, chain: [t, t2] }];
    expect(convertString(two, 'abcd')).toBe('Wd');
    // "ab|cd": the phrase XZ→W crosses the boundary and is shared; "d" stays in its part.
    expect(convertParts(two, ['ab', 'cd'])).toEqual(['W', 'd']);
    // Same-length runs split at the original boundaries exactly.
    expect(convertParts(only(t), ['dd', 'dc', 'd'])).toEqual(['dd', 'dZ', 'd']);
  });
  it('shares a longer or shorter replacement in proportion, never splitting a surrogate pair', () => {
    const s = only(new StageTrie().loadGroup(['最佳化 优化|甲乙 𠀀']));
    expect(convertParts(s, ['最佳', '化区县'])).toEqual(['优', '化区县']);
    expect(convertParts(s, ['甲', '乙']).join('')).toBe('𠀀');
    expect(convertParts(s, ['甲', '乙']).some((p) => p.length === 1)).toBe(false);
  });
  it('matches as a naive longest match does, with keys beyond the basic plane and tables that grow', () => {
    // A seeded generator: the same keys every run.
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = ['中', '国', '發', '展', '𠀀', '𪚥', 'a', '國'];
    const word = (max: number) => Array.from({ length: 1 + rand(max) }, () => alphabet[rand(alphabet.length)]).join('');
    const first = new Map<string, string>();
    const second = new Map<string, string>();
    for (let i = 0; i < 6000; i++) first.set(word(7), `v${i}`);
    for (let i = 0; i < 3000; i++) second.set(word(5), `w${i}`);
    const dict = (m: Map<string, string>) => [...m].map(([k, v]) => `${k} ${v}`).join('|');
    // The first dictionary wins on a shared key, and only its keys are segmentation words.
    const trie = new StageTrie().loadGroup([dict(first), dict(second)], 1);
    const longest = (s: string, i: number, words: boolean) => {
      for (let end = s.length; end > i; end--) {
        const key = s.slice(i, end);
        if (first.has(key)) return { end, value: first.get(key)! };
        if (!words && second.has(key)) return { end, value: second.get(key)! };
      }
      return null;
    };
    // Every key, then random texts.
    const texts = [...first.keys(), ...second.keys(), ...Array.from({ length: 300 }, () => word(30))];
    for (const text of texts) {
      const step = (i: number) => (text.codePointAt(i)! > 0xffff ? 2 : 1);
      let converted = '';
      for (let i = 0; i < text.length; ) {
        const m = longest(text, i, false);
        converted += m ? m.value : text.slice(i, i + step(i));
        i = m ? m.end : i + step(i);
      }
      // Segmentation: the ends of words and of the unmatched runs between them.
      const ends: number[] = [];
      let plain = false;
      for (let i = 0; i < text.length; ) {
        const w = longest(text, i, true);
        if (w && plain) ends.push(i);
        if (w) ends.push(w.end);
        plain = !w;
        i = w ? w.end : i + step(i);
      }
      if (plain || ends.length === 0) ends.push(text.length);
      expect(trie.pass(text).map((p) => p.text).join(''), text).toBe(converted);
      expect(trie.segment(text), text).toEqual(ends);
    }
  });
  it('skips an ideographic description sequence as one unit, as opencc-js does', () => {
    const u = new StageTrie().loadGroup(['口口 X']);
    // ⿰口口 is one unit: the "口口" inside it is not a match.
    expect(convertString(only(u), '⿰口口口口')).toBe('⿰口口X');
  });
});

describe('our configs are opencc-js 1.4.2\'s', () => {
  it('same dictionaries, same order, for every config we use', async () => {
    const d = await loadDictsForTests();
    const nameOf = new Map<unknown, string>(DICT_NAMES.map((n) => [d[n], n]));
    const theirs = (OpenccPreset as unknown as { configs: Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown[]; conversionChain: unknown[][] }> }).configs;
    for (const [name, ours] of Object.entries(OPENCC_CONFIGS)) {
      const t = theirs[name]!;
      expect(t, name).toBeDefined();
      expect(ours.chain, name).toEqual(t.conversionChain.map((g) => g.map((x) => nameOf.get(x))));
      expect(ours.normalization, name).toEqual((t.normalizationChain ?? []).map((g) => g.map((x) => nameOf.get(x))));
      expect((ours as { segmentation?: string[] }).segmentation ?? null, name).toEqual(t.segmentation ? t.segmentation.map((x) => nameOf.get(x)) : null);
    }
  });
});

describe('our converters equal opencc-js 1.4.2, and keep a mapping that rebuilds the same string', () => {
  for (const name of Object.keys(OPENCC_CONFIGS) as ConfigName[]) {
    it(`${name}: every OpenCC case`, { timeout: 60_000 }, async () => {
      const ref = openccRef([name]);
      const ours = await cache.get({ configs: [name] });
      for (const c of cases) {
        expect(ours.convert(c.input), c.input).toBe(ref(c.input));
        const chars = [...c.input];
        expect(ours.convertParts([chars.slice(0, 2).join(''), chars.slice(2, 3).join(''), chars.slice(3).join('')]).join('')).toBe(ref(c.input));
      }
    });
  }
  it('the seed, Traditional → Simplified, restores mainland wording', async () => {
    for (const profile of ['government', 'general'] as const) {
      const c = await cache.get(specFor('zh-Hans', 'traditional', profile));
      const out = c.convert(seedText);
      for (const w of ['优化', '规范性文件', '制定程序', '知识产权', '数字化', '人民群众', '机关合同', '行动计划', '机构设置', '决定制度']) expect(out, w).toContain(w);
      expect(c.convert('檔案館和市檔案局發布規範性檔案')).toBe('档案馆和市档案局发布规范性文件');
      expect(c.convertParts([seedText.slice(0, 1000), seedText.slice(1000, 1001), seedText.slice(1001)]).join('')).toBe(out);
    }
  });
  it('government text keeps the words OpenCC\'s Taiwan table would read as IT vocabulary', async () => {
    const gov = await cache.get(specFor('zh-Hans', 'traditional', 'government'));
    const general = await cache.get(specFor('zh-Hans', 'traditional', 'general'));
    const text = '核心技術、新增就業、建立制度、提升效能、主要指標、智慧城市、高端製造、線上服務、批次處理、裝置';
    expect(gov.convert(text)).toBe('核心技术、新增就业、建立制度、提升效能、主要指标、智慧城市、高端制造、线上服务、批次处理、装置');
    // OpenCC's own tw2sp reverses them all; that is what the general profile keeps.
    expect(general.convert('核心')).toBe('内核');
  });
});

describe('our mainland-wording layer never does worse than opencc-js on OpenCC\'s tw2sp cases', () => {
  it('every case opencc-js gets right, we get right', async () => {
    const ref = openccRef(['tw2sp']);
    const ours = await cache.get(specFor('zh-Hans', 'traditional', 'general'));
    for (const c of cases) {
      const expected = c.expected.tw2sp;
      if (expected && ref(c.input) === expected) expect(ours.convert(c.input), c.input).toBe(expected);
    }
  });
});
