// The glossary on one page while the reader is on: one matcher over the glossary's forms and the
// reader's own terms, the matches per block, and their marks. Dropped whole when the reader turns off.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { liveRange, rangeContains } from '@/utils/dom/text/range';
import type { MarkMode } from '@/utils/core/glossary/occurrences';
import { TermMatcher, type TermMatch } from '@/utils/core/glossary/matcher';
import type { GlossaryForms } from '@/utils/core/glossary/types';
import { countTerms, scanBlocks } from '@/utils/core/glossary/scan';
import { matchAt, selectOccurrences, type Occurrence } from '@/utils/core/glossary/occurrences';
import type { UserTerm } from '@/utils/core/user-terms/model';
import { userForms } from '@/utils/core/user-terms/view';
import type { PageTerms } from '@/utils/core/messages';
import type { ShownScript } from '@/utils/core/glossary/view';
import { TermHighlighter } from './highlights';
import type { LookupHit } from './scanner';

export class GlossarySession {
  private matcher: TermMatcher | null = null;
  /** term matches per block id */
  private matches = new Map<number, TermMatch[]>();
  private highlighter: TermHighlighter | null = null;
  userTerms: UserTerm[] = [];
  /** time the last full drawing of marks took */
  markMs = 0;

  constructor(
    private readonly model: PageTextModel,
    private readonly forms: GlossaryForms,
    private readonly opts: { marking: () => MarkMode; overlay: () => boolean; cancelled: () => boolean },
  ) {}

  /** Entry indices at or above this are the reader's own terms. */
  get glossaryCount(): number {
    return this.forms.count;
  }

  /** Builds the matcher with the reader's terms (theirs win a tie), matches the page and marks it. */
  async scan(userTerms: UserTerm[]): Promise<void> {
    this.userTerms = userTerms;
    this.matcher = new TermMatcher(this.forms.forms.concat(userForms(userTerms, this.forms.count)), this.forms.blockers);
    this.matches = await scanBlocks(this.model.blocks, this.matcher, { cancelled: this.opts.cancelled });
    this.drawMarks();
  }

  /** Re-matches blocks whose text changed and updates their marks; long lists are done in slices. */
  async rematch(removedIds: number[], blocks: readonly TextBlock[]): Promise<void> {
    if (!this.matcher) return;
    for (const id of removedIds) this.matches.delete(id);
    const found = await scanBlocks(blocks, this.matcher, { cancelled: this.opts.cancelled });
    for (const b of blocks) {
      const m = found.get(b.id);
      if (m) this.matches.set(b.id, m);
      else this.matches.delete(b.id);
    }
    const ids = blocks.map((b) => b.id);
    this.highlighter?.update([...removedIds, ...ids], selectOccurrences(ids, this.matches, this.opts.marking()));
  }

  /** Occurrences in page order as marked; for keyboard navigation, all of them even with marks off. */
  occurrences(forNavigation = false): Occurrence[] {
    const marking = this.opts.marking();
    const mode = forNavigation && marking === 'off' ? 'all' : marking;
    return selectOccurrences(
      this.model.blocks.map((b) => b.id),
      this.matches,
      mode,
    );
  }

  /** Draws every mark again (another marking mode); `renderer` when the overlay setting changed. */
  drawMarks(renderer = false): void {
    if (renderer) this.removeMarks();
    this.highlighter ??= new TermHighlighter(this.model, this.opts.overlay());
    const t0 = performance.now();
    this.highlighter.draw(this.occurrences());
    this.markMs = performance.now() - t0;
  }

  /** Shows where the keyboard cursor is (null: nowhere). */
  setFocus(occ: Occurrence | null): Range | null {
    const block = occ && this.model.blockById(occ.blockId);
    const range = block ? liveRange(this.model, block, occ.start, occ.end) : null;
    this.highlighter?.setFocus(range);
    return range;
  }

  relayout(): void {
    this.highlighter?.relayout();
  }

  termCount(): number {
    return countTerms(this.matches.values()).size;
  }

  /** The page's terms with their counts, in order of first appearance (side panel). */
  pageTerms(script: ShownScript): PageTerms {
    const counts = countTerms(this.model.blocks.map((b) => this.matches.get(b.id) ?? []));
    return { script, counts: [...counts], userBase: this.forms.count };
  }

  /** A lookup source: the term occurrence at a caret, if the point is on its text. */
  readonly termAt = (block: TextBlock, offset: number, x: number, y: number): LookupHit | null => {
    const list = this.matches.get(block.id);
    if (!list) return null;
    // The caret falls between characters: the term may be on either side of it.
    for (const off of [offset, offset - 1]) {
      const m = off >= 0 ? matchAt(list, off) : null;
      const range = m && liveRange(this.model, block, m.start, m.end);
      if (m && range && rangeContains(range, x, y)) return { kind: 'term', blockId: block.id, ...m };
    }
    return null;
  };

  /** The entry a text is exactly one term of, or null. */
  exactTerm(text: string): number | null {
    const m = this.matcher?.match(text);
    return m && m.length === 1 && m[0]!.start === 0 && m[0]!.end === text.length ? m[0]!.entry : null;
  }

  private removeMarks(): void {
    this.highlighter?.remove();
    this.highlighter = null;
  }

  /** The reader turned off or the page went away: marks come off. */
  dispose(): void {
    this.removeMarks();
    this.matches.clear();
    this.matcher = null;
  }
}
