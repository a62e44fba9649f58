// The card of one of the reader's highlights on the page UI (note, colour, delete, copy): opened by
// a click on a highlight or for a new highlight with a note. It saves and deletes through the page's
// Annotator, shows what is stored (another tab's change stands), and closes with a message when
// another tab deleted its highlight.
import { browser } from 'wxt/browser';
import { noteOf, quoteOf, type HighlightColor } from '@/utils/core/annotate/types';
import { errorMessage } from '@/utils/core/errors';
import type { Anchor, TermUi } from '@/components/page/term-ui';
import { DeletedElsewhere, type Annotator } from './annotations';
import { copyText } from './copy-text';

/** An anchor that follows a range as the page moves. */
export const rectOf = (range: Range): Anchor => ({ getBoundingClientRect: () => range.getBoundingClientRect() });

export class HighlightCards {
  constructor(
    private readonly annotator: () => Annotator | null,
    /** the page UI, loaded if need be */
    private readonly termUi: () => Promise<TermUi>,
    /** the page UI if it is loaded */
    private readonly ui: () => TermUi | null,
  ) {}

  async open(id: string, focus: boolean): Promise<void> {
    const annotator = this.annotator();
    const a = annotator?.items.find((x) => x.id === id);
    const range = annotator?.range(id);
    if (!a || !range) return;
    const ui = await this.termUi();
    await ui.showCard(rectOf(range), { id, quote: quoteOf(a).exact, color: a.color, note: noteOf(a), error: '', saved: false }, focus);
  }

  save(id: string, patch: { color?: HighlightColor; note?: string }): void {
    const annotator = this.annotator();
    if (!annotator) return;
    void annotator
      .update(id, patch)
      .then((saved) => {
        if (!saved) return;
        // The card shows what is stored: a colour or note another tab changed meanwhile stands.
        const a = saved.annotation;
        const said = saved.kept.map((k) => browser.i18n.getMessage(k === 'color' ? 'highlightMergedColor' : 'highlightMergedNote')).join(' ');
        this.ui()?.updateCard({ color: a.color, note: noteOf(a), saved: true, error: said });
      })
      .catch((e: unknown) => this.gone(e));
  }

  delete(id: string): void {
    void this.annotator()
      ?.remove(id)
      .then(() => this.ui()?.hideCard())
      .catch((e: unknown) => this.gone(e));
  }

  copy(id: string): void {
    const annotator = this.annotator();
    const a = annotator?.items.find((x) => x.id === id);
    if (!annotator || !a) return;
    const note = noteOf(a);
    const text = `“${quoteOf(a).exact}”${note ? `\n${note}` : ''}\n— ${document.title} <${annotator.source}>, ${new Date().toISOString().slice(0, 10)}`;
    void copyText(text, (m) => this.ui()?.alert(m));
  }

  /** The page's highlights were read again after another tab changed them. */
  refreshed(gone: string[]): void {
    const card = this.ui()?.state.card;
    if (card && gone.includes(card.id)) this.gone(new DeletedElsewhere());
  }

  /** A save or delete failed; when the highlight was deleted in another tab the card closes and says so. */
  private gone(e: unknown): void {
    if (e instanceof DeletedElsewhere) {
      this.ui()?.hideCard();
      this.ui()?.alert(e.message);
    } else this.ui()?.updateCard({ error: errorMessage(e) });
  }
}
