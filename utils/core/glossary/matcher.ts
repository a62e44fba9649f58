// Finds glossary terms in text, leftmost-longest. Every form has at least two characters, so the forms
// are filed by their first two characters (folded into one small integer), ordered by their third
// (see orderCandidates): at each position a bit says whether any form starts there, then one map
// lookup gives the candidates, and only those with the text's third character are checked with
// startsWith (a common pair such as 发展 starts a hundred forms; a quarter of a report's positions start one). This holds the forms themselves and little else (a trie of
// ~10 k forms costs megabytes of Map nodes) and serves both scripts and every variant. A matcher can
// start from forms already filed this way (the glossary's, as a page receives them: see
// form-index.ts) and add the reader's own terms and the page's notes without changing them. This
// runs cold on every page load, before the JIT has optimised anything: the loop is kept short.

import { unpackMatches } from '@/utils/core/glossary/match-list';

export interface TermMatch {
  start: number;
  end: number;
  /** index of the entry in the compiled glossary */
  entry: number;
}

/** A run that contains a form by accident: consumed, never reported. */
export const BLOCKED = -2;

export interface Candidate {
  readonly form: string;
  /** entry index, or BLOCKED */
  readonly entry: number;
  /** the form's third code unit, -1 for a two-character form: most candidates fail on it, cheaply */
  readonly third: number;
}

/** Sort key of a candidate: its third code unit, a two-character form last. */
const thirdKey = (c: Candidate): number => (c.third === -1 ? 0x10000 : c.third);

/**
 * Orders a key's candidates as the matcher tries them: by third code unit, then in reverse code-unit
 * order within the same third, two-character forms last. At a position only one group can match;
 * two of its forms that both match are a form and its extension, and the extension comes first in
 * reverse order, so the first hit is the longest: the same as trying every form longest first. (A
 * packed bucket arrives sorted, so it decodes into this order without a sort: see form-index.ts.)
 */
export function orderCandidates(list: Candidate[]): Candidate[] {
  return list.sort((a, b) => thirdKey(a) - thirdKey(b) || (a.form < b.form ? 1 : a.form > b.form ? -1 : 0));
}

/** Index of the first candidate whose third is `third` or later in the order (a binary search). */
function firstWithThird(list: readonly Candidate[], third: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thirdKey(list[mid]!) < third) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Below this many candidates a straight scan beats a binary search. */
const SHORT_LIST = 12;

/** A candidate for a form. */
export const candidate = (form: string, entry: number): Candidate => ({ form, entry, third: form.length > 2 ? form.charCodeAt(2) : -1 });

/**
 * The key forms starting with the two code units at `i` are filed under. Folded to 30 bits so that
 * it stays a small integer (cheap to hash); two pairs that fold together share a list, and
 * startsWith tells their forms apart.
 */
export const pairKey = (s: string, i: number): number => ((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1)) & 0x3fffffff;

/**
 * Forms filed by pairKey, in orderCandidates' order. A list may still be encoded (a string, as a page receives
 * the glossary: see form-index.ts); it is decoded the first time text asks for it, and the decoded
 * list takes its place in `lists`. `filter` has the bit of every key in `lists` (see filterBit).
 */
export interface FiledForms {
  readonly lists: Map<number, string | readonly Candidate[]>;
  readonly filter: Uint32Array;
  decode(list: string): Candidate[];
}

// Most positions in a text start no form: a bit per folded key answers that before any map lookup.
const FILTER_BITS = 20;
const FILTER_MASK = (1 << FILTER_BITS) - 1;
const filterBit = (key: number): number => (key ^ (key >>> 12)) & FILTER_MASK;

/** An empty filter, and one with the bit of `key` set in it. */
export const newFilter = (): Uint32Array => new Uint32Array(1 << (FILTER_BITS - 5));
export function setFilterBit(filter: Uint32Array, key: number): void {
  const bit = filterBit(key);
  filter[bit >>> 5]! |= 1 << (bit & 31);
}

const noEncodedLists = (): Candidate[] => [];

export class TermMatcher implements FiledForms {
  /** The base's lists, with this matcher's forms merged into copies of those they touch. */
  readonly lists: Map<number, string | readonly Candidate[]>;
  readonly decode: (list: string) => Candidate[];
  readonly filter: Uint32Array;
  /** forms given to this matcher (a base's are not counted) */
  readonly size: number;

