// Which matches to mark, in what order, and which one is under a given offset. Pure.
import type { TermMatch } from '@/utils/core/glossary/matcher';
import { entryOf, filterMatches, matchCount, matchOf, type MatchList } from '@/utils/core/glossary/match-list';

export type MarkMode = 'all' | 'first' | 'off';

export interface Occurrence extends TermMatch {
  blockId: number;
}

/** Occurrences in page order. 'first' keeps the first occurrence of each term per paragraph. */
export function selectOccurrences(blockIds: readonly number[], matches: ReadonlyMap<number, MatchList>, mode: MarkMode): Occurrence[] {
  const out: Occurrence[] = [];
  if (mode === 'off') return out;
  for (const blockId of blockIds) {
    const list = matches.get(blockId);
    if (!list) continue;
    const seen = mode === 'first' ? new Set<number>() : null;
    for (let i = 0; i < matchCount(list); i++) {
      if (seen) {
        if (seen.has(entryOf(list, i))) continue;
        seen.add(entryOf(list, i));
      }
      out.push({ blockId, ...matchOf(list, i) });
    }
  }
  return out;
}

/**
 * The matches to mark, by block: the blocks' own lists where every match is marked (no copies: a
 * long page has tens of thousands), the first of each term per paragraph for 'first', none for 'off'.
 */
export function markedByBlock(blockIds: readonly number[], matches: ReadonlyMap<number, MatchList>, mode: MarkMode): Map<number, MatchList> {
  const out = new Map<number, MatchList>();
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
      filterMatches(list, (i) => !seen.has(entryOf(list, i)) && !!seen.add(entryOf(list, i))),
    );
  }
  return out;
}

/** The match covering `offset` (start ≤ offset < end) in a block's sorted matches. */
export function matchAt(list: MatchList, offset: number): TermMatch | null {
  let lo = 0;
  let hi = matchCount(list) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < list[mid * 3]!) hi = mid - 1;
    else if (offset >= list[mid * 3 + 1]!) lo = mid + 1;
    else return matchOf(list, mid);
  }
  return null;
}

/** Index of the next (dir 1) or previous (dir -1) occurrence from `current`, wrapping around. */
export function stepOccurrence(count: number, current: number, dir: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return dir === 1 ? 0 : count - 1;
  return (current + dir + count) % count;
}
