// The forms a page receives: filed by their first two characters, decoded exactly, anything else refused.
import { describe, expect, it } from 'vitest';
import { decodeBucket, FormIndex, packFormIndex } from '@/utils/core/glossary/form-index';
import { BLOCKED, candidate, orderCandidates, pairKey, TermMatcher } from '@/utils/core/glossary/matcher';
import type { CompiledGlossary } from '@/utils/core/glossary/types';

const forms: Pick<CompiledGlossary, 'count' | 'forms' | 'blockers'> = {
  count: 3,
  forms: [
    ['行政复议', 0],
    ['行政複議', 0],
    ['行政复议法', 1],
    ['2035年远景目标', 2],
    ['二〇三五年远景目标', 2],
    ['𠀀𠀁', 1],
  ],
  blockers: ['行政协'],
};
const wire = () => JSON.parse(JSON.stringify(packFormIndex(forms))) as unknown;
const byForm = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : 1);

describe('packFormIndex / FormIndex', () => {
  it('round-trips every form with its entry, blockers, digits and astral characters included', () => {
    const p = packFormIndex(forms);
    const decoded = p.text
      .split('\n')
      .flatMap((line) => decodeBucket(line, p.count)!)
      .map((c): [string, number] => [c.form, c.entry]);
    expect(decoded.sort(byForm)).toEqual([...forms.forms, ['行政协', BLOCKED] as [string, number]].sort(byForm));
    const index = FormIndex.from(wire())!;
    expect(index.count).toBe(3);
    const m = new TermMatcher([], [], index);
    for (const [form, entry] of forms.forms) expect(m.entryOf(form)).toBe(entry);
    expect(m.entryOf('行政协')).toBeUndefined();
    expect(m.entryOf('行政')).toBeUndefined();
  });

  it('files forms by their first two characters, shares what a form has with the one before, and says "same entry" in one character', () => {
    const lines = packFormIndex(forms).text.split('\n');
    // entry 0 is "!!", 1 is "!#", blockers take the highest code ("}}"); forms sorted by code unit.
    expect(lines).toContain('行政}}协|!!复议|!#`2法|!!複議');
    expect(lines).toContain('𠀀!#𠀁');
    const office = packFormIndex({ count: 1, forms: [['行政复议机关', 0], ['行政复议机构', 0]], blockers: [] });
    expect(office.text).toBe('行政!!复议机关|~`3构');
  });

  it('orders a bucket as the matcher tries it: by third character, a form\'s extensions before it, two characters last', () => {
    const index = FormIndex.from(wire())!;
    // 协 U+534F < 复 U+590D < 複 U+8907
    expect(index.decode(index.lists.get(pairKey('行政', 0)) as string).map((c) => c.form)).toEqual(['行政协', '行政复议法', '行政复议', '行政複議']);
    // A line not packed in order is still put in the matcher's order.
    expect(decodeBucket('行政!!複議|!#复议|!#复核', 3)!.map((c) => c.form)).toEqual(['行政复议', '行政复核', '行政複議']);
    expect(decodeBucket('行政!#复核|!#复议|!#复议法|!!複議', 3)!.map((c) => c.form)).toEqual(['行政复议法', '行政复议', '行政复核', '行政複議']);
    const list = orderCandidates([candidate('行政', 1), candidate('行政复议', 2), candidate('行政协', 3), candidate('行政复议法', 4), candidate('行政複議', 5)]);
    expect(list.map((c) => c.form)).toEqual(['行政协', '行政复议法', '行政复议', '行政複議', '行政']);
  });

  it('matches as the matcher does over the plain forms, with forms on top replacing the base', () => {
    const index = FormIndex.from(wire())!;
    const plain = new TermMatcher(forms.forms, forms.blockers);
    const layered = new TermMatcher([], [], index);
    for (const text of ['依照行政复议法办理行政複議', '签订行政协议', '𠀀𠀁和2035年远景目标']) expect(layered.match(text)).toEqual(plain.match(text));
    const own = new TermMatcher([['行政复议', 7], ['行政', 8]], [], index);
    expect(own.match('行政复议与行政複議和行政')).toEqual([
      { start: 0, end: 4, entry: 7 },
      { start: 5, end: 9, entry: 0 },
      { start: 10, end: 12, entry: 8 },
    ]);
    expect(own.entryOf('行政复议法')).toBe(1);
  });

  it('shares the filed forms when it adds nothing, and copies them when it does (the base stays as it was)', () => {
    const index = FormIndex.from(wire())!;
    const plain = new TermMatcher([], [], index);
    expect(plain.lists).toBe(index.lists);
    expect(plain.filter).toBe(index.filter);
    const own = new TermMatcher([['政协委员', 9]], [], index);
    expect(own.lists).not.toBe(index.lists);
    expect(own.match('政协委员')).toEqual([{ start: 0, end: 4, entry: 9 }]);
    expect(plain.match('政协委员')).toEqual([]);
    expect(new TermMatcher([], [], index).match('行政复议')).toEqual([{ start: 0, end: 4, entry: 0 }]);
  });

  it('keeps both pairs when two fold to the same key', () => {
    // U+4E00 and U+8E00 differ only in a bit the key drops.
    const a = '\u4e00二';
    const b = '\u8e00二';
    expect(pairKey(a, 0)).toBe(pairKey(b, 0));
    const index = FormIndex.from(packFormIndex({ count: 2, forms: [[a + '三', 0], [b, 1]], blockers: [] }))!;
    expect(new TermMatcher([], [], index).match(`${a}三 ${b}`)).toEqual([
      { start: 0, end: 3, entry: 0 },
      { start: 4, end: 6, entry: 1 },
    ]);
  });

  it('is smaller than the pairs', () => {
    expect(JSON.stringify(packFormIndex(forms)).length).toBeLessThan(JSON.stringify(forms).length);
  });

  it('refuses what is not a packed index, and decodes nothing from a malformed bucket', () => {
    const good = packFormIndex(forms);
    expect(FormIndex.from(null)).toBeNull();
    expect(FormIndex.from(forms)).toBeNull();
    expect(FormIndex.from({ ...good, format: 2 })).toBeNull();
    expect(FormIndex.from({ ...good, text: 3 })).toBeNull();
    expect(FormIndex.from({ ...good, count: -1 })).toBeNull();
    // an entry at or past the count, a "same" with nothing before, a bad or too long shared run, a
    // character outside the alphabet, a line too short to hold its pair
    for (const bad of ['行政!&复议', '行政~复议', '行政!!`0复议', '行政!!复议|!!`9法', '行政"!复议', '行']) {
      expect(decodeBucket(bad, 3)).toBeNull();
      const index = FormIndex.from({ ...good, text: bad })!;
      expect(new TermMatcher([], [], index).match('行政复议')).toEqual([]);
    }
  });

  it('refuses a form holding a separator, and more entries than it can number', () => {
    expect(() => packFormIndex({ ...forms, forms: [['a|b', 0]] })).toThrow(/separator/);
    expect(() => packFormIndex({ ...forms, forms: [['a`b', 0]] })).toThrow(/separator/);
    expect(() => packFormIndex({ ...forms, forms: [['a\nb', 0]] })).toThrow(/separator/);
    expect(() => packFormIndex({ ...forms, count: 89 * 89 })).toThrow(/at most/);
  });
});
