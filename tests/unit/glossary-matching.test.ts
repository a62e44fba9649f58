// @vitest-environment node
// Matching with the real glossary: terms inside quotes, prefixed and suffixed forms, short forms, blockers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without type declarations
import { compileGlossary } from '../../scripts/glossary/compile.mjs';
import { candidate, orderCandidates, TermMatcher } from '@/utils/core/glossary/matcher';
import { decodeBucket, FormIndex, packFormIndex } from '@/utils/core/glossary/form-index';
import type { CompiledGlossary } from '@/utils/core/glossary/types';

const { index } = compileGlossary() as { index: CompiledGlossary };
const matcher = new TermMatcher(index.forms, index.blockers);
/** [matched text, entry id] for each match */
const found = (text: string) => matcher.match(text).map((m) => [text.slice(m.start, m.end), index.entries[m.entry]!.id]);
const corpusTexts = readFileSync(resolve(__dirname, '../fixtures/national-reports.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const ids = (text: string) => found(text).map(([, id]) => id);
const words = (text: string) => found(text).map(([w]) => w);

describe('terms inside quotes and longer phrases', () => {
  it('finds a quoted term followed by the word it qualifies', () => {
    expect(found('深化“放管服”改革')).toEqual([['放管服', 'delegate-regulate-serve']]);
    expect(found('严格执行“约法三章”。')).toEqual([['约法三章', 'three-point-pledge']]);
    expect(found('面对“三期叠加”的局面')).toEqual([['三期叠加', 'three-period-overlap']]);
  });
  it('prefers the longest form, and still finds the shorter one on its own', () => {
    expect(found('推进“互联网+政务服务”')).toEqual([['互联网+政务服务', 'internet-plus-government-services']]);
    expect(words('实施“互联网+”行动')).toHaveLength(1);
    expect(words('实施“互联网+”行动')[0]).toContain('互联网+');
    expect(ids('实现碳达峰碳中和')).toEqual(['carbon-peaking-and-neutrality']);
    expect(ids('2030年前实现碳达峰')).toEqual(['carbon-peaking-and-neutrality']);
  });
  it('finds 规上 and 规模以上 as one entry, but not 规上 inside 法规上', () => {
    expect(found('规上工业增加值增长6%')).toEqual([['规上工业增加值', 'above-designated-size']]);
    expect(ids('规模以上工业企业利润')).toEqual(['above-designated-size']);
    expect(ids('規模以上工業')).toEqual(['above-designated-size']);
    expect(words('在法规上予以明确')).toEqual([]);
  });
  it('keeps 经营主体 and 市场主体 apart, each its own entry', () => {
    expect(ids('激发经营主体活力')).toEqual(['business-entities']);
    expect(ids('激发市场主体活力')).toEqual(['market-entities']);
  });
});

describe('five-year plans', () => {
  it('finds the quoted plan names of every period', () => {
    expect(ids('“十五”计划胜利完成')).toEqual(['10th-five-year-plan']);
    expect(ids('“十一五”时期')).toEqual(['11th-five-year-plan']);
    expect(ids('十二五规划纲要')).toEqual(['12th-five-year-plan']);
    expect(ids('“六五”计划')).toEqual(['6th-five-year-plan']);
    expect(ids('第九个五年计划')).toEqual(['9th-five-year-plan']);
  });
  it('does not take numbers, years or other campaigns for a plan', () => {
    expect(ids('十五年来')).toEqual([]);
    expect(ids('一九八五年和一九九五年')).toEqual([]);
    expect(ids('开展“六五”环境日活动')).toEqual([]);
    expect(ids('商品打八五折')).toEqual([]);
    expect(ids('“七五”普法')).toEqual(['seventh-five-year-legal-education']);
  });
});

describe('the matcher against the definition of leftmost-longest', () => {
  it('finds on corpus text exactly what trying every length at every position finds', () => {
    const entryOf = new Map<string, number>();
    for (const b of index.blockers) entryOf.set(b, -1);
    for (const [f, e] of index.forms) if (f.length >= 2) entryOf.set(f, e);
    const longest = Math.max(...[...entryOf.keys()].map((f) => f.length));
    const naive = (text: string) => {
      const out: { start: number; end: number; entry: number }[] = [];
      for (let i = 0; i < text.length; ) {
        let len = Math.min(longest, text.length - i);
        while (len >= 2 && !entryOf.has(text.slice(i, i + len))) len--;
        if (len < 2) {
          i++;
          continue;
        }
        const entry = entryOf.get(text.slice(i, i + len))!;
        if (entry >= 0) out.push({ start: i, end: i + len, entry });
        i += len;
      }
      return out;
    };
    const sample = corpusTexts.map((t) => t.slice(0, 4000));
    for (const text of sample) expect(matcher.match(text)).toEqual(naive(text));
  });
});

describe('the forms a page receives', () => {
  it('match every corpus document as the plain forms do, within the 150 KiB budget', () => {
    const wire = JSON.stringify(packFormIndex(index));
    expect(new TextEncoder().encode(wire).length).toBeLessThanOrEqual(150 * 1024);
    const layered = new TermMatcher([], [], FormIndex.from(JSON.parse(wire)));
    for (const [form, entry] of new Map(index.forms)) if (form.length >= 2 && !index.blockers.includes(form)) expect(layered.entryOf(form)).toBe(entry);
    for (const text of corpusTexts) expect(layered.match(text)).toEqual(matcher.match(text));
  });

  it('decode every bucket into the order the matcher sorts them in, without sorting', () => {
    const packed = packFormIndex(index);
    for (const line of packed.text.split('\n')) {
      const decoded = decodeBucket(line, packed.count)!;
      expect(decoded.map((c) => [c.form, c.entry, c.third])).toEqual(orderCandidates(decoded.map((c) => candidate(c.form, c.entry))).map((c) => [c.form, c.entry, c.third]));
    }
  });
});
