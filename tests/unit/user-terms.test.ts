import { describe, expect, it } from 'vitest';
import {
  exportCsv, exportJson, ImportError, mergeTerms, parseCsv, parseCsvRows, parseJson, sanitizeStored, validateTerm, type UserTerm, type TermInput,
} from '@/utils/core/user-terms/model';

const make = (t: TermInput, i = 0): UserTerm => ({ ...t, id: `u${i}`, derived: [], created: 1, updated: 1 });
const terms: UserTerm[] = [
  make({ forms: ['两山理念', '兩山理念'], pinyin: 'liǎng shān lǐniàn', english: '"two mountains" concept', note: 'Lucid waters and lush mountains\nare invaluable assets' }, 1),
  make({ forms: ['共富'], pinyin: '', english: 'common prosperity, short form', note: 'contains, commas and "quotes"' }, 2),
  make({ forms: ['公式项'], pinyin: '', english: '=HYPERLINK("x")', note: '<script>alert(1)</script>' }, 3),
];

function refusal(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected the import to be refused');
}

describe('validateTerm', () => {
  it('accepts and cleans a term', () => {
    expect(validateTerm({ forms: ' 两山理念 | 兩山理念 |两山理念', english: ' x ', pinyin: undefined }).term).toEqual({ forms: ['两山理念', '兩山理念'], pinyin: '', english: 'x', note: '' });
  });
  it('says which field is wrong', () => {
    const { errors } = validateTerm({ forms: ['a', '法'], english: '' }, 7);
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 7, field: 'forms', message: '"a" is too short (2 characters at least)' },
        { line: 7, field: 'english', message: 'empty: give an English rendering' },
      ]),
    );
    expect(validateTerm({ forms: ['hello'], english: 'x' }).errors[0]!.message).toMatch(/no Chinese character/);
    expect(validateTerm({ forms: ['两山'], english: 5 }).errors[0]!.field).toBe('english');
  });
});

describe('JSON', () => {
  it('round-trips without loss, including notes with HTML, line breaks and quotes', () => {
    const back = parseJson(exportJson(terms));
    expect(back).toEqual(terms.map(({ forms, pinyin, english, note }) => ({ forms, pinyin, english, note })));
  });
  it('refuses a foreign or corrupt file with a clear message', () => {
    expect(refusal(() => parseJson('{not json')).message).toMatch(/not a JSON file/);
    expect(refusal(() => parseJson('{"hello": 1}')).message).toMatch(/not a Bilingual Reader terms export/);
    expect(refusal(() => parseJson('{"format":"bilingual-reader-terms","version":9,"terms":[]}')).message).toMatch(/version 9/);
    const e = refusal(() => parseJson(JSON.stringify({ format: 'bilingual-reader-terms', version: 1, terms: [{ forms: ['两山'], english: 'ok' }, { forms: ['三山'], english: '' }] })));
    expect(e.errors).toEqual([{ line: 2, field: 'english', message: 'empty: give an English rendering' }]);
    expect(e.message).toBe('line 2, english: empty: give an English rendering');
  });
});

describe('CSV', () => {
  it('round-trips without loss', () => {
    const csv = exportCsv(terms);
    expect(csv.split('\r\n')[0]).toBe('forms,pinyin,english,note');
    // Spreadsheet formulas are neutralised on export and restored on import.
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(parseCsv(csv)).toEqual(terms.map(({ forms, pinyin, english, note }) => ({ forms, pinyin, english, note })));
  });
  it('parses quoted fields with commas, quotes and line breaks, and reports the right line', () => {
    const rows = parseCsvRows('a,b\n"x, ""y""","1\n2"\nlast,row');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', '1\n2'] },
      { line: 4, fields: ['last', 'row'] },
    ]);
  });
  it('refuses bad files, saying line and field', () => {
    expect(refusal(() => parseCsv('')).message).toMatch(/empty/);
    expect(refusal(() => parseCsv('word,meaning\n两山,x')).message).toMatch(/line 1, header: missing column forms, english/);
    expect(refusal(() => parseCsv('forms,english\n两山,ok\n共富,')).message).toBe('line 3, english: empty: give an English rendering');
    expect(refusal(() => parseCsv('forms,english\n"两山,ok')).message).toMatch(/line 2, row: a quoted field is not closed/);
    expect(refusal(() => parseCsv('forms,english\n两山,ok,extra')).message).toMatch(/line 2, row: 3 fields/);
  });
  it('reads a minimal file with only forms and english', () => {
    expect(parseCsv('English,Forms\r\nrule of law,法治|法治化\r\n')).toEqual([{ forms: ['法治', '法治化'], pinyin: '', english: 'rule of law', note: '' }]);
  });
});

describe('merging and stored data', () => {
  it('adds new terms, skips duplicates, never drops existing ones', () => {
    let n = 10;
    const { terms: merged, added, skipped } = mergeTerms(terms, [{ forms: ['兩山理念', '两山理念'], pinyin: '', english: '"two mountains" concept', note: '' }, { forms: ['新词'], pinyin: '', english: 'new', note: '' }], (t) => make(t, n++));
    expect([added, skipped]).toEqual([1, 1]);
    expect(merged.slice(0, 3)).toEqual(terms);
    expect(merged).toHaveLength(4);
  });
  it('drops malformed stored terms instead of breaking', () => {
    expect(sanitizeStored([terms[0], { id: 'x', forms: [] }, null, 'junk'])).toEqual([terms[0]]);
    expect(sanitizeStored('not a list')).toEqual([]);
  });
});
