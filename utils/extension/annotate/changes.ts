// Which storage changes are highlights. A page's highlights live in its record (`hl:<source>`:
// title, count, tombstones) and its buckets (`hlb:<n>:<source>`), with an index of pages
// (`hlIndex`). A note edited or a colour changed rewrites only a bucket (and the index's date):
// storage reports only the keys whose value changed, so whoever follows a page must watch its
// buckets too. The store (store.ts) names its keys from here.
import { browser } from 'wxt/browser';

export const PAGE_PREFIX = 'hl:';
export const INDEX_NAME = 'hlIndex';
/** `hlb:<bucket>:<source>` */
export const BUCKET_RE = /^hlb:(\d+):(.*)$/s;

/** The pages whose highlights a storage change touched. */
export function changedSources(changes: Record<string, unknown>, area: string): Set<string> {
  const out = new Set<string>();
  if (area !== 'local') return out;
  for (const k of Object.keys(changes)) {
    if (k.startsWith(PAGE_PREFIX)) out.add(k.slice(PAGE_PREFIX.length));
    else {
      const m = BUCKET_RE.exec(k);
      if (m) out.add(m[2]!);
    }
  }
  return out;
}

export function isHighlightsChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'local' && (INDEX_NAME in changes || changedSources(changes, area).size > 0);
}

/** Calls `cb` on every change to the stored highlights, from any tab or page; returns the unsubscribe. */
export function onHighlightsChanged(cb: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (isHighlightsChange(changes, area)) cb();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
