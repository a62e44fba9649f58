// OpenCC's conversion (longest match over a trie, one trie per stage, stages chained), rebuilt so
// that it also says where each piece of output came from. That mapping is what lets the page be
// converted a block at a time and the result written back into the same text nodes. Uses
// opencc-js's own dictionaries; the output is identical to opencc-js's string conversion.

export type Dict = string | [string, string][];

interface Node {
  next: Map<number, Node>;
  value?: string;
}

export class StageTrie {
  private readonly root: Node = { next: new Map() };

  add(key: string, value: string): void {
    let n = this.root;
    for (const ch of key) {
      const cp = ch.codePointAt(0)!;
      let c = n.next.get(cp);
      if (!c) {
        c = { next: new Map() };
        n.next.set(cp, c);
      }
      n = c;
    }
    n.value = value;
  }

  /**
   * Loads dictionaries, yielding between slices when `yieldEvery` is set: the biggest (STPhrases,
   * ~50 k phrases) would otherwise hold the main thread for well over 100 ms.
   */
  async load(dicts: readonly Dict[], sliceMs = 0, yieldTo: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<this> {
    let t0 = performance.now();
    const maybeYield = async () => {
      if (sliceMs > 0 && performance.now() - t0 > sliceMs) {
        await yieldTo();
        t0 = performance.now();
      }
    };
    for (const d of dicts) {
      if (typeof d === 'string') {
        let start = 0;
        let count = 0;
        while (start < d.length) {
          let end = d.indexOf('|', start);
          if (end < 0) end = d.length;
          const sp = d.indexOf(' ', start);
          if (sp > start && sp < end) this.add(d.slice(start, sp), d.slice(sp + 1, end));
          start = end + 1;
          if ((++count & 1023) === 0) await maybeYield();
        }
      } else {
        for (let i = 0; i < d.length; i++) {
          this.add(d[i]![0], d[i]![1]);
          if ((i & 1023) === 1023) await maybeYield();
        }
      }
    }
    return this;
  }

  loadSync(dicts: readonly Dict[]): this {
    for (const d of dicts) {
      if (typeof d === 'string') {
        for (const line of d.split('|')) {
          const sp = line.indexOf(' ');
          if (sp > 0) this.add(line.slice(0, sp), line.slice(sp + 1));
        }
      } else for (const [k, v] of d) this.add(k, v);
    }
    return this;
  }

  /** One pass: pieces of output, each with the input range it replaces (unchanged runs kept whole). */
  pass(s: string): Piece[] {
    const out: Piece[] = [];
    const n = s.length;
    let plainStart = -1;
    for (let i = 0; i < n; ) {
      let node: Node | undefined = this.root;
      let k = 0;
      let v: string | undefined;
      for (let j = i; j < n; ) {
        const cp = s.codePointAt(j)!;
        j += cp > 0xffff ? 2 : 1;
        node = node.next.get(cp);
        if (!node) break;
        if (node.value !== undefined) {
          k = j;
          v = node.value;
        }
      }
      if (k > 0) {
        if (plainStart >= 0) {
          out.push({ from: plainStart, to: i, text: s.slice(plainStart, i) });
          plainStart = -1;
        }
        out.push({ from: i, to: k, text: v! });
        i = k;
      } else {
        if (plainStart < 0) plainStart = i;
        i += s.codePointAt(i)! > 0xffff ? 2 : 1;
      }
    }
    if (plainStart >= 0) out.push({ from: plainStart, to: n, text: s.slice(plainStart) });
    return out;
  }
}

/** A piece of output and the [from, to) range of the input it stands for. */
export interface Piece {
  from: number;
  to: number;
  text: string;
}

/**
 * Chains stages. Returns the output as pieces over the ORIGINAL text: a piece whose source spans
 * several pieces of an earlier stage covers their union. Unchanged runs come back character by
 * character, so the mapping stays as fine as the conversion allows.
 */
export function convertWithMap(stages: readonly StageTrie[], text: string): Piece[] {
  // Start: one piece per UTF-16 unit pair (code point) so later stages can map back precisely.
  let pieces: Piece[] = [];
  for (let i = 0; i < text.length; ) {
    const w = text.codePointAt(i)! > 0xffff ? 2 : 1;
    pieces.push({ from: i, to: i + w, text: text.slice(i, i + w) });
    i += w;
  }
  for (const stage of stages) {
    const input = pieces.map((p) => p.text).join('');
    // Offsets of each current piece in `input`.
    const starts: number[] = new Array(pieces.length);
    let acc = 0;
    for (let i = 0; i < pieces.length; i++) {
      starts[i] = acc;
      acc += pieces[i]!.text.length;
    }
    const next: Piece[] = [];
    const len = (i: number) => pieces[i]!.text.length;
    let pi = 0;
    for (const q of stage.pass(input)) {
      // Current pieces overlapping [q.from, q.to); one may be shared with the previous q.
      while (pi < pieces.length && starts[pi]! + len(pi) <= q.from) pi++;
      let pj = pi;
      while (pj < pieces.length && starts[pj]! < q.to) pj++;
      if (pj === pi) continue; // nothing left to map (cannot happen with OpenCC's dictionaries)
      const aligned = starts[pi] === q.from && starts[pj - 1]! + len(pj - 1) === q.to;
      if (aligned && q.text === input.slice(q.from, q.to)) {
        // An unchanged run: keep the finer pieces it is made of.
        for (let k = pi; k < pj; k++) next.push(pieces[k]!);
      } else next.push({ from: pieces[pi]!.from, to: pieces[pj - 1]!.to, text: q.text });
    }
    pieces = mergeOverlaps(next);
  }
  return pieces;
}

/** Pieces that share source (a phrase replaced across earlier boundaries) are merged. */
function mergeOverlaps(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && p.from < last.to) {
      last.to = Math.max(last.to, p.to);
      last.text += p.text;
    } else out.push({ ...p });
  }
  return out;
}

export function convertString(stages: readonly StageTrie[], text: string): string {
  let s = text;
  for (const st of stages) s = st.pass(s).map((p) => p.text).join('');
  return s;
}
