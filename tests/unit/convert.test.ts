// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { StageTrie, convertWithMap, convertString } from '@/utils/convert/trie';
import { distribute } from '@/utils/convert/distribute';
import { ConverterCache } from '@/utils/convert/converters';
import { loadDictsForTests } from './dicts';

const cache = new ConverterCache(loadDictsForTests, 0);
const cases = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/opencc-testcases.json'), 'utf8')).cases as { id: string; input: string; expected: Record<string, string> }[];
const seedText = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed-report.html'), 'utf8').replace(/<[^>]+>/g, '');

// OpenCC config names → opencc-js locale pairs, for the configs our modes use.
const CONFIGS = { s2t: ['cn', 't'], s2twp: ['cn', 'twp'], s2hk: ['cn', 'hk'], s2tw: ['cn', 'tw'], t2s: ['t', 'cn'], tw2s: ['tw', 'cn'] } as const;

describe('StageTrie and convertWithMap', () => {
  const t = new StageTrie().loadSync(['ab X|a Y|c Z']);
  it('longest match, unchanged runs kept', () => {
    expect(t.pass('abcd')).toEqual([
      { from: 0, to: 2, text: 'X' },
      { from: 2, to: 3, text: 'Z' },
      { from: 3, to: 4, text: 'd' },
    ]);
  });
  it('maps chained stages back to the original text', () => {
    const t2 = new StageTrie().loadSync(['XZ W']);
    const pieces = convertWithMap([t, t2], 'abcd');
    expect(pieces).toEqual([
      { from: 0, to: 3, text: 'W' },
      { from: 3, to: 4, text: 'd' },
    ]);
    expect(convertString([t, t2], 'abcd')).toBe('Wd');
  });
});

describe('distribute', () => {
  it('writes pieces back to their nodes and shares a phrase that spans nodes', () => {
    // "最佳" + "化" → 优化 (one piece over both nodes)
    const spans = [
      { start: 0, end: 2, hasNode: true },
      { start: 2, end: 5, hasNode: true },
    ];
    expect(distribute(spans, [{ from: 0, to: 3, text: '优化' }, { from: 3, to: 5, text: '区县' }])).toEqual(['优', '化区县']);
  });
  it('keeps virtual breaks out and never splits a surrogate pair', () => {
    const spans = [
      { start: 0, end: 1, hasNode: true },
      { start: 1, end: 2, hasNode: false },
      { start: 2, end: 3, hasNode: true },
    ];
    expect(distribute(spans, [{ from: 0, to: 1, text: '甲' }, { from: 1, to: 2, text: '\n' }, { from: 2, to: 3, text: '乙' }])).toEqual(['甲', '', '乙']);
    expect(distribute([{ start: 0, end: 1, hasNode: true }, { start: 1, end: 2, hasNode: true }], [{ from: 0, to: 2, text: '𠀀' }]).join('')).toBe('𠀀');
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
        expect(convertWithMap(stages, c.input).map((p) => p.text).join('')).toBe(ref(c.input));
      }
    });
  }
  it('the seed, Traditional → Simplified, restores mainland wording', async () => {
    const c = await cache.get('zh-Hans', 'traditional');
    const out = c.convert(seedText);
    for (const w of ['优化', '规范性文件', '制定程序', '知识产权', '数字化', '人民群众', '行动计划', '机构设置', '决定制度']) expect(out, w).toContain(w);
    expect(c.convert('檔案館和市檔案局發布規範性檔案')).toBe('档案馆和市档案局发布规范性文件');
    expect(c.convertWithMap(seedText).map((p) => p.text).join('')).toBe(out);
  });
});
