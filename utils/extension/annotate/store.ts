// Highlights in storage.local: one key per page plus an index of pages. Only the background
// writes here, one change at a time, and each change writes its page and the index in one
// storage call, so they are kept or refused together. The rules (merging, tombstones, repair,
// import) are pure, in utils/core/annotate/revisions.ts.
import { storage } from '#imports';
import type { Annotation } from '@/utils/core/annotate/types';
import { isHttpUrl } from '@/utils/core/annotate/url';
import {
  applyDelete,
  applyPut,
  firstForeignSource,
  migrateIndex,
  migratePage,
  planImport,
  repairIndex,
  withPage,
  withPages,
  type DeleteOutcome,
  type IndexRecord,
  type PageRecord,
  type PutOutcome,
} from '@/utils/core/annotate/revisions';

export { PAGE_VERSION } from '@/utils/core/annotate/revisions';
export type { IndexEntry } from '@/utils/core/annotate/revisions';

const INDEX_KEY = 'local:hlIndex' as const;
const PAGE_PREFIX = 'hl:';
const pageKey = (source: string) => `local:${PAGE_PREFIX}${source}` as const;
/** Pages per storage call when importing: each call is one step of the progress shown. */
export const IMPORT_CHUNK = 250;

let queue: Promise<unknown> = Promise.resolve();
/** Runs store changes one after another: the background is the single writer. */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

async function readPage(source: string): Promise<PageRecord> {
  return migratePage(await storage.getItem(pageKey(source)), source);
}

async function readIndex(): Promise<IndexRecord> {
  return migrateIndex(await storage.getItem(INDEX_KEY));
}

/** Writes pages and, when given, the index in one storage call: all of it is kept or none. */
async function commit(pages: readonly PageRecord[], index: IndexRecord | null): Promise<void> {
  await storage.setItems([...pages.map((p) => ({ key: pageKey(p.source), value: p })), ...(index ? [{ key: INDEX_KEY, value: index }] : [])]);
}

const now = () => new Date().toISOString();

export function listPage(source: string): Promise<Annotation[]> {
  return readPage(source).then((p) => p.items);
}

export type PutResult = ({ ok: true } & PutOutcome) | { ok: false; error: string };

/** Adds a highlight or saves an edit (merged with changes made elsewhere since the tab's copy). */
export function putAnnotation(a: Annotation): Promise<PutResult> {
  const source = a.target.source;
  if (!isHttpUrl(source)) return Promise.resolve({ ok: false, error: 'not a web page' });
  return exclusive(async () => {
    const before = await readPage(source);
    const { page, outcome } = applyPut(before, a);
    if (outcome.status === 'deleted') return { ok: false, error: 'deleted' } as const;
    // applyPut hands back the same record when nothing changed (a repeat, or an old copy's values): no write.
    if (page !== before) await commit([page], withPage(await readIndex(), page, now()));
    return { ok: true, ...outcome } as const;
  });
}

export type DeleteResult = { ok: true; status: Exclude<DeleteOutcome, 'not-found'> } | { ok: false; error: string };

export function deleteAnnotation(source: string, id: string): Promise<DeleteResult> {
  return exclusive(async () => {
    const { page, outcome } = applyDelete(await readPage(source), id, now());
    if (outcome === 'not-found') return { ok: false, error: 'not-found' } as const;
    if (outcome === 'deleted') await commit([page], withPage(await readIndex(), page, now()));
    return { ok: true, status: outcome } as const;
  });
}

/**
 * Every page with highlights, read from the page records themselves; the index is repaired when it
 * disagrees with them (a write that stopped half-way, a store from an older version).
 */
export function allPages(): Promise<{ source: string; title: string; items: Annotation[] }[]> {
  return exclusive(async () => {
    const all = await storage.snapshot('local');
    const pages: PageRecord[] = [];
    for (const [key, raw] of Object.entries(all)) {
      if (!key.startsWith(PAGE_PREFIX)) continue;
      const p = migratePage(raw, key.slice(PAGE_PREFIX.length));
      if (p.items.length) pages.push(p);
    }
    const { index, changed } = repairIndex(migrateIndex(all.hlIndex), pages.map((p) => ({ source: p.source, title: p.title, count: p.items.length })), now());
    if (changed) await storage.setItem(INDEX_KEY, index).catch(() => undefined);
    return pages.map((p) => ({ source: p.source, title: p.title, items: p.items }));
  });
}

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

/**
 * Merges imported highlights: new ids are added, existing ones are left as they are. Pages are
 * written in chunks (progress after each), the index once at the end for the pages written; a
 * failing chunk stops the import, and the result says exactly which pages were kept.
 */
export function importAnnotations(items: readonly Annotation[], progress?: (done: number, total: number) => void): Promise<ImportResult> {
  const bad = firstForeignSource(items);
  if (bad) return Promise.reject(new Error(`highlight ${bad} does not belong to a web page (its source is not an http or https URL); nothing was imported`));
  return exclusive(async () => {
    const sources = [...new Set(items.map((a) => a.target.source))];
    const stored = sources.length ? await storage.getItems(sources.map(pageKey)) : [];
    const existing = new Map<string, PageRecord>();
    stored.forEach(({ value }, i) => value != null && existing.set(sources[i]!, migratePage(value, sources[i]!)));
    const plan = planImport(existing, items);
    const result: ImportResult = { ok: true, added: 0, skipped: plan.skipped, pages: plan.pages.length, written: 0 };
    if (!plan.pages.length) return result;
    const written: PageRecord[] = [];
    progress?.(0, plan.pages.length);
    for (let i = 0; i < plan.pages.length; i += IMPORT_CHUNK) {
      const chunk = plan.pages.slice(i, i + IMPORT_CHUNK);
      try {
        await commit(chunk, null);
      } catch (e) {
        result.ok = false;
        result.error = e instanceof Error ? e.message : String(e);
        break;
      }
      written.push(...chunk);
      for (let j = i; j < i + chunk.length; j++) result.added += plan.addedPerPage[j]!;
      result.written = written.length;
      progress?.(written.length, plan.pages.length);
    }
    if (written.length) {
      try {
        await commit([], withPages(await readIndex(), written, now()));
      } catch (e) {
        result.indexError = e instanceof Error ? e.message : String(e);
      }
    }
    return result;
  });
}
