import { describe, expect, it } from 'vitest';
import { TermMatcher } from '@/utils/core/glossary/matcher';
import { scanBlocks, countTerms } from '@/utils/core/glossary/scan';
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

describe('scanBlocks on the page-text model', () => {
  it('finds a term split by inline markup', async () => {
    document.body.innerHTML = '<p><b>行政</b>複議與<a href="#">三統</a>一</p><p>政协</p>';
    const model = new PageTextModel(document).build();
    const res = await scanBlocks(model.blocks, m);
    const first = res.get(model.blocks[0]!.id)!;
    expect(first.map((x) => model.blocks[0]!.text.slice(x.start, x.end))).toEqual(['行政複議', '三統一']);
    expect(countTerms(res.values())).toEqual(new Map([[0, 1], [3, 1], [4, 1]]));
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
