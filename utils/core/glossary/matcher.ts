// Finds glossary terms in text: a trie over every written form, scanned leftmost-longest.
// Each start position walks at most as deep as the longest form (≈20), so a scan is linear in the
// text with a small constant, and one trie serves both scripts and every variant.

export interface TermMatch {
  start: number;
  end: number;
  /** index of the entry in the compiled glossary */
  entry: number;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** entry index when a form ends here, BLOCKED for a blocker, else NONE */
  entry: number;
}

const NONE = -1;
/** A run that contains a form by accident: consumed, never reported. */
const BLOCKED = -2;

const node = (): TrieNode => ({ next: new Map(), entry: NONE });

export class TermMatcher {
  private readonly root = node();
  private maxLen = 0;
  readonly size: number;

  /** Later forms for the same string override earlier ones (the reader's own terms come last). */
  constructor(forms: Iterable<readonly [string, number]>, blockers: Iterable<string> = []) {
    let size = 0;
    const all: (readonly [string, number])[] = [...[...blockers].map((b): [string, number] => [b, BLOCKED]), ...forms];
    for (const [form, entry] of all) {
      if (form.length < 2) continue; // one character is never a term on its own
      let n = this.root;
      for (let i = 0; i < form.length; i++) {
        const c = form.charCodeAt(i);
        let child = n.next.get(c);
        if (!child) {
          child = node();
          n.next.set(c, child);
        }
        n = child;
      }
      if (entry >= 0 && n.entry < 0) size++;
      n.entry = entry;
      this.maxLen = Math.max(this.maxLen, form.length);
    }
    this.size = size;
  }

  /** Leftmost-longest, non-overlapping matches in `text`. */
  match(text: string): TermMatch[] {
    const out: TermMatch[] = [];
    const root = this.root;
    let i = 0;
    const n = text.length;
    while (i < n) {
      let cur: TrieNode | undefined = root.next.get(text.charCodeAt(i));
      if (!cur) {
        i++;
        continue;
      }
      let bestEnd = -1;
      let bestEntry = -1;
      let j = i + 1;
      for (;;) {
        if (cur.entry !== NONE) {
          bestEnd = j;
          bestEntry = cur.entry;
        }
        if (j >= n) break;
        cur = cur.next.get(text.charCodeAt(j));
        if (!cur) break;
        j++;
      }
      if (bestEnd !== -1) {
        if (bestEntry !== BLOCKED) out.push({ start: i, end: bestEnd, entry: bestEntry });
        i = bestEnd;
      } else i++;
    }
    return out;
  }
}
