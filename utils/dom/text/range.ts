// Model offsets → DOM ranges. Every range we build over page text comes from here.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';

interface Boundary {
  node: Text;
  offset: number;
}

/** The text positions of [start in `block`, end in `endBlock`), or null if their nodes are gone. */
function span(model: PageTextModel, block: TextBlock, start: number, end: number, endBlock: TextBlock): [Boundary, Boundary] | null {
  const a = model.locate(block, start);
  const b = model.locate(endBlock, end, true);
  if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
  return [a, b];
}

/**
 * A static range over [start, end) of a block: what highlight registries hold by the thousand
 * (a StaticRange is not updated by the browser on every DOM change, a live Range is).
 */
export function blockRange(model: PageTextModel, block: TextBlock, start: number, end: number): StaticRange | null {
  const s = span(model, block, start, end, block);
  if (!s) return null;
  try {
    return new StaticRange({ startContainer: s[0].node, startOffset: s[0].offset, endContainer: s[1].node, endOffset: s[1].offset });
  } catch {
    return null;
  }
}

/** A live range from `start` in `block` to `end` in `endBlock`: for measuring, anchoring and highlighting. */
export function liveRange(model: PageTextModel, block: TextBlock, start: number, end: number, endBlock: TextBlock = block): Range | null {
  const s = span(model, block, start, end, endBlock);
  if (!s) return null;
  const r = document.createRange();
  try {
    r.setStart(s[0].node, s[0].offset);
    r.setEnd(s[1].node, s[1].offset);
  } catch {
    return null;
  }
  return r;
}

/** True if the viewport point is on one of the range's line boxes (1 px of slack). */
export function rangeContains(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  return false;
}

/** Text position under a viewport point, entering open shadow roots where the browser can. */
export function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): Boundary | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number, opts?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y, { shadowRoots });
    if (p && p.offsetNode.nodeType === 3) return { node: p.offsetNode as Text, offset: p.offset };
    return null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  if (r && r.startContainer.nodeType === 3) return { node: r.startContainer as Text, offset: r.startOffset };
  return null;
}
