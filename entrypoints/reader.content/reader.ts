// The page pipeline: probe → text model → detection → (reader on) glossary → marks and lookups.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PageTextModel, sampleText, type TextBlock } from '@/utils/text/model';
import { chineseShare, detectReport, type Detection } from '@/utils/detect/report';
import { parseMessage, type PageStatus, type PageTerms } from '@/utils/messages';
import { getScriptFor, getSettings, getSiteMode, getUserTerms, setSiteScript, settingsItem, siteModesItem, userTermsItem, type Settings, type SiteMode } from '@/utils/storage/items';
import { PageConverter } from '@/utils/convert/apply';
import { ConverterCache } from '@/utils/convert/converters';
import { bundleOf, DICTS_GLOBAL, type DictBundle, type DictName, type Dicts, type ScriptMode } from '@/utils/convert/modes';
import type { UserTerm } from '@/utils/user-terms/model';
import { userForms, userTermView } from '@/utils/user-terms/view';
import { TermMatcher as Matcher } from '@/utils/glossary/matcher';
import type { GlossaryForms } from '@/utils/glossary/types';
import { htmlMarker, readerState } from '@/utils/reader/state';
import { isIndexedEntry, unpackForms, type IndexedEntry } from '@/utils/glossary';
import type { TermMatch, TermMatcher } from '@/utils/glossary/matcher';
import { countTerms, scanBlocks } from '@/utils/glossary/scan';
import { matchAt, selectOccurrences, stepOccurrence, type Occurrence } from '@/utils/glossary/occurrences';
import { citation, termView, type ShownScript, type TermView } from '@/utils/glossary/view';
import { blockRange, blocksNearViewport, TermHighlighter } from './highlights';
import { highlightApi } from './mark-layers';
import type { TermUi, Anchor, PopoverContent } from './term-ui';
import { loadedUiModule } from '@/utils/reader/ui-port';
import { Annotator } from './annotations';
import { folderFrom } from '@/utils/annotate/fold';
import { noteOf, quoteOf, type HighlightColor } from '@/utils/annotate/types';

const MARKER_ATTR = 'data-bilingual-reader';
const SCRIPT_ATTR = 'data-bilingual-reader-script';
/** Characters the probe reads: enough to tell a Chinese page from any other. */
const PROBE_CHARS = 4000;
/** A page with less text than this may still be loading its content (SPA shell, empty body). */
const SHELL_CHARS = 200;
const HAN = /[\u3400-\u9fff]/;

interface Timing {
  probeMs: number;
  modelMs: number;
  detectMs: number;
  totalMs: number;
  /** Loading the glossary forms, building the matcher and scanning the page (wall time, sliced). */
  glossaryMs: number;
  /** Drawing the term marks (wall time, sliced). */
  markMs: number;
  /** Last script switch: loading dictionaries and building converters, then converting the page. */
  convertLoadMs: number;
  convertMs: number;
  /** Of convertMs, the time spent in our code (the rest is the page rendering between slices). */
  convertBusyMs: number;
  /** Placing the page's stored highlights (first load). */
  anchorMs: number;
}

export class Reader {
  private model: PageTextModel | null = null;
  private detection: Detection | null = null;
  private mode: SiteMode = 'auto';
  private settings: Settings | null = null;
  private status: PageStatus | null = null;
  private timing: Timing = { probeMs: 0, modelMs: 0, detectMs: 0, totalMs: 0, glossaryMs: 0, markMs: 0, convertLoadMs: 0, convertMs: 0, convertBusyMs: 0, anchorMs: 0 };
  private redetectTimer: ReturnType<typeof setTimeout> | null = null;
  private shellWatch: MutationObserver | null = null;
  private stopped = false;

  // Glossary, present only while the reader is on.
  private matcher: TermMatcher | null = null;
  private glossaryCount = 0;
  private forms: GlossaryForms | null = null;
  private userTerms: UserTerm[] = [];
  /** Term matches per block id. */
  private matches: Map<number, TermMatch[]> | null = null;
  private glossaryRun: Promise<void> | null = null;
  private highlighter: TermHighlighter | null = null;
  private ui: TermUi | null = null;
  private entries = new Map<number, IndexedEntry>();
  private listening = false;
  /** Script conversion, created on first use (its dictionaries load only then). */
  private converter: PageConverter | null = null;
  private scriptMode: ScriptMode = 'original';
  private scriptRun: Promise<void> = Promise.resolve();
  /** The reader's highlights on this page. */
  private annotator: Annotator | null = null;
  private folding: Promise<(s: string) => string> | null = null;
  private reanchorTimer: ReturnType<typeof setTimeout> | null = null;
  /** The selection the toolbar was shown for (a click on the toolbar must not lose it). */
  private selectionRange: Range | null = null;
  private lastHref = location.href;

