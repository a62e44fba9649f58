// The page text that highlights are anchored in: the model's blocks joined by "\n", folded to one
// script, with offsets mapped to DOM positions and back through the model.
import type { PageTextModel } from '@/utils/dom/text/model';
import { liveRange } from '@/utils/dom/text/range';

export interface PageText {
  text: string;
  /** offsets in `text` → a DOM Range over the page */
  toRange(start: number, end: number): Range | null;
  /** a DOM Range → offsets in `text`, or null if it is not in the model */
  fromRange(range: Range): { start: number; end: number } | null;
}

export function pageText(model: PageTextModel, fold: (s: string) => string): PageText {
  const blocks = model.blocks;
  // Each block's text is read from its nodes once here (the model does not keep it).
  const texts = blocks.map((b) => b.text);
  const starts: number[] = [];
  let acc = 0;
  for (const t of texts) {
    starts.push(acc);
    acc += t.length + 1;
  }
  const text = fold(texts.join('\n'));
  const blockAt = (offset: number): number => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const indexOfBlock = new Map(blocks.map((b, i) => [b, i]));
  return {
    text,
    toRange(start, end) {
      if (!blocks.length || start < 0 || end > text.length || end < start) return null;
      const bi = blockAt(start);
      // An end right after a block's last character belongs to that block, not the separator.
      let bj = blockAt(Math.max(start, end - 1));
      if (end - starts[bj]! > texts[bj]!.length) bj = blockAt(end);
      return liveRange(model, blocks[bi]!, Math.min(start - starts[bi]!, texts[bi]!.length), Math.min(end - starts[bj]!, texts[bj]!.length), blocks[bj]!);
    },
    fromRange(range) {
      const pos = (node: Node, offset: number, isEnd: boolean): number | null => {
        if (node.nodeType !== 3) {
          // Element boundary: use the nearest text node inside or after it.
          const child = node.childNodes[offset] ?? null;
          const walker = document.createTreeWalker(child ?? node, 4);
          const t = child && child.nodeType === 3 ? child : walker.nextNode();
          if (!t) return null;
          node = t;
          offset = isEnd && !child ? (t as Text).data.length : 0;
        }
        const hit = model.offsetOf(node as Text, offset);
        if (!hit) return null;
        return starts[indexOfBlock.get(hit.block)!]! + hit.offset;
      };
      const start = pos(range.startContainer, range.startOffset, false);
      const end = pos(range.endContainer, range.endOffset, true);
      if (start === null || end === null || end <= start) return null;
      return { start, end };
    },
  };
}