  /**
   * `forms` and `blockers` on top of an optional `base`: a form given here replaces the same form in
   * the base, and later forms replace earlier ones (the reader's own terms come last). The base's
   * forms are never changed; with nothing of its own, a matcher shares the base's lists (most
   * readers have no own terms and most pages no notes: nothing is copied on a page load).
   */
  constructor(forms: Iterable<readonly [string, number]>, blockers: Iterable<string> = [], base: FiledForms | null = null) {
    const entryOf = new Map<string, number>();
    for (const b of blockers) if (b.length >= 2) entryOf.set(b, BLOCKED);
    // One character is never a term on its own.
    for (const [form, entry] of forms) if (form.length >= 2) entryOf.set(form, entry);
    this.decode = base ? (list) => base.decode(list) : noEncodedLists;
    const shared = base !== null && entryOf.size === 0;
    this.lists = shared ? base.lists : new Map(base?.lists ?? []);
    this.filter = shared ? base.filter : (base?.filter.slice() ?? newFilter());
    const own = new Map<number, Candidate[]>();
    let size = 0;
    for (const [form, entry] of entryOf) {
      if (entry >= 0) size++;
      const key = pairKey(form, 0);
      let list = own.get(key);
      if (!list) {
        list = [...(this.listAt(key) ?? [])];
        own.set(key, list);
        this.lists.set(key, list);
      }
      const at = list.findIndex((c) => c.form === form);
      if (at >= 0) list[at] = candidate(form, entry);
      else list.push(candidate(form, entry));
    }
    for (const [key, list] of own) {
      orderCandidates(list);
      setFilterBit(this.filter, key);
    }
    this.size = size;
  }

  /** The forms filed under `key`, decoded (once) if they came encoded. */
  private listAt(key: number): readonly Candidate[] | undefined {
    const list = this.lists.get(key);
    if (typeof list !== 'string') return list;
    const decoded = this.decode(list);
    this.lists.set(key, decoded);
    return decoded;
  }

  /** The entry `text` is exactly a form of, if it is one. */
  entryOf(text: string): number | undefined {
    if (text.length < 2) return undefined;
    const c = this.listAt(pairKey(text, 0))?.find((x) => x.form === text);
    return c && c.entry !== BLOCKED ? c.entry : undefined;
  }

  /** Leftmost-longest, non-overlapping matches in `text`. */
  match(text: string): TermMatch[] {
    return unpackMatches(this.matchList(text));
  }

  /** The same matches, packed (see match-list.ts): what a page keeps, and no object per match. */
  matchList(text: string): number[] {
    const out: number[] = [];
    const last = text.length - 1;
    const filter = this.filter;
    let i = 0;
    // The next code unit is read once per position and carried over: the loop runs for every
    // character of the page, most of the time before the JIT has compiled it (pairKey and filterBit
    // written out here, as calls cost most in the interpreter).
    let next = text.charCodeAt(0);
    while (i < last) {
      const cur = next;
      next = text.charCodeAt(i + 1);
      const key = ((cur << 16) | next) & 0x3fffffff;
      const bit = (key ^ (key >>> 12)) & FILTER_MASK;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) {
        i++;
        continue;
      }
      const list = this.listAt(key);
      let hit: Candidate | undefined;
      if (list) {
        // NaN past the end: only a two-character form can match there.
        const third = text.charCodeAt(i + 2);
        let k = 0;
        if (list.length > SHORT_LIST) k = third === third ? firstWithThird(list, third) : firstWithThird(list, 0x10000);
        for (; k < list.length; k++) {
          const c = list[k]!;
          if (c.third !== -1 && c.third !== third) {
            // Past the group of this third: only the two-character forms at the end are left.
            if (c.third > third) k = firstWithThird(list, 0x10000) - 1;
            continue;
          }
          if (text.startsWith(c.form, i)) {
            hit = c;
            break;
          }
        }
      }
      if (!hit) {
        i++;
        continue;
      }
      if (hit.entry !== BLOCKED) out.push(i, i + hit.form.length, hit.entry);
      i += hit.form.length;
      next = text.charCodeAt(i);
    }
    return out;
  }
}
