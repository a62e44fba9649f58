// OpenCC's conversion (longest match over a trie, one trie per stage, stages chained), rebuilt so
// that it also says where each piece of output came from. That is what lets the page be converted a
// block at a time and the result written back into the same text nodes. Uses opencc-js's own
// dictionaries; the output is identical to opencc-js's string conversion.

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

export function convertString(stages: readonly StageTrie[], text: string): string {
  let s = text;
  for (const st of stages) s = st.pass(s).map((p) => p.text).join('');
  return s;
}

/**
 * Converts text held in consecutive parts (the text nodes of a block) and returns the new text of
 * each part. The whole text is converted as one string, so a phrase split across parts converts as
 * one; each output piece goes back to the part its source came from. Runs of unchanged or
 * same-length text are split at the original boundaries exactly; a replacement of another length
 * that crosses parts is shared in proportion (never splitting a surrogate pair). The parts joined
 * always equal convertString() of the parts joined.
 */
export function convertParts(stages: readonly StageTrie[], parts: readonly string[]): string[] {
  let cur = [...parts];
  for (const stage of stages) {
    const input = cur.join('');
    const ends: number[] = [];
    let acc = 0;
    for (const p of cur) ends.push((acc += p.length));
    const next = cur.map(() => '');
    let k = 0; // part holding the current position
    for (const q of stage.pass(input)) {
      while (k < ends.length - 1 && ends[k]! <= q.from) k++;
      // Fast path: the piece lies within one part.
      if (q.to <= ends[k]!) {
        next[k] += q.text;
        continue;
      }
      const sameLength = q.text.length === q.to - q.from;
      let pos = q.from;
      let cut = 0;
      let j = k;
      const total = q.to - q.from;
      while (pos < q.to && j < ends.length) {
        const end = Math.min(ends[j]!, q.to);
        const take = end - pos;
        let nextCut: number;
        if (end === q.to) nextCut = q.text.length;
        else {
          nextCut = sameLength ? cut + take : Math.round((q.text.length * (end - q.from)) / total);
          if (nextCut > 0 && nextCut < q.text.length && /[\ud800-\udbff]/.test(q.text[nextCut - 1]!)) nextCut++;
          nextCut = Math.max(cut, Math.min(nextCut, q.text.length));
        }
        next[j] += q.text.slice(cut, nextCut);
        cut = nextCut;
        pos = end;
        if (pos < q.to) j++;
      }
      k = j;
    }
    cur = next;
  }
  return cur;
}
