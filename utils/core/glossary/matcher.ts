// Finds glossary terms in text, leftmost-longest. Every form has at least two characters, so the forms
// are filed by their first two characters (one number per pair) with the longest first: at each
// position one map lookup gives a handful of candidates, checked with startsWith. This holds the
// forms themselves and little else (a trie of ~10 k forms costs megabytes of Map nodes in every page),
// builds in a few milliseconds, and serves both scripts and every variant.

export interface TermMatch {
  start: number;
  end: number;
  /** index of the entry in the compiled glossary */
  entry: number;
}

/** A run that contains a form by accident: consumed, never reported. */
const BLOCKED = -2;

interface Candidate {
  form: string;
  entry: number;
}

const pairKey = (s: string, i: number): number => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

export class TermMatcher {
  /** Forms by their first two characters, longest first. */
  private readonly byPair = new Map<number, Candidate[]>();
  readonly size: number;

  /** Later forms for the same string override earlier ones (the reader's own terms come last). */
  constructor(forms: Iterable<readonly [string, number]>, blockers: Iterable<string> = []) {
    const entryOf = new Map<string, number>();
    for (const b of blockers) if (b.length >= 2) entryOf.set(b, BLOCKED);
    // One character is never a term on its own.
    for (const [form, entry] of forms) if (form.length >= 2) entryOf.set(form, entry);
    let size = 0;
    for (const [form, entry] of entryOf) {
      if (entry >= 0) size++;
      const key = pairKey(form, 0);
      const list = this.byPair.get(key);
      if (list) list.push({ form, entry });
      else this.byPair.set(key, [{ form, entry }]);
    }
    for (const list of this.byPair.values()) list.sort((a, b) => b.form.length - a.form.length);
    this.size = size;
  }

  /** Leftmost-longest, non-overlapping matches in `text`. */
  match(text: string): TermMatch[] {
    const out: TermMatch[] = [];
    const last = text.length - 1;
    let i = 0;
    while (i < last) {
      const list = this.byPair.get(pairKey(text, i));
      let hit: Candidate | undefined;
      if (list) for (const c of list) if (text.startsWith(c.form, i)) { hit = c; break; }
      if (!hit) {
        i++;
        continue;
      }
      if (hit.entry !== BLOCKED) out.push({ start: i, end: i + hit.form.length, entry: hit.entry });
      i += hit.form.length;
    }
    return out;
  }
}
