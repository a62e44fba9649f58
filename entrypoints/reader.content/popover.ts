// The content script's side of the page UI: loads the bundle on first need, opens popovers for
// lookups, and answers the UI's events (TermUiEvents). The UI itself lives in components/page/.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageTextModel } from '@/utils/dom/text/model';
import { liveRange } from '@/utils/dom/text/range';
import { citation, type ShownScript, type TermView } from '@/utils/core/glossary/view';
import { noteOf, quoteOf, type HighlightColor } from '@/utils/core/annotate/types';
import { errorMessage } from '@/utils/core/errors';
import { send } from '@/utils/extension/messaging';
import type { Anchor, PopoverContent, TermUi, TermUiEvents } from '@/components/page/term-ui';
import { loadedUiModule } from '@/components/page/ui-port';
import type { Annotator } from './annotations';
import type { EntryStore } from './entries';
import type { GlossarySession } from './glossary-session';
import type { LookupHit, Spot } from './scanner';

export interface PopoverHost {
  annotator(): Annotator | null;
  session(): GlossarySession | null;
  script(): ShownScript;
  /** what the popover shows now (null: closed), for the scanner */
  shown(spot: Spot | null): void;
}

const rectOf = (range: Range): Anchor => ({ getBoundingClientRect: () => range.getBoundingClientRect() });

