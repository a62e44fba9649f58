// The rules the highlight store follows, without the storage: record shapes and their migration,
// how an edit from an old copy merges, tombstones, the index of pages and its repair, and import
// planning. Pure; utils/extension/annotate/store.ts reads and writes around it.
import { isAnnotation, noteOf, type Annotation, type FieldRevs } from '@/utils/core/annotate/types';
import { isHttpUrl } from '@/utils/core/annotate/url';

/** 2: items carry `rev`/`revs`; deleted ids are kept as tombstones. */
export const PAGE_VERSION = 2;
export const INDEX_VERSION = 1;
/** Tombstones kept per page, newest first: enough for any tab left open on an old copy. */
export const TOMBSTONES_MAX = 1000;

export interface PageRecord {
  v: number;
  source: string;
  title: string;
  items: Annotation[];
  /** id → when it was deleted: an edit from a tab that still shows it must not bring it back */
  deleted: Record<string, string>;
  /** stored entries this version cannot read: carried along on every write, never dropped */
  unreadable?: unknown[];
}

export interface IndexEntry {
  title: string;
  count: number;
  updated: string;
}

export interface IndexRecord {
  v: number;
  pages: Record<string, IndexEntry>;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Gives an annotation revision 1 unless it has revisions already. */
export function stamp(a: Annotation): Annotation {
  const rev = a.rev ?? 1;
  return { ...a, rev, revs: a.revs ?? { color: rev, note: rev } };
}

/** Reads a stored page of any version, migrating older shapes; anything unreadable is kept aside. */
export function migratePage(raw: unknown, source: string): PageRecord {
  const build = (list: unknown[], title: string, carried: unknown[], deleted: Record<string, string>): PageRecord => {
    const unreadable = [...carried, ...list.filter((a) => !isAnnotation(a))];
    return { v: PAGE_VERSION, source, title, items: (list.filter(isAnnotation) as Annotation[]).map(stamp), deleted, ...(unreadable.length ? { unreadable } : {}) };
  };
  // Version 0 (never released) stored a bare list, or a list under "annotations"; version 1 had no revisions or tombstones.
  if (Array.isArray(raw)) return build(raw, '', [], {});
  if (isObj(raw)) {
    const items = Array.isArray(raw.items) ? raw.items : Array.isArray(raw.annotations) ? raw.annotations : [];
    const deleted: Record<string, string> = {};
    if (isObj(raw.deleted)) for (const [id, at] of Object.entries(raw.deleted)) if (typeof at === 'string') Object.defineProperty(deleted, id, { value: at, enumerable: true, writable: true, configurable: true });
    return build(items, typeof raw.title === 'string' ? raw.title : '', Array.isArray(raw.unreadable) ? raw.unreadable : [], deleted);
  }
  return { v: PAGE_VERSION, source, title: '', items: [], deleted: {} };
}

/** Reads the stored index; a missing or foreign one reads as empty (and is rebuilt by repairIndex). */
export function migrateIndex(raw: unknown): IndexRecord {
  const pages: Record<string, IndexEntry> = {};
  if (isObj(raw) && isObj(raw.pages))
    for (const [source, e] of Object.entries(raw.pages))
      if (isObj(e) && typeof e.title === 'string' && Number.isInteger(e.count) && typeof e.updated === 'string')
        setEntry(pages, source, { title: e.title, count: e.count as number, updated: e.updated });
  return { v: INDEX_VERSION, pages };
}

// An own property even for a key like "__proto__", which plain assignment would turn into the prototype.
function setEntry(pages: Record<string, IndexEntry>, source: string, e: IndexEntry): void {
  Object.defineProperty(pages, source, { value: e, enumerable: true, writable: true, configurable: true });
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export type PutOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; annotation: Annotation }
  /** the tab's copy was old: the fields it changed were taken, these were changed elsewhere and kept */
  | { status: 'merged'; annotation: Annotation; kept: (keyof FieldRevs)[] }
  /** deleted elsewhere: nothing stored */
  | { status: 'deleted' };

/**
 * Applies a tab's save to a page. The tab sends the revision its copy was at (`rev`): a field that
 * has not changed in the store since then and differs in the tab's copy was changed by the tab and
 * is taken; a field that changed in the store since then is kept as stored (the tab's value is the
 * old one, or a change made on a copy that was no longer current).
 */
export function applyPut(page: PageRecord, incoming: Annotation): { page: PageRecord; outcome: PutOutcome } {
  const i = page.items.findIndex((x) => x.id === incoming.id);
  if (i < 0) {
    if (has(page.deleted, incoming.id)) return { page, outcome: { status: 'deleted' } };
    const annotation: Annotation = { ...incoming, rev: 1, revs: { color: 1, note: 1 } };
    return { page: { ...page, title: incoming.target.title || page.title, items: [...page.items, annotation] }, outcome: { status: 'created', annotation } };
  }
  const cur = stamp(page.items[i]!);
  const curRev = cur.rev!;
  // No revision: a writer that predates revisions, whose save always replaced the stored fields.
  const base = Math.min(incoming.rev ?? curRev, curRev);
  const next = curRev + 1;
  const revs: FieldRevs = { ...cur.revs! };
  const changed: (keyof FieldRevs)[] = [];
  const kept: (keyof FieldRevs)[] = [];
  const decide = (field: keyof FieldRevs, differs: boolean) => {
    if (!differs) return false;
    if (cur.revs![field] <= base) {
      changed.push(field);
      revs[field] = next;
      return true;
    }
    kept.push(field);
    return false;
  };
  const takeColor = decide('color', incoming.color !== cur.color);
  const takeNote = decide('note', noteOf(incoming) !== noteOf(cur));
  if (!changed.length) return { page, outcome: kept.length ? { status: 'merged', annotation: cur, kept } : { status: 'unchanged', annotation: cur } };
  const annotation: Annotation = {
    ...cur,
    color: takeColor ? incoming.color : cur.color,
    body: takeNote ? incoming.body : cur.body,
    modified: incoming.modified,
    rev: next,
    revs,
  };
  const items = page.items.slice();
  items[i] = annotation;
  return { page: { ...page, items }, outcome: kept.length ? { status: 'merged', annotation, kept } : { status: 'updated', annotation } };
}

export type DeleteOutcome = 'deleted' | 'already-deleted' | 'not-found';

/** The store's answer to a save: what is stored now, or why nothing was. */
export type PutResult = ({ ok: true } & Exclude<PutOutcome, { status: 'deleted' }>) | { ok: false; error: string };
export type DeleteResult = { ok: true; status: Exclude<DeleteOutcome, 'not-found'> } | { ok: false; error: string };

export interface ImportResult {
  ok: boolean;
  /** highlights added, on the pages written */
  added: number;
  /** highlights already stored */
  skipped: number;
  /** pages that gain highlights */
  pages: number;
  /** of those, pages written */
  written: number;
  /** the storage error that stopped the import, when pages failed */
  error?: string;
  /** the pages were written but the index was not (it is repaired when the lists are next read) */
  indexError?: string;
}

/** Removes a highlight and leaves a tombstone, so a tab still showing it cannot save it back. */
export function applyDelete(page: PageRecord, id: string, now: string): { page: PageRecord; outcome: DeleteOutcome } {
  if (!page.items.some((x) => x.id === id)) return { page, outcome: has(page.deleted, id) ? 'already-deleted' : 'not-found' };
  const deleted = pruneTombstones({ ...page.deleted, [id]: now }, TOMBSTONES_MAX);
  return { page: { ...page, items: page.items.filter((x) => x.id !== id), deleted }, outcome: 'deleted' };
}

/** The newest `max` tombstones. */
export function pruneTombstones(deleted: Record<string, string>, max: number): Record<string, string> {
  const entries = Object.entries(deleted);
  if (entries.length <= max) return deleted;
  entries.sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
  const out: Record<string, string> = {};
  for (const [id, at] of entries.slice(0, max)) Object.defineProperty(out, id, { value: at, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The index with these pages' entries brought up to date (removed for pages without highlights). */
export function withPages(index: IndexRecord, pages: readonly PageSummary[], now: string): IndexRecord {
  const out: Record<string, IndexEntry> = {};
  const changed = new Set(pages.map((p) => p.source));
  for (const [s, e] of Object.entries(index.pages)) if (!changed.has(s)) setEntry(out, s, e);
  for (const p of pages) if (p.count) setEntry(out, p.source, { title: p.title, count: p.count, updated: now });
  return { v: INDEX_VERSION, pages: out };
}

export const summaryOf = (p: PageRecord): PageSummary => ({ source: p.source, title: p.title, count: p.items.length });

export interface PageSummary {
  source: string;
  title: string;
  count: number;
}

/**
 * Makes the index agree with the page records (an earlier write may have stopped between the two):
 * entries for pages without highlights go, missing pages come in, wrong counts and titles are
 * fixed; entries that were right keep their date. `changed` is false when nothing had to change.
 */
export function repairIndex(index: IndexRecord, pages: readonly PageSummary[], now: string): { index: IndexRecord; changed: boolean } {
  const out: Record<string, IndexEntry> = {};
  let changed = false;
  for (const p of pages) {
    if (!p.count) continue;
    const e = has(index.pages, p.source) ? index.pages[p.source] : undefined;
    if (e && e.count === p.count && e.title === p.title) setEntry(out, p.source, e);
    else {
      setEntry(out, p.source, { title: p.title, count: p.count, updated: e?.updated ?? now });
      changed = true;
    }
  }
  if (Object.keys(index.pages).some((s) => !has(out, s))) changed = true;
  return { index: { v: INDEX_VERSION, pages: out }, changed };
}

export interface ImportPlan {
  /** pages that gain highlights, in the order they first appear in the file */
  pages: PageRecord[];
  /** highlights added per page, same order */
  addedPerPage: number[];
  added: number;
  /** already stored (same id) or repeated in the file */
  skipped: number;
}

/**
 * What an import writes: new ids are added to their page (restoring one deleted earlier: an import
 * is a deliberate restore), ids already stored are left as they are. Pages that gain nothing are
 * not written.
 */
export function planImport(existing: ReadonlyMap<string, PageRecord>, items: readonly Annotation[]): ImportPlan {
  const bySource = new Map<string, Annotation[]>();
  for (const a of items) {
    const list = bySource.get(a.target.source);
    if (list) list.push(a);
    else bySource.set(a.target.source, [a]);
  }
  const plan: ImportPlan = { pages: [], addedPerPage: [], added: 0, skipped: 0 };
  for (const [source, list] of bySource) {
    const page = existing.get(source) ?? migratePage(null, source);
    const ids = new Set(page.items.map((x) => x.id));
    const fresh: Annotation[] = [];
    let deleted = page.deleted;
    for (const a of list) {
      if (ids.has(a.id)) {
        plan.skipped++;
        continue;
      }
      ids.add(a.id);
      fresh.push({ ...a, rev: 1, revs: { color: 1, note: 1 } });
      if (has(deleted, a.id)) {
        deleted = { ...deleted };
        delete deleted[a.id];
      }
    }
    if (!fresh.length) continue;
    plan.pages.push({ ...page, title: page.title || fresh[0]!.target.title, items: [...page.items, ...fresh], deleted });
    plan.addedPerPage.push(fresh.length);
    plan.added += fresh.length;
  }
  return plan;
}

/** The first highlight (1-based) whose page is not an http(s) URL, or 0 when all are fine. */
export function firstForeignSource(items: readonly Annotation[]): number {
  const i = items.findIndex((a) => !isHttpUrl(a.target.source));
  return i + 1;
}
