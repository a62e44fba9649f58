// Which matches to mark, in what order, and which one is under a given offset. Pure.
import type { TermMatch } from '@/utils/core/glossary/matcher';

export type MarkMode = 'all' | 'first' | 'off';

export interface Occurrence extends TermMatch {
  blockId: number;
}

/** Occurrences in page order. 'first' keeps the first occurrence of each term per paragraph. */
export function selectOccurrences(blockIds: readonly number[], matches: ReadonlyMap<number, readonly TermMatch[]>, mode: MarkMode): Occurrence[] {
  const out: Occurrence[] = [];
  if (mode === 'off') return out;
  for (const blockId of blockIds) {
    const list = matches.get(blockId);
    if (!list) continue;
    const seen = mode === 'first' ? new Set<number>() : null;
    for (const m of list) {
      if (seen) {
        if (seen.has(m.entry)) continue;
        seen.add(m.entry);
      }
      out.push({ blockId, start: m.start, end: m.end, entry: m.entry });
    }
  }
  return out;
}

/**
 * The matches to mark, by block: the blocks' own lists where every match is marked (no copies: a
 * long page has tens of thousands), the first of each term per paragraph for 'first', none for 'off'.
 */
export function markedByBlock(blockIds: readonly number[], matches: ReadonlyMap<number, readonly TermMatch[]>, mode: MarkMode): Map<number, readonly TermMatch[]> {
  const out = new Map<number, readonly TermMatch[]>();
  if (mode === 'off') return out;
  for (const blockId of blockIds) {
    const list = matches.get(blockId);
    if (!list) continue;
    if (mode === 'all') {
      out.set(blockId, list);
      continue;
    }
    const seen = new Set<number>();
    out.set(
      blockId,
      list.filter((m) => !seen.has(m.entry) && seen.add(m.entry)),
    );
  }
  return out;
}

/** The match covering `offset` (start ≤ offset < end) in a block's sorted matches. */
export function matchAt(list: readonly TermMatch[], offset: number): TermMatch | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return m;
  }
  return null;
}

/** Index of the next (dir 1) or previous (dir -1) occurrence from `current`, wrapping around. */
export function stepOccurrence(count: number, current: number, dir: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return dir === 1 ? 0 : count - 1;
  return (current + dir + count) % count;
}
