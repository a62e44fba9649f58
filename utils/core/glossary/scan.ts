// Runs the matcher over the page-text model's blocks without freezing the tab: work is cut into
// slices of a few milliseconds, and the tab gets the main thread back between slices.
import type { TermMatch, TermMatcher } from '@/utils/core/glossary/matcher';

export interface ScanOptions {
  /** Longest slice of work before yielding. */
  sliceMs?: number;
  /** Checked between slices; when true the scan stops early. */
  cancelled?: () => boolean;
  now?: () => number;
  yieldTo?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));

/** Matches every block; returns matches per block id. */
export async function scanBlocks(blocks: readonly { readonly id: number; readonly text: string }[], matcher: TermMatcher, opts: ScanOptions = {}): Promise<Map<number, TermMatch[]>> {
  const { sliceMs = 8, cancelled = () => false, now = () => performance.now(), yieldTo = defaultYield } = opts;
  const out = new Map<number, TermMatch[]>();
  let sliceStart = now();
  for (const block of blocks) {
    if (now() - sliceStart > sliceMs) {
      await yieldTo();
      if (cancelled()) break;
      sliceStart = now();
    }
    const m = matcher.match(block.text);
    if (m.length) out.set(block.id, m);
  }
  return out;
}

/** Occurrences per entry index over all blocks' matches. */
export function countTerms(matches: Iterable<readonly TermMatch[]>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const list of matches) for (const m of list) counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
  return counts;
}
