// Which frame of a tab the popup and side panel speak for: a report shown in a same-origin iframe
// counts as the tab's report. Pure; the background keeps each frame's last status per tab
// (utils/extension/frame-store.ts) and outlives a service-worker restart through session storage,
// so every record here is checked when it is read back.
import type { PageStatus, ReaderState } from '@/utils/core/messages';

const RANK: Record<ReaderState, number> = { report: 3, zh: 2, off: 1, 'not-chinese': 0 };

/** What the background keeps of a frame's status: enough to pick the frame and draw the badge. */
export interface FrameRecord {
  url: string;
  state: ReaderState;
  termCount: number | null;
}

/** A tab's frames by frame id (0 is the top frame). */
export type FrameTable = Readonly<Record<string, FrameRecord>>;

export const frameRecord = (s: Pick<PageStatus, 'url' | 'state' | 'termCount'>): FrameRecord => ({ url: s.url, state: s.state, termCount: s.termCount });

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

export function bestOf(table: FrameTable): number {
  return bestFrame(new Map(Object.entries(table).map(([id, r]) => [Number(id), r.state])));
}

/**
 * The table once `frameId` has reported `record`. The top frame reporting another address means
 * the tab loaded another page: the old page's subframes are gone with it.
 */
export function withFrame(table: FrameTable | null, frameId: number, record: FrameRecord): FrameTable {
  const kept = table && !(frameId === 0 && table[0] && table[0].url !== record.url) ? table : {};
  return { ...kept, [frameId]: record };
}

const isState = (x: unknown): x is ReaderState => typeof x === 'string' && Object.hasOwn(RANK, x);
const isFrameId = (k: string) => /^(0|[1-9]\d{0,9})$/.test(k);

function isRecord(x: unknown): x is FrameRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.url === 'string' && isState(r.state) && (r.termCount === null || (Number.isInteger(r.termCount) && (r.termCount as number) >= 0));
}

/** A stored table as read back: only well-formed frames are kept (null when there is none). */
export function parseFrameTable(raw: unknown): FrameTable | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Record<string, FrameRecord> = {};
  for (const [k, v] of Object.entries(raw)) if (isFrameId(k) && isRecord(v)) out[k] = frameRecord(v);
  return Object.keys(out).length ? out : null;
}
