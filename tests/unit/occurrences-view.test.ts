import { describe, expect, it } from 'vitest';
import { markedByBlock, matchAt, selectOccurrences, stepOccurrence } from '@/utils/core/glossary/occurrences';
import { filterMatches, matchCount, matchOf, unpackMatches } from '@/utils/core/glossary/match-list';
import { TermMatcher, type TermMatch } from '@/utils/core/glossary/matcher';
import { fingerprint, smallFingerprint } from '@/utils/core/text/fingerprint';
import { citation, termView } from '@/utils/core/glossary/view';
import type { IndexedEntry } from '@/utils/core/glossary';

/** Match objects as the page keeps them (three integers each), for fixtures. */
function packMatches(matches: readonly TermMatch[]): number[] {
  const out: number[] = [];
  for (const m of matches) out.push(m.start, m.end, m.entry);
  return out;
}

const matches = new Map([
  [1, packMatches([{ start: 0, end: 4, entry: 7 }, { start: 6, end: 9, entry: 3 }, { start: 12, end: 16, entry: 7 }])],
  [2, packMatches([{ start: 2, end: 5, entry: 7 }])],
]);

describe('selectOccurrences', () => {
  it('keeps page order and all occurrences', () => {
    expect(selectOccurrences([1, 2], matches, 'all').map((o) => [o.blockId, o.start])).toEqual([[1, 0], [1, 6], [1, 12], [2, 2]]);
  });
  it('keeps the first of each term per paragraph', () => {
    expect(selectOccurrences([1, 2], matches, 'first').map((o) => [o.blockId, o.start])).toEqual([[1, 0], [1, 6], [2, 2]]);
  });
  it('marks nothing when off', () => {
    expect(selectOccurrences([1, 2], matches, 'off')).toEqual([]);
  });
  it('follows the block order it is given', () => {
    expect(selectOccurrences([2, 1], matches, 'all')[0]!.blockId).toBe(2);
  });
});

describe('markedByBlock', () => {
  it('hands over each block\'s own list when every match is marked (no copies)', () => {
    const marked = markedByBlock([1, 2, 3], matches, 'all');
    expect([...marked.keys()]).toEqual([1, 2]);
    expect(marked.get(1)).toBe(matches.get(1));
  });
  it('keeps the first of each term per paragraph', () => {
    const first = markedByBlock([1, 2], matches, 'first');
    expect(unpackMatches(first.get(1)!)).toEqual([{ start: 0, end: 4, entry: 7 }, { start: 6, end: 9, entry: 3 }]);
    expect(unpackMatches(first.get(2)!)).toEqual([{ start: 2, end: 5, entry: 7 }]);
  });
  it('marks nothing when off', () => {
    expect(markedByBlock([1, 2], matches, 'off').size).toBe(0);
  });
});

describe('packed match lists', () => {
  const list = [{ start: 0, end: 4, entry: 7 }, { start: 6, end: 9, entry: 3 }];
  it('hold three numbers a match, in order, and give each back as it was', () => {
    expect(packMatches(list)).toEqual([0, 4, 7, 6, 9, 3]);
    expect(matchCount(packMatches(list))).toBe(2);
    expect(matchOf(packMatches(list), 1)).toEqual({ start: 6, end: 9, entry: 3 });
    expect(unpackMatches(packMatches(list))).toEqual(list);
    expect(unpackMatches([])).toEqual([]);
  });
  it('filter by match index, whole triples only', () => {
    expect(filterMatches(packMatches(list), (i) => i === 1)).toEqual([6, 9, 3]);
  });
  it('are what the matcher returns as a list, equal to its matches', () => {
    const m = new TermMatcher([['依法行政', 1], ['行政复议', 0], ['行政', 2]]);
    const texts = ['行政复议', '无', '依法行政与行政复议'];
    for (const t of texts) expect(unpackMatches(m.matchList(t))).toEqual(m.match(t));
    expect(m.matchList('依法行政与行政复议')).toEqual([0, 4, 1, 5, 9, 0]);
  });
});

