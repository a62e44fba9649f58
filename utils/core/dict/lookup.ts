// Lookups like Zhongwen's: the longest dictionary word starting at the caret, in Simplified,
// Traditional or mixed text (Taiwan and Hong Kong forms too, through the character folding), its
// entries, the shorter words inside it and each character. Pure: no DOM, no extension APIs.
import type { Dict, RawEntry } from './data';
import { formatClassifiers, formatDefinition, type DictScript } from './definitions';
import { formatPinyin } from './pinyin';

/** Longest text a lookup accepts (UTF-16 units): the caret's character and what follows. */
export const MAX_LOOKUP_TEXT = 16;

export interface DictEntryView {
  simplified: string;
  traditional: string;
  /** Pinyin with tone marks, syllables joined into words. */
  pinyin: string;
  /** CC-CEDICT's numbered pinyin, for copying and for the reader's own terms. */
  pinyinNumbered: string;
  /** Readable definitions; measure words last, as one definition. */
  definitions: string[];
  /** A proper name (capitalised pinyin): a surname, a place, a person. */
  proper: boolean;
}

export interface DictWordView {
  word: string;
  entries: DictEntryView[];
}

export interface DictLookupReply {
  /** The longest dictionary word at the start of the text, as written there; '' when none. */
  word: string;
  /** The script the word is written in, which references in definitions follow. */
  script: DictScript;
  entries: DictEntryView[];
  /** Shorter dictionary words inside `word` (行政复议 → 行政, 复议), by position. */
  subwords: DictWordView[];
  /** Each character of `word` with its entries (none when the word is one character). */
  chars: DictWordView[];
  /** Set when the dictionary could not be loaded: nothing was looked up. */
  error?: string;
}

export const EMPTY_REPLY: DictLookupReply = Object.freeze({ word: '', script: 'simplified', entries: [], subwords: [], chars: [] }) as DictLookupReply;

const isHanCodePoint = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff) || c === 0x3007;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text we look up: 1–16 units, no isolated surrogate, starting with a Han character. */
export function isLookupText(text: unknown): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_LOOKUP_TEXT && !LONE_SURROGATE.test(text) && isHanCodePoint(text.codePointAt(0)!);
}

/** Whether each character of the text is the entry's Traditional or Simplified one (mixed text counts). */
function writtenAs(text: string, e: RawEntry): boolean {
  const q = [...text];
  const t = [...e.traditional];
  const s = [...e.simplified];
  return q.length === t.length && q.length === s.length && q.every((c, i) => c === t[i] || c === s[i]);
}

/**
 * The entries for a word. Folding finds every entry written with these characters in either script;
 * those written exactly so come first and alone, folded matches only when nothing is written so (a
 * Hong Kong form CC-CEDICT lacks). Within them CC-CEDICT's order, proper names after the rest.
 */
export function rawEntriesFor(d: Dict, word: string): RawEntry[] {
  const all = d.entriesOf(d.fold(word));
  const exact = all.filter((e) => writtenAs(word, e));
  const chosen = exact.length ? exact : all;
  const proper = (e: RawEntry) => /^[A-Z]/.test(e.pinyin);
  return [...chosen.filter((e) => !proper(e)), ...chosen.filter(proper)];
}

/** The longest dictionary word at the start of `text`, in UTF-16 units (0 when none). */
export function longestWordLength(d: Dict, text: string, max = MAX_LOOKUP_TEXT): number {
  const folded = d.fold(text);
  for (let len = Math.min(text.length, max, d.maxKeyLength); len > 0; len--) {
    // Never cut a surrogate pair in two.
    const c = text.charCodeAt(len - 1);
    if (c >= 0xd800 && c <= 0xdbff) continue;
    if (d.has(folded.slice(0, len))) return len;
  }
  return 0;
}

export function scriptOf(d: Dict, word: string): DictScript {
  return d.fold(word) === word ? 'simplified' : 'traditional';
}

export function viewEntry(d: Dict, e: RawEntry, script: DictScript): DictEntryView {
  const isWord = (han: string) => d.has(d.fold(han));
  // References are formatted without the dictionary: their words may live in shards not loaded.
  const opts = { script };
  const defs = e.definitions.map((x) => formatDefinition(x, opts));
  const cl = formatClassifiers(e.classifiers, opts);
  if (cl) defs.push(cl);
  return {
    simplified: e.simplified,
    traditional: e.traditional,
    pinyin: formatPinyin(e.pinyin, { headword: e.simplified, isWord, idiom: e.definitions.some((x) => x.includes('(idiom)')) }),
    pinyinNumbered: e.pinyin,
    definitions: defs,
    proper: /^[A-Z]/.test(e.pinyin),
  };
}

const wordView = (d: Dict, word: string, script: DictScript): DictWordView => ({ word, entries: rawEntriesFor(d, word).map((e) => viewEntry(d, e, script)) });

/** Dictionary words of 2 characters or more strictly inside `word`, by position then longest first. */
export function subwordsOf(d: Dict, word: string): string[] {
  const cs = [...word];
  const out: string[] = [];
  for (let i = 0; i < cs.length; i++)
    for (let len = cs.length - i - (i === 0 ? 1 : 0); len >= 2; len--) {
      const w = cs.slice(i, i + len).join('');
      if (d.has(d.fold(w))) out.push(w);
    }
  return out;
}

/**
 * The full reply for a lookup: EMPTY_REPLY for text we don't look up or where no word starts.
 * Needs the shards of `d.missingShards(text[0])`, then of `d.missingShards(word)` once the word is
 * known (lookupShards() says which); a missing one throws DictShardMissing.
 */
/** The shards lookup() still needs for `text`: first those of its first character, then those of the word found. */
export function lookupShards(d: Dict, text: string): number[] {
  if (!isLookupText(text)) return [];
  const first = d.missingShards(text.slice(0, text.codePointAt(0)! > 0xffff ? 2 : 1));
  if (first.length) return first;
  return d.missingShards(text.slice(0, longestWordLength(d, text)));
}

export function lookup(d: Dict, text: unknown): DictLookupReply {
  if (!isLookupText(text)) return EMPTY_REPLY;
  const len = longestWordLength(d, text);
  if (!len) return EMPTY_REPLY;
  const word = text.slice(0, len);
  const script = scriptOf(d, word);
  const chars = [...word];
  return {
    word,
    script,
    entries: rawEntriesFor(d, word).map((e) => viewEntry(d, e, script)),
    subwords: subwordsOf(d, word).map((w) => wordView(d, w, script)),
    chars: chars.length > 1 ? chars.map((c) => wordView(d, c, script)).filter((v) => v.entries.length) : [],
  };
}
