// The page's own notes as page-local glossary entries: which forms the matcher gets, which built-in
// (or own) entry a note explains too, and what the popover and the terms index show. Pure. Nothing
// here is stored: the notes are read again from the page as it is shown (so they follow its script).
import type { PageNote } from './page-notes';
import type { ShownScript, TermView } from './view';
import type { TermRow } from './rows';

export interface NoteEntry {
  term: string;
  definition: string;
  /** the entry its occurrences count under: base + its position, or the entry that has this form already */
  entry: number;
}

export interface PageNoteTerms {
  /** entry indices at or above this are notes of the page */
  base: number;
  items: NoteEntry[];
}

/**
 * How a block of a notes section starts (a notes heading, a first footnote): a block that does
 * not start so cannot bring a section in, and changes to it need no new reading of the page.
 */
const MAY_HOLD_NOTES = /^\s*(?:[【[［(（]?\s*(?:附件?\s*[：:]?\s*)?(?:本报告)?(?:有关|相关|部分)?(?:名[词詞]|附?[注註])|[［[【]1[］\]】])/u;

/** True if a block's text may start a notes section (cheap; the parser decides). */
export function mayHoldNotes(text: string): boolean {
  return MAY_HOLD_NOTES.test(text);
}

/**
 * Page-local entries for the notes. A note whose term is exactly a form the page already matches
 * (`known`: glossary or own terms) joins that entry, so the popover shows both; the others get
 * indices from `base` on.
 */
export function pageNoteTerms(notes: readonly Pick<PageNote, 'term' | 'definition'>[], known: { get(term: string): number | undefined }, base: number): PageNoteTerms {
  let next = base;
  const items = notes.map((n) => ({ term: n.term, definition: n.definition, entry: known.get(n.term) ?? next++ }));
  return { base, items };
}

/** Forms for the matcher: the notes that are entries of their own. */
export function noteForms(t: PageNoteTerms): [string, number][] {
  return t.items.filter((it) => it.entry >= t.base).map((it): [string, number] => [it.term, it.entry]);
}

/** The note that explains an entry, if the page has one. */
export function noteFor(t: PageNoteTerms, entry: number): NoteEntry | undefined {
  return t.items.find((it) => it.entry === entry);
}

/** Same terms (so the same matcher) as another reading of the page's notes. */
export function sameTerms(a: PageNoteTerms, b: PageNoteTerms): boolean {
  return a.base === b.base && a.items.length === b.items.length && a.items.every((it, i) => it.term === b.items[i]!.term && it.entry === b.items[i]!.entry);
}

/** The popover for a note that is no glossary entry: the page's definition, marked as from this page. */
export function pageNoteView(note: NoteEntry, found: string, script: ShownScript): TermView {
  return {
    index: note.entry,
    id: `page-note:${note.term}`,
    headword: found || note.term,
    other: found || note.term,
    lang: script === 'traditional' ? 'zh-Hant' : 'zh-Hans',
    pinyin: '',
    english: '',
    official: false,
    alternatives: [],
    definitionEn: '',
    definitionZh: '',
    expands: [],
    category: 'page',
    related: [],
    user: false,
    pageNote: { term: note.term, definition: note.definition },
  };
}

/** Rows of the terms index's "From this page" group: every note found on the page, with its count. */
export function noteRows(items: readonly NoteEntry[], counts: ReadonlyMap<number, number>, script: ShownScript): TermRow[] {
  const lang = script === 'traditional' ? 'zh-Hant' : 'zh-Hans';
  return items.flatMap((it): TermRow[] => {
    const count = counts.get(it.entry) ?? 0;
    if (!count) return [];
    return [{ index: it.entry, id: `page-note:${it.term}`, headword: it.term, other: '', pinyin: '', english: it.definition, category: 'page', count, lang }];
  });
}
