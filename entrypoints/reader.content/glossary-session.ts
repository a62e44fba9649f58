// The glossary on one page while the reader is on: one matcher over the glossary's forms, the
// reader's own terms and the page's own notes, the matches per block, and their marks. Dropped whole when the reader turns off.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { liveRange, rangeContains } from '@/utils/dom/text/range';
import type { MarkMode } from '@/utils/core/glossary/occurrences';
import { TermMatcher } from '@/utils/core/glossary/matcher';
import { entryOf, matchCount, matchOf, type MatchList } from '@/utils/core/glossary/match-list';
import type { FormIndex } from '@/utils/core/glossary/form-index';
import { countTerms, distinctEntries, scanBlocks } from '@/utils/core/glossary/scan';
import { markedByBlock, matchAt, selectOccurrences, type Occurrence } from '@/utils/core/glossary/occurrences';
import type { UserTerm } from '@/utils/core/user-terms/model';
import { parsePageNotes } from '@/utils/core/glossary/page-notes';
import { mayHoldNotes, noteForms, pageNoteTerms, sameTerms, type PageNoteTerms } from '@/utils/core/glossary/page-note-terms';
import { userForms } from '@/utils/core/user-terms/view';
import type { PageTerms } from '@/utils/core/messages';
import type { ShownScript } from '@/utils/core/glossary/view';
import { TermHighlighter } from './highlights';
import { frameYielder, viaMessage } from '@/utils/dom/convert/yield';
import type { LookupHit } from './scanner';

/**
 * Matching yields to the page between slices by a message, not a timer (a timer waits 4 ms once
 * nested, and a hidden tab's timers are throttled): the page's own tasks still run in between.
 * Slices of up to 40 ms stay under the 50 ms of a long task. Shorter ones gave the first match of a
 * long page more gaps for other tasks to fill while a page loads (every frame, message and storage
 * reply in the tab): 12 ms slices made "glossary load + match" on the 200 k page about 10 ms longer
 * (median of 20 loads each: 51.6 ms against 41.0; 25 ms slices: 46.8).
 */
const SCAN = { sliceMs: 40, yieldTo: viaMessage };

/**
 * Matching again after the page's text changed (a script switch: the whole page) yields through the
 * page's frames instead, where it has them (a message where it has none: see frameYielder), and
 * starts after one: tasks posted by message run back to back before the browser renders, so the
 * last converted slice's layout and the slices of a 600 k-character page's matching made one frame
 * of 92–136 ms at the end of every switch. Its slices are short: 40 ms slices, with a garbage
 * collection or the tagging of blocks' lang in the same frame, made frames of 55–80 ms after every
 * switch of a 600 k-character page, with nothing on screen changed.
 */
const RESCAN_SLICE_MS = 16;

export class GlossarySession {
  /** the glossary's forms with the reader's own terms over them */
  private ownMatcher: TermMatcher | null = null;
  /** that, with the page's notes over it: what the page is matched with */
  private matcher: TermMatcher | null = null;
  /** term matches per block id, packed */
  private matches = new Map<number, MatchList>();
  private highlighter: TermHighlighter | null = null;
  userTerms: UserTerm[] = [];
  /** the page's notes section as page-local entries, read from the text as shown (never stored) */
  notes: PageNoteTerms = { base: 0, items: [] };
  /** time the last full drawing of marks took */
  markMs = 0;
  /** distinct entries in `matches`, once counted (null: they changed since) */
  private distinct: number | null = null;
  /** time building the last matcher took (the reader's own terms and the page's notes over the glossary's forms) */
  matcherMs = 0;

  constructor(
    private readonly model: PageTextModel,
    private readonly glossary: FormIndex,
    private readonly opts: { marking: () => MarkMode; overlay: () => boolean; cancelled: () => boolean },
  ) {}

  /** Entry indices at or above this are the reader's own terms. */
  get glossaryCount(): number {
    return this.glossary.count;
  }

  /** Builds the matcher with the reader's terms (theirs win a tie), matches the page and marks it. */
  async scan(userTerms: UserTerm[]): Promise<void> {
    this.userTerms = userTerms;
    const t0 = performance.now();
    const own = new TermMatcher(userForms(userTerms, this.glossary.count), [], this.glossary);
    this.ownMatcher = own;
    // Each block's text read from the page once, for the notes and the matching (the model keeps none).
    const blocks = this.model.blocks.map((b) => ({ id: b.id, text: b.text }));
    this.notes = this.readNotes(own, blocks);
    this.matcher = new TermMatcher(noteForms(this.notes), [], own);
    this.matcherMs = performance.now() - t0;
    this.matches = await scanBlocks(blocks, this.matcher, { ...SCAN, cancelled: this.opts.cancelled });
    this.distinct = null;
    this.drawMarks();
  }

