// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { StageTrie, convertParts, convertString } from '@/utils/core/convert/trie';
import { ConverterCache } from '@/utils/core/convert/converters';
import { loadDictsForTests } from './dicts';

const cache = new ConverterCache(loadDictsForTests, 0);
const cases = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/opencc-testcases.json'), 'utf8')).cases as { id: string; input: string; expected: Record<string, string> }[];
const seedText = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed-report.html'), 'utf8').replace(/<[^>]+>/g, '');

// OpenCC config names → opencc-js locale pairs, for the configs our modes use.
const CONFIGS = { s2t: ['cn', 't'], s2twp: ['cn', 'twp'], s2hk: ['cn', 'hk'], s2tw: ['cn', 'tw'], t2s: ['t', 'cn'], tw2s: ['tw', 'cn'] } as const;

describe('StageTrie and convertParts', () => {
  const t = new StageTrie().loadSync(['ab X|a Y|c Z']);
  it('longest match, unchanged runs kept', () => {
    expect(t.pass('abcd')).toEqual([
      { from: 0, to: 2, text: 'X' },
      { from: 2, to: 3, text: 'Z' },
      { from: 3, to: 4, text: 'd' },
    ]);
  });
  it('converts parts as one text and writes each piece back to its part', () => {
    const t2 = new StageTrie().loadSync(['XZ W']);
    expect(convertString([t, t2], 'abcd')).toBe('Wd');
    // "ab|cd": the phrase XZ→W crosses the boundary and is shared; "d" stays in its part.
    expect(convertParts([t, t2], ['ab', 'cd'])).toEqual(['W', 'd']);
    // Same-length runs split at the original boundaries exactly.
    expect(convertParts([t], ['dd', 'dc', 'd'])).toEqual(['dd', 'dZ', 'd']);
  });
  it('shares a longer or shorter replacement in proportion, never splitting a surrogate pair', () => {
    const s = new StageTrie().loadSync(['最佳化 优化|甲乙 𠀀']);
    expect(convertParts([s], ['最佳', '化区县'])).toEqual(['优', '化区县']);
    expect(convertParts([s], ['甲', '乙']).join('')).toBe('𠀀');
    expect(convertParts([s], ['甲', '乙']).some((p) => p.length === 1)).toBe(false);
  });
});

describe('our converters equal opencc-js, and keep a mapping that rebuilds the same string', () => {
  for (const [name, [from, to]] of Object.entries(CONFIGS)) {
    it(`${name}: every OpenCC case`, async () => {
      const ref = OpenCC.Converter({ from, to });
      const stages = await cache.stagesForPair(from, to);
      for (const c of cases) {
        if (!c.expected[name]) continue;
        expect(convertString(stages, c.input)).toBe(ref(c.input));
        const chars = [...c.input];
        expect(convertParts(stages, [chars.slice(0, 2).join(''), chars.slice(2, 3).join(''), chars.slice(3).join('')]).join('')).toBe(ref(c.input));
      }
    });
  }
  it('the seed, Traditional → Simplified, restores mainland wording', async () => {
    const c = await cache.get('zh-Hans', 'traditional');
    const out = c.convert(seedText);
    for (const w of ['优化', '规范性文件', '制定程序', '知识产权', '数字化', '人民群众', '行动计划', '机构设置', '决定制度']) expect(out, w).toContain(w);
    expect(c.convert('檔案館和市檔案局發布規範性檔案')).toBe('档案馆和市档案局发布规范性文件');
    expect(c.convertParts([seedText.slice(0, 1000), seedText.slice(1000, 1001), seedText.slice(1001)]).join('')).toBe(out);
  });
});

describe('our mainland-wording layer never does worse than opencc-js on OpenCC\'s tw2sp cases', () => {
  it('every case opencc-js gets right, we get right', async () => {
    const ref = OpenCC.Converter({ from: 'twp', to: 'cn' });
    const ours = await cache.get('zh-Hans', 'traditional');
    for (const c of cases) {
      const expected = c.expected.tw2sp;
      if (expected && ref(c.input) === expected) expect(ours.convert(c.input), c.input).toBe(expected);
    }
  });
});
