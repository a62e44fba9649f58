// The one protocol between contexts. Every message is validated on receipt: a content script shares
// its runtime with nothing, but a message can still come from a page-compromised frame of ours.
import type { Detection, Reason, ReasonId } from '@/utils/core/detect/report';
import { isSiteMode, type SiteMode } from '@/utils/core/settings';
import { isAnnotation, type Annotation, type HighlightColor } from '@/utils/core/annotate/types';
import { isCount, isNum, isObj, isStr } from '@/utils/core/guards';
import type { DeleteResult, ImportResult, PutResult } from '@/utils/core/annotate/revisions';
import { isScriptMode, type Converting, type RestoreProfile, type ScriptMode, type SourceScript } from '@/utils/core/convert/modes';
import type { ConvertItem } from '@/utils/core/convert/converters';
import type { IndexedEntry } from '@/utils/core/glossary';
import type { PackedFormIndex } from '@/utils/core/glossary/form-index';
import type { PageHighlights } from '@/utils/core/annotate/export';
import { LIMITS } from '@/utils/core/user-terms/model';
import type { DictLookupReply } from '@/utils/core/dict';

export type ReaderState = 'report' | 'zh' | 'off' | 'not-chinese';

export interface PageStatus {
  host: string;
  url: string;
  mode: SiteMode;
  state: ReaderState;
  detection: Pick<Detection, 'isReport' | 'isChinese' | 'score' | 'reasons' | 'script' | 'cjkShare'>;
  /** Distinct glossary terms on the page; null until the glossary has run. */
  termCount: number | null;
  /** The script the page is shown in now. */
  script: ScriptMode;
  /** The page holds Han text: the script switch is offered, whatever the detection says. */
  hasHan: boolean;
  /** Where the content script spent its time on this page, for the popup's details and `npm run bench`. */
  timing: { probeMs: number; modelMs: number; detectMs: number; totalMs: number; glossaryMs: number; markMs: number; convertLoadMs: number; convertMs: number; convertFirstMs: number; convertBusyMs: number; convertAheadChars: number; anchorMs: number; matcherMs: number };
}

export type Message =
  | { type: 'page-status'; status: PageStatus }
  | { type: 'get-status' }
  /** content → background: the glossary's forms, filed for matching (PackedFormIndex) */
  | { type: 'get-glossary-forms' }
  /** Entries by index in the compiled glossary, or by id (related terms). At most 200 at once. */
  | { type: 'get-entries'; indices?: number[]; ids?: string[] }
  /** side panel → content: the terms on the page with their counts */
  | { type: 'get-terms' }
  /** side panel → content: scroll to the next occurrence of a term and open its popover */
  | { type: 'reveal-term'; index: number }
  /** content → background: open the options page to add this text as the reader's own term (a dictionary entry prefills pinyin and English, a page's note its note) */
  | { type: 'add-term'; text: string; pinyin?: string; english?: string; note?: string }
  /** content → background: inject the page UI bundle into the sender's frame */
  | { type: 'load-ui' }
  /**
   * popup / background → content: show the page in this script; `tell`: the page itself says when
   * it fails (the context menu has no popup to say it)
   */
  | { type: 'set-script'; mode: ScriptMode; tell?: true }
  /** a set-script whose mode is not one of ours: answered with an error, never acted on */
  | { type: 'set-script-invalid'; mode: string }
  /**
   * background → content: a script chosen in the context menu reached no frame that could show it;
   * the frame right-clicked says why on the page (answers whether it did)
   */
  | { type: 'script-unavailable' }
  /** content → background: OpenCC's TSCharacters, to fold highlights to one script */
  | { type: 'get-fold-table' }
  /**
   * content → background: build (and keep) the converter a switch of this page would use, so that
   * the switch itself only converts; answers whether it is ready
   */
  | { type: 'prepare-convert'; mode: Converting; source: SourceScript; profile: RestoreProfile }
  /** content → background: convert these blocks; answer { ok, parts } or { ok: false, error } */
  | { type: 'convert'; mode: Converting; profile: RestoreProfile; items: ConvertItem[] }
  // Highlights. The background is their only writer.
  | { type: 'hl-list'; source: string }
  | { type: 'hl-put'; annotation: Annotation }
  | { type: 'hl-delete'; source: string; id: string }
  | { type: 'hl-all' }
  | { type: 'hl-import'; annotations: Annotation[] }
  /** background → the settings page that imports: pages written so far */
  | { type: 'hl-import-progress'; done: number; total: number }
  /** popup → background: the frame of a tab whose reader state says most (a report in an iframe) */
  | { type: 'get-report-frame'; tabId: number }
  /** popup / side panel → content: this page's highlights, placed or not */
  | { type: 'hl-page' }
  /** popup / side panel → content: scroll to a highlight */
  | { type: 'hl-reveal'; id: string }
  /**
   * content / extension pages → background: CC-CEDICT lookup of the text at the caret (up to
   * MAX_LOOKUP_TEXT characters from it); answers a DictLookupReply, empty for text not looked up.
   */
  | { type: 'dict-lookup'; text: string };

