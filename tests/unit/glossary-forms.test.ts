// The forms a page receives: packed small, unpacked exactly, anything else refused.
import { describe, expect, it } from 'vitest';
import { packForms, unpackForms } from '@/utils/core/glossary';
import type { GlossaryForms } from '@/utils/core/glossary/types';

const forms: GlossaryForms = {
  format: 1,
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
const sorted = (f: GlossaryForms['forms']) => [...f].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));

describe('packForms / unpackForms', () => {
  it('round-trips every form with its entry, digits and astral characters included', () => {
    const back = unpackForms(JSON.parse(JSON.stringify(packForms(forms))));
    expect(back).not.toBeNull();
    expect(sorted(back!.forms)).toEqual(sorted(forms.forms));
    expect(back!.blockers).toEqual(['行政协']);
    expect(back!.count).toBe(3);
  });
  it('codes shared beginnings as a digit, shared places as backticks, whichever is shorter', () => {
    expect(packForms(forms).packed[0]).toBe('0行政复议|2複議');
    const office = packForms({ format: 1, count: 1, forms: [['國務院辦公廳', 0], ['国务院办公厅', 0]], blockers: [] });
    expect(office.packed[0]).toBe('0国务院办公厅|~0國務`辦`廳');
    expect(unpackForms(office)!.forms).toEqual([['国务院办公厅', 0], ['國務院辦公廳', 0]]);
    expect(packForms(forms).packed[1]).toBe('0行政复议法|0𠀀𠀁');
    expect(packForms(forms).packed[2]).toBe('02035年远景目标|~0二〇三五`````');
    const long = packForms({ format: 1, count: 1, forms: [['行政复议机关', 0], ['行政复议机构', 0]], blockers: [] });
    expect(long.packed[0]).toBe('0行政复议机关|5构');
  });
  it('is smaller than the pairs', () => {
    expect(JSON.stringify(packForms(forms)).length).toBeLessThan(JSON.stringify(forms).length);
  });
  it('refuses what is not packed forms', () => {
    const good = packForms(forms);
    expect(unpackForms(null)).toBeNull();
    expect(unpackForms(forms)).toBeNull();
    expect(unpackForms({ ...good, format: 2 })).toBeNull();
    expect(unpackForms({ ...good, count: 4 })).toBeNull();
    expect(unpackForms({ ...good, packed: ['x行政', '', ''] })).toBeNull();
    expect(unpackForms({ ...good, packed: ['5行政', '', ''] })).toBeNull();
    expect(unpackForms({ ...good, packed: ['0行政|~1``', '', ''] })).toBeNull();
    expect(unpackForms({ ...good, packed: ['0行政|~0```', '', ''] })).toBeNull();
    expect(unpackForms({ ...good, blockers: [1] })).toBeNull();
  });
  it('refuses a form holding the separator', () => {
    expect(() => packForms({ ...forms, forms: [['a|b', 0]] })).toThrow(/separator/);
    expect(() => packForms({ ...forms, forms: [['a`b', 0]] })).toThrow(/separator/);
  });
});
