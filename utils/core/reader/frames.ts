// Which frame of a tab the popup speaks for: a report shown in a same-origin iframe counts as the
// tab's report. Pure; the background keeps the statuses each frame reports.
import type { ReaderState } from '@/utils/core/messages';

const RANK: Record<ReaderState, number> = { report: 3, zh: 2, off: 1, 'not-chinese': 0 };

/** The frame whose state says most (a report, else Chinese, else off), the top frame on ties. */
export function bestFrame(frames: ReadonlyMap<number, ReaderState>): number {
  let best = 0;
  let rank = frames.has(0) ? RANK[frames.get(0)!] : -1;
  for (const [id, state] of frames) {
    if (RANK[state] > rank) {
      best = id;
      rank = RANK[state];
    }
  }
  return best;
}
