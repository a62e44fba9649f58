// Anchoring, after Hypothesis: selectors are data, strategies are tried in order (position, exact
// quote with context, fuzzy), and a highlight that cannot be placed is an orphan, never dropped.
// Works on the page text as the model joins it, folded to one script (see fold.ts).
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '@/utils/core/annotate/types';

export const CONTEXT = 32;

export interface Anchored {
  start: number;
  end: number;
  strategy: 'position' | 'quote' | 'fuzzy';
}

/** Quote and position selectors for [start, end) of the page text as shown (anchor() folds both sides). */
export function describe(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  return [
    { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** How many characters at the end of `a` and the end of `b` agree (for prefixes), 0..1. */
function tailAgreement(a: string, b: string): number {
  if (!b.length) return 1;
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n / b.length;
}

function headAgreement(a: string, b: string): number {
  if (!b.length) return 1;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n / b.length;
}

export function anchor(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): Anchored | null {
  const { exact, prefix, suffix } = quote;
  if (!exact) return null;
  // 1. Position, if the quote is still there.
  if (position && text.slice(position.start, position.end) === exact) return { start: position.start, end: position.end, strategy: 'position' };

  // 2. Exact quote; repeats are told apart by context, then by nearness to the old position.
  const hits: number[] = [];
  for (let i = text.indexOf(exact); i >= 0 && hits.length < 10_000; i = text.indexOf(exact, i + 1)) hits.push(i);
  const expected = position?.start ?? 0;
  const score = (at: number, len: number) =>
    20 * tailAgreement(text.slice(Math.max(0, at - prefix.length), at), prefix) +
    20 * headAgreement(text.slice(at + len, at + len + suffix.length), suffix) +
    2 * (1 - Math.min(1, Math.abs(at - expected) / Math.max(text.length, 1)));
  if (hits.length) {
    let best = hits[0]!;
    let bestScore = -1;
    for (const at of hits) {
      const s = score(at, exact.length);
      if (s > bestScore) {
        bestScore = s;
        best = at;
      }
    }
    return { start: best, end: best + exact.length, strategy: 'quote' };
  }

  // 3. Fuzzy: the quote with edits, scored on quote, context and position.
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  if (maxErrors < 1) return null;
  const candidates = search(text, exact, maxErrors);
  let best: Anchored | null = null;
  let bestScore = -1;
  for (const m of candidates) {
    const quoteScore = 1 - m.errors / exact.length;
    const s = (50 * quoteScore + score(m.start, m.end - m.start)) / 92;
    if (s > bestScore) {
      bestScore = s;
      best = { start: m.start, end: m.end, strategy: 'fuzzy' };
    }
  }
  // Too different to be the same passage: an orphan.
  if (!best || bestScore < 0.5) return null;
  return best;
}