  // Pointer and keyboard state.
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private hovered: { blockId: number; start: number } | null = null;
  private shownAt: { blockId: number; start: number } | null = null;
  private cursor: { blockId: number; start: number } | null = null;
  private pointerFrame = 0;

  constructor(private readonly ctx: ContentScriptContext) {}

  start(): void {
    const t0 = performance.now();
    // The probe reads only the first few thousand characters: non-Chinese pages stop here.
    const sample = sampleText(document, PROBE_CHARS);
    // Most pages have no Han character at all: a native regex scan settles those at once.
    const share = HAN.test(sample) ? chineseShare(sample) : 0;
    this.timing.probeMs = performance.now() - t0;

    browser.runtime.onMessage.addListener(this.onMessage);
    this.ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(this.onMessage);
      this.stop();
    });

    if (share < 0.3) {
      if (sample.replace(/\s/g, '').length < SHELL_CHARS) this.waitForContent();
      this.detection = { isReport: false, isChinese: false, score: 0, reasons: [], script: 'unknown', cjkShare: share };
      // Nothing else is loaded or watched; the popup still gets an answer.
      void this.refreshMode().then(() => this.publish(false));
      return;
    }
    void this.boot(t0);
  }

  private async boot(t0: number): Promise<void> {
    const t1 = performance.now();
    // Watch from the start so nothing that changes while the model is built in slices is missed.
    this.model = new PageTextModel(document);
    this.model.observe();
    await this.model.buildAsync();
    if (this.stopped) return;
    const t2 = performance.now();
    this.detect();
    const t3 = performance.now();
    this.timing.modelMs = t2 - t1;
    this.timing.detectMs = t3 - t2;
    this.timing.totalMs = t3 - t0;
    await this.refreshMode();
    this.model.onChange((change) => {
      void (async () => {
        // Content added while a script is shown is converted as it arrives (our writes are not
        // reported back, so there is no loop), then matched.
        if (this.converter) {
          this.converter.forgetBlocks(change.removed);
          if (this.scriptMode !== 'original') await this.converter.update(change.added);
        }
        await this.rematch(change.removed.map((b) => b.id), change.added);
        this.highlighter?.relayout();
        this.annotator?.relayout();
        if (this.annotator && location.href !== this.lastHref) {
          // An SPA navigation: this is another page for the reader's highlights.
          this.lastHref = location.href;
          this.annotator.removeLayers();
          this.annotator = new Annotator(this.model!, () => this.folder(), this.useOverlay());
          await this.annotator.load().catch(() => undefined);
        }
        this.scheduleReanchor();
        this.scheduleRedetect();
      })();
    });
    const unwatchModes = siteModesItem.watch(() => void this.refreshMode().then(() => this.publish(true)));
    const unwatchSettings = settingsItem.watch(() => void this.onSettingsChanged());
    this.ctx.onInvalidated(() => {
      unwatchModes();
      unwatchSettings();
    });
    await this.publish(true);
  }

  /** An almost empty page may fill in later: look again when it does, without keeping a model. */
  private waitForContent(): void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const deadline = Date.now() + 15_000;
    this.shellWatch = new MutationObserver(() => {
      if (Date.now() > deadline) return this.stopShellWatch();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const sample = sampleText(document, PROBE_CHARS);
        if (chineseShare(sample) >= 0.3) {
          this.stopShellWatch();
          void this.boot(performance.now());
        } else if (sample.replace(/\s/g, '').length >= SHELL_CHARS) this.stopShellWatch();
      }, 300);
    });
    this.shellWatch.observe(document.documentElement ?? document, { childList: true, subtree: true, characterData: true });
  }

  private stopShellWatch(): void {
    this.shellWatch?.disconnect();
    this.shellWatch = null;
  }

  private detect(): void {
    if (!this.model) return;
    const distinctTerms = this.termCount() ?? undefined;
    this.detection = detectReport({ url: location.href, title: document.title, blocks: this.model.blocks, distinctTerms });
  }

  /** Marks go in our overlay where the CSS Custom Highlight API is missing, or when asked to. */
  private useOverlay(): boolean {
    return !highlightApi() || !!this.settings?.overlayMarks;
  }

  /** The page changed: place the highlights again once it settles. */
  private scheduleReanchor(): void {
    // Most page changes leave every highlight where it was: then there is nothing to redo.
    if (!this.annotator?.items.length || this.reanchorTimer || !this.annotator.stale()) return;
    this.reanchorTimer = setTimeout(() => {
      this.reanchorTimer = null;
      void this.annotator?.anchorAll();
    }, 300);
  }

  /** Folds text to Simplified, character by character, for anchoring in either script. */
  private folder(): Promise<(s: string) => string> {
    this.folding ??= this.loadDicts(['TSCharacters']).then((d) => folderFrom(d.TSCharacters!));
    this.folding.catch(() => (this.folding = null));
    return this.folding;
  }

  private async highlightSelection(color: HighlightColor, withNote: boolean): Promise<void> {
    const sel = document.getSelection();
    const range = sel && !sel.isCollapsed ? sel.getRangeAt(0).cloneRange() : this.selectionRange;
    if (!range || !this.annotator) return;
    const ui = await this.termUi();
    try {
      const a = await this.annotator.create(range, color);
      document.getSelection()?.removeAllRanges();
      this.selectionRange = null;
      ui.hideToolbar();
      if (withNote) await this.openCard(a.id, true);
      else ui.announce(browser.i18n.getMessage('highlightSaved'));
    } catch (e) {
      // Nothing already saved is touched; the reader is told plainly what went wrong.
      ui.alert(e instanceof Error ? e.message : String(e));
    }
  }

  private async openCard(id: string, focus: boolean): Promise<void> {
    const a = this.annotator?.items.find((x) => x.id === id);
    const range = this.annotator?.range(id);
    if (!a || !range) return;
    const ui = await this.termUi();
    await ui.showCard({ getBoundingClientRect: () => range.getBoundingClientRect() }, { id, quote: quoteOf(a).exact, color: a.color, note: noteOf(a), error: '', saved: false }, focus);
  }

  private scheduleRedetect(): void {
    if (this.redetectTimer) return;
    this.redetectTimer = setTimeout(() => {
      this.redetectTimer = null;
      this.detect();
      // Tell the badge and popup only when something they show has changed.
      const shown = this.status;
      if (!shown || shown.detection.isReport !== this.detection?.isReport || (shown.termCount !== null && shown.termCount !== this.termCount()))
        void this.publish(true);
    }, 1000);
  }

  private async refreshMode(): Promise<void> {
    this.mode = await getSiteMode(location.hostname);
  }

  private async onSettingsChanged(): Promise<void> {
    const before = this.settings;
    await this.publish(true);
    if (!before || !this.settings || !this.matches) return;
    if (before.overlayMarks !== this.settings.overlayMarks) {
      // Another renderer: draw everything again with it.
      this.highlighter?.remove();
      this.highlighter = null;
      void this.drawMarks();
      if (this.annotator) {
        this.annotator.removeLayers();
        this.annotator = new Annotator(this.model!, () => this.folder(), this.useOverlay());
        void this.annotator.load();
      }
    } else if (before.marking !== this.settings.marking) void this.drawMarks();
  }

  private termCount(): number | null {
    if (!this.matches) return null;
    return countTerms(this.matches.values()).size;
  }

  /** The script the page shows now, for popovers: Traditional pages get Traditional text. */
  private script(): ShownScript {
    if (this.scriptMode === 'zh-Hans') return 'simplified';
    if (this.scriptMode !== 'original') return 'traditional';
    return this.detection?.script === 'traditional' ? 'traditional' : 'simplified';
  }

  /** Re-matches blocks whose text changed and updates their marks; long lists are done in slices. */
  private async rematch(removedIds: number[], blocks: readonly TextBlock[]): Promise<void> {
    if (!this.matches || !this.matcher) return;
    for (const id of removedIds) this.matches.delete(id);
    const found = await scanBlocks(blocks, this.matcher, { cancelled: () => this.stopped });
    for (const b of blocks) {
      const m = found.get(b.id);
      if (m) this.matches.set(b.id, m);
      else this.matches.delete(b.id);
    }
    const ids = blocks.map((b) => b.id);
    this.highlighter?.update([...removedIds, ...ids], selectOccurrences(ids, this.matches, this.settings?.marking ?? 'all'));
  }

  // ---- script conversion ----

  private loadedDicts(): Dicts {
    return ((globalThis as Record<string, unknown>)[DICTS_GLOBAL] as Dicts | undefined) ?? {};
  }

  /** Dictionaries come from bundles the background injects on demand; a page never converted loads none. */
  private async loadDicts(names: readonly DictName[]): Promise<Dicts> {
    const missing = new Set<DictBundle>(names.filter((n) => !this.loadedDicts()[n]).map(bundleOf));
    for (const bundle of missing) {
      const ok: unknown = await browser.runtime.sendMessage({ type: 'load-dicts', bundle }).catch(() => false);
      if (ok !== true) throw new Error(`could not load ${bundle}`);
    }
    return this.loadedDicts();
  }

  private pageConverter(): PageConverter | null {
    if (!this.model) return null;
    // Text too short to tell its own script is read in the page's script as first detected (later
    // detections see the converted page).
    const original = this.detection?.script === 'traditional' ? 'traditional' : 'simplified';
    this.converter ??= new PageConverter(this.model, new ConverterCache((names) => this.loadDicts(names)), () => original);
    return this.converter;
  }

  /** Shows the page in a script; calls are queued so switches never interleave. */
  private setScript(mode: ScriptMode, remember: boolean): Promise<void> {
    this.scriptRun = this.scriptRun.then(async () => {
      const conv = mode === 'original' && !this.converter ? null : this.pageConverter();
      this.scriptMode = mode;
      if (conv) {
        const t0 = performance.now();
        // Build the converters first (dictionaries, tries), so the conversion figure is the work itself.
        if (mode !== 'original') await conv.prepare(mode);
        const t1 = performance.now();
        // What the reader is looking at converts first.
        const changed = await conv.apply(mode, { firstBlocks: blocksNearViewport(this.model!) });
        this.timing.convertLoadMs = t1 - t0;
        this.timing.convertMs = performance.now() - t1;
        this.timing.convertBusyMs = conv.lastBusyMs;
        await this.rematch([], changed);
      }
      const html = document.documentElement;
      if (html && this.model) this.model.write(() => (mode === 'original' ? html.removeAttribute(SCRIPT_ATTR) : html.setAttribute(SCRIPT_ATTR, mode)));
      if (remember) await setSiteScript(location.hostname, mode);
      await this.annotator?.anchorAll();
      if (this.ui?.isOpen) this.ui.hide();
      this.entries.clear();
      await this.publish(true);
    });
    return this.scriptRun;
  }

  // ---- glossary ----

  /** Loads the glossary forms (once) and scans the page; only ever called when the reader is on. */
  private runGlossary(): Promise<void> {
    this.glossaryRun ??= (async () => {
      const t0 = performance.now();
      const g = unpackForms(await browser.runtime.sendMessage({ type: 'get-glossary-forms' }).catch(() => null));
      if (!g || !this.model || this.stopped) {
        this.glossaryRun = null;
        return;
      }
      this.forms = g;
      this.glossaryCount = g.count;
      this.userTerms = await getUserTerms();
      // The reader's script choice for this site (or their default) is applied before matching.
      const initial = await getScriptFor(location.hostname, this.settings ?? (await getSettings()));
      if (initial !== 'original') await this.setScript(initial, false).catch(() => undefined);
      await this.rescan();
      this.timing.glossaryMs = performance.now() - t0 - this.timing.markMs;
      this.listen();
      this.annotator = new Annotator(this.model, () => this.folder(), this.useOverlay());
      const ta = performance.now();
      await this.annotator.load().catch(() => undefined);
      this.timing.anchorMs = performance.now() - ta;
      // The reader is on: bring in the page UI while the page is idle, so the first hover is instant.
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => void this.termUi().catch(() => undefined), { timeout: 2000 });
      else setTimeout(() => void this.termUi().catch(() => undefined), 200);
      const unwatch = userTermsItem.watch(() => void this.onUserTermsChanged());
      this.ctx.onInvalidated(unwatch);
      await this.publish(true);
    })();
    return this.glossaryRun;
  }

  /** One matcher over the glossary and the reader's own terms; the reader's forms win on a tie. */
  private async rescan(): Promise<void> {
    if (!this.forms || !this.model) return;
    const forms = this.forms.forms.concat(userForms(this.userTerms, this.forms.count));
    this.matcher = new Matcher(forms, this.forms.blockers);
    this.matches = await scanBlocks(this.model.blocks, this.matcher, { cancelled: () => this.stopped });
    this.detect();
    await this.drawMarks();
  }

  private async onUserTermsChanged(): Promise<void> {
    this.userTerms = await getUserTerms();
    if (!this.matches) return;
    await this.rescan();
    await this.publish(true);
  }

  private occurrences(forNavigation = false): Occurrence[] {
    if (!this.model || !this.matches) return [];
    const marking = this.settings?.marking ?? 'all';
    const mode = forNavigation && marking === 'off' ? 'all' : marking;
    return selectOccurrences(
      this.model.blocks.map((b) => b.id),
      this.matches,
      mode,
    );
  }

  private async drawMarks(): Promise<void> {
    if (!this.model || !this.matches) return;
    this.highlighter ??= new TermHighlighter(this.model, this.useOverlay());
    const t0 = performance.now();
    this.highlighter.draw(this.occurrences());
    this.timing.markMs = performance.now() - t0;
  }

  private async entry(index: number): Promise<IndexedEntry> {
    const cached = this.entries.get(index);
    if (cached) return cached;
    const res: unknown = await browser.runtime.sendMessage({ type: 'get-entries', indices: [index] });
    const e = Array.isArray(res) ? res.find(isIndexedEntry) : undefined;
    if (!e) throw new Error(browser.i18n.getMessage('popoverLoadError'));
    this.entries.set(e.index, e);
    return e;
  }

  private async content(index: number, found = ''): Promise<PopoverContent> {
    if (index >= this.glossaryCount) {
      const t = this.userTerms[index - this.glossaryCount];
      if (!t) throw new Error(browser.i18n.getMessage('popoverLoadError'));
      return { view: userTermView(t, index, found, this.script()), related: [] };
    }
    const e = await this.entry(index);
    const view = termView(e, this.script());
    let related: PopoverContent['related'] = [];
    if (e.rel?.length) {
      const res: unknown = await browser.runtime.sendMessage({ type: 'get-entries', ids: e.rel }).catch(() => []);
      const list = Array.isArray(res) ? res.filter(isIndexedEntry) : [];
      for (const r of list) this.entries.set(r.index, r);
      related = list.map((r) => {
        const v = termView(r, this.script());
        return { id: r.id, headword: v.headword, english: v.english };
      });
    }
    return { view, related };
  }

  /** The page UI, injected on first need (see entrypoints/reader-ui.ts). */
  private uiLoading: Promise<TermUi> | null = null;
  private termUi(): Promise<TermUi> {
    this.uiLoading ??= (async () => {
      if (!loadedUiModule()) {
        const ok: unknown = await browser.runtime.sendMessage({ type: 'load-ui' }).catch(() => false);
        if (ok !== true || !loadedUiModule()) {
          this.uiLoading = null;
          throw new Error('page UI unavailable');
        }
      }
      const ui = loadedUiModule()!.createTermUi(this.ctx, (fn) => (this.model ? this.model.write(fn) : fn()));
      ui.onCopy = (v: TermView) => navigator.clipboard.writeText(citation(v, { title: document.title, url: location.href })).catch(() => undefined);
      ui.onRelated = (id: string) => void this.showRelated(id);
      ui.onClosed = () => {
        this.shownAt = null;
      };
      ui.onAddTerm = (text: string) => void browser.runtime.sendMessage({ type: 'add-term', text: text.slice(0, 40) }).catch(() => undefined);
      ui.onHighlight = (color, withNote) => void this.highlightSelection(color, withNote);
      ui.onCardSave = (id, patch) =>
        void this.annotator
          ?.update(id, patch)
          .then(() => ui.updateCard({ ...patch, saved: true, error: '' }))
          .catch((e: unknown) => ui.updateCard({ error: e instanceof Error ? e.message : String(e) }));
      ui.onCardDelete = (id) =>
        void this.annotator
          ?.remove(id)
          .then(() => ui.hideCard())
          .catch((e: unknown) => ui.updateCard({ error: e instanceof Error ? e.message : String(e) }));
      ui.onCardCopy = (id) => {
        const a = this.annotator?.items.find((x) => x.id === id);
        if (!a) return;
        const note = noteOf(a);
        const text = `“${quoteOf(a).exact}”${note ? `\n${note}` : ''}\n— ${document.title} <${this.annotator!.source}>, ${new Date().toISOString().slice(0, 10)}`;
        void navigator.clipboard.writeText(text).catch(() => undefined);
      };
      this.ui = ui;
      return ui;
    })();
    return this.uiLoading;
  }

  private async showRelated(id: string): Promise<void> {
    const known = [...this.entries.values()].find((e) => e.id === id);
    let index = known?.index;
    if (index === undefined) {
      const res: unknown = await browser.runtime.sendMessage({ type: 'get-entries', ids: [id] }).catch(() => []);
      const e = Array.isArray(res) ? res.find(isIndexedEntry) : undefined;
      if (!e) return;
      this.entries.set(e.index, e);
      index = e.index;
    }
    const ui = await this.termUi();
    const anchor = this.lastAnchor;
    ui.onHighlightTerm = null; // the related term is not the occurrence on the page
    if (anchor) await ui.show(anchor, () => this.content(index), { focus: true });
  }

  private lastAnchor: Anchor | null = null;

  /** Opens the popover for an occurrence. */
  private async open(occ: { blockId: number; start: number; end: number; entry: number }, focus: boolean): Promise<void> {
    const block = this.model?.blockById(occ.blockId);
    if (!block || !this.model) return;
    const range = blockRange(this.model, block, occ.start, occ.end);
    if (!range) return;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const anchor: Anchor = { getBoundingClientRect: () => live.getBoundingClientRect(), contextElement: block.element };
    this.lastAnchor = anchor;
    this.shownAt = { blockId: occ.blockId, start: occ.start };
    const found = block.text.slice(occ.start, occ.end);
    const ui = await this.termUi();
    ui.onHighlightTerm = this.annotator
      ? async () => {
          try {
            await this.annotator!.create(live.cloneRange(), 'yellow');
          } catch (e) {
            ui.alert(e instanceof Error ? e.message : String(e));
            throw e;
          }
        }
      : null;
    await ui.show(anchor, () => this.content(occ.entry, found), { focus });
  }

  // ---- pointer, click and keyboard ----

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const opts = { capture: true, passive: true } as const;
    this.ctx.addEventListener(document, 'pointermove', this.onPointerMove, opts);
    this.ctx.addEventListener(document, 'click', this.onClick, { capture: true });
    this.ctx.addEventListener(window, 'keydown', this.onKeyDown, { capture: true });
    this.ctx.addEventListener(window, 'scroll', this.onScroll, opts);
    this.ctx.addEventListener(document, 'mouseup', this.onSelectionEnd, { capture: true });
    this.ctx.addEventListener(document, 'keyup', this.onSelectionEnd, { capture: true });
  }

  /** After a selection is made on the page, offer to add it to the reader's terms. */
  private onSelectionEnd = (e: Event): void => {
    if (!this.on() || this.ui?.owns(e)) return;
    setTimeout(async () => {
      const sel = document.getSelection();
      const text = sel && !sel.isCollapsed ? sel.toString().trim() : '';
      if (!sel || !text || text.length > 5000) {
        this.ui?.hideToolbar();
        return;
      }
      const ui = await this.termUi();
      const anchorNode = sel.anchorNode;
      const el = anchorNode && (anchorNode.nodeType === 1 ? (anchorNode as Element) : anchorNode.parentElement);
      if (el?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return;
      const range = sel.getRangeAt(0).cloneRange();
      this.selectionRange = range;
      // A selection that is exactly a glossary term can be looked up from the toolbar.
      const m = this.matcher?.match(text);
      const term = m && m.length === 1 && m[0]!.start === 0 && m[0]!.end === text.length ? m[0]!.entry : null;
      ui.onLookup =
        term === null
          ? null
          : () => {
              const anchor: Anchor = { getBoundingClientRect: () => range.getBoundingClientRect() };
              this.lastAnchor = anchor;
              ui.onHighlightTerm = null;
              void ui.show(anchor, () => this.content(term, text), { focus: true });
            };
      void ui.showToolbar({ getBoundingClientRect: () => range.getBoundingClientRect() }, text);
    }, 0);
  };

  private on(): boolean {
    return !!this.matches && (this.status?.state === 'report' || this.status?.state === 'zh');
  }

  /** The term occurrence under a viewport point, if any. */
  private termAt(x: number, y: number): { blockId: number; start: number; end: number; entry: number } | null {
    if (!this.model || !this.matches) return null;
    const caret = caretAt(x, y, this.model.shadowRootList());
    if (!caret) return null;
    const pos = this.model.offsetOf(caret.node, caret.offset);
    if (!pos) return null;
    const list = this.matches.get(pos.block.id);
    if (!list) return null;
    // The caret falls between characters: the term may be on either side of it.
    for (const off of [pos.offset, pos.offset - 1]) {
      const m = off >= 0 ? matchAt(list, off) : null;
      if (m && this.pointIn(pos.block, m, x, y)) return { blockId: pos.block.id, ...m };
    }
    return null;
  }

  private pointIn(block: TextBlock, m: TermMatch, x: number, y: number): boolean {
    const r = this.model && blockRange(this.model, block, m.start, m.end);
    if (!r) return false;
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    for (const rect of live.getClientRects()) if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
    return false;
  }

  private onPointerMove = (e: PointerEvent): void => {
    if (!this.on() || !this.settings?.hover || e.pointerType === 'touch') return;
    const { clientX: x, clientY: y } = e;
    const inPopover = this.ui?.owns(e) ?? false;
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      if (inPopover) {
        this.cancelClose();
        return;
      }
      const hit = this.termAt(x, y);
      const same = (a: { blockId: number; start: number } | null) => !!hit && !!a && a.blockId === hit.blockId && a.start === hit.start;
      if (same(this.shownAt)) {
        this.cancelClose();
        return;
      }
      if (same(this.hovered)) return;
      this.hovered = hit ? { blockId: hit.blockId, start: hit.start } : null;
      if (this.hoverTimer) clearTimeout(this.hoverTimer);
      this.hoverTimer = null;
      if (hit) {
        this.hoverTimer = setTimeout(() => {
          this.hoverTimer = null;
          void this.open(hit, false);
        }, this.settings?.hoverDelayMs ?? 300);
      } else this.scheduleClose();
    });
  };

  private scheduleClose(): void {
    if (!this.ui?.isOpen || this.ui.state.pinned || this.closeTimer) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (!this.ui?.state.pinned && !this.ui?.host?.matches(':hover')) this.ui?.hide();
    }, 400);
  }

  private cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  private onClick = (e: MouseEvent): void => {
    if (!this.on() || this.ui?.owns(e)) return;
    if (!this.settings?.click) {
      if (this.ui?.isOpen && !this.ui.state.pinned) this.ui.hide();
      const h = this.annotator?.at(e.clientX, e.clientY);
      if (h && document.getSelection()?.isCollapsed) void this.openCard(h.id, false);
      return;
    }
    // Links, buttons and a selection in progress keep their own meaning.
    const target = e.target as Element | null;
    if (target?.closest?.('a[href], button, input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return;
    if (!document.getSelection()?.isCollapsed) return;
    const highlight = this.annotator?.at(e.clientX, e.clientY);
    if (highlight) {
      void this.openCard(highlight.id, false);
      return;
    }
    const hit = this.termAt(e.clientX, e.clientY);
    if (hit) void this.open(hit, false);
    else if (this.ui?.isOpen && !this.ui.state.pinned) this.ui.hide();
  };

  private onScroll = (): void => {
    if (this.ui?.isOpen && !this.ui.state.pinned && !this.cursor) this.ui.hide();
  };

  private onKeyDown = (e: KeyboardEvent): void => {
    if (!this.on()) return;
    if (this.ui?.owns(e)) return;
    const t = e.target as HTMLElement | null;
    const editing = !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === 'Escape' && (this.ui?.isOpen || this.ui?.cardOpen)) {
      this.ui.hide();
      this.ui.hideCard();
      return;
    }
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyH' && !editing) {
      e.preventDefault();
      void this.highlightSelection('yellow', false);
      return;
    }
    if (editing) return;
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyS') {
      e.preventDefault();
      const other: ScriptMode = this.detection?.script === 'traditional' ? 'zh-Hans' : 'zh-TW';
      void this.setScript(this.scriptMode === 'original' ? other : 'original', true);
      return;
    }
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.code === 'KeyP')) {
      e.preventDefault();
      this.step(e.code === 'KeyN' ? 1 : -1);
      return;
    }
    if (e.key === 'Enter' && this.cursor && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const occ = this.occurrences(true).find((o) => o.blockId === this.cursor!.blockId && o.start === this.cursor!.start);
      if (occ) {
        e.preventDefault();
        void this.open(occ, true);
      }
    }
  };

  /** Moves the term cursor to the next or previous occurrence and shows where it is. */
  private step(dir: 1 | -1): void {
    const list = this.occurrences(true);
    if (!list.length || !this.model) return;
    let current = -1;
    if (this.cursor) current = list.findIndex((o) => o.blockId === this.cursor!.blockId && o.start === this.cursor!.start);
    const i = stepOccurrence(list.length, current, dir);
    this.moveCursor(list[i]!, i, list.length);
  }

  private moveCursor(occ: Occurrence, i: number, total: number): void {
    if (!this.model) return;
    const block = this.model.blockById(occ.blockId);
    if (!block) return;
    this.cursor = { blockId: occ.blockId, start: occ.start };
    const range = blockRange(this.model, block, occ.start, occ.end);
    this.highlighter?.setFocus(range);
    if (range) {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const r = live.getBoundingClientRect();
      if (r.top < 60 || r.bottom > window.innerHeight - 60) window.scrollBy({ top: r.top - window.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
    const text = block.text.slice(occ.start, occ.end);
    void this.termUi().then((ui) => {
      if (ui.isOpen) ui.hide();
      ui.announce(browser.i18n.getMessage('termCursor', [String(i + 1), String(total), text]));
    });
  }

  /** Side panel asked to show a term: the next occurrence after the cursor, with its popover. */
  private async reveal(index: number): Promise<boolean> {
    const list = this.occurrences(true).filter((o) => o.entry === index);
    if (!list.length) return false;
    const all = this.occurrences(true);
    const curIdx = this.cursor ? all.findIndex((o) => o.blockId === this.cursor!.blockId && o.start === this.cursor!.start) : -1;
    const after = all.slice(curIdx + 1).find((o) => o.entry === index) ?? list[0]!;
    this.moveCursor(after, all.indexOf(after), all.length);
    await this.open(after, false);
    return true;
  }

  private pageTerms(): PageTerms | null {
    if (!this.matches || !this.model) return null;
    const order: number[] = [];
    const counts = new Map<number, number>();
    for (const b of this.model.blocks) {
      for (const m of this.matches.get(b.id) ?? []) {
        if (!counts.has(m.entry)) order.push(m.entry);
        counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
      }
    }
    return { script: this.script(), counts: order.map((i) => [i, counts.get(i)!]), userBase: this.glossaryCount };
  }

  // ---- status ----

  private async publish(notify: boolean): Promise<void> {
    const d = this.detection!;
    const settings = await getSettings();
    this.settings = settings;
    const state = readerState(this.mode, settings, d);
    const on = state === 'report' || state === 'zh';
    if (on && this.model && !this.glossaryRun) void this.runGlossary();
    if (!on && this.scriptMode !== 'original') void this.setScript('original', false);
    if (!on && this.matches) {
      // Turned off: forget what was found and take our marks away; it all comes back if turned on.
      this.matches = null;
      this.glossaryRun = null;
      this.highlighter?.remove();
      this.highlighter = null;
      this.ui?.hide();
    }
    const marker = htmlMarker(state);
    const html = document.documentElement;
    if (html) {
      const write = () => (marker ? html.setAttribute(MARKER_ATTR, marker) : html.removeAttribute(MARKER_ATTR));
      if (this.model) this.model.write(write);
      else write();
    }
    this.status = {
      host: location.hostname,
      url: location.href,
      mode: this.mode,
      state,
      detection: { isReport: d.isReport, isChinese: d.isChinese, score: d.score, reasons: d.reasons, script: d.script, cjkShare: d.cjkShare },
      termCount: on ? this.termCount() : null,
      script: this.scriptMode,
      timing: this.timing,
    };
    if (notify) await browser.runtime.sendMessage({ type: 'page-status', status: this.status }).catch(() => undefined);
  }

  private stop(): void {
    this.stopped = true;
    this.model?.disconnect();
    this.stopShellWatch();
    if (this.redetectTimer) clearTimeout(this.redetectTimer);
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.cancelClose();
    this.highlighter?.remove();
    this.annotator?.removeLayers();
    this.ui?.remove();
  }

  private onMessage = (raw: unknown): Promise<unknown> | undefined => {
    const msg = parseMessage(raw);
    if (msg?.type === 'get-status') return Promise.resolve(this.status);
    if (msg?.type === 'get-terms') return Promise.resolve(this.on() ? this.pageTerms() : null);
    if (msg?.type === 'reveal-term') return this.on() ? this.reveal(msg.index) : Promise.resolve(false);
    if (msg?.type === 'hl-page') return Promise.resolve(this.annotator ? { source: this.annotator.source, items: this.annotator.list() } : null);
    if (msg?.type === 'hl-reveal') {
      const r = this.annotator?.range(msg.id);
      if (!r) return Promise.resolve(false);
      const rect = r.getBoundingClientRect();
      window.scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
      return this.openCard(msg.id, false).then(() => true);
    }
    if (msg?.type === 'set-script') {
      if (!this.on()) return Promise.resolve(false);
      return this.setScript(msg.mode, true).then(
        () => true,
        (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
      );
    }
    return undefined;
  };
}

/** Text position under a viewport point, entering open shadow roots where the browser can. */
function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): { node: Text; offset: number } | null {
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
