// The page pipeline: probe → text model → detection → (reader on) glossary → marks and lookups.
// This file composes the parts; each part does one job (see ARCHITECTURE.md).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PageTextModel, type TextBlock } from '@/utils/dom/text/model';
import { dispatch } from '@/utils/core/messages';
import { profileFor, type ScriptMode } from '@/utils/core/convert/modes';
import { setSiteScript, settingsItem } from '@/utils/extension/storage/items';
import { highlightApi } from './mark-layers';
import { AnnotatorSlot, type Annotator } from './annotations';
import { EntryStore } from './entries';
import { GlossarySession } from './glossary-session';
import { GlossaryInputs } from './glossary-inputs';
import { contentHandlers } from './message-handlers';
import { PagePopover } from './popover';
import { TermScanner } from './scanner';
import { ScriptSwitcher } from './script-switcher';
import { WordLookup } from './word-lookup';
import { probe, StatusController, waitForContent } from './status';
import { SwitchOffer } from './switch-offer';
import { wireScanner } from './scanner-wiring';

/** The parts that exist once the page is Chinese and its text model is built. */
interface Page {
  model: PageTextModel;
  words: WordLookup;
  switcher: ScriptSwitcher;
  popover: PagePopover;
  scanner: TermScanner;
}

export class Reader {
  private status!: StatusController;
  private page: Page | null = null;
  private session: GlossarySession | null = null;
  private glossaryRun: Promise<void> | null = null;
  /** the glossary's forms, the reader's own terms and the site's script (see start) */
  private readonly inputs: GlossaryInputs;
  /** the reader's own terms changed before matching was done: it runs again with them */
  private userTermsStale = false;
  private highlights: AnnotatorSlot | null = null;
  private readonly entries = new EntryStore();
  private stopShellWatch: (() => void) | null = null;
  private stopped = false;
  private booting: Promise<void> | null = null;
  /** the page's alert where there is no page model (see alert) */
  private notices: PagePopover | null = null;
  private readonly switching: SwitchOffer;
  private readonly handlers = contentHandlers(this.face());
  private readonly onMessage = (raw: unknown) => dispatch(this.handlers, raw, undefined);

  constructor(private readonly ctx: ContentScriptContext) {
    this.inputs = new GlossaryInputs(ctx, () => void this.onUserTermsChanged(), () => this.status?.settings ?? null);
    this.switching = new SwitchOffer(ctx, {
      hasHan: () => this.status.hasHan,
      siteMode: () => this.status.mode,
      on: () => this.on(),
      siteScript: () => this.inputs.siteScript(),
      toggled: () => this.page?.switcher.toggled() ?? 'zh-TW',
      setScript: (mode, remember) => this.setScript(mode, remember),
      alert: (text) => this.alert(text),
      siteModeChanged: () => void this.status.refreshMode().then(() => this.publish(true)),
    });
  }

