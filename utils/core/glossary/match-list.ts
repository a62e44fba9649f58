// A block's term matches as the page keeps them: three small integers each (start, end, entry) in
// one plain array. A page of 600 k characters has ~17 k matches; an object each plus an array per
// block held about 0.8 MB of its heap, this holds about a third of that. Pure.
import type { TermMatch } from '@/utils/core/glossary/matcher';

/** start, end, entry, start, end, entry, … in text order, non-overlapping */
export type MatchList = readonly number[];

export const matchCount = (list: MatchList): number => list.length / 3;

/** The `i`-th match as an object (for the few that are looked at: hovered, navigated to). */
export const matchOf = (list: MatchList, i: number): TermMatch => ({ start: list[i * 3]!, end: list[i * 3 + 1]!, entry: list[i * 3 + 2]! });

export const entryOf = (list: MatchList, i: number): number => list[i * 3 + 2]!;

export function unpackMatches(list: MatchList): TermMatch[] {
  const out: TermMatch[] = [];
  for (let i = 0; i < list.length; i += 3) out.push({ start: list[i]!, end: list[i + 1]!, entry: list[i + 2]! });
  return out;
}

/** The matches whose index passes `keep`, as a new list. */
export function filterMatches(list: MatchList, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < list.length / 3; i++) if (keep(i)) out.push(list[i * 3]!, list[i * 3 + 1]!, list[i * 3 + 2]!);
  return out;
}
