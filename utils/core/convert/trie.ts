// One dictionary group of an OpenCC configuration as opencc-js 1.4.2 matches it: the longest key at
// each position, an earlier dictionary winning on the same key, and OpenCC's segmentation by the
// segmentation dictionaries' words. A pass says which input range each piece of output stands for,
// which is what lets chain.ts write a block's converted text back into the same text nodes. Pure.

/** opencc-js's dictionary forms: "key value|key value" or [key, value] pairs. */
export type Dict = string | [string, string][];

/** Whether the key held in text[from, to) may be loaded (see keysIn). */
export type KeyFilter = (text: string, from: number, to: number) => boolean;

/**
 * The keys that can match somewhere in `texts`: those whose first character, and first two if
 * longer, occur there (together). A key that matches at a position of a text is a substring of it,
 * so a trie of these keys finds, in these texts, exactly what a trie of all of them finds: the
 * same longest match at every position, and the same segmentation. Loading only them builds
 * s2twp's first group (STPhrases: 49 k keys) in a few milliseconds for a screen of text, where all
 * of it takes 30–100 ms. Null when a text has a character that normalisation may change (CJK
 * compatibility ideographs): the keys then meet another text than this one.
 */
export function keysIn(texts: readonly string[]): KeyFilter | null {
  const singles = new Set<number>();
  const pairs = new Set<number>();
  for (const t of texts) {
    let prev = -1;
    for (let i = 0; i < t.length; ) {
      const cp = t.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if ((cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) return null;
      singles.add(cp);
      if (prev >= 0) pairs.add(prev * 0x110000 + cp);
      prev = cp;
    }
  }
  return (text, from, to) => {
    const a = text.codePointAt(from)!;
    if (!singles.has(a)) return false;
    const next = from + (a > 0xffff ? 2 : 1);
    return next >= to || pairs.has(a * 0x110000 + text.codePointAt(next)!);
  };
}

/**
 * A trie in typed arrays: node 0 is the root; a node's children are found by (node, code point) in
 * an open-addressing hash table, and the root's children below U+10000 in a direct table, since every
 * position of the text starts there. Building it allocates no object per node: a trie of Map nodes
 * for s2twp (STPhrases: 1 MB of text) took 76–190 ms to build in Node and 23.5 MB of heap, mostly
 * allocating and collecting Maps; this one takes 30–60 ms and 4.7 MB of array buffers.
 */
export class StageTrie {
  private nodes = 1;
  /** per node: index in `values`, or -1 */
  private valueAt = new Int32Array(1024).fill(-1);
  /** per node: 1 if its key is a word of the segmentation dictionaries (see loadGroup) */
  private segAt = new Uint8Array(1024);
  private readonly values: string[] = [];
  private readonly rootBmp = new Int32Array(0x10000);
  /** hash slots: parent node, code point, child node (0: empty; the root is nobody's child) */
  private hParent = new Int32Array(4096);
  private hCp = new Int32Array(4096);
  private hChild = new Int32Array(4096);
  private hUsed = 0;
  /** value of the last match() */
  private matched = '';

  private static slot(node: number, cp: number, mask: number): number {
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(cp, 0x85ebca6b);
    h ^= h >>> 15;
    return h & mask;
  }

  private child(node: number, cp: number): number {
    if (node === 0 && cp < 0x10000) return this.rootBmp[cp]!;
    const mask = this.hChild.length - 1;
    for (let i = StageTrie.slot(node, cp, mask); ; i = (i + 1) & mask) {
      const c = this.hChild[i]!;
      if (c === 0 || (this.hParent[i] === node && this.hCp[i] === cp)) return c;
    }
  }

  private childOrNew(node: number, cp: number): number {
    const found = this.child(node, cp);
    if (found) return found;
    const c = this.nodes++;
    if (c === this.valueAt.length) {
      const v = new Int32Array(c * 2).fill(-1);
      v.set(this.valueAt);
      this.valueAt = v;
      const g = new Uint8Array(c * 2);
      g.set(this.segAt);
      this.segAt = g;
    }
    if (node === 0 && cp < 0x10000) this.rootBmp[cp] = c;
    else {
      if ((this.hUsed + 1) * 2 > this.hChild.length) this.grow();
      this.put(node, cp, c);
      this.hUsed++;
    }
    return c;
  }

  private put(node: number, cp: number, c: number): void {
    const mask = this.hChild.length - 1;
    let i = StageTrie.slot(node, cp, mask);
    while (this.hChild[i] !== 0) i = (i + 1) & mask;
    this.hParent[i] = node;
    this.hCp[i] = cp;
    this.hChild[i] = c;
  }

  private grow(): void {
    const [parent, cps, children] = [this.hParent, this.hCp, this.hChild];
    const size = children.length * 2;
    this.hParent = new Int32Array(size);
    this.hCp = new Int32Array(size);
    this.hChild = new Int32Array(size);
    for (let i = 0; i < children.length; i++) if (children[i]) this.put(parent[i]!, cps[i]!, children[i]!);
  }

  /** Adds the key held in text[from, to) (no slice of it is made). */
  private addRange(text: string, from: number, to: number, value: string, seg: boolean): void {
    let n = 0;
    for (let i = from; i < to; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      n = this.childOrNew(n, cp);
    }
    // A key added again (a later dictionary of the group, or a repeated line) takes its value's place.
    const at = this.valueAt[n]!;
    if (at >= 0) this.values[at] = value;
    else this.valueAt[n] = this.values.push(value) - 1;
    if (seg) this.segAt[n] = 1;
  }

  add(key: string, value: string, seg = false): void {
    this.addRange(key, 0, key.length, value, seg);
  }

  /**
   * Loads a dictionary group: an earlier dictionary wins over a later one on the same key, as in
   * OpenCC. The keys of the first `segCount` dictionaries are also the words segment() cuts at: a
   * config whose segmentation dictionaries begin one of its groups (s2twp: STPhrases for both) then
   * builds that trie once, not twice. `keep`: only the keys it keeps (keysIn).
   */
  loadGroup(dicts: readonly Dict[], segCount = dicts.length, keep?: KeyFilter): this {
    for (let i = dicts.length - 1; i >= 0; i--) {
      const d = dicts[i]!;
      const seg = i < segCount;
      if (typeof d === 'string') {
        let start = 0;
        while (start < d.length) {
          let end = d.indexOf('|', start);
          if (end < 0) end = d.length;
          const sp = d.indexOf(' ', start);
          if (sp > start && sp < end && (!keep || keep(d, start, sp))) {
            // opencc-js keeps the first candidate only.
            const sp2 = d.indexOf(' ', sp + 1);
            this.addRange(d, start, sp, d.slice(sp + 1, sp2 > sp && sp2 < end ? sp2 : end), seg);
          }
          start = end + 1;
        }
      } else for (const [k, v] of d) if (!keep || keep(k, 0, k.length)) this.add(k, v, seg);
    }
    return this;
  }

  /** End of the longest key starting at i (not beyond limit), its value then in `matched`; 0 if none. */
  private match(s: string, i: number, limit: number, words = false): number {
    let node = 0;
    let k = 0;
    let v = -1;
    for (let j = i; j < limit; ) {
      const cp = s.codePointAt(j)!;
      j += cp > 0xffff ? 2 : 1;
      node = this.child(node, cp);
      if (node === 0) break;
      const val = this.valueAt[node]!;
      if (val >= 0 && (!words || this.segAt[node] === 1)) {
        k = j;
        v = val;
      }
    }
    if (k > 0) this.matched = this.values[v]!;
    return k;
  }

  /**
   * One pass: pieces of output, each with the input range it replaces (unchanged runs kept whole).
   * `ends` are the segment ends (ascending, the last one s.length): no key matches across one, and
   * no piece crosses one.
   */
  pass(s: string, ends: readonly number[] = [s.length]): Piece[] {
    const out: Piece[] = [];
    const n = s.length;
    let e = 0;
    let limit = ends[0] ?? n;
    let plainStart = -1;
    for (let i = 0; i < n; ) {
      while (i >= limit) {
        if (plainStart >= 0) {
          out.push({ from: plainStart, to: limit, text: s.slice(plainStart, limit) });
          plainStart = -1;
        }
        limit = ends[++e] ?? n;
      }
      const end = this.match(s, i, limit);
      if (end) {
        if (plainStart >= 0) {
          out.push({ from: plainStart, to: i, text: s.slice(plainStart, i) });
          plainStart = -1;
        }
        out.push({ from: i, to: end, text: this.matched });
        i = end;
      } else {
        if (plainStart < 0) plainStart = i;
        i += unmatchedLength(s, i, limit);
      }
    }
    if (plainStart >= 0) out.push({ from: plainStart, to: n, text: s.slice(plainStart) });
    return out;
  }

  /** OpenCC's segmentation: ends of the longest-match words and of the unmatched runs between them. */
  segment(s: string): number[] {
    const ends: number[] = [];
    const n = s.length;
    let plain = false;
    for (let i = 0; i < n; ) {
      const end = this.match(s, i, n, true);
      if (end) {
        if (plain) ends.push(i);
        plain = false;
        ends.push(end);
        i = end;
      } else {
        plain = true;
        i += unmatchedLength(s, i, n);
      }
    }
    if (plain || ends.length === 0) ends.push(n);
    return ends;
  }
}

function cpLength(s: string, i: number): number {
  return s.codePointAt(i)! > 0xffff ? 2 : 1;
}

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

/** End of an ideographic description sequence starting at i, or 0 (opencc-js skips one as a unit). */
function idsEnd(s: string, i: number, limit: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + cpLength(s, i);
  for (let k = 0; k < arity; k++) {
    if (end >= limit) return 0;
    const child = idsEnd(s, end, limit);
    end = child || end + cpLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number, limit: number): number {
  const e = idsEnd(s, i, limit);
  return e > i ? e - i : cpLength(s, i);
}

/** A piece of output and the [from, to) range of the input it stands for. */
export interface Piece {
  from: number;
  to: number;
  text: string;
}
