// The page-text model's quick looks, before any model is built: the probe every page goes through
// ("is this page Chinese at all? has it any Han text?"). A native TreeWalker over text nodes only,
// checking the direct parent against the model's skip list, costs about a millisecond even before
// the JIT warms up; the model itself is built only when the probe says yes. DOM code.
import { SKIP_TAGS } from '@/utils/dom/text/nodes';

/** The page's readable text nodes' data in document order (not scripts, styles…). */
function* readableTexts(doc: Document): Generator<string> {
  const root = doc.body ?? doc.documentElement;
  if (!root) return;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentNode;
    if (parent && parent.nodeType === 1 && SKIP_TAGS.has((parent as Element).tagName.toUpperCase())) continue;
    yield (n as Text).data;
  }
}

/** The title and up to `maxChars` of text in document order. */
export function sampleText(doc: Document, maxChars: number): string {
  let out = doc.title ?? '';
  for (const text of readableTexts(doc)) {
    if (out.length >= maxChars) break;
    out += '\n' + text;
  }
  return out.length > maxChars ? out.slice(0, maxChars) : out;
}

/** Whether any readable text of the page matches `re`; stops at the first that does. */
export function someText(doc: Document, re: RegExp): boolean {
  for (const text of readableTexts(doc)) if (re.test(text)) return true;
  return false;
}
