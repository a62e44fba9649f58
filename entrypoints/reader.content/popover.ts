// The content script's side of the page UI: loads the bundle on first need, opens popovers for
// lookups, and answers the UI's events (TermUiEvents). The UI itself lives in components/page/.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageTextModel } from '@/utils/dom/text/model';
import { liveRange } from '@/utils/dom/text/range';
import { whenIdle } from '@/utils/dom/convert/yield';
import type { ShownScript } from '@/utils/core/glossary/view';
import type { HighlightColor } from '@/utils/core/annotate/types';
import { errorMessage } from '@/utils/core/errors';
import { LIMITS } from '@/utils/core/user-terms/model';
import { send } from '@/utils/extension/messaging';
import type { Anchor, PopoverContent, TermUi, TermUiEvents } from '@/components/page/term-ui';
import { loadedUiModule } from '@/components/page/ui-port';
import type { Annotator } from './annotations';
import { openAddTermForm } from './add-term-form';
import { copyText, popoverCopyText } from './copy-text';
import { HighlightCards, rectOf } from './highlight-cards';
import type { EntryStore } from './entries';
import type { GlossarySession } from './glossary-session';
import type { LookupHit, Spot } from './scanner';
import type { WordLookup } from './word-lookup';
import type { PopoverKey } from '@/components/page/popover-props';
import type { DictLookupReply } from '@/utils/core/dict/lookup';

export interface PopoverHost {
  annotator(): Annotator | null;
  words(): WordLookup | null;
  session(): GlossarySession | null;
  script(): ShownScript;
  /** what the popover shows now (null: closed), for the scanner */
  shown(spot: Spot | null): void;
}

/** How long a glossary term's popover waits for the dictionary's entries before it opens without them. */
const DICT_WAIT_MS = 40;

export class PagePopover implements TermUiEvents {
  private ui: TermUi | null = null;
  private loading: Promise<TermUi> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** where the last popover was anchored (related terms open there too) */
  private lastAnchor: Anchor | null = null;
  /** the page occurrence the popover shows, if it shows one */
  private occurrence: Range | null = null;
  /** the lookup the popover shows (for next / previous word) and its dictionary reply */
  private shown: { hit: LookupHit; end: number; dict: DictLookupReply | null } | null = null;
  /** bumped by each open(): a dictionary reply that comes back late does not open a popover */
  private opening = 0;
  /** the selection the toolbar was shown for (a click on the toolbar must not lose it) */
  private selection: { range: Range; text: string; entry: number | null } | null = null;
  private readonly cards = new HighlightCards(
    () => this.host.annotator(),
    () => this.termUi(),
    () => this.ui,
  );

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

  /**
   * Brings the UI in while the page is idle, then `more` (the page's entries), then renders the first
   * term's popover once out of the page (TermUi.warmUp): the first hover waits for none of it.
   */
  preload(more: () => Promise<void> = () => Promise.resolve()): void {
    // A failure here costs nothing but the head start: a hover asks again.
    const load = () =>
      void this.termUi()
        .then(async (ui) => {
          await more();
          // The page's first term as its popover would show it: the entry is fetched by now, the
          // dictionary's entries are asked for (see TermUi.warmUp).
          const occ = this.host.session()?.firstGlossaryTerm();
          const block = occ && this.model.blockById(occ.blockId);
          if (!occ || !block) return;
          const [c, dict] = await Promise.all([this.content(occ.entry), this.host.words()?.at(block, occ.start) ?? null]);
          ui.warmUp({ ...c, dict, script: this.host.script() });
        })
        .catch(() => undefined);
    void whenIdle(2000).then(load);
  }

  private content(index: number, found = ''): Promise<PopoverContent> {
    const session = this.host.session();
    if (!session) return Promise.reject(new Error(browser.i18n.getMessage('popoverLoadError')));
    return this.entries.content(session, index, this.host.script(), found);
  }

  /**
   * Opens the popover for what the scanner found: a glossary term (its entry first, then the
   * dictionary's entries for the word at the caret), or any word (the dictionary's entries; nothing
   * opens when no word starts there or the dictionary cannot answer).
   */
  async open(hit: LookupHit, focus: boolean): Promise<void> {
    const req = ++this.opening;
    const block = this.model.blockById(hit.blockId);
    const words = this.host.words();
    if (!block) return;
    const dict = words ? words.at(block, hit.caret) : Promise.resolve(null);
    let end = hit.end;
    if (hit.kind === 'word') {
      const reply = await dict;
      if (!reply || req !== this.opening) return;
      end = hit.caret + reply.word.length;
    }
    const range = liveRange(this.model, block, hit.start, end);
    if (!range) return;
    const anchor: Anchor = { ...rectOf(range), contextElement: block.element };
    this.lastAnchor = anchor;
    this.host.shown(hit);
    const ui = await this.termUi();
    if (req !== this.opening) return;
    this.occurrence = range;
    this.shown = { hit, end, dict: null };
    words?.show(range);
    const script = this.host.script();
    let late = false;
    const load = async (): Promise<PopoverContent> => {
      const glossary = hit.kind === 'term' ? this.content(hit.entry, block.text.slice(hit.start, hit.end)) : null;
      if (!glossary) {
        const reply = await dict;
        if (this.shown?.hit === hit) this.shown.dict = reply;
        return { view: null, related: [], dict: reply, script };
      }
      const c = await glossary;
      // A term's entry does not wait long for the dictionary (a stopped service worker takes about
      // 200 ms to answer): its entries join the popover when they come.
      const ready = await Promise.race([dict.then((r) => ({ r })), new Promise<null>((r) => setTimeout(() => r(null), DICT_WAIT_MS))]);
      late = !ready;
      if (ready && this.shown?.hit === hit) this.shown.dict = ready.r;
      return { ...c, dict: ready?.r ?? null, script };
    };
    await ui.show(anchor, load, { focus, canHighlight: !!this.host.annotator() });
    if (late) {
      const reply = await dict;
      if (req !== this.opening || this.shown?.hit !== hit) return;
      this.shown.dict = reply;
      ui.showDict(reply);
    }
    const first = this.shown?.hit === hit && hit.kind === 'word' ? this.shown.dict?.entries[0] : undefined;
    if (first) ui.announce(browser.i18n.getMessage('popoverWordAnnounce', [script === 'traditional' ? first.traditional : first.simplified, first.pinyin, first.definitions[0] ?? '']));
  }

