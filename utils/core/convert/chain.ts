// OpenCC's conversion as opencc-js 1.4.2 runs it (per configuration: normalisation, segmentation,
// then the conversion chain applied to each segment on its own, each step a pass of a trie.ts trie),
// rebuilt so that it also says where each piece of output came from. That is what lets the page be
// converted a block at a time and the result written back into the same text nodes. The output is
// identical to opencc-js's string conversion (tests/unit/convert*.test.ts). Pure.
import type { Piece, StageTrie } from '@/utils/core/convert/trie';

/** One OpenCC configuration, built: normalisation passes, the segmenter (if any), the chain. */
export interface BuiltConfig {
  normalization: readonly StageTrie[];
  segmentation: StageTrie | null;
  chain: readonly StageTrie[];
}

/** One step of a conversion: a pass over the text, or a new segmentation of it. */
type Step = { pass: StageTrie } | { segment: StageTrie | null };

function stepsOf(configs: readonly BuiltConfig[]): Step[] {
  const steps: Step[] = [];
  for (const c of configs) {
    for (const t of c.normalization) steps.push({ segment: null }, { pass: t });
    steps.push({ segment: c.segmentation });
    for (const t of c.chain) steps.push({ pass: t });
  }
  return steps;
}

/** Where the segment ends land in the output of a pass (pieces never cross a segment end). */
function mapEnds(pieces: readonly Piece[], ends: readonly number[]): number[] {
  const out: number[] = [];
  let e = 0;
  let pos = 0;
  for (const p of pieces) {
    pos += p.text.length;
    while (e < ends.length && ends[e]! <= p.to) {
      out.push(pos);
      e++;
    }
  }
  while (e++ < ends.length) out.push(pos);
  return out;
}

export function convertString(configs: readonly BuiltConfig[], text: string): string {
  let s = text;
  let ends = [s.length];
  for (const step of stepsOf(configs)) {
    if ('segment' in step) ends = step.segment ? step.segment.segment(s) : [s.length];
    else {
      const pieces = step.pass.pass(s, ends);
      let out = '';
      for (const p of pieces) out += p.text;
      ends = mapEnds(pieces, ends);
      s = out;
    }
  }
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
export function convertParts(configs: readonly BuiltConfig[], parts: readonly string[]): string[] {
  let cur = [...parts];
  let ends = [cur.join('').length];
  for (const step of stepsOf(configs)) {
    const input = cur.join('');
    if ('segment' in step) {
      ends = step.segment ? step.segment.segment(input) : [input.length];
      continue;
    }
    const pieces = step.pass.pass(input, ends);
    ends = mapEnds(pieces, ends);
    cur = distribute(cur, pieces);
  }
  return cur;
}

function distribute(cur: readonly string[], pieces: readonly Piece[]): string[] {
  const partEnds: number[] = [];
  let acc = 0;
  for (const p of cur) partEnds.push((acc += p.length));
  const next = cur.map(() => '');
  let k = 0; // part holding the current position
  for (const q of pieces) {
    while (k < partEnds.length - 1 && partEnds[k]! <= q.from) k++;
    // Fast path: the piece lies within one part.
    if (q.to <= partEnds[k]!) {
      next[k] += q.text;
      continue;
    }
    const sameLength = q.text.length === q.to - q.from;
    let pos = q.from;
    let cut = 0;
    let j = k;
    const total = q.to - q.from;
    while (pos < q.to && j < partEnds.length) {
      const end = Math.min(partEnds[j]!, q.to);
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
  return next;
}
