// Writes a converted block back into the text nodes it came from. Pure: works on spans and pieces.
import type { Piece } from './trie';

/** A text node's span in the block's text; `node` is null for a virtual line break (<br>). */
export interface Span {
  start: number;
  end: number;
  hasNode: boolean;
}

/**
 * New text for every span, in order. A piece inside one node goes to that node; a piece that
 * crosses nodes (a phrase split by inline markup) is shared among them in proportion to how much
 * of its source each held, never splitting a surrogate pair. Virtual breaks keep their "\n".
 */
export function distribute(spans: readonly Span[], pieces: readonly Piece[]): string[] {
  const out = spans.map(() => '');
  let si = 0;
  for (const p of pieces) {
    while (si < spans.length && spans[si]!.end <= p.from && spans[si]!.end > spans[si]!.start) si++;
    // Spans overlapping the piece.
    const touched: { i: number; overlap: number }[] = [];
    for (let k = si; k < spans.length && spans[k]!.start < p.to; k++) {
      const s = spans[k]!;
      const overlap = Math.min(s.end, p.to) - Math.max(s.start, p.from);
      if (overlap > 0 && s.hasNode) touched.push({ i: k, overlap });
    }
    if (touched.length === 0) continue; // only virtual breaks: nothing to write
    if (touched.length === 1) {
      out[touched[0]!.i] += p.text;
      continue;
    }
    const total = touched.reduce((n, t) => n + t.overlap, 0);
    let acc = 0;
    let cut = 0;
    touched.forEach((t, k) => {
      acc += t.overlap;
      let next = k === touched.length - 1 ? p.text.length : Math.round((p.text.length * acc) / total);
      // Never leave half a surrogate pair on either side.
      if (next > 0 && next < p.text.length && /[\ud800-\udbff]/.test(p.text[next - 1]!)) next++;
      next = Math.max(cut, Math.min(next, p.text.length));
      out[t.i] += p.text.slice(cut, next);
      cut = next;
    });
  }
  return out;
}
