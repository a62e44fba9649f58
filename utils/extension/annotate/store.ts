// Highlights in storage.local: per page, a small record (`hl:<source>`: title, count, tombstones)
// and its highlights in buckets by id (`hlb:<n>:<source>`), plus an index of pages (`hlIndex`).
// Only the background writes here, one change at a time, and each change writes what it touches
// (one bucket, the page record, the index) in one storage call, so it is kept or refused whole.
// The rules (merging, tombstones, repair, import, layout) are pure, in utils/core/annotate/.
import { storage } from '#imports';
import type { Annotation } from '@/utils/core/annotate/types';
import { isHttpUrl } from '@/utils/core/annotate/url';
import { bucketOf, BUCKET_ITEMS, joinPage, readMeta, splitPage, bucketItems, type PageMeta } from '@/utils/core/annotate/layout';
import {
  applyDelete,
  applyPut,
  firstForeignSource,
  migrateIndex,
  planImport,
  repairIndex,
  summaryOf,
  withPages,
  type DeleteResult,
  type ImportResult,
  type IndexRecord,
  type PageRecord,
  type PageSummary,
  type PutResult,
} from '@/utils/core/annotate/revisions';

import { BUCKET_RE, INDEX_NAME, PAGE_PREFIX } from '@/utils/extension/annotate/changes';

export { PAGE_VERSION } from '@/utils/core/annotate/revisions';
export type { IndexEntry, PutResult, DeleteResult, ImportResult } from '@/utils/core/annotate/revisions';

const INDEX_KEY = `local:${INDEX_NAME}` as const;
const pageKey = (source: string) => `local:${PAGE_PREFIX}${source}` as const;
const bucketKey = (source: string, b: number) => `local:hlb:${b}:${source}` as const;
/** Pages per storage call when importing: each call is one step of the progress shown. */
export const IMPORT_CHUNK = 250;

let queue: Promise<unknown> = Promise.resolve();
/** Runs store changes one after another: the background is the single writer. */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

type Entry = { key: `local:${string}`; value: unknown };

/** Storage entries for a whole page: its record and every bucket. */
function pageEntries(page: PageRecord, atLeast = 1): Entry[] {
  const { meta, buckets } = splitPage(page, atLeast);
  return [{ key: pageKey(page.source), value: meta }, ...buckets.map((b, i) => ({ key: bucketKey(page.source, i), value: b }))];
}

/** Reads whole pages (record and buckets) in two storage calls. */
async function readPages(sources: readonly string[]): Promise<Map<string, { page: PageRecord; buckets: number }>> {
  const out = new Map<string, { page: PageRecord; buckets: number }>();
  if (!sources.length) return out;
  const raws = await storage.getItems(sources.map(pageKey));
  const metas: PageMeta[] = [];
  raws.forEach(({ value }, i) => {
    const source = sources[i]!;
    const r = readMeta(value, source);
    if ('legacy' in r) out.set(source, { page: r.legacy, buckets: 0 });
    else metas.push(r.meta);
  });
  const keys = metas.flatMap((m) => Array.from({ length: m.buckets }, (_, b) => bucketKey(m.source, b)));
  const buckets = keys.length ? await storage.getItems(keys) : [];
  let at = 0;
  for (const m of metas) {
    out.set(m.source, { page: joinPage(m, buckets.slice(at, at + m.buckets).map((b) => b.value)), buckets: m.buckets });
    at += m.buckets;
  }
  return out;
}

async function readPage(source: string): Promise<{ page: PageRecord; buckets: number }> {
  return (await readPages([source])).get(source)!;
}

async function readIndex(): Promise<IndexRecord> {
  return migrateIndex(await storage.getItem(INDEX_KEY));
}

/** Writes entries and, when given, the index in one storage call: all of it is kept or none. */
async function commit(entries: readonly Entry[], index: IndexRecord | null): Promise<void> {
  await storage.setItems([...entries, ...(index ? [{ key: INDEX_KEY, value: index }] : [])]);
}

const now = () => new Date().toISOString();

/**
 * One change to one highlight: reads the page record and the id's bucket only, applies `change`
 * to that part of the page, and writes back the bucket, the record and the index together. A page
 * still in an older layout, or one that outgrows its buckets, is rewritten whole.
 */
