// Highlights in storage.local: one key per page plus an index, each with a version. Only the
// background writes here, one write at a time per page, so two tabs on the same page never lose
// each other's highlights.
import { storage } from '#imports';
import { isAnnotation, type Annotation } from '@/utils/core/annotate/types';

export const STORE_VERSION = 1;
const INDEX_KEY = 'local:hlIndex' as const;
const pageKey = (source: string) => `local:hl:${source}` as const;

interface PageRecord {
  v: number;
  source: string;
  title: string;
  items: Annotation[];
  /** stored entries this version cannot read: carried along on every write, never dropped */
  unreadable?: unknown[];
}

export interface IndexEntry {
  title: string;
  count: number;
  updated: string;
}

interface IndexRecord {
  v: number;
  pages: Record<string, IndexEntry>;
}

/** Reads a stored page, migrating older shapes; anything unreadable is kept aside, never lost. */
export function migratePage(raw: unknown, source: string): PageRecord {
  const split = (list: unknown[], title: string, carried: unknown[] = []): PageRecord => {
    const unreadable = [...carried, ...list.filter((a) => !isAnnotation(a))];
    return { v: STORE_VERSION, source, title, items: list.filter(isAnnotation), ...(unreadable.length ? { unreadable } : {}) };
  };
  // Version 0 (never released) stored a bare list, or a list under "annotations".
  if (Array.isArray(raw)) return split(raw, '');
  if (raw && typeof raw === 'object') {
    const r = raw as Partial<PageRecord> & { annotations?: unknown };
    const items = Array.isArray(r.items) ? r.items : Array.isArray(r.annotations) ? r.annotations : [];
    return split(items, typeof r.title === 'string' ? r.title : '', Array.isArray(r.unreadable) ? r.unreadable : []);
  }
  return { v: STORE_VERSION, source, title: '', items: [] };
}

const queues = new Map<string, Promise<unknown>>();
/** Runs writes for one key one after another. */
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

async function readPage(source: string): Promise<PageRecord> {
  return migratePage(await storage.getItem(pageKey(source)), source);
}

async function writePage(page: PageRecord): Promise<void> {
  if (page.items.length === 0 && !page.unreadable?.length) await storage.removeItem(pageKey(page.source));
  else await storage.setItem(pageKey(page.source), page);
  await serial(INDEX_KEY, async () => {
    const index = await readIndex();
    if (page.items.length === 0) delete index.pages[page.source];
    else index.pages[page.source] = { title: page.title, count: page.items.length, updated: new Date().toISOString() };
    await storage.setItem(INDEX_KEY, index);
  });
}

async function readIndex(): Promise<IndexRecord> {
  const raw = (await storage.getItem(INDEX_KEY)) as Partial<IndexRecord> | null;
  return { v: STORE_VERSION, pages: raw && typeof raw.pages === 'object' && raw.pages ? raw.pages : {} };
}

export function listPage(source: string): Promise<Annotation[]> {
  return readPage(source).then((p) => p.items);
}

/** Adds or replaces one highlight (by id). */
export function putAnnotation(a: Annotation): Promise<Annotation[]> {
  const source = a.target.source;
  return serial(source, async () => {
    const page = await readPage(source);
    const i = page.items.findIndex((x) => x.id === a.id);
    if (i >= 0) page.items[i] = a;
    else page.items.push(a);
    page.title = a.target.title || page.title;
    await writePage(page);
    return page.items;
  });
}

export function deleteAnnotation(source: string, id: string): Promise<Annotation[]> {
  return serial(source, async () => {
    const page = await readPage(source);
    page.items = page.items.filter((x) => x.id !== id);
    await writePage(page);
    return page.items;
  });
}

export async function allPages(): Promise<{ source: string; title: string; items: Annotation[] }[]> {
  const index = await readIndex();
  const out = [];
  for (const source of Object.keys(index.pages)) {
    const p = await readPage(source);
    if (p.items.length) out.push({ source, title: p.title, items: p.items });
  }
  return out;
}

/** Merges imported highlights: new ids are added, existing ones are left as they are. */
export async function importAnnotations(items: Annotation[]): Promise<{ added: number; skipped: number }> {
  const bySource = new Map<string, Annotation[]>();
  for (const a of items) bySource.set(a.target.source, [...(bySource.get(a.target.source) ?? []), a]);
  let added = 0;
  let skipped = 0;
  for (const [source, list] of bySource) {
    await serial(source, async () => {
      const page = await readPage(source);
      const ids = new Set(page.items.map((x) => x.id));
      for (const a of list) {
        if (ids.has(a.id)) skipped++;
        else {
          page.items.push(a);
          ids.add(a.id);
          added++;
          page.title ||= a.target.title;
        }
      }
      await writePage(page);
    });
  }
  return { added, skipped };
}
