// The glossary's forms as a page receives them: already filed the way the matcher looks them up, so a
// page builds nothing before it can match. The background packs them once per load; the page files
// the buckets by key in one pass (a few thousand string slices) and decodes a bucket only when its
// first two characters occur in the page's text. Code that runs on every page load runs cold (never
// optimised yet), so the page does as little per form as possible: no list of all forms, no sort.
import { BLOCKED, orderCandidates, newFilter, pairKey, setFilterBit, type Candidate, type FiledForms } from '@/utils/core/glossary/matcher';
import { GLOSSARY_FORMAT, type CompiledGlossary } from '@/utils/core/glossary/types';

/**
 * Wire format: `text` is one bucket per line. A bucket starts with the two characters (UTF-16 code
 * units) every form in it starts with, then its forms, sorted, joined by `|`. Each form is its entry
 * as two characters of ALPHABET (or `~`: the entry of the form before it), then, when it shares more
 * than the two leading characters with the form before it, a backtick and how many more (1–9), then
 * the rest: 行政复议 (entry 0), 行政复议法 (1), 行政複議 (0) → "行政!!复议|!#`2法|!!複議".
 */
export interface PackedFormIndex {
  format: typeof GLOSSARY_FORMAT;
  /** entries in the glossary; every entry number in `text` is below it */
  count: number;
  text: string;
}

// Printable ASCII without the characters the format or JSON escaping use: 89 symbols, two per entry.
const ALPHABET = '!#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{}';
const BASE = ALPHABET.length;
const DIGIT = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** The highest code stands for a blocker: a run that contains a form by accident. */
const BLOCKER_CODE = BASE * BASE - 1;
const RESERVED = ['\n', '|', '`'];

/** Files the glossary's forms (and blockers) by their first two characters for the trip to a page. */
export function packFormIndex(g: Pick<CompiledGlossary, 'count' | 'forms' | 'blockers'>): PackedFormIndex {
  if (g.count >= BLOCKER_CODE) throw new Error(`${g.count} entries: the form index numbers at most ${BLOCKER_CODE - 1}`);
  const entryOf = new Map<string, number>();
  for (const b of g.blockers) if (b.length >= 2) entryOf.set(b, BLOCKED);
  for (const [form, entry] of g.forms) if (form.length >= 2) entryOf.set(form, entry);
  const buckets = new Map<string, string[]>();
  for (const form of entryOf.keys()) {
    if (RESERVED.some((c) => form.includes(c))) throw new Error(`form "${form}" contains a separator (newline, | or \`)`);
    const pair = form.slice(0, 2);
    const list = buckets.get(pair);
    if (list) list.push(form);
    else buckets.set(pair, [form]);
  }
  const lines: string[] = [];
  for (const [pair, forms] of buckets) {
    forms.sort();
    let prev = pair;
    let prevEntry: number | null = null;
    const items = forms.map((form) => {
      const entry = entryOf.get(form)!;
      let n = 2;
      while (n < 11 && n < form.length && form[n] === prev[n]) n++;
      const code = entry === prevEntry ? '~' : encodeEntry(entry === BLOCKED ? BLOCKER_CODE : entry);
      prev = form;
      prevEntry = entry;
      return code + (n > 2 ? `\`${n - 2}` : '') + form.slice(n);
    });
    lines.push(pair + items.join('|'));
  }
  return { format: GLOSSARY_FORMAT, count: g.count, text: lines.join('\n') };
}

const encodeEntry = (e: number): string => ALPHABET[Math.floor(e / BASE)]! + ALPHABET[e % BASE]!;

function decodeEntry(s: string, i: number): number {
  const hi = DIGIT[s.charCodeAt(i)] ?? -1;
  const lo = DIGIT[s.charCodeAt(i + 1)] ?? -1;
  if (hi < 0 || lo < 0) return -1;
  const code = hi * BASE + lo;
  return code === BLOCKER_CODE ? BLOCKED : code;
}

