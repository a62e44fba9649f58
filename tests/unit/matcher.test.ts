import { describe, expect, it } from 'vitest';
import { TermMatcher } from '@/utils/core/glossary/matcher';
import { scanBlocks, countTerms, distinctEntries } from '@/utils/core/glossary/scan';
import { unpackMatches } from '@/utils/core/glossary/match-list';
import { PageTextModel } from '@/utils/dom/text/model';

const forms: [string, number][] = [
  ['行政复议', 0],
  ['行政複議', 0],
  ['行政', 9],
  ['行政复议法', 1],
  ['复议纠错率', 2],
  ['三统一', 3],
  ['三統一', 3],
  ['政协', 4],
];
const m = new TermMatcher(forms, ['行政协']);
const words = (text: string) => m.match(text).map((x) => text.slice(x.start, x.end));

describe('TermMatcher', () => {
  it('takes the longest form at the leftmost position', () => {
    expect(words('依照行政复议法办理')).toEqual(['行政复议法']);
    expect(words('行政复议和行政')).toEqual(['行政复议', '行政']);
  });

  it('does not report overlapping terms; the leftmost wins', () => {
    // 行政复议 and 复议纠错率 overlap on 复议: the leftmost match is kept.
    expect(words('行政复议纠错率')).toEqual(['行政复议']);
    expect(words('综合复议纠错率')).toEqual(['复议纠错率']);
  });

  it('matches both scripts and reports the entry', () => {
    const r = m.match('納入三統一管理，三统一');
    expect(r.map((x) => x.entry)).toEqual([3, 3]);
    expect(m.match('行政複議')[0]).toEqual({ start: 0, end: 4, entry: 0 });
  });

  it('blockers stop accidental matches inside longer words', () => {
    expect(words('签订行政协议')).toEqual([]);
    expect(words('市政协委员')).toEqual(['政协']);
  });

  it('ignores one-character forms and handles empty text', () => {
    const one = new TermMatcher([['法', 0]]);
    expect(one.match('法律')).toEqual([]);
    expect(one.size).toBe(0);
    expect(m.match('')).toEqual([]);
  });

  it('handles surrogate pairs and text ending mid-form', () => {
    expect(words('𠀀行政复')).toEqual(['行政']);
  });
});

describe('TermMatcher on a pair that starts many forms', () => {
  // More forms under 发展 than a straight scan is used for: the matcher looks up the text's third character.
  const thirds = [...'一七三上下不中为乡事二五产人代以企优会体'];
  const many: [string, number][] = [['发展', 0], ...thirds.map((c, k): [string, number] => [`发展${c}业`, k + 1]), ...thirds.slice(0, 5).map((c, k): [string, number] => [`发展${c}`, k + 30])];
  const mm = new TermMatcher(many);
  const byForm = new Map(many);
  const naive = (text: string) => {
    const out: { start: number; end: number; entry: number }[] = [];
    for (let i = 0; i < text.length; ) {
      let len = Math.min(4, text.length - i);
      while (len >= 2 && !byForm.has(text.slice(i, i + len))) len--;
      if (len < 2) i++;
      else {
        out.push({ start: i, end: i + len, entry: byForm.get(text.slice(i, i + len))! });
        i += len;
      }
    }
    return out;
  };
  it('finds the longest form with each third character, a two-character form otherwise, up to the end of the text', () => {
    for (const text of ['发展企业和发展中国', '发展体', '发展', '发展丁', '要发展一业发展七发展乡', '发展〇业发展']) expect(mm.match(text), text).toEqual(naive(text));
    expect(mm.match('发展中业')).toEqual([{ start: 0, end: 4, entry: thirds.indexOf('中') + 1 }]);
    expect(mm.match('发展三')).toEqual([{ start: 0, end: 3, entry: 32 }]);
    expect(mm.match('发展体')).toEqual([{ start: 0, end: 2, entry: 0 }]);
  });
});

describe('scanBlocks on the page-text model', () => {
  it('finds a term split by inline markup', async () => {
    document.body.innerHTML = '<p><b>行政</b>複議與<a href="#">三統</a>一</p><p>政协</p>';
    const model = new PageTextModel(document).build();
    const res = await scanBlocks(model.blocks, m);
    const first = unpackMatches(res.get(model.blocks[0]!.id)!);
    expect(first.map((x) => model.blocks[0]!.text.slice(x.start, x.end))).toEqual(['行政複議', '三統一']);
    expect(countTerms(res.values())).toEqual(new Map([[0, 1], [3, 1], [4, 1]]));
  });

  it('counts distinct entries as the counts do, entry indices past any first guess included', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (const max of [3, 900, 5000, 70_000]) {
      const lists = Array.from({ length: 40 }, () => Array.from({ length: rand(12) }, (_, i) => [i * 4, i * 4 + 2, rand(max)]).flat());
      expect(distinctEntries(lists)).toBe(countTerms(lists).size);
    }
    expect(distinctEntries([])).toBe(0);
    expect(distinctEntries([[0, 2, 0], [5, 7, 0, 9, 11, 2048]])).toBe(2);
  });

  it('yields between slices and stops when cancelled', async () => {
    document.body.innerHTML = Array.from({ length: 50 }, () => '<p>行政复议</p>').join('');
    const model = new PageTextModel(document).build();
    let clock = 0;
    let yields = 0;
    let cancel = false;
    const res = await scanBlocks(model.blocks, m, {
      sliceMs: 5,
      now: () => (clock += 1),
      yieldTo: async () => {
        yields++;
        if (yields === 3) cancel = true;
      },
      cancelled: () => cancel,
    });
    expect(yields).toBe(3);
    expect(res.size).toBeGreaterThan(0);
    expect(res.size).toBeLessThan(50);
  });
});

describe('a matcher on top of another', () => {
  const own = new TermMatcher([['行政复议', 7], ['行政', 8], ['依法', 9]], ['三统一'], m);
  const ownWords = (text: string) => own.match(text).map((x) => [text.slice(x.start, x.end), x.entry]);

  it('replaces a form of the base, adds its own, keeps the rest of the base, and blocks what it blocks', () => {
    expect(ownWords('依法行政复议与行政複議和行政')).toEqual([
      ['依法', 9],
      ['行政复议', 7],
      ['行政複議', 0],
      ['行政', 8],
    ]);
    expect(ownWords('依照行政复议法')).toEqual([['行政复议法', 1]]);
    expect(ownWords('三统一与三統一')).toEqual([['三統一', 3]]);
    expect(ownWords('签订行政协议')).toEqual([]);
  });

  it('leaves the base as it was', () => {
    expect(m.match('行政复议和行政').map((x) => x.entry)).toEqual([0, 9]);
  });

  it('tells the entry a text is exactly a form of', () => {
    expect(own.entryOf('行政复议')).toBe(7);
    expect(own.entryOf('行政复议法')).toBe(1);
    expect(own.entryOf('行政协')).toBeUndefined();
    expect(own.entryOf('行政复')).toBeUndefined();
    expect(m.entryOf('政协')).toBe(4);
    expect(m.entryOf('法')).toBeUndefined();
  });

  it('keeps both pairs apart when two fold to the same key', () => {
    // U+4E00 and U+8E00 differ only in a bit the key drops.
    const both = new TermMatcher([['\u4e00二三', 0], ['\u8e00二', 1]]);
    expect(both.match('\u4e00二三 \u8e00二 \u4e00二')).toEqual([
      { start: 0, end: 3, entry: 0 },
      { start: 4, end: 6, entry: 1 },
    ]);
  });
});
