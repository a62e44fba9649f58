// Conversion runs in the background, as New Tong Wen Tang does: the dictionaries and tries (tens of
// megabytes of heap for Simplified → Traditional) live here once, not in every page converted.
// The page sends the text of its blocks and writes back what it gets.
import { browser } from 'wxt/browser';
import { ConverterCache, convertItems, specFor, type ConvertItem } from '@/utils/core/convert/converters';
import type { Converting, DictName, Dicts, RestoreProfile, SourceScript } from '@/utils/core/convert/modes';

const loaded: Dicts = {};
const loading = new Map<DictName, Promise<void>>();

function fetchDict(name: DictName): Promise<void> {
  let p = loading.get(name);
  if (!p) {
    const url = (browser.runtime.getURL as (path: string) => string)(`/opencc/${name}.txt`);
    p = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`dictionary ${name}: HTTP ${r.status}`);
        return r.text();
      })
      .then((text) => {
        loaded[name] = text;
      });
    loading.set(name, p);
    p.catch(() => loading.delete(name));
  }
  return p;
}

// The service worker may be stopped between conversions; converters are rebuilt on the next one.
const cache = new ConverterCache(async (names) => {
  await Promise.all(names.map(fetchDict));
  return loaded;
});
// `npm run bench` drops the converters before each run, so it times building them as well.
(globalThis as Record<string, unknown>).__bilingualReaderConverters = cache;

export async function convertForPage(mode: Converting, profile: RestoreProfile, items: readonly ConvertItem[]): Promise<{ ok: true; parts: string[][] } | { ok: false; error: string }> {
  try {
    return { ok: true, parts: await convertItems(cache, mode, profile, items) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Builds the converter a page's switch would use, before the reader asks: building is most of a
 * first switch's time (a few hundred milliseconds for Simplified → Traditional), converting is not.
 */
export async function prepareConverter(mode: Converting, source: SourceScript, profile: RestoreProfile): Promise<boolean> {
  try {
    await cache.get(specFor(mode, source, profile));
    return true;
  } catch {
    return false;
  }
}

export async function foldTable(): Promise<string> {
  await fetchDict('TSCharacters');
  return loaded.TSCharacters as string;
}