/** The shape of a packed index (a reply check); buckets are checked as they are decoded. */
export function isPackedFormIndex(x: unknown): x is PackedFormIndex {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Partial<PackedFormIndex>;
  return p.format === GLOSSARY_FORMAT && Number.isInteger(p.count) && p.count! >= 0 && p.count! < BLOCKER_CODE && typeof p.text === 'string';
}

/**
 * Decodes one bucket line (or several joined by newlines, when two pairs fold to one key); null when
 * it is malformed. Forms come out in the order the matcher tries them (orderCandidates). This runs
 * for every pair the page's text holds, cold: a line's forms arrive sorted, so that order is the
 * line's groups of one third character each reversed, with no sort; and a form stays the two pieces
 * it is made of until the matcher first compares it (most never are).
 */
export function decodeBucket(lines: string, count: number): Candidate[] | null {
  if (lines.includes('\n')) {
    const all: Candidate[] = [];
    for (const line of lines.split('\n')) {
      const one = decodeLine(line, count);
      if (!one) return null;
      all.push(...one);
    }
    return orderCandidates(all);
  }
  const sorted = decodeLine(lines, count);
  return sorted && matcherOrder(sorted);
}

/** One line's forms, in the line's (code-unit) order. */
function decodeLine(line: string, count: number): Candidate[] | null {
  if (line.length < 2) return null;
  const out: Candidate[] = [];
  let prev = line.slice(0, 2);
  let prevEntry = -1;
  let at = 2;
  while (at <= line.length) {
    let end = line.indexOf('|', at);
    if (end < 0) end = line.length;
    let entry = prevEntry;
    if (line.charCodeAt(at) === 126 /* ~ */) at += 1;
    else {
      entry = decodeEntry(line, at);
      at += 2;
    }
    if (entry === -1 || entry >= count) return null;
    let shared = 2;
    if (line.charCodeAt(at) === 96 /* ` */) {
      const d = line.charCodeAt(at + 1) - 48;
      if (!(d >= 1 && d <= 9) || 2 + d > prev.length) return null;
      shared += d;
      at += 2;
    }
    if (at > end) return null;
    const form = prev.slice(0, shared) + line.slice(at, end);
    // The third code unit from the piece that holds it, without joining the pieces.
    const third = form.length <= 2 ? -1 : shared > 2 ? prev.charCodeAt(2) : line.charCodeAt(at + 2 - shared);
    out.push({ form, entry, third });
    prev = form;
    prevEntry = entry;
    at = end + 1;
  }
  return out;
}

/** Sorted forms of one pair in orderCandidates' order: each third's group reversed, the two-character form last. */
function matcherOrder(sorted: Candidate[]): Candidate[] {
  // A line not in order (not packed by packFormIndex) is sorted after all.
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.third < sorted[i - 1]!.third) return orderCandidates(sorted);
  const out: Candidate[] = [];
  // Sorted, the two-character form (the pair itself, a prefix of all the others) comes first.
  const pair = sorted.length && sorted[0]!.third === -1 ? 1 : 0;
  let i = pair;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.third === sorted[i]!.third) j++;
    for (let k = j - 1; k >= i; k--) out.push(sorted[k]!);
    i = j;
  }
  if (pair) out.push(sorted[0]!);
  return out;
}

/** A packed index as a page uses it: its lines filed by key, each decoded when a matcher first needs it. */
export class FormIndex implements FiledForms {
  readonly lists = new Map<number, string | readonly Candidate[]>();
  readonly filter = newFilter();

  private constructor(readonly count: number) {}

  /** Files the lines of a packed index; null when it is not one. */
  static from(x: unknown): FormIndex | null {
    if (!isPackedFormIndex(x)) return null;
    const index = new FormIndex(x.count);
    const text = x.text;
    let i = 0;
    while (i < text.length) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      if (end - i >= 2) {
        const key = pairKey(text, i);
        const had = index.lists.get(key) as string | undefined;
        const line = text.slice(i, end);
        index.lists.set(key, had === undefined ? line : `${had}\n${line}`);
        setFilterBit(index.filter, key);
      }
      i = end + 1;
    }
    return index;
  }

  /** A malformed line gives no forms. */
  decode(list: string): Candidate[] {
    return decodeBucket(list, this.count) ?? [];
  }
}
