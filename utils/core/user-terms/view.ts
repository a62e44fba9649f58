// A popover view for one of the reader's own terms. Pure.
import type { TermView, ShownScript } from '@/utils/core/glossary/view';
import type { UserTerm } from '@/utils/core/user-terms/model';

export function userTermView(t: UserTerm, index: number, found: string, script: ShownScript): TermView {
  const all = [...t.forms, ...t.derived];
  const other = all.find((f) => f !== found && f.length === found.length) ?? t.forms.find((f) => f !== found) ?? found;
  return {
    index,
    id: t.id,
    headword: found || t.forms[0]!,
    other,
    lang: script === 'traditional' ? 'zh-Hant' : 'zh-Hans',
    pinyin: t.pinyin,
    english: t.english,
    official: false,
    alternatives: [],
    definitionEn: '',
    definitionZh: '',
    expands: [],
    category: 'user',
    related: [],
    user: true,
    note: t.note || undefined,
  };
}

/** Forms to match for the reader's terms, with the entry index each maps to (after the glossary's). */
export function userForms(terms: readonly UserTerm[], base: number): [string, number][] {
  const out: [string, number][] = [];
  terms.forEach((t, i) => {
    for (const f of new Set([...t.forms, ...t.derived])) out.push([f, base + i]);
  });
  return out;
}
