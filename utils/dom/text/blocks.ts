// Blocks of page text, the walk that collects them (the page-text model's one pass over a subtree;
// model.ts owns the walks and the blocks they make) and where an offset in a block falls among its
// text nodes. DOM code.
import { isBlockElement, isInsideSkipped, isSkippedElement } from '@/utils/dom/text/nodes';

export interface Segment {
  /** null for a virtual line break (`<br>`), which has text "\n" but no node. */
  node: Text | null;
  /** Offset of this segment in the block's text. */
  start: number;
}

export interface TextBlock {
  /** Unique for the life of the model; a rebuilt block gets a new id. */
  id: number;
  /** Nearest block-level ancestor (or shadow root host) the text belongs to. */
  readonly element: Element;
  /** Upper-case tag of `element`, for callers that weigh headings. */
  readonly tag: string;
  /**
   * The text of its segments, read from their nodes at each use (read it once per task, into a
   * local). Not kept: the texts of a long page are megabytes of heap, and the page holds them already.
   */
  readonly text: string;
  /** Length of `text` when the segments' starts were computed. */
  readonly length: number;
  readonly segments: Segment[];
}

export class Block implements TextBlock {
  length = 0;
  segments: Segment[] = [];
  constructor(
    public id: number,
    readonly element: Element,
    readonly tag: string,
  ) {}

  get text(): string {
    let text = '';
    for (const s of this.segments) text += s.node ? s.node.data : '\n';
    return text;
  }

  /** Adds a text node (or a line break for null) at the end. */
  push(node: Text | null): void {
    this.segments.push({ node, start: this.length });
    this.length += node ? node.data.length : 1;
  }

  /**
   * The block is complete: its segments are copied to a list of their own size. A list grown by
   * push keeps room for 17, and a long page has thousands of blocks of one to three segments (on
   * the 600 k page, unsealed lists held 340 kB of heap for 11 k segments).
   */
  seal(): void {
    this.segments = this.segments.slice();
  }

  /** Recomputes the starts and length from the nodes as they are now. */
  reread(): void {
    let at = 0;
    for (const s of this.segments) {
      s.start = at;
      at += s.node ? s.node.data.length : 1;
    }
    this.length = at;
  }
}

/** What a walk asks of the model that runs it. */
export interface WalkHost {
  /** counts characters read; false once the model's limit is reached (the walk stops) */
  addChars(n: number): boolean;
  newBlockId(): number;
  /** an open shadow root the walk enters: the model watches it too */
  enterShadowRoot(root: ShadowRoot): void;
}

type Frame = { node: Node; container: Element; exit?: boolean };

/**
 * One pass over a subtree with an explicit stack (pages nest deeply), resumable so the model can be
 * built in slices. Text directly inside a block element, with its inline descendants, makes a block;
 * a nested block element closes the current block, and text after it starts a new one.
 */
export class Walk {
  readonly out: TextBlock[] = [];
  /** the block being read; it starts at text that is not all white space */
  private cur: Block | null = null;
  private readonly stack: Frame[] = [];

  constructor(
    start: Node,
    private readonly model: WalkHost,
    blockAncestor: (el: Element) => Element,
  ) {
    const startEl = start.nodeType === 9 ? (start as Document).documentElement : start;
    if (!startEl) return;
    if (startEl.nodeType === 1 && (isSkippedElement(startEl as Element) || isInsideSkipped(startEl))) return;
    const initial = (startEl.nodeType === 1 ? startEl : (startEl.parentElement ?? startEl.ownerDocument?.documentElement)) as Element;
    this.stack.push({ node: startEl, container: blockAncestor(initial) });
  }

  private close(): void {
    if (this.cur) {
      this.cur.seal();
      this.out.push(this.cur);
    }
    this.cur = null;
  }

  /** Walks until done (returns true) or until `pause()` says stop (checked every few hundred nodes). */
  run(pause: () => boolean): boolean {
    const stack = this.stack;
    let n = 0;
    while (stack.length) {
      if ((++n & 255) === 0 && pause()) return false;
      const f = stack.pop()!;
      const node = f.node;
      if (f.exit) {
        this.close();
        continue;
      }
      if (node.nodeType === 3) {
        const t = node as Text;
        const data = t.data;
        if (data.length === 0) continue;
        if (!this.model.addChars(data.length)) {
          stack.length = 0;
          break;
        }
        if (!this.cur) {
          if (!/\S/.test(data)) continue;
          const el = f.container;
          this.cur = new Block(this.model.newBlockId(), el, el.tagName.toUpperCase());
        }
        this.cur.push(t);
        continue;
      }
      if (node.nodeType !== 1 && node.nodeType !== 11) continue;
      let container = f.container;
      if (node.nodeType === 1) {
        const el = node as Element;
        if (isSkippedElement(el)) {
          // A skipped element still separates the text around it.
          if (isBlockElement(el) || el.tagName === 'PRE' || el.tagName === 'TEXTAREA') this.close();
          continue;
        }
        if (el.tagName === 'BR') {
          this.cur?.push(null);
          continue;
        }
        if (isBlockElement(el)) {
          this.close();
          container = el;
          stack.push({ node: el, container: f.container, exit: true });
        }
      }
      const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
      if (shadow) {
        this.model.enterShadowRoot(shadow);
        // A host renders its shadow tree; light children show only through slots.
        if (shadow.querySelector('slot')) for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, container });
        for (let c = shadow.lastChild; c; c = c.previousSibling) stack.push({ node: c, container });
      } else {
        for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, container });
      }
    }
    this.close();
    return true;
  }
}

/** Two blocks made of the same text nodes, in the same order. */
export function sameNodes(a: TextBlock, b: TextBlock): boolean {
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i]!.node !== b.segments[i]!.node) return false;
  return true;
}

/**
 * Maps an offset within a block to the text node and offset in it. End offsets resolve to the end
 * of the previous node. Reads only the block's segments.
 */
export function locateInBlock(block: TextBlock, offset: number, preferEnd = false): { node: Text; offset: number } | null {
  const segs = block.segments;
  if (offset < 0 || offset > block.length || segs.length === 0) return null;
  // Binary search for the last segment starting at or before offset.
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  let i = lo;
  if (preferEnd) {
    // An end offset that falls exactly on a boundary belongs to the segment before it.
    while (i > 0 && segs[i]!.start === offset) i--;
  }
  // Virtual breaks have no node: move to a neighbour that has one.
  const seg = segs[i]!;
  if (!seg.node) {
    const after = segs.slice(i + 1).find((s) => s.node);
    if (after?.node) return { node: after.node, offset: 0 };
    for (let j = i - 1; j >= 0; j--) {
      const s = segs[j]!;
      if (s.node) return { node: s.node, offset: s.node.data.length };
    }
    return null;
  }
  const node = seg.node;
  return { node, offset: Math.min(offset - seg.start, node.data.length) };
}
