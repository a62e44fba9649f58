// @vitest-environment node
// The page's own notes as page-local entries: indices, joining an entry that exists, what the
// popover and the terms index show, and the messages that carry them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePageNotes } from '@/utils/core/glossary/page-notes';
import { mayHoldNotes, noteFor, noteForms, noteRows, pageNoteTerms, pageNoteView, sameTerms } from '@/utils/core/glossary/page-note-terms';
import { TermMatcher } from '@/utils/core/glossary/matcher';
import { groupTerms } from '@/utils/core/glossary/rows';
import { citation } from '@/utils/core/glossary/view';
import { parseMessage } from '@/utils/core/messages';
import { isPageTerms } from '@/utils/core/replies';

const notes = [
  { term: '两个健康', definition: '是指促进非公有制经济健康发展和非公有制经济人士健康成长。', blockIndex: 10 },
  { term: '放管服', definition: '本报告中指简政放权、放管结合、优化服务。', blockIndex: 11 },
  { term: '浙里办', definition: '浙江省统一的政务服务移动端应用。', blockIndex: 12 },
];
// 放管服 is a glossary form (entry 7); entries 0–99 are the glossary, 100–101 own terms.
const known = new Map<string, number>([
  ['放管服', 7],
  ['放管服改革', 7],
  ['开门听建议', 100],
]);

describe('pageNoteTerms', () => {
  const t = pageNoteTerms(notes, known, 102);

  it('gives notes without an entry indices from the base, in page order; a known form joins its entry', () => {
    expect(t.items.map((i) => [i.term, i.entry])).toEqual([
      ['两个健康', 102],
      ['放管服', 7],
      ['浙里办', 103],
    ]);
    expect(noteForms(t)).toEqual([
      ['两个健康', 102],
      ['浙里办', 103],
    ]);
    expect(noteFor(t, 7)?.definition).toBe('本报告中指简政放权、放管结合、优化服务。');
    expect(noteFor(t, 103)?.term).toBe('浙里办');
    expect(noteFor(t, 8)).toBeUndefined();
  });

  it('tells a reading with other terms (another script, a section gone) from the same one', () => {
    expect(sameTerms(t, pageNoteTerms(notes.map((n) => ({ ...n, definition: 'x' })), known, 102))).toBe(true);
    expect(sameTerms(t, pageNoteTerms([{ ...notes[0]!, term: '兩個健康' }, notes[1]!, notes[2]!], known, 102))).toBe(false);
    expect(sameTerms(t, pageNoteTerms(notes.slice(1), known, 102))).toBe(false);
    expect(sameTerms(t, pageNoteTerms(notes, known, 103))).toBe(false);
  });

  it('matches the fixture page’s note terms with one matcher, alongside the glossary’s forms', () => {
    const html = readFileSync('tests/fixtures/report-with-notes.html', 'utf8');
    const blocks = [...html.matchAll(/<(h[1-3]|p)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, ''));
    const page = pageNoteTerms(parsePageNotes(blocks), known, 102);
    expect(page.items).toHaveLength(6);
    const matcher = new TermMatcher([...known, ...noteForms(page)]);
    const found = matcher.match('推进“放管服”改革，深化“两个健康”，用好浙里办和一码通城。').map((m) => m.entry);
    expect(found).toEqual([7, 102, 104, 105]);
  });
});

describe('mayHoldNotes', () => {
  it('is true for a block that may start a notes section', () => {
    for (const s of ['名词解释', '【名词注释】', '附：名词解释', '注释', '註釋', '注：', '［1］浙里办： 浙江省……', '[1]标准地：……', '本报告有关名词解释：'])
      expect(mayHoldNotes(s), s).toBe(true);
  });
  it('is false for ordinary text, even with 注 inside it', () => {
    for (const s of ['我们高度关注民生。', '1.加强法治政府建设。', '一、2025年工作回顾', '［2］一码通城：……', '各位代表：'])
      expect(mayHoldNotes(s), s).toBe(false);
  });
});

describe('what the page notes look like', () => {
  const t = pageNoteTerms(notes, known, 102);

  it('a note-only term: the page’s definition, marked as from this page, no category or English', () => {
    const v = pageNoteView(noteFor(t, 102)!, '两个健康', 'simplified');
    expect(v).toMatchObject({ index: 102, headword: '两个健康', other: '两个健康', lang: 'zh-Hans', english: '', category: 'page', user: false });
    expect(v.pageNote).toEqual({ term: '两个健康', definition: notes[0]!.definition });
    expect(pageNoteView(noteFor(t, 103)!, '', 'traditional')).toMatchObject({ headword: '浙里办', lang: 'zh-Hant' });
    expect(citation(v, { title: 'T', url: 'https://x.gov.cn/' }, new Date('2026-01-02'))).toBe(
      `两个健康\nThis page's note: ${notes[0]!.definition}\nSeen in: T <https://x.gov.cn/>, 2026-01-02`,
    );
  });

  it('terms index: a "From this page" group of the notes found, those with an entry too', () => {
    const rows = noteRows(t.items, new Map([[7, 3], [102, 1]]), 'simplified');
    expect(rows.map((r) => [r.headword, r.index, r.count, r.category])).toEqual([
      ['两个健康', 102, 1, 'page'],
      ['放管服', 7, 3, 'page'],
    ]);
    const groups = groupTerms(
      [...rows, { index: 7, id: 'fangguanfu', headword: '放管服', other: '放管服', pinyin: 'fàng guǎn fú', english: 'streamlining', category: 'government-reform', count: 3, lang: 'zh-Hans' }],
      '',
    );
    expect(groups.map((g) => [g.category, g.rows.length])).toEqual([
      ['page', 2],
      ['government-reform', 1],
    ]);
    // The page's definition is searchable like an English rendering.
    expect(groupTerms(rows, '非公有制').map((g) => g.rows.map((r) => r.headword))).toEqual([['两个健康']]);
  });
});

describe('messages that carry page notes', () => {
  it('add-term takes a page’s note as the own term’s note, up to the own-terms limit', () => {
    expect(parseMessage({ type: 'add-term', text: ' 两个健康 ', note: ' 是指…… ' })).toEqual({ type: 'add-term', text: '两个健康', note: '是指……' });
    expect(parseMessage({ type: 'add-term', text: '两个健康', note: '  ' })).toEqual({ type: 'add-term', text: '两个健康' });
    expect(parseMessage({ type: 'add-term', text: '两个健康' })).toEqual({ type: 'add-term', text: '两个健康' });
    expect(parseMessage({ type: 'add-term', text: '两个健康', note: 'x'.repeat(2001) })).toBeNull();
    expect(parseMessage({ type: 'add-term', text: '两个健康', note: 3 })).toBeNull();
  });
  it('get-terms replies carry the notes, checked', () => {
    const base = { script: 'simplified', counts: [[102, 1]], userBase: 100 };
    expect(isPageTerms(base)).toBe(true);
    expect(isPageTerms({ ...base, notes: { base: 102, items: [{ term: '两个健康', definition: '是指……', entry: 102 }] } })).toBe(true);
    expect(isPageTerms({ ...base, notes: { base: 102, items: [{ term: '两个健康', entry: 102 }] } })).toBe(false);
    expect(isPageTerms({ ...base, notes: { items: [] } })).toBe(false);
  });
});
