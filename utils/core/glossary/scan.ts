// Runs the matcher over the page-text model's blocks without freezing the tab: work is cut into
// slices of a few milliseconds, and the tab gets the main thread back between slices.
import type { TermMatcher } from '@/utils/core/glossary/matcher';
import type { MatchList } from '@/utils/core/glossary/match-list';

export interface ScanOptions {
  /** Longest slice of work before yielding. */
  sliceMs?: number;
  /** Checked between slices; when true the scan stops early. */
  cancelled?: () => boolean;
  now?: () => number;
  yieldTo?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));

/** Matches every block; returns the matches of each block that has any, packed, by block id. */
export async function scanBlocks(blocks: readonly { readonly id: number; readonly text: string }[], matcher: TermMatcher, opts: ScanOptions = {}): Promise<Map<number, MatchList>> {
  const { sliceMs = 8, cancelled = () => false, now = () => performance.now(), yieldTo = defaultYield } = opts;
  const out = new Map<number, MatchList>();
  let sliceStart = now();
  for (const block of blocks) {
    if (now() - sliceStart > sliceMs) {
      await yieldTo();
      if (cancelled()) break;
      sliceStart = now();
    }
    const m = matcher.matchList(block.text);
    // A copy of its exact length: a list grown by push keeps up to half again as much room, and the page keeps thousands.
    if (m.length) out.set(block.id, m.slice());
  }
  return out;
}

/** Occurrences per entry index over all blocks' matches. */
export function countTerms(matches: Iterable<MatchList>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const list of matches) {
    for (let i = 2; i < list.length; i += 3) counts.set(list[i]!, (counts.get(list[i]!) ?? 0) + 1);
  }
  return counts;
}

/**
 * How many distinct entries the matches name: what detection and the badge need after every
 * match, without counting each (a flag per entry index, no map; entry indices are small).
 */
export function distinctEntries(matches: Iterable<MatchList>): number {
  let seen = new Uint8Array(1024);
  let n = 0;
  for (const list of matches) {
    for (let i = 2; i < list.length; i += 3) {
      const e = list[i]!;
      if (e >= seen.length) {
        const grown = new Uint8Array(Math.max(e + 1, seen.length * 2));
        grown.set(seen);
        seen = grown;
      }
      if (seen[e] === 0) {
        seen[e] = 1;
        n++;
      }
    }
  }
  return n;
}
