// @vitest-environment node
// Coverage of quoted shorthand and frequent policy terms: the rule glossary:check enforces.
import { describe, expect, it } from 'vitest';
import { TermMatcher } from '@/utils/core/glossary/matcher';
import { coveredHow, frequentPolicyTerms, quotedCoverage, quotedTerms, termsCoverage } from '@/utils/core/glossary/coverage';

const formList = ['放管服', '互联网+', '两不愁', '三保障', '碳达峰碳中和', '碳达峰', '规模以上', '规上', '经营主体'];
const matcher = new TermMatcher(formList.map((f, i) => [f, i] as [string, number]));
const forms = new Set(formList);
const isForm = (s: string) => forms.has(s);

describe('quotedTerms', () => {
  it('keeps short quoted terms found in enough documents, most widely quoted first', () => {
    const texts = ['深化“放管服”改革，推进“互联网+”。', '继续推进“放管服”改革。', '实施“互联网+”行动，“放管服”。'];
    expect(quotedTerms(texts)).toEqual([
      { term: '放管服', docs: [0, 1, 2], count: 3 },
      { term: '互联网+', docs: [0, 2], count: 2 },
    ]);
    expect(quotedTerms(texts, { minDocs: 3 }).map((q) => q.term)).toEqual(['放管服']);
  });
  it('skips quotations that are sentences, too long, or not Chinese', () => {
    const texts = ['他说“我们要改革，要开放”', '他说“我们要改革，要开放”', '“WTO”与“WTO”', '“一二三四五六七八九十一二三四五六七”', '“一二三四五六七八九十一二三四五六七”'];
    expect(quotedTerms(texts)).toEqual([]);
  });
  it('keeps enumerations joined by 、 as one term', () => {
    expect(quotedTerms(['“双随机、一公开”', '“双随机、一公开”']).map((q) => q.term)).toEqual(['双随机、一公开']);
  });
});

describe('coveredHow', () => {
  it('counts a term that is a form', () => {
    expect(coveredHow('放管服', matcher, isForm)).toBe('form');
  });
  it('counts forms inside a term covering at least half of it', () => {
    expect(coveredHow('互联网+政务服务', matcher, isForm)).toBe('inside'); // 4 of 8
    expect(coveredHow('两不愁三保障', matcher, isForm)).toBe('inside');
    expect(coveredHow('互联网+政务服务平台', matcher, isForm)).toBeNull(); // 4 of 10
  });
  it('counts a term when a longer match of the running text encloses it', () => {
    expect(coveredHow('碳中和', matcher, isForm, [[{ start: 0, end: 6 }]])).toBe('context');
    expect(coveredHow('碳中和', matcher, isForm, [[{ start: 3, end: 6 }]])).toBeNull();
  });
});

describe('quotedCoverage', () => {
  const texts = ['“放管服”改革和“新官不理旧账”以及“定心丸”', '“放管服”，“新官不理旧账”，“定心丸”', '“碳中和”：实现碳达峰碳中和', '实现“碳中和”'];
  it('splits quoted terms into covered, excluded and uncovered', () => {
    const r = quotedCoverage(texts, matcher, forms, new Map([['定心丸', 'plain idiom']]));
    expect(r.total).toBe(4);
    expect(r.covered).toEqual([{ term: '放管服', how: 'form' }]);
    expect(r.excluded).toEqual([{ term: '定心丸', reason: 'plain idiom' }]);
    expect(r.uncovered.map((q) => q.term)).toEqual(['新官不理旧账', '碳中和']);
    expect(r.share).toBe(0.5);
    expect(r.glossaryShare).toBe(0.25);
  });
  it('uses a form written around the quotes on the page (substring-aware)', () => {
    const withQuotes = new TermMatcher([['“碳中和”：实现', 0]]);
    const r = quotedCoverage(texts, withQuotes, new Set(), new Map());
    expect(r.covered).toContainEqual({ term: '碳中和', how: 'context' });
  });
  it('is complete when there is nothing to cover', () => {
    expect(quotedCoverage(['无引号'], matcher, forms, new Map()).share).toBe(1);
  });
});

describe('frequentPolicyTerms', () => {
  const texts = [
    '实施乡村振兴战略。推进供给侧结构性改革。',
    '坚持乡村振兴战略，深化供给侧结构性改革和国资国企改革。',
    '全面推进乡村振兴战略，以供给侧结构性改革为主线。',
    '落实乡村振兴战略。',
  ];
  it('finds suffix-ended runs at word boundaries in enough documents', () => {
    const terms = frequentPolicyTerms(texts).map((t) => t.term);
    expect(terms).toContain('乡村振兴战略');
    expect(terms).toContain('供给侧结构性改革');
    // inside the longer term only, and never preceded by a boundary of its own
    expect(terms).not.toContain('结构性改革');
    expect(terms).not.toContain('村振兴战略');
    // one document only
    expect(terms).not.toContain('国资国企改革');
  });
  it('reports the share the glossary covers', () => {
    const r = termsCoverage(['规模以上工业', '乡村振兴战略'], matcher, forms);
    expect(r).toEqual({ covered: ['规模以上工业'], uncovered: ['乡村振兴战略'], share: 0.5 });
  });
});
