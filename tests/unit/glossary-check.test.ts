// @vitest-environment node
// The glossary checks must catch what they promise to catch.
import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
// @ts-expect-error: plain ESM build script without type declarations
import { checkGlossary, loadFiles, listSourceFiles } from '../../scripts/glossary/lib.mjs';
// @ts-expect-error: plain ESM build script without type declarations
import { compileGlossary } from '../../scripts/glossary/compile.mjs';
import { isCompiledGlossary } from '@/utils/core/glossary';

const good = {
  id: 'administrative-reconsideration',
  simplified: '行政复议',
  traditional: '行政複議',
  pinyin: 'xíngzhèng fùyì',
  english: 'administrative reconsideration',
  official: true,
  englishSource: { title: 'Administrative Reconsideration Law of the People\'s Republic of China', year: 2023, note: 'NPC English version' },
  definition: { en: 'A review.', zh: '复查。' },
  category: 'administrative-law',
};

function check(entries: object[]) {
  const dir = mkdtempSync(join(tmpdir(), 'gl-'));
  const file = join(dir, 'administrative-law.json');
  writeFileSync(file, JSON.stringify({ category: 'administrative-law', entries }));
  return checkGlossary(loadFiles([file])) as { errors: string[] };
}

describe('glossary checks', () => {
  it('accepts a good entry', () => {
    expect(check([good]).errors).toEqual([]);
  });
  it('rejects a schema violation and empty strings', () => {
    expect(check([{ ...good, english: '' }]).errors.join()).toMatch(/english/);
    expect(check([{ ...good, extra: 1 }]).errors.join()).toMatch(/additional/);
  });
  it('requires a source for official English', () => {
    const { englishSource: _s, ...noSource } = good;
    expect(check([noSource]).errors.join()).toMatch(/englishSource/);
    expect(check([{ ...noSource, official: false }]).errors).toEqual([]);
  });
  it('requires the source of official English to name a document and its year', () => {
    expect(check([{ ...good, englishSource: 'NPC English version' }]).errors.join()).toMatch(/englishSource \{title, year\}/);
    expect(check([{ ...good, englishSource: { title: 'Administrative Reconsideration Law' } }]).errors.join()).toMatch(/year/);
    expect(check([{ ...good, englishSource: { title: 'X', year: 2023, url: 'http://example.org' } }]).errors.join()).toMatch(/url/);
    expect(check([{ ...good, englishSource: { title: 'X', year: 2023, url: 'https://www.npc.gov.cn/englishnpc/' } }]).errors).toEqual([]);
  });
  it('accepts capitals with tone marks for proper names', () => {
    const gba = { ...good, id: 'gba', simplified: '粤港澳', traditional: '粵港澳', pinyin: 'Yuè-Gǎng-Ào', official: false, englishSource: undefined };
    expect(check([gba]).errors).toEqual([]);
    expect(check([{ ...gba, pinyin: 'Yuè-Gǎng-Ào 2' }]).errors.join()).toMatch(/pinyin/);
  });
  it('wants base tones for 一 and 不, as GB/T 16159-2012 writes them', () => {
    const ydyl = { ...good, id: 'belt-and-road', simplified: '一带一路', traditional: '一帶一路', official: false, englishSource: undefined };
    expect(check([{ ...ydyl, pinyin: 'yīdài yīlù' }]).errors).toEqual([]);
    expect(check([{ ...ydyl, pinyin: 'yídài yílù' }]).errors.join()).toMatch(/pinyin-pro "yīdàiyīlù"/);
    const bw = { ...ydyl, id: 'bu-wang', simplified: '不忘初心', traditional: '不忘初心' };
    expect(check([{ ...bw, pinyin: 'bùwàng chūxīn' }]).errors).toEqual([]);
    expect(check([{ ...bw, pinyin: 'búwàng chūxīn' }]).errors.join()).toMatch(/pinyin-pro/);
  });
  it('rejects duplicate ids and forms shared by two entries', () => {
    expect(check([good, good]).errors.join()).toMatch(/duplicate id/);
    expect(check([good, { ...good, id: 'other', variants: [] }]).errors.join()).toMatch(/maps to both/);
    expect(check([{ ...good, ambiguous: true }, { ...good, id: 'other', ambiguous: true }]).errors).toEqual([]);
  });
  it('checks traditional against opencc and pinyin against pinyin-pro', () => {
    expect(check([{ ...good, traditional: '行政复议' }]).errors.join()).toMatch(/opencc/);
    expect(check([{ ...good, traditional: '行政复议', traditionalReason: 'test' }]).errors).toEqual([]);
    expect(check([{ ...good, pinyin: 'xíngzhèng fúyì' }]).errors.join()).toMatch(/pinyin-pro/);
    expect(check([{ ...good, pinyin: 'xíngzhèng fúyì', pinyinReason: 'test' }]).errors).toEqual([]);
  });
  it('requires related ids to exist and expansions to have both languages', () => {
    expect(check([{ ...good, related: ['nope'] }]).errors.join()).toMatch(/related id "nope"/);
    expect(check([{ ...good, expands: [{ zh: '一', en: '' }] }]).errors.join()).toMatch(/expands/);
  });
});

describe('the real glossary', () => {
  const { index, errors } = compileGlossary(listSourceFiles());
  it('compiles without errors into an index the extension accepts', () => {
    expect(errors).toEqual([]);
    expect(isCompiledGlossary(index)).toBe(true);
    expect(index.count).toBeGreaterThanOrEqual(400);
  });
  it('derives the forms machine conversion writes on pages', () => {
    const forms = new Map(index.forms as [string, number][]);
    const id = (f: string) => index.entries[forms.get(f)!]?.id;
    expect(id('規範性檔案')).toBe('normative-document');
    expect(id('縣鄉法治政府行動計畫')).toBe('county-township-rule-of-law-action-plan');
    expect(id('行政複議')).toBe('administrative-reconsideration');
    expect(id('三統一')).toBe('three-unifications');
  });
  it('keeps the review fixes: no unofficial short forms, separate concepts apart', () => {
    const forms = new Map(index.forms as [string, number][]);
    const id = (f: string) => index.entries[forms.get(f)!]?.id;
    expect(forms.has('习近平思想')).toBe(false);
    expect(forms.has('综合纠错率')).toBe(false);
    expect(id('依宪执政')).toBe('constitution-based-exercise-of-power');
    expect(id('依宪治国')).toBe('constitution-based-governance');
    const byId = (i: string) => index.entries.find((e: { id: string }) => e.id === i);
    expect(byId('compulsory-administrative-measures').en).toBe('administrative compulsory measures');
    expect(byId('administrative-compulsory-enforcement').en).toMatch(/^administrative compulsory /);
    expect(byId('compulsory-administrative-measures').src).toMatch(/Administrative Compulsion Law.*\(2011\)/);
  });
  it('cites a document and year for every official rendering', () => {
    for (const e of index.entries as { id: string; off: boolean; src?: string }[])
      if (e.off) expect(e.src, e.id).toMatch(/\((19|20)\d\d\)/);
  });
});
