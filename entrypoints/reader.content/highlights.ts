// Draws glossary terms with the CSS Custom Highlight API: no change to the page's DOM structure.
// The ::highlight() rules come with the content script (highlights.css, declared in the manifest):
// present from the page's first layout, they add no element to the page, and a stylesheet added
// later would force a full relayout (60–90 ms on a page of a million characters).
import type { PageTextModel } from '@/utils/dom/text/model';
import { blockRange } from '@/utils/dom/text/range';
import { firstEndingBelow } from '@/utils/dom/text/viewport-order';
import type { MatchList } from '@/utils/core/glossary/match-list';

export const TERM_HIGHLIGHT = 'bilingual-reader-term';
export const FOCUS_HIGHLIGHT = 'bilingual-reader-term-focus';

import { markLayer, redrawOverlays, type MarkLayer } from './mark-layers';

/**
 * Term marks, drawn only for blocks in and near the viewport. A page of a million characters has
 * tens of thousands of terms; registering them all makes every frame pay for them, so marks follow
 * the reader as they scroll, and the per-frame cost stays that of a screenful.
 */
export class TermHighlighter {
  private terms!: MarkLayer;
  private focus!: MarkLayer;
  private installed = false;
  /** the matches to mark, by block (the session's own lists: never changed here) */
  private readonly byBlock = new Map<number, MatchList>();
  /** ranges currently registered, by block */
  private readonly drawn = new Map<number, StaticRange[]>();
  private frame = 0;
  /** pause() calls not yet resumed: marks stay off the page */
  private paused = 0;
  private readonly onViewport = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  constructor(
    private readonly model: PageTextModel,
    /** draw in our overlay instead of with the CSS Custom Highlight API */
    private readonly overlay = false,
  ) {}

  private install(): void {
    if (this.installed) return;
    this.installed = true;
    const write = (fn: () => void) => this.model.write(fn);
    this.terms = markLayer(TERM_HIGHLIGHT, { kind: 'underline', color: '#c2410c' }, { overlay: this.overlay, write });
    this.focus = markLayer(FOCUS_HIGHLIGHT, { kind: 'fill', color: 'rgba(250, 204, 21, 0.45)' }, { overlay: this.overlay, write, priority: 2 });
    addEventListener('scroll', this.onViewport, { passive: true, capture: true });
    addEventListener('resize', this.onViewport, { passive: true });
  }

  /** Replaces every mark. */
  draw(marked: ReadonlyMap<number, MatchList>): void {
    this.install();
    this.byBlock.clear();
    for (const [id, list] of marked) this.byBlock.set(id, list);
    this.terms.clear();
    this.drawn.clear();
    this.refresh();
  }

  /** Incremental update after the page changed some blocks: no full redraw. */
  update(removedBlockIds: Iterable<number>, added: ReadonlyMap<number, MatchList>): void {
    this.install();
    for (const id of removedBlockIds) {
      this.byBlock.delete(id);
      for (const r of this.drawn.get(id) ?? []) this.terms.delete(r);
      this.drawn.delete(id);
    }
    for (const [id, list] of added) this.byBlock.set(id, list);
    this.refresh();
  }

  /**
   * Takes the marks off the page until resume(). For a script switch: while any of the page's text
   * changes, the browser checks every registered range again and repaints the marked text in every
   * frame (measured: 150 marks on screen add about 10 ms to each frame of a long page's
   * conversion, a fifth of its time), and marks found in the old text do not fit the new one anyway.
   */
  pause(): void {
    if (this.paused++ || !this.installed) return;
    this.terms.clear();
    this.drawn.clear();
  }

  /** Draws the marks again once every pause() has been resumed. */
  resume(): void {
    if (this.paused && --this.paused === 0) this.refresh();
  }

  /** Registers marks for blocks within a screen of the viewport and drops the others. */
  refresh(): void {
    if (this.paused) return;
    const window = blocksNearViewport(this.model);
    for (const [id, ranges] of this.drawn) {
      if (window.has(id)) continue;
      for (const r of ranges) this.terms.delete(r);
      this.drawn.delete(id);
    }
    for (const id of window) {
      if (this.drawn.has(id)) continue;
      const occ = this.byBlock.get(id);
      const block = occ && this.model.blockById(id);
      if (!occ || !block) continue;
      const ranges: StaticRange[] = [];
      for (let i = 0; i < occ.length; i += 3) {
        const r = blockRange(this.model, block, occ[i]!, occ[i + 1]!);
        if (r) {
          this.terms.add(r);
          ranges.push(r);
        }
      }
      this.drawn.set(id, ranges);
    }
  }

  setFocus(range: AbstractRange | null): void {
    this.install();
    this.focus.clear();
    if (range) this.focus.add(range);
  }

  /** The page's layout changed: overlay marks follow (native highlights do by themselves). */
  relayout(): void {
    if (this.overlay) redrawOverlays();
  }

  clear(): void {
    this.byBlock.clear();
    this.drawn.clear();
    if (!this.installed) return;
    this.terms.clear();
    this.focus.clear();
  }

  remove(): void {
    this.clear();
    removeEventListener('scroll', this.onViewport, { capture: true });
    removeEventListener('resize', this.onViewport);
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.installed) {
      this.terms.dispose();
      this.focus.dispose();
    }
    this.installed = false;
  }
}

/** Ids of blocks from one screen above the viewport to one screen below it. */
export function blocksNearViewport(model: PageTextModel): Set<number> {
  const h = innerHeight;
  const out = new Set<number>();
  const blocks = model.blocks;
  if (!blocks.length) return out;
  // The first block ending below a screen above the window, then down until one starts past its bottom.
  const lo = firstEndingBelow(blocks.length, (i) => blocks[i]!.element, -h);
  let offscreen = 0;
  for (let i = lo; i < blocks.length; i++) {
    const b = blocks[i]!;
    const rect = b.element.getBoundingClientRect();
    if (rect.top > 2 * h) {
      // Out-of-flow or reordered content can break the order: tolerate a few before stopping.
      if (++offscreen > 20) break;
      continue;
    }
    if (rect.bottom >= -h && (rect.width > 0 || rect.height > 0)) out.add(b.id);
  }
  return out;
}

