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
  englishSource: 'Administrative Reconsideration Law, NPC English version',
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
});
