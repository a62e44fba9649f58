// Rows of the terms index: grouping and filtering. Pure.
import type { Category } from '@/utils/core/glossary/types';

export interface TermRow {
  index: number;
  id: string;
  headword: string;
  other: string;
  pinyin: string;
  english: string;
  category: Category | 'user' | 'page';
  count: number;
  lang: 'zh-Hans' | 'zh-Hant';
}

export const CATEGORY_ORDER: (Category | 'user' | 'page')[] = [
  'user',
  'page',
  'administrative-law',
  'litigation-dispute',
  'legislation-normative',
  'law-enforcement',
  'government-reform',
  'economy-land',
  'party-ideology',
  'plans-campaigns',
  'institutions',
  'industry-technology',
  'fiscal-financial',
  'regional-development',
  'urban-housing',
  'rural-agriculture',
  'social-policy',
  'ecology-carbon',
  'ethnic-religious',
  'hong-kong-macao-taiwan',
  'foreign-affairs',
  'party-building',
];

const toneless = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, '');

/** Rows matching `filter` (any script, pinyin with or without tones, English), grouped by category. */
export function groupTerms(rows: readonly TermRow[], filter: string): { category: Category | 'user' | 'page'; rows: TermRow[]; total: number }[] {
  const f = filter.trim().toLowerCase();
  const fp = toneless(f);
  const keep = (r: TermRow) =>
    !f || r.headword.includes(f) || r.other.includes(f) || r.english.toLowerCase().includes(f) || (fp.length > 0 && toneless(r.pinyin).includes(fp));
  const groups = new Map<Category | 'user' | 'page', TermRow[]>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const list = groups.get(r.category);
    if (list) list.push(r);
    else groups.set(r.category, [r]);
  }
  return CATEGORY_ORDER.filter((c) => groups.has(c)).map((c) => {
    const list = groups.get(c)!.sort((a, b) => b.count - a.count || a.headword.localeCompare(b.headword, 'zh'));
    return { category: c, rows: list, total: list.reduce((n, r) => n + r.count, 0) };
  });
}
