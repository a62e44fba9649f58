// Reads the highlight store from the test's side, whatever the layout: a page's highlights are in
// its record (older layout) or in its buckets `hlb:<n>:<page URL>`.

/** Every highlight stored for a page. */
export function storedHighlights(ext, source) {
  return ext.serviceWorker.evaluate(async (src) => {
    const all = await chrome.storage.local.get(null);
    return Object.entries(all)
      .filter(([k]) => k === `hl:${src}` || (k.startsWith('hlb:') && k.slice(k.indexOf(':', 4) + 1) === src))
      .flatMap(([, v]) => v.items ?? []);
  }, source);
}
