// What a popover shows for an entry, in the page's script. Pure: Vue only renders this.
import type { IndexedEntry } from '@/utils/core/glossary/index';
import type { Category } from '@/utils/core/glossary/types';

export type ShownScript = 'simplified' | 'traditional';

export interface TermView {
  index: number;
  id: string;
  /** the term as the page writes it now, and in the other script */
  headword: string;
  other: string;
  /** lang attribute for Chinese text in the popover */
  lang: 'zh-Hans' | 'zh-Hant';
  pinyin: string;
  english: string;
  official: boolean;
  englishSource?: string;
  englishSourceUrl?: string;
  alternatives: string[];
  definitionEn: string;
  definitionZh: string;
  expands: { zh: string; en: string }[];
  category: Category | 'user' | 'page';
  basis?: string;
  since?: number;
  related: string[];
  /** the reader's own term */
  user: boolean;
  note?: string;
  /** the page's own note on this term (its notes section), shown below any built-in entry */
  pageNote?: { term: string; definition: string };
}

export function termView(e: IndexedEntry, script: ShownScript): TermView {
  const trad = script === 'traditional';
  return {
    index: e.index,
    id: e.id,
    headword: trad ? e.t : e.s,
    other: trad ? e.s : e.t,
    lang: trad ? 'zh-Hant' : 'zh-Hans',
    pinyin: e.p,
    english: e.en,
    official: e.off,
    englishSource: e.src,
    englishSourceUrl: e.srcu,
    alternatives: e.alt ?? [],
    definitionEn: e.def.en,
    definitionZh: trad ? e.def.zht : e.def.zh,
    expands: (e.ex ?? []).map((x) => ({ zh: trad ? x.zht : x.zh, en: x.en })),
    category: e.cat,
    basis: trad ? (e.basist ?? e.basis) : e.basis,
    since: e.since,
    related: e.rel ?? [],
    user: false,
  };
}

/** Plain-text citation for the clipboard. */
export function citation(v: TermView, page: { title: string; url: string }, date = new Date()): string {
  // A term only the page's notes explain has nothing but the page's definition to cite.
  const lines =
    v.category === 'page'
      ? [v.headword]
      : [`${v.headword} (${v.other}; ${v.pinyin}) — ${v.english}${v.official ? '' : ' [unofficial rendering]'}`, v.definitionEn];
  if (v.basis) lines.push(`Basis: ${v.basis}`);
  if (v.official && v.englishSource) lines.push(`English: ${v.englishSource}${v.englishSourceUrl ? ` <${v.englishSourceUrl}>` : ''}`);
  if (v.pageNote) lines.push(`This page's note: ${v.pageNote.definition}`);
  lines.push(`Seen in: ${page.title} <${page.url}>, ${date.toISOString().slice(0, 10)}`);
  return lines.join('\n');
}