export interface PageHighlight {
  id: string;
  exact: string;
  note: string;
  color: HighlightColor;
  placed: boolean;
}

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Converted blocks, each the parts of its item; or why not (a dictionary failed to load). */
export type ConvertReply = { ok: true; parts: string[][] } | { ok: false; error: string };


/** The answer to each request. A receiver that does not handle a message answers nothing (undefined). */
export interface Replies {
  'page-status': boolean;
  'get-status': PageStatus | null;
  'get-glossary-forms': PackedFormIndex;
  'get-entries': IndexedEntry[];
  'get-terms': PageTerms | null;
  'reveal-term': boolean;
  'add-term': boolean;
  'load-ui': boolean;
  'set-script': true | false | { error: string };
  'set-script-invalid': { error: string };
  'script-unavailable': boolean;
  'get-fold-table': string;
  'prepare-convert': boolean;
  'convert': ConvertReply;
  'hl-list': Annotation[];
  'hl-put': PutResult;
  'hl-delete': DeleteResult;
  'hl-all': PageHighlights[];
  /** what was written, or (ok false, no counts) refused before anything was */
  'hl-import': ImportResult | { ok: false; error: string };
  'hl-import-progress': boolean;
  'get-report-frame': number;
  'hl-page': { source: string; items: PageHighlight[] } | null;
  'hl-reveal': boolean;
  'dict-lookup': DictLookupReply;
}
export type Reply<T extends MessageType> = Replies[T];

/** Answers messages of some types; `dispatch` picks the handler for a validated message. */
export type MessageHandlers<Ctx = void> = { [K in MessageType]?: (msg: MessageOf<K>, ctx: Ctx) => Promise<Reply<K>> };

/** Runs the handler for a raw message, or returns undefined (malformed, or not ours to answer). */
export function dispatch<Ctx>(handlers: MessageHandlers<Ctx>, raw: unknown, ctx: Ctx): Promise<unknown> | undefined {
  const msg = parseMessage(raw);
  const handler = msg && (handlers[msg.type] as ((m: Message, c: Ctx) => Promise<unknown>) | undefined);
  return handler ? handler(msg, ctx) : undefined;
}

export interface PageTerms {
  script: 'simplified' | 'traditional';
  /** [entry index, occurrences] in order of first appearance */
  counts: [number, number][];
  /** entry indices at or above this belong to the reader's own terms */
  userBase: number;
  /** the page's own notes (its notes section): each with the entry index its occurrences count under */
  notes?: { base: number; items: { term: string; definition: string; entry: number }[] };
}

const REASON_IDS: readonly ReasonId[] = [
  'chinese', 'title-doc-type', 'heading-doc-type', 'issuer', 'addressee', 'sections', 'subsections',
  'signature-date', 'gov-domain', 'glossary-density',
];
const STATES: readonly ReaderState[] = ['report', 'zh', 'off', 'not-chinese'];


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
    isScriptMode(x.script) &&
    typeof x.hasHan === 'boolean' &&
    isObj(x.timing) &&
    ['probeMs', 'modelMs', 'detectMs', 'totalMs', 'glossaryMs', 'markMs', 'convertLoadMs', 'convertMs', 'convertFirstMs', 'convertBusyMs', 'convertAheadChars', 'anchorMs', 'matcherMs'].every((k) => isNum((x.timing as Record<string, unknown>)[k])) &&
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

function isConverting(x: unknown): x is Converting {
  return isScriptMode(x) && x !== 'original';
}