  start(): void {
    const t0 = performance.now();
    const p = probe();
    this.status = new StatusController(p.share, p.han);
    this.status.timing.probeMs = performance.now() - t0;
    browser.runtime.onMessage.addListener(this.onMessage);
    browser.storage.onChanged.addListener(this.onStorageChanged);
    this.ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(this.onMessage);
      browser.storage.onChanged.removeListener(this.onStorageChanged);
      this.stop();
    });
    if (p.han) this.switching.listen();
    if (p.chinese) {
      // A Chinese page will most likely want the glossary: its forms travel while the model is
      // built and the page detected, not after. (Not for a page booted by a first script switch:
      // loading the glossary would hold up the background that converts it.)
      this.inputs.request();
      return void this.boot(t0);
    }
    if (p.shell)
      this.stopShellWatch = waitForContent((q) => {
        // Its text came after the page loaded: Han text brings the switch, Chinese the reader.
        if (q.han && !this.status.hasHan) {
          this.status.hasHan = true;
          this.switching.listen();
        }
        if (q.chinese) void this.boot(performance.now());
        else void this.publish(true);
      });
    // Nothing else is loaded or watched; the popup still gets an answer. A frame with Han text tells
    // the background, so that the popup finds it when the page around it has none (a bilingual
    // iframe in an English viewer); a top page is asked directly.
    void this.status.refreshMode().then(() => this.publish(p.han && window !== window.top));
  }

  /** Builds the model and the parts once, whoever asks first (the probe, a late page, a switch). */
  private boot(t0: number): Promise<void> {
    this.booting ??= this.bootOnce(t0);
    return this.booting;
  }

  private async bootOnce(t0: number): Promise<void> {
    const t1 = performance.now();
    // Watch from the start so nothing that changes while the model is built in slices is missed.
    const model = new PageTextModel(document);
    model.observe();
    await model.buildAsync();
    if (this.stopped) return;
    const t2 = performance.now();
    this.status.detect(model, undefined);
    Object.assign(this.status.timing, { modelMs: t2 - t1, detectMs: performance.now() - t2, totalMs: performance.now() - t0 });
    // Government and legal text gets the mainland restore that fits it (utils/core/convert/phrases.ts).
    const switcher = new ScriptSwitcher(model, () => this.status.detection.script, () => profileFor(this.status.detection.isReport), this.status.timing);
    const overlay = () => !highlightApi() || !!this.status.settings?.overlayMarks;
    const words = new WordLookup(model, { mode: () => this.status.settings?.lookupAny ?? 'off', overlay });
    this.highlights = new AnnotatorSlot(model, () => switcher.folder(), overlay);
    const popover = new PagePopover(this.ctx, model, this.entries, {
      annotator: () => this.annotator,
      words: () => (this.on() ? words : null),
      session: () => this.session,
      script: () => switcher.shown(),
      shown: (spot) => this.page?.scanner.shown(spot),
    });
    const scanner = new TermScanner(this.ctx, model, {
      active: () => this.on(),
      settings: () => this.status.settings,
      owns: (e) => popover.current?.owns(e) ?? false,
      ownsPoint: (x, y) => popover.current?.ownsPoint(x, y) ?? false,
      occurrences: () => this.session?.occurrences(true) ?? [],
      popoverOpen: () => popover.current?.isOpen ?? false,
    });
    this.page = { model, words, switcher, popover, scanner };
    // The page's own popover says things from now on.
    this.notices?.remove();
    this.notices = null;
    wireScanner(this.page, {
      session: () => this.session,
      annotator: () => this.annotator,
      toggleScript: () => void this.setScript(switcher.toggled(), true).catch((e: unknown) => this.switching.failed(e)),
    });
    await this.status.refreshMode();
    model.onChange((change) => void this.onPageChange(change.removed, change.added));
    this.switching.watchSiteMode();
    this.ctx.onInvalidated(settingsItem.watch(() => void this.onSettingsChanged()));
    await this.publish(true);
  }

  private async onPageChange(removed: TextBlock[], added: TextBlock[]): Promise<void> {
    // Content added while a script is shown is converted as it arrives (our writes are not
    // reported back, so there is no loop), then matched.
    await this.page?.switcher.update(removed, added);
    await this.session?.rematch(
      removed.map((b) => b.id),
      added,
    );
    this.session?.relayout();
    this.annotator?.relayout();
    await this.highlights?.pageChanged();
    if (this.page) this.status.redetectSoon(this.page.model, () => this.termCount(), () => void this.publish(true));
  }

  private on(): boolean {
    return !!this.session && this.status.on();
  }

  private termCount(): number | null {
    return this.session?.termCount() ?? null;
  }

  private get annotator(): Annotator | null {
    return this.highlights?.current ?? null;
  }

  /** A card on a highlight deleted in another tab closes with a message (AnnotatorSlot.storageChanged). */
  private readonly onStorageChanged = (changes: Record<string, unknown>, area: string): void => {
    void this.highlights?.storageChanged(changes, area).then((gone) => {
      if (gone) this.page?.popover.refreshed(gone);
    });
  };

  private async onSettingsChanged(): Promise<void> {
    const before = this.status.settings;
    await this.publish(true);
    const after = this.status.settings;
    if (!before || !after || !this.session) return;
    if (before.overlayMarks !== after.overlayMarks) {
      // Another renderer: draw everything again with it.
      this.session.drawMarks(true);
      if (this.annotator) void this.highlights?.replace();
    } else if (before.marking !== after.marking) this.session.drawMarks();
  }

  /** Shows the page in a script, then matches and places highlights in the new text. */
  private async setScript(mode: ScriptMode, remember: boolean): Promise<void> {
    if (remember) this.inputs.chosen();
    // A page the detection did not call Chinese has no model yet: it is built on the first switch.
    if (!this.page && mode !== 'original' && this.status.hasHan) await this.boot(performance.now());
    if (!this.page) return;
    return this.page.switcher.switch(mode, async (changed) => {
      await this.session?.rematch([], changed);
      if (remember) await setSiteScript(location.hostname, mode);
      await this.annotator?.anchorAll();
      this.page?.popover.current?.hide();
      await this.publish(true);
    }, () => this.session?.pauseMarks());
  }

  /** Finds the glossary's terms on the page (once) and marks them; only ever called when the reader is on. */
  private runGlossary(page: Page): Promise<void> {
    this.glossaryRun ??= (async () => {
      const t0 = performance.now();
      // Independent reads: one wait, not three in a row.
      const [forms, userTerms, initial] = await Promise.all([
        this.inputs.forms(),
        this.inputs.userTerms(),
        this.inputs.takeScript(),
      ]);
      if (!forms || this.stopped) {
        // Asked again on the next run (the background may have failed to load the glossary).
        this.glossaryRun = null;
        return;
      }
      const session = new GlossarySession(page.model, forms, {
        marking: () => this.status.settings?.marking ?? 'all',
        overlay: () => !highlightApi() || !!this.status.settings?.overlayMarks,
        cancelled: () => this.stopped,
      });
      // The reader's script choice for this site (or their default) is applied before matching.
      if (initial !== 'original') await this.setScript(initial, false).catch(() => undefined);
      this.session = session;
      await session.scan(userTerms);
      // The text detection read is the text matched, unless a script was applied above; a change
      // the page made since then has its own re-detection scheduled (onPageChange).
      if (initial === 'original') this.status.updateTermCount(session.termCount());
      else this.status.detect(page.model, session.termCount());
      this.status.timing.markMs = session.markMs;
      this.status.timing.matcherMs = this.inputs.indexMs + session.matcherMs;
      this.status.timing.glossaryMs = performance.now() - t0 - session.markMs;
      page.scanner.listen();
      const ta = performance.now();
      await this.highlights?.replace();
      this.status.timing.anchorMs = performance.now() - ta;
      page.popover.preload(() => this.entries.prefetch(session.glossaryEntries()));
      page.switcher.prepare();
      if (this.userTermsStale) await this.onUserTermsChanged();
      await this.publish(true);
    })();
    return this.glossaryRun;
  }

  private async onUserTermsChanged(): Promise<void> {
    // Before the first match is done: it may have used the old terms, and matches again when done.
    this.userTermsStale = !this.session;
    const userTerms = await this.inputs.userTerms();
    if (!this.session || !this.page) return;
    await this.session.scan(userTerms);
    this.status.updateTermCount(this.session.termCount());
    await this.publish(true);
  }

  /** Decides on/off from settings, mode and detection, brings the parts in line, tells the badge. */
  private async publish(notify: boolean): Promise<void> {
    const state = await this.status.decide();
    const on = state === 'report' || state === 'zh';
    const page = this.page;
    if (on && page && !this.glossaryRun) void this.runGlossary(page);
    // The switch no longer offered (the site turned off): the page goes back to its own script.
    // Where the detection says no (the automatic scope included), the script the reader chose stays.
    if (!this.switching.offered() && page && page.switcher.mode !== 'original') void this.setScript('original', false);
    if (!on && this.session) {
      // Turned off: forget what was found and take our marks away; it all comes back if turned on.
      this.session.dispose();
      this.session = null;
      this.glossaryRun = null;
      page?.popover.current?.hide();
    }
    this.status.mark(state, (fn) => (page ? page.model.write(fn) : fn()));
    this.status.record(state, on ? this.termCount() : null, page?.switcher.mode ?? 'original');
    this.switching.decided(on);
    if (notify) await this.status.notify();
  }

  /** The reader as the message handlers see it. */
  private face() {
    return {
      status: () => this.status.status,
      on: () => this.on(),
      pageTerms: () => (this.session && this.page ? this.session.pageTerms(this.page.switcher.shown()) : null),
      revealTerm: async (index: number) => {
        const occ = this.page?.scanner.revealEntry(index);
        if (!occ || !this.page) return false;
        await this.page.popover.open({ kind: 'term', ...occ, caret: occ.start }, false);
        return true;
      },
      pageHighlights: () => (this.annotator ? { source: this.annotator.source, items: this.annotator.list() } : null),
      revealHighlight: async (id: string) => {
        const r = this.annotator?.range(id);
        return !!r && !!this.page && this.page.popover.revealCard(id, r).then(() => true);
      },
      canSwitch: () => this.switching.offered(),
      sayNoSwitch: () => this.switching.unavailable(),
      setScript: (mode: ScriptMode, tell: boolean) =>
        this.setScript(mode, true).catch((e: unknown) => {
          if (tell) this.switching.failed(e);
          throw e;
        }),
    };
  }

  /**
   * Says something on the page, in its alert. A page the reader built nothing for (no Han text, the
   * quick exit) gets a popover for it alone, made on first need.
   */
  private alert(text: string): void {
    if (this.page) return this.page.popover.alert(text);
    const none = { annotator: () => null, words: () => null, session: () => null, script: () => 'simplified' as const, shown: () => undefined };
    (this.notices ??= new PagePopover(this.ctx, new PageTextModel(document), this.entries, none)).alert(text);
  }

  private stop(): void {
    this.stopped = true;
    this.notices?.remove();
    this.page?.model.disconnect();
    this.stopShellWatch?.();
    this.status.stop();
    this.page?.scanner.stop();
    this.session?.dispose();
    this.highlights?.dispose();
    this.page?.popover.remove();
    this.page?.words.dispose();
  }
}