describe('fingerprint', () => {
  it('is FNV-1a over the code units: equal texts agree, a one-character change does not', () => {
    expect(fingerprint('')).toBe(0x811c9dc5);
    expect(fingerprint('a')).toBe(0xe40c292c);
    expect(fingerprint('行政复议')).toBe(fingerprint('行政' + '复议'));
    expect(fingerprint('第3页')).not.toBe(fingerprint('第4页'));
    expect(fingerprint('行政复议')).not.toBe(fingerprint('行政複議'));
  });
  it('has a 30-bit form that is always a small integer', () => {
    // 0xe40c292c has its top bits set: cut to 30 bits.
    expect(smallFingerprint('a')).toBe(0x240c292c);
    for (const s of ['', 'a', '行政复议', '國務院', '第3页']) {
      expect(smallFingerprint(s)).toBe(fingerprint(s) & 0x3fffffff);
      expect(smallFingerprint(s)).toBeLessThan(2 ** 30);
      expect(smallFingerprint(s)).toBeGreaterThanOrEqual(0);
    }
    expect(smallFingerprint('行政复议')).not.toBe(smallFingerprint('行政複議'));
  });
});

describe('matchAt and stepOccurrence', () => {
  const list = matches.get(1)!;
  it('finds the match covering an offset', () => {
    expect(matchAt(list, 0)?.entry).toBe(7);
    expect(matchAt(list, 3)?.start).toBe(0);
    expect(matchAt(list, 4)).toBeNull();
    expect(matchAt(list, 8)?.entry).toBe(3);
    expect(matchAt(list, 15)?.start).toBe(12);
    expect(matchAt(list, 9)).toBeNull();
    expect(matchAt(list, 12)?.end).toBe(16);
    expect(matchAt([], 0)).toBeNull();
  });
  it('steps with wrap-around', () => {
    expect(stepOccurrence(3, -1, 1)).toBe(0);
    expect(stepOccurrence(3, -1, -1)).toBe(2);
    expect(stepOccurrence(3, 2, 1)).toBe(0);
    expect(stepOccurrence(3, 0, -1)).toBe(2);
    expect(stepOccurrence(0, -1, 1)).toBe(-1);
  });
});

const entry: IndexedEntry = {
  index: 4,
  id: 'standard-land',
  s: '标准地',
  t: '標準地',
  p: 'biāozhǔn dì',
  en: '"standard land"',
  off: false,
  def: { en: 'Land offered with its conditions fixed in advance.', zh: '事先明确投资强度的工业用地。', zht: '事先明確投資強度的工業用地。' },
  ex: [{ zh: '投资强度', zht: '投資強度', en: 'investment intensity' }],
  cat: 'economy-land',
  basis: '《浙江省标准地改革》',
  basist: '《浙江省標準地改革》',
};

describe('termView', () => {
  it('shows Traditional text on Traditional pages', () => {
    const v = termView(entry, 'traditional');
    expect(v).toMatchObject({ headword: '標準地', other: '标准地', lang: 'zh-Hant', definitionZh: '事先明確投資強度的工業用地。', basis: '《浙江省標準地改革》' });
    expect(v.expands[0]!.zh).toBe('投資強度');
  });
  it('shows Simplified text on Simplified pages', () => {
    const v = termView(entry, 'simplified');
    expect(v).toMatchObject({ headword: '标准地', other: '標準地', lang: 'zh-Hans', definitionZh: '事先明确投资强度的工业用地。' });
  });
  it('makes a plain-text citation that says when the English is unofficial', () => {
    const c = citation(termView(entry, 'simplified'), { title: '报告', url: 'https://x.cn/a' }, new Date('2026-01-02T00:00:00Z'));
    expect(c).toContain('标准地 (標準地; biāozhǔn dì) — "standard land" [unofficial rendering]');
    expect(c).toContain('Seen in: 报告 <https://x.cn/a>, 2026-01-02');
  });
});
