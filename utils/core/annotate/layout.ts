// How one page's highlights are laid out in storage: a small record for the page (title, count,
// tombstones) and its highlights spread over buckets by id, so saving one highlight rewrites one
// bucket of at most a few hundred, not every highlight of the page. Pure.
import type { Annotation } from '@/utils/core/annotate/types';
import { migratePage, PAGE_VERSION, type PageRecord } from '@/utils/core/annotate/revisions';

/**
 * Highlights per bucket before the page's buckets double: small enough that a save reads and
 * writes a few dozen kilobytes whatever the page holds (10,000 highlights: 256 buckets of ~40).
 */
export const BUCKET_ITEMS = 64;

export interface PageMeta {
  v: number;
  source: string;
  title: string;
  count: number;
  /** number of buckets, a power of two */
  buckets: number;
  deleted: Record<string, string>;
  unreadable?: unknown[];
}

export interface Bucket {
  v: number;
  items: Annotation[];
}

/** The fewest buckets (a power of two) that hold `count` highlights. */
export function bucketsFor(count: number): number {
  let b = 1;
  while (b * BUCKET_ITEMS < count) b *= 2;
  return b;
}

/** Which of `buckets` buckets an id lives in (FNV-1a: stable across versions and browsers). */
export function bucketOf(id: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (buckets - 1);
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isPow2 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 1 << 20 && ((n as number) & ((n as number) - 1)) === 0;

/**
 * Reads a stored page record: a bucketed one gives its meta; anything older (the whole list in one
 * record: versions 0 and 1) gives the full page, migrated, to be rewritten bucketed on the next write.
 */
export function readMeta(raw: unknown, source: string): { meta: PageMeta } | { legacy: PageRecord } {
  if (isObj(raw) && isPow2(raw.buckets) && !Array.isArray(raw.items)) {
    const base = migratePage({ ...raw, items: [] }, source);
    return { meta: { v: PAGE_VERSION, source, title: base.title, count: Number.isInteger(raw.count) ? (raw.count as number) : 0, buckets: raw.buckets, deleted: base.deleted, ...(base.unreadable ? { unreadable: base.unreadable } : {}) } };
  }
  return { legacy: migratePage(raw, source) };
}

/** Highlights of one stored bucket; entries this version cannot read are kept aside, never dropped. */
export function bucketItems(raw: unknown): { items: Annotation[]; unreadable: unknown[] } {
  const list = isObj(raw) && Array.isArray(raw.items) ? raw.items : [];
  const page = migratePage({ items: list }, '');
  return { items: page.items, unreadable: page.unreadable ?? [] };
}

/** A whole page from its meta and all its buckets (raw), in the order the highlights were made. */
export function joinPage(meta: PageMeta, buckets: readonly unknown[]): PageRecord {
  const items: Annotation[] = [];
  const unreadable = [...(meta.unreadable ?? [])];
  for (const raw of buckets) {
    const b = bucketItems(raw);
    items.push(...b.items);
    unreadable.push(...b.unreadable);
  }
  items.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  return { v: PAGE_VERSION, source: meta.source, title: meta.title, items, deleted: meta.deleted, ...(unreadable.length ? { unreadable } : {}) };
}

/** A page as meta and buckets, never fewer buckets than it had (old bucket keys are all overwritten). */
export function splitPage(page: PageRecord, atLeast = 1): { meta: PageMeta; buckets: Bucket[] } {
  const n = Math.max(bucketsFor(page.items.length), atLeast);
  const buckets: Bucket[] = Array.from({ length: n }, () => ({ v: PAGE_VERSION, items: [] }));
  for (const a of page.items) buckets[bucketOf(a.id, n)]!.items.push(a);
  const meta: PageMeta = { v: PAGE_VERSION, source: page.source, title: page.title, count: page.items.length, buckets: n, deleted: page.deleted, ...(page.unreadable?.length ? { unreadable: page.unreadable } : {}) };
  return { meta, buckets };
}