  /** N / B / C / A for the open popover. */
  popoverKey(key: PopoverKey): void {
    if (!this.ui?.isOpen) return;
    const shown = this.shown;
    if (key === 'copy') {
      void this.copy({ view: this.ui.state.view, related: [], dict: shown?.dict ?? null }).then((copied) => copied && this.ui?.markCopied());
      return;
    }
    // The rest step from, or add, the word on the page (a related term's popover shows none).
    const block = shown && this.model.blockById(shown.hit.blockId);
    if (!shown || !block) return;
    if (key === 'add') {
      const e = shown.dict?.entries[0];
      const text = block.text.slice(shown.hit.start, shown.end);
      openAddTermForm({ text, pinyin: e?.pinyin, english: e?.definitions[0]?.slice(0, 500) }, (m) => this.alert(m));
      return;
    }
    const next = this.host.words()?.step(block, key === 'next' ? shown.end : shown.hit.caret - 1, key === 'next' ? 1 : -1);
    if (next) void this.open(next, this.ui.host?.contains(document.activeElement) || this.ui.host === document.activeElement);
  }

  /** A selection was made (null: cleared): the toolbar offers highlight, note, add term, look up. */
  async select(sel: { range: Range; text: string } | null): Promise<void> {
    if (!sel) return this.ui?.hideToolbar();
    const ui = await this.termUi();
    this.selection = { ...sel, entry: this.host.session()?.exactTerm(sel.text) ?? null };
    await ui.showToolbar(rectOf(sel.range), sel.text, this.selection.entry !== null);
  }

  /** Tells the reader something went wrong, in the page's alert (role="alert"). */
  alert(text: string): void {
    this.termUi().then(
      (ui) => ui.alert(text),
      () => undefined, // no page UI to say it with
    );
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

  openCard(id: string, focus: boolean): Promise<void> {
    return this.cards.open(id, focus);
  }

  /** Scrolls a highlight (drawn at `range`) into view, a third down the window, and opens its card. */
  revealCard(id: string, range: Range): Promise<void> {
    scrollBy({ top: range.getBoundingClientRect().top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    return this.openCard(id, false);
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

  async copy(c: PopoverContent): Promise<boolean> {
    const text = popoverCopyText(c);
    return !!text && (await copyText(text, (m) => this.alert(m)));
  }

  openRelated(id: string): void {
    const anchor = this.lastAnchor;
    if (!anchor) return;
    // An entry the background cannot give (it did not answer, or has none) says so in the popover.
    this.showEntry(anchor, async () => {
      const index = await this.entries.indexOf(id);
      if (index === null) throw new Error(browser.i18n.getMessage('popoverLoadError'));
      return this.content(index);
    });
  }

  /**
   * Shows an entry that is no occurrence on the page (a related or selected term) at once, loading:
   * the lookup's dictionary reply, if late, does not join it; the pointer back on that word reopens it.
   */
  private showEntry(anchor: Anchor, load: () => Promise<PopoverContent>): void {
    this.opening++;
    this.shown = null;
    this.host.shown(null);
    this.occurrence = null;
    void this.termUi()
      .then((ui) => ui.show(anchor, load, { focus: true }))
      .catch(() => undefined); // no page UI to show it in
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
    const entry = sel.entry;
    this.lastAnchor = rectOf(sel.range);
    this.showEntry(this.lastAnchor, () => this.content(entry, sel.text));
  }

  closed(): void {
    this.host.shown(null);
    this.host.words()?.show(null);
    this.shown = null;
  }

  addTerm(text: string, note?: string): void {
    openAddTermForm({ text, ...(note ? { note: note.slice(0, LIMITS.note) } : {}) }, (m) => this.alert(m));
  }

  cardSave(id: string, patch: { color?: HighlightColor; note?: string }): void {
    this.cards.save(id, patch);
  }

  /** The page's highlights were read again after another tab changed them. */
  refreshed(gone: string[]): void {
    this.cards.refreshed(gone);
  }

  cardDelete(id: string): void {
    this.cards.delete(id);
  }

  cardCopy(id: string): void {
    this.cards.copy(id);
  }
}