export class PagePopover implements TermUiEvents {
  private ui: TermUi | null = null;
  private loading: Promise<TermUi> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** where the last popover was anchored (related terms open there too) */
  private lastAnchor: Anchor | null = null;
  /** the page occurrence the popover shows, if it shows one */
  private occurrence: Range | null = null;
  /** the selection the toolbar was shown for (a click on the toolbar must not lose it) */
  private selection: { range: Range; text: string; entry: number | null } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly model: PageTextModel,
    private readonly entries: EntryStore,
    private readonly host: PopoverHost,
  ) {}

  get current(): TermUi | null {
    return this.ui;
  }

  /** The page UI, injected on first need (see entrypoints/reader-ui.ts). */
  termUi(): Promise<TermUi> {
    this.loading ??= (async () => {
      if (!loadedUiModule()) {
        const ok = await send({ type: 'load-ui' }).catch(() => false);
        if (!ok || !loadedUiModule()) {
          this.loading = null;
          throw new Error('page UI unavailable');
        }
      }
      this.ui = loadedUiModule()!.createTermUi(this.ctx, (fn) => this.model.write(fn), this);
      return this.ui;
    })();
    return this.loading;
  }

  /** Brings the UI in while the page is idle, so the first hover is instant. */
  preload(): void {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    const load = () => void this.termUi().catch(() => undefined);
    if (idle) idle(load, { timeout: 2000 });
    else setTimeout(load, 200);
  }

  private content(index: number, found = ''): Promise<PopoverContent> {
    const session = this.host.session();
    if (!session) return Promise.reject(new Error(browser.i18n.getMessage('popoverLoadError')));
    return this.entries.content(session, index, this.host.script(), found);
  }

  /** Opens the popover for what the scanner found. */
  async open(hit: LookupHit, focus: boolean): Promise<void> {
    const block = this.model.blockById(hit.blockId);
    const range = block && liveRange(this.model, block, hit.start, hit.end);
    if (!block || !range) return;
    const anchor: Anchor = { ...rectOf(range), contextElement: block.element };
    this.lastAnchor = anchor;
    this.host.shown(hit);
    const ui = await this.termUi();
    this.occurrence = range;
    const found = block.text.slice(hit.start, hit.end);
    await ui.show(anchor, () => this.content(hit.entry, found), { focus, canHighlight: !!this.host.annotator() });
  }

  /** A selection was made (null: cleared): the toolbar offers highlight, note, add term, look up. */
  async select(sel: { range: Range; text: string } | null): Promise<void> {
    if (!sel) return this.ui?.hideToolbar();
    const ui = await this.termUi();
    this.selection = { ...sel, entry: this.host.session()?.exactTerm(sel.text) ?? null };
    await ui.showToolbar(rectOf(sel.range), sel.text, this.selection.entry !== null);
  }

  async highlightSelection(color: HighlightColor, withNote: boolean): Promise<void> {
    const sel = document.getSelection();
    const range = sel && !sel.isCollapsed ? sel.getRangeAt(0).cloneRange() : this.selection?.range;
    const annotator = this.host.annotator();
    if (!range || !annotator) return;
    const ui = await this.termUi();
    try {
      const a = await annotator.create(range, color);
      document.getSelection()?.removeAllRanges();
      this.selection = null;
      ui.hideToolbar();
      if (withNote) await this.openCard(a.id, true);
      else ui.announce(browser.i18n.getMessage('highlightSaved'));
    } catch (e) {
      // Nothing already saved is touched; the reader is told plainly what went wrong.
      ui.alert(errorMessage(e));
    }
  }

  async openCard(id: string, focus: boolean): Promise<void> {
    const annotator = this.host.annotator();
    const a = annotator?.items.find((x) => x.id === id);
    const range = annotator?.range(id);
    if (!a || !range) return;
    const ui = await this.termUi();
    await ui.showCard(rectOf(range), { id, quote: quoteOf(a).exact, color: a.color, note: noteOf(a), error: '', saved: false }, focus);
  }

  /** The pointer left: close soon unless it comes back, the popover is pinned or hovered. */
  scheduleClose(): void {
    if (!this.ui?.isOpen || this.ui.state.pinned || this.closeTimer) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (!this.ui?.state.pinned && !this.ui?.host?.matches(':hover')) this.ui?.hide();
    }, 400);
  }

  cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  hideUnpinned(): void {
    if (this.ui?.isOpen && !this.ui.state.pinned) this.ui.hide();
  }

  /** Esc: popover and card close. */
  dismiss(): void {
    if (!this.ui?.isOpen && !this.ui?.cardOpen) return;
    this.ui.hide();
    this.ui.hideCard();
  }

  /** Says where the keyboard cursor went (the popover of the last place closes). */
  announceMove(text: string): void {
    void this.termUi().then((ui) => {
      if (ui.isOpen) ui.hide();
      ui.announce(text);
    });
  }

  remove(): void {
    this.cancelClose();
    this.ui?.remove();
  }

  // ---- TermUiEvents ----

  copy(v: TermView): Promise<void> {
    return navigator.clipboard.writeText(citation(v, { title: document.title, url: location.href })).catch(() => undefined);
  }

  openRelated(id: string): void {
    void (async () => {
      const index = await this.entries.indexOf(id);
      const anchor = this.lastAnchor;
      if (index === null || !anchor) return;
      const ui = await this.termUi();
      // The related term is not the occurrence on the page: nothing to highlight.
      this.occurrence = null;
      await ui.show(anchor, () => this.content(index), { focus: true });
    })();
  }

  async highlightTerm(): Promise<void> {
    const annotator = this.host.annotator();
    if (!annotator || !this.occurrence) return;
    try {
      await annotator.create(this.occurrence.cloneRange(), 'yellow');
    } catch (e) {
      this.ui?.alert(errorMessage(e));
      throw e;
    }
  }

  lookUpSelection(): void {
    const sel = this.selection;
    if (!sel || sel.entry === null || !this.ui) return;
    const anchor = rectOf(sel.range);
    const entry = sel.entry;
    this.lastAnchor = anchor;
    this.occurrence = null;
    void this.ui.show(anchor, () => this.content(entry, sel.text), { focus: true });
  }

  closed(): void {
    this.host.shown(null);
  }

  addTerm(text: string): void {
    void send({ type: 'add-term', text: text.slice(0, 40) }).catch(() => undefined);
  }

  cardSave(id: string, patch: { color: HighlightColor; note: string }): void {
    void this.host
      .annotator()
      ?.update(id, patch)
      .then(() => this.ui?.updateCard({ ...patch, saved: true, error: '' }))
      .catch((e: unknown) => this.ui?.updateCard({ error: errorMessage(e) }));
  }

  cardDelete(id: string): void {
    void this.host
      .annotator()
      ?.remove(id)
      .then(() => this.ui?.hideCard())
      .catch((e: unknown) => this.ui?.updateCard({ error: errorMessage(e) }));
  }

  cardCopy(id: string): void {
    const annotator = this.host.annotator();
    const a = annotator?.items.find((x) => x.id === id);
    if (!annotator || !a) return;
    const note = noteOf(a);
    const text = `“${quoteOf(a).exact}”${note ? `\n${note}` : ''}\n— ${document.title} <${annotator.source}>, ${new Date().toISOString().slice(0, 10)}`;
    void navigator.clipboard.writeText(text).catch(() => undefined);
  }
}
