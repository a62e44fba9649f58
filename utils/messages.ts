// The one protocol between contexts. Every message is validated on receipt: a content script shares
// its runtime with nothing, but a message can still come from a page-compromised frame of ours.
import type { Detection, Reason, ReasonId } from './detect/report';
import { isSiteMode, type SiteMode } from './storage/items';

export type ReaderState = 'report' | 'zh' | 'off' | 'not-chinese';

export interface PageStatus {
  host: string;
  url: string;
  mode: SiteMode;
  state: ReaderState;
  detection: Pick<Detection, 'isReport' | 'isChinese' | 'score' | 'reasons' | 'script' | 'cjkShare'>;
  /** Distinct glossary terms on the page; null until the glossary has run. */
  termCount: number | null;
  /** Where the content script spent its time on this page, for the popup's details and `npm run bench`. */
  timing: { probeMs: number; modelMs: number; detectMs: number; totalMs: number; glossaryMs: number };
}

export type Message =
  | { type: 'page-status'; status: PageStatus }
  | { type: 'get-status' }
  | { type: 'get-glossary-forms' };

const REASON_IDS: readonly ReasonId[] = [
  'chinese', 'title-doc-type', 'heading-doc-type', 'issuer', 'addressee', 'sections', 'subsections',
  'signature-date', 'gov-domain', 'glossary-density',
];
const STATES: readonly ReaderState[] = ['report', 'zh', 'off', 'not-chinese'];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = 4096): x is string => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function isReason(x: unknown): x is Reason {
  return isObj(x) && (REASON_IDS as readonly unknown[]).includes(x.id) && isNum(x.points) && isStr(x.evidence, 200);
}

export function isPageStatus(x: unknown): x is PageStatus {
  if (!isObj(x)) return false;
  const d = x.detection;
  return (
    isStr(x.host, 300) &&
    isStr(x.url, 8192) &&
    isSiteMode(x.mode) &&
    (STATES as readonly unknown[]).includes(x.state) &&
    (x.termCount === null || (isNum(x.termCount) && x.termCount >= 0)) &&
    isObj(x.timing) &&
    ['probeMs', 'modelMs', 'detectMs', 'totalMs', 'glossaryMs'].every((k) => isNum((x.timing as Record<string, unknown>)[k])) &&
    isObj(d) &&
    typeof d.isReport === 'boolean' &&
    typeof d.isChinese === 'boolean' &&
    isNum(d.score) &&
    isNum(d.cjkShare) &&
    ['simplified', 'traditional', 'unknown'].includes(d.script as string) &&
    Array.isArray(d.reasons) &&
    d.reasons.length <= 50 &&
    d.reasons.every(isReason)
  );
}

/** Returns the message if it is one of ours and well-formed, else null. */
export function parseMessage(x: unknown): Message | null {
  if (!isObj(x) || typeof x.type !== 'string') return null;
  switch (x.type) {
    case 'page-status':
      return isPageStatus(x.status) ? { type: 'page-status', status: x.status } : null;
    case 'get-status':
      return { type: 'get-status' };
    case 'get-glossary-forms':
      return { type: 'get-glossary-forms' };
    default:
      return null;
  }
}
