// What kind of node a page node is for the page-text model (skipped, block-level, our own UI) and
// where it sits in the composed tree (shadow roots included). DOM code, no state.

/** Elements whose content is never readable text for us (or never ours to touch). */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'CODE', 'PRE', 'KBD', 'SAMP', 'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
  'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Block-level elements: each starts a new block. Everything else (b, a, span, em, font…) is inline. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HGROUP', 'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Attribute every element of our own UI carries, so the walker and observer leave it alone. */
export const OWN_UI_ATTR = 'data-bilingual-reader-ui';

/** A mutation that only adds or removes our own UI. */
export function onlyOwnUi(r: MutationRecord): boolean {
  const isOwn = (n: Node) => n.nodeType === 1 && (n as Element).hasAttribute(OWN_UI_ATTR);
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every(isOwn);
}

export function isSkippedElement(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP_TAGS.has(tag)) return true;
  if (el.hasAttribute(OWN_UI_ATTR)) return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  if (el.getAttribute('translate') === 'no') return true;
  // Not classList: it gives every element walked a token list of its own, kept as long as the
  // element (about 0.8 MB of the renderer's memory on a 600 k-character page).
  const cls = el.getAttribute('class');
  return cls !== null && NOTRANSLATE.test(cls);
}

/** The class `notranslate` among an element's classes (split on HTML's ASCII whitespace). */
const NOTRANSLATE = /(?:^|[\t\n\f\r ])notranslate(?:[\t\n\f\r ]|$)/;

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

/** The parent in the composed tree: a shadow root's host stands in for the root. */
export function composedParent(node: Node): Node | null {
  if (node.parentNode) {
    const p = node.parentNode;
    if (p.nodeType === 11 && (p as ShadowRoot).host) return (p as ShadowRoot).host;
    return p;
  }
  return null;
}

/** True if `node` or one of its composed ancestors is skipped (so edits inside it are none of ours). */
export function isInsideSkipped(node: Node): boolean {
  for (let n: Node | null = node.nodeType === 1 ? node : composedParent(node); n; n = composedParent(n)) {
    if (n.nodeType === 1 && isSkippedElement(n as Element)) return true;
  }
  return false;
}

/** Chain of composed ancestors from the root down to `node`. */
function composedPath(node: Node): Node[] {
  const path: Node[] = [];
  for (let n: Node | null = node; n; n = composedParent(n)) path.push(n);
  return path.reverse();
}

/** Document order in the composed tree (shadow content right after its host's start). */
export function composedCompare(a: Node, b: Node): number {
  if (a === b) return 0;
  const pa = composedPath(a);
  const pb = composedPath(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pa.length) return -1; // a is an ancestor of b
  if (i === pb.length) return 1;
  const x = pa[i]!;
  const y = pb[i]!;
  const xInShadow = x.parentNode?.nodeType === 11;
  const yInShadow = y.parentNode?.nodeType === 11;
  // Content of a host's shadow root comes before the host's light children in our walk.
  if (xInShadow !== yInShadow) return xInShadow ? -1 : 1;
  const pos = x.compareDocumentPosition(y);
  return pos & 4 /* FOLLOWING */ ? -1 : 1;
}

export function composedContains(container: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) if (n === container) return true;
  return false;
}