const SOURCES: readonly SourceScript[] = ['simplified', 'traditional'];
/** Whole pages cross in one message; the cap only stops a runaway sender. */
const MAX_CONVERT_CHARS = 50_000_000;

function isConvertItems(x: unknown): x is ConvertItem[] {
  if (!Array.isArray(x) || x.length > 1_000_000) return false;
  let total = 0;
  for (const item of x) {
    if (!isObj(item) || !(SOURCES as readonly unknown[]).includes(item.source) || !Array.isArray(item.parts)) return false;
    for (const p of item.parts) {
      if (typeof p !== 'string') return false;
      total += p.length;
    }
  }
  return total <= MAX_CONVERT_CHARS;
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
    case 'get-entries': {
      const okIndices = x.indices === undefined || (Array.isArray(x.indices) && x.indices.length <= 200 && x.indices.every((i) => Number.isInteger(i) && (i as number) >= 0));
      const okIds = x.ids === undefined || (Array.isArray(x.ids) && x.ids.length <= 200 && x.ids.every((i) => isStr(i, 100)));
      if (!okIndices || !okIds) return null;
      return { type: 'get-entries', indices: x.indices as number[] | undefined, ids: x.ids as string[] | undefined };
    }
    case 'add-term': {
      if (!isStr(x.text, 40) || !(x.text as string).trim()) return null;
      if (!(x.pinyin === undefined || isStr(x.pinyin, 200)) || !(x.english === undefined || isStr(x.english, 500)) || !(x.note === undefined || isStr(x.note, LIMITS.note))) return null;
      const opt = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      return { type: 'add-term', text: (x.text as string).trim(), pinyin: opt(x.pinyin), english: opt(x.english), note: opt(x.note) };
    }
    case 'get-terms':
      return { type: 'get-terms' };
    case 'load-ui':
      return { type: 'load-ui' };
    case 'set-script':
      if (!isScriptMode(x.mode)) return { type: 'set-script-invalid', mode: String(x.mode).slice(0, 40) };
      return x.tell === true ? { type: 'set-script', mode: x.mode, tell: true } : { type: 'set-script', mode: x.mode };
    case 'script-unavailable':
      return { type: 'script-unavailable' };
    case 'get-fold-table':
      return { type: 'get-fold-table' };
    case 'prepare-convert':
      return isConverting(x.mode) && (x.profile === 'government' || x.profile === 'general') && (SOURCES as readonly unknown[]).includes(x.source)
        ? { type: 'prepare-convert', mode: x.mode, source: x.source as SourceScript, profile: x.profile }
        : null;
    case 'convert':
      return isConverting(x.mode) && (x.profile === 'government' || x.profile === 'general') && isConvertItems(x.items) ? { type: 'convert', mode: x.mode, profile: x.profile, items: x.items } : null;
    case 'reveal-term':
      return Number.isInteger(x.index) && (x.index as number) >= 0 ? { type: 'reveal-term', index: x.index as number } : null;
    case 'hl-list':
      return isStr(x.source, 4000) ? { type: 'hl-list', source: x.source as string } : null;
    case 'hl-put':
      return isAnnotation(x.annotation) ? { type: 'hl-put', annotation: x.annotation } : null;
    case 'hl-delete':
      return isStr(x.source, 4000) && isStr(x.id, 200) ? { type: 'hl-delete', source: x.source as string, id: x.id as string } : null;
    case 'hl-all':
      return { type: 'hl-all' };
    case 'hl-import':
      return Array.isArray(x.annotations) && x.annotations.length <= 100_000 && x.annotations.every(isAnnotation) ? { type: 'hl-import', annotations: x.annotations } : null;
    case 'get-report-frame':
      return isCount(x.tabId) ? { type: 'get-report-frame', tabId: x.tabId } : null;
    case 'hl-import-progress':
      return isCount(x.done) && isCount(x.total) ? { type: 'hl-import-progress', done: x.done, total: x.total } : null;
    case 'hl-page':
      return { type: 'hl-page' };
    case 'hl-reveal':
      return isStr(x.id, 200) ? { type: 'hl-reveal', id: x.id as string } : null;
    case 'dict-lookup':
      // Any string is accepted here so that odd text (over-long, lone surrogates, not Chinese) gets an
      // empty reply from the lookup rather than no reply at all.
      return typeof x.text === 'string' ? { type: 'dict-lookup', text: x.text } : null;
    default:
      return null;
  }
}
