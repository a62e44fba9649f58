// Draws glossary terms with the CSS Custom Highlight API: no change to the page's DOM structure.
// The ::highlight() rules must sit in a stylesheet of the page, so one small namespaced <style> is
// added (through the model's write(), marked as our UI). Ranges are built visible-first, in slices.
import type { PageTextModel, TextBlock } from '@/utils/text/model';
import { OWN_UI_ATTR } from '@/utils/text/model';
import type { Occurrence } from '@/utils/glossary/occurrences';

export const TERM_HIGHLIGHT = 'bilingual-reader-term';
export const FOCUS_HIGHLIGHT = 'bilingual-reader-term-focus';

const STYLE = `
::highlight(${TERM_HIGHLIGHT}) { text-decoration: underline dotted 1.5px; text-decoration-color: #c2410c; text-underline-offset: 3px; }
::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgba(250, 204, 21, 0.45); text-decoration: underline solid 2px; text-decoration-color: #c2410c; }
@media (prefers-color-scheme: dark) {
  ::highlight(${TERM_HIGHLIGHT}) { text-decoration-color: #fdba74; }
  ::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgba(250, 204, 21, 0.3); text-decoration-color: #fdba74; }
}`;

export function highlightSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** A DOM range for [start, end) of a block, or null if the block's nodes are gone. */
export function blockRange(model: PageTextModel, block: TextBlock, start: number, end: number): StaticRange | null {
  const a = model.locate(block, start);
  const b = model.locate(block, end, true);
  if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
  try {
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  } catch {
    return null;
  }
}

export class TermHighlighter {
  private readonly terms = new Highlight();
  private readonly focus = new Highlight();
  private style: HTMLStyleElement | null = null;
  private generation = 0;
  private readonly byBlock = new Map<number, StaticRange[]>();

  constructor(private readonly model: PageTextModel) {}

  private install(): void {
    if (this.style?.isConnected) return;
    this.model.write(() => {
      const style = document.createElement('style');
      style.setAttribute(OWN_UI_ATTR, 'highlight-style');
      style.textContent = STYLE;
      (document.head ?? document.documentElement).append(style);
      this.style = style;
    });
    CSS.highlights.set(TERM_HIGHLIGHT, this.terms);
    CSS.highlights.set(FOCUS_HIGHLIGHT, this.focus);
  }

  /** Replaces every mark. Blocks near the viewport are drawn in the first slice. */
  async draw(occurrences: readonly Occurrence[], sliceMs = 8): Promise<void> {
    const gen = ++this.generation;
    this.install();
    const order = visibleFirst(this.model, occurrences);
    this.terms.clear();
    this.byBlock.clear();
    let t0 = performance.now();
    for (const occ of order) {
      this.addOne(occ);
      if (performance.now() - t0 > sliceMs) {
        await new Promise((res) => setTimeout(res, 0));
        if (gen !== this.generation) return;
        t0 = performance.now();
      }
    }
  }

  private addOne(occ: Occurrence): void {
    const block = this.model.blockById(occ.blockId);
    const r = block && blockRange(this.model, block, occ.start, occ.end);
    if (!r) return;
    this.terms.add(r);
    const list = this.byBlock.get(occ.blockId);
    if (list) list.push(r);
    else this.byBlock.set(occ.blockId, [r]);
  }

  /** Incremental update after the page changed some blocks: no full redraw. */
  update(removedBlockIds: Iterable<number>, added: readonly Occurrence[]): void {
    this.install();
    for (const id of removedBlockIds) {
      for (const r of this.byBlock.get(id) ?? []) this.terms.delete(r);
      this.byBlock.delete(id);
    }
    for (const occ of added) this.addOne(occ);
  }

  setFocus(range: StaticRange | null): void {
    this.focus.clear();
    if (range) this.focus.add(range);
  }

  get size(): number {
    return this.terms.size;
  }

  clear(): void {
    this.generation++;
    this.terms.clear();
    this.byBlock.clear();
    this.focus.clear();
  }

  remove(): void {
    this.clear();
    if (highlightSupported()) {
      if (CSS.highlights.get(TERM_HIGHLIGHT) === this.terms) CSS.highlights.delete(TERM_HIGHLIGHT);
      if (CSS.highlights.get(FOCUS_HIGHLIGHT) === this.focus) CSS.highlights.delete(FOCUS_HIGHLIGHT);
    }
    const style = this.style;
    if (style) this.model.write(() => style.remove());
    this.style = null;
  }
}

/** Occurrences whose block is on screen come first, then the rest in page order. */
function visibleFirst(model: PageTextModel, occurrences: readonly Occurrence[]): Occurrence[] {
  const h = window.innerHeight;
  const onScreen = new Set<number>();
  // Blocks are in document order, which is nearly always top-to-bottom: binary search for the
  // first block below the top of the viewport, then walk down until one starts below the bottom.
  const blocks = model.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.element.getBoundingClientRect().bottom < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < blocks.length && i < lo + 400; i++) {
    const rect = blocks[i]!.element.getBoundingClientRect();
    if (rect.top > h) break;
    onScreen.add(blocks[i]!.id);
  }
  const first: Occurrence[] = [];
  const rest: Occurrence[] = [];
  for (const o of occurrences) (onScreen.has(o.blockId) ? first : rest).push(o);
  return first.concat(rest);
}