  /** Re-matches blocks whose text changed and updates their marks; long lists are done in slices. */
  async rematch(removedIds: number[], blocks: readonly TextBlock[]): Promise<void> {
    if (!this.matcher) return;
    for (const id of removedIds) this.matches.delete(id);
    const toFrame = frameYielder();
    const yieldTo = () => toFrame().then(() => undefined);
    await yieldTo();
    if (this.opts.cancelled()) return;
    // Each changed block's text read from the page once, for the matching and the notes check.
    const read = blocks.map((b) => ({ id: b.id, text: b.text }));
    const found = await scanBlocks(read, this.matcher, { sliceMs: RESCAN_SLICE_MS, yieldTo, cancelled: this.opts.cancelled });
    for (const b of blocks) {
      const m = found.get(b.id);
      if (m) this.matches.set(b.id, m);
      else this.matches.delete(b.id);
    }
    this.distinct = null;
    // A notes section that appeared, went away or changed script: its terms are other entries now.
    if (this.ownMatcher && (this.notes.items.length || read.some((b) => mayHoldNotes(b.text)))) {
      const notes = this.readNotes(this.ownMatcher);
      if (!sameTerms(notes, this.notes)) return this.scan(this.userTerms);
      this.notes = notes;
    }
    const ids = blocks.map((b) => b.id);
    this.highlighter?.update([...removedIds, ...ids], markedByBlock(ids, this.matches, this.opts.marking()));
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
    this.highlighter.draw(markedByBlock(this.model.blocks.map((b) => b.id), this.matches, this.opts.marking()));
    this.markMs = performance.now() - t0;
  }

  /**
   * Takes the marks off while the page's text is rewritten (TermHighlighter.pause); the function
   * returned puts them back, as matched by then.
   */
  pauseMarks(): (() => void) | undefined {
    const h = this.highlighter;
    h?.pause();
    return h ? () => h.resume() : undefined;
  }

  /** Shows where the keyboard cursor is, in view; returns the term's text (undefined: it is gone). */
  showCursor(occ: Occurrence): string | undefined {
    const block = this.model.blockById(occ.blockId);
    const range = block ? liveRange(this.model, block, occ.start, occ.end) : null;
    this.highlighter?.setFocus(range);
    const r = range?.getBoundingClientRect();
    if (r && (r.top < 60 || r.bottom > innerHeight - 60)) scrollBy({ top: r.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    return block?.text.slice(occ.start, occ.end);
  }

  relayout(): void {
    this.highlighter?.relayout();
  }

  /** Distinct terms on the page; counted once per change of the matches (the badge and detection ask often). */
  termCount(): number {
    this.distinct ??= distinctEntries(this.matches.values());
    return this.distinct;
  }

  /** The glossary's entries matched on the page in order of first appearance (not the reader's own terms or the page's notes). */
  glossaryEntries(): number[] {
    return [...this.countsInPageOrder().keys()].filter((i) => i < this.glossary.count);
  }

  /** The first occurrence of a glossary entry in page order, or null. */
  firstGlossaryTerm(): Occurrence | null {
    for (const b of this.model.blocks) {
      const list = this.matches.get(b.id);
      if (!list) continue;
      for (let i = 0; i < matchCount(list); i++) if (entryOf(list, i) < this.glossary.count) return { blockId: b.id, ...matchOf(list, i) };
    }
    return null;
  }

  private countsInPageOrder(): Map<number, number> {
    return countTerms(this.model.blocks.map((b) => this.matches.get(b.id) ?? []));
  }

  /** The page's terms with their counts, in order of first appearance (side panel). */
  pageTerms(script: ShownScript): PageTerms {
    const counts = this.countsInPageOrder();
    const notes = this.notes.items.length ? { notes: this.notes } : {};
    return { script, counts: [...counts], userBase: this.glossary.count, ...notes };
  }

  /** The page's notes; a note whose term is already a form (own or glossary) joins that entry. */
  private readNotes(own: TermMatcher, blocks: readonly { readonly text: string }[] = this.model.blocks): PageNoteTerms {
    const base = this.glossary.count + this.userTerms.length;
    const parsed = parsePageNotes(blocks.map((b) => b.text));
    return parsed.length ? pageNoteTerms(parsed, { get: (term) => own.entryOf(term) }, base) : { base, items: [] };
  }

  /** A lookup source: the term occurrence at a caret, if the point is on its text. */
  readonly termAt = (block: TextBlock, offset: number, x: number, y: number): LookupHit | null => {
    const list = this.matches.get(block.id);
    if (!list) return null;
    // The caret falls between characters: the term may be on either side of it.
    for (const off of [offset, offset - 1]) {
      const m = off >= 0 ? matchAt(list, off) : null;
      const range = m && liveRange(this.model, block, m.start, m.end);
      if (m && range && rangeContains(range, x, y)) return { kind: 'term', blockId: block.id, ...m, caret: off };
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
    this.distinct = null;
    this.matcher = null;
    this.ownMatcher = null;
  }
}