async function changeOne<O>(source: string, id: string, change: (part: PageRecord) => { page: PageRecord; outcome: O }): Promise<O> {
  const r = readMeta(await storage.getItem(pageKey(source)), source);
  if ('meta' in r) {
    const { meta } = r;
    const b = bucketOf(id, meta.buckets);
    const bucket = bucketItems(await storage.getItem(bucketKey(source, b)));
    const part: PageRecord = { v: meta.v, source, title: meta.title, items: bucket.items, deleted: meta.deleted };
    const { page: next, outcome } = change(part);
    if (next === part) return outcome;
    const count = meta.count - part.items.length + next.items.length;
    if (count <= meta.buckets * BUCKET_ITEMS) {
      const summary: PageSummary = { source, title: next.title, count };
      const newMeta: PageMeta = { ...meta, title: next.title, count, deleted: next.deleted };
      await commit(
        [
          { key: pageKey(source), value: newMeta },
          { key: bucketKey(source, b), value: { v: meta.v, items: next.items, ...(bucket.unreadable.length ? { unreadable: bucket.unreadable } : {}) } },
        ],
        withPages(await readIndex(), [summary], now()),
      );
      return outcome;
    }
  }
  // Whole page: an older layout (rewritten bucketed now), a new page, or more buckets needed.
  const { page: whole, buckets } = await readPage(source);
  const { page: next, outcome } = change(whole);
  if (next !== whole) await commit(pageEntries(next, buckets), withPages(await readIndex(), [summaryOf(next)], now()));
  return outcome;
}

export function listPage(source: string): Promise<Annotation[]> {
  return readPage(source).then((p) => p.page.items);
}

/** Adds a highlight or saves an edit (merged with changes made elsewhere since the tab's copy). */
export function putAnnotation(a: Annotation): Promise<PutResult> {
  const source = a.target.source;
  if (!isHttpUrl(source)) return Promise.resolve({ ok: false, error: 'not a web page' });
  return exclusive(async () => {
    const outcome = await changeOne(source, a.id, (part) => applyPut(part, a));
    if (outcome.status === 'deleted') return { ok: false, error: 'deleted' } as const;
    return { ok: true, ...outcome } as const;
  });
}

export function deleteAnnotation(source: string, id: string): Promise<DeleteResult> {
  return exclusive(async () => {
    const at = now();
    const outcome = await changeOne(source, id, (part) => applyDelete(part, id, at));
    if (outcome === 'not-found') return { ok: false, error: 'not-found' } as const;
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
    const buckets = new Map<string, unknown[]>();
    for (const [key, raw] of Object.entries(all)) {
      const m = BUCKET_RE.exec(key);
      if (!m) continue;
      const list = buckets.get(m[2]!) ?? [];
      list[Number(m[1])] = raw;
      buckets.set(m[2]!, list);
    }
    const pages: PageRecord[] = [];
    for (const [key, raw] of Object.entries(all)) {
      if (!key.startsWith(PAGE_PREFIX)) continue;
      const source = key.slice(PAGE_PREFIX.length);
      const r = readMeta(raw, source);
      const p = 'legacy' in r ? r.legacy : joinPage(r.meta, (buckets.get(source) ?? []).slice(0, r.meta.buckets));
      if (p.items.length) pages.push(p);
    }
    const { index, changed } = repairIndex(migrateIndex(all[INDEX_NAME]), pages.map(summaryOf), now());
    if (changed) await storage.setItem(INDEX_KEY, index).catch(() => undefined);
    return pages.map((p) => ({ source: p.source, title: p.title, items: p.items }));
  });
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
    const stored = await readPages(sources);
    const existing = new Map([...stored].map(([s, p]) => [s, p.page]));
    const plan = planImport(existing, items);
    const result: ImportResult = { ok: true, added: 0, skipped: plan.skipped, pages: plan.pages.length, written: 0 };
    if (!plan.pages.length) return result;
    const written: PageRecord[] = [];
    progress?.(0, plan.pages.length);
    for (let i = 0; i < plan.pages.length; i += IMPORT_CHUNK) {
      const chunk = plan.pages.slice(i, i + IMPORT_CHUNK);
      try {
        await commit(chunk.flatMap((p) => pageEntries(p, stored.get(p.source)?.buckets ?? 1)), null);
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
        await commit([], withPages(await readIndex(), written.map(summaryOf), now()));
      } catch (e) {
        result.indexError = e instanceof Error ? e.message : String(e);
      }
    }
    return result;
  });
}
