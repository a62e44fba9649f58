// The answer each message gets, checked on receipt: content scripts answer from a renderer that runs
// the page, and a stale or foreign receiver may answer anything. Pure.
import { isAnnotation } from '@/utils/core/annotate/types';
import type { DeleteResult, ImportResult, PutResult } from '@/utils/core/annotate/revisions';
import type { PageHighlights } from '@/utils/core/annotate/export';
import { isIndexedEntry } from '@/utils/core/glossary';
import { isPackedFormIndex } from '@/utils/core/glossary/form-index';
import type { DictEntryView, DictLookupReply, DictWordView } from '@/utils/core/dict';
import { arrayOf, isBool, isCount, isObj, isStr } from '@/utils/core/guards';
import { isPageStatus, type ConvertReply, type MessageType, type PageHighlight, type PageStatus, type PageTerms, type Reply } from '@/utils/core/messages';

function isConvertReply(x: unknown): x is ConvertReply {
  if (!isObj(x)) return false;
  if (x.ok === false) return isStr(x.error);
  return x.ok === true && Array.isArray(x.parts) && x.parts.every((p) => Array.isArray(p) && p.every((s) => typeof s === 'string'));
}

const isRefusal = (x: unknown): x is { ok: false; error: string } => isObj(x) && x.ok === false && isStr(x.error);
const FIELDS = ['color', 'note'];

function isPutResult(x: unknown): x is PutResult {
  if (isRefusal(x)) return true;
  if (!isObj(x) || x.ok !== true || !isAnnotation(x.annotation)) return false;
  if (x.status === 'merged') return Array.isArray(x.kept) && x.kept.every((k) => FIELDS.includes(k as string));
  return x.status === 'created' || x.status === 'updated' || x.status === 'unchanged';
}

function isImportResult(x: unknown): x is ImportResult {
  return (
    isObj(x) &&
    typeof x.ok === 'boolean' &&
    ['added', 'skipped', 'pages', 'written'].every((k) => isCount(x[k])) &&
    (x.error === undefined || isStr(x.error)) &&
    (x.indexError === undefined || isStr(x.indexError))
  );
}
export function isPageTerms(x: unknown): x is PageTerms {
  return (
    isObj(x) &&
    (x.script === 'simplified' || x.script === 'traditional') &&
    Number.isInteger(x.userBase) &&
    Array.isArray(x.counts) &&
    x.counts.every((c) => Array.isArray(c) && c.length === 2 && Number.isInteger(c[0]) && Number.isInteger(c[1])) &&
    (x.notes === undefined || isPageNotes(x.notes))
  );
}

function isPageNotes(x: unknown): boolean {
  return (
    isObj(x) &&
    Number.isInteger(x.base) &&
    Array.isArray(x.items) &&
    x.items.every((it) => isObj(it) && isStr(it.term, 200) && isStr(it.definition, 100_000) && Number.isInteger(it.entry))
  );
}

function isPageHighlight(x: unknown): x is PageHighlight {
  return isObj(x) && isStr(x.id, 200) && isStr(x.exact, 100_000) && isStr(x.note, 100_000) && isStr(x.color, 20) && isBool(x.placed);
}

function isPageHighlights(x: unknown): x is PageHighlights {
  return isObj(x) && isStr(x.source, 8192) && isStr(x.title, 8192) && Array.isArray(x.items) && x.items.every(isAnnotation);
}

const isStrList = (x: unknown): x is string[] => Array.isArray(x) && x.length <= 500 && x.every((s) => isStr(s));
const isDictEntry = (x: unknown): x is DictEntryView =>
  isObj(x) && isStr(x.simplified, 64) && isStr(x.traditional, 64) && isStr(x.pinyin, 400) && isStr(x.pinyinNumbered, 400) && isStrList(x.definitions) && isBool(x.proper);
const isDictWord = (x: unknown): x is DictWordView => isObj(x) && isStr(x.word, 64) && arrayOf(isDictEntry)(x.entries);

export function isDictLookupReply(x: unknown): x is DictLookupReply {
  return (
    isObj(x) &&
    isStr(x.word, 64) &&
    (x.script === 'simplified' || x.script === 'traditional') &&
    arrayOf(isDictEntry)(x.entries) &&
    arrayOf(isDictWord)(x.subwords) &&
    arrayOf(isDictWord)(x.chars) &&
    (x.error === undefined || isStr(x.error))
  );
}

export const REPLY_CHECKS: { [K in MessageType]: (x: unknown) => x is Reply<K> } = {
  'page-status': isBool,
  'get-status': (x): x is PageStatus | null => x === null || isPageStatus(x),
  'get-glossary-forms': isPackedFormIndex,
  'get-entries': arrayOf(isIndexedEntry),
  'get-terms': (x): x is PageTerms | null => x === null || isPageTerms(x),
  'reveal-term': isBool,
  'add-term': isBool,
  'load-ui': isBool,
  'set-script': (x): x is Reply<'set-script'> => isBool(x) || (isObj(x) && isStr(x.error)),
  'set-script-invalid': (x): x is Reply<'set-script-invalid'> => isObj(x) && isStr(x.error),
  'script-unavailable': isBool,
  'get-fold-table': (x): x is string => typeof x === 'string' && x.length > 0,
  'prepare-convert': isBool,
  'convert': isConvertReply,
  'hl-list': arrayOf(isAnnotation),
  'hl-put': isPutResult,
  'hl-delete': (x): x is DeleteResult => isObj(x) && ((x.ok === true && (x.status === 'deleted' || x.status === 'already-deleted')) || isRefusal(x)),
  'hl-all': arrayOf(isPageHighlights),
  'hl-import': (x): x is Reply<'hl-import'> => isImportResult(x) || isRefusal(x),
  'hl-import-progress': isBool,
  'get-report-frame': isCount,
  'hl-page': (x): x is Reply<'hl-page'> => x === null || (isObj(x) && isStr(x.source, 8192) && arrayOf(isPageHighlight)(x.items)),
  'hl-reveal': isBool,
  'dict-lookup': isDictLookupReply,
};
