import { browser } from 'wxt/browser';
import { PageTextModel, sampleText } from '@/utils/text/model';
import { chineseShare, detectReport, type Detection } from '@/utils/detect/report';
import { parseMessage, type PageStatus } from '@/utils/messages';
import { getSettings, getSiteMode, settingsItem, siteModesItem, type SiteMode } from '@/utils/storage/items';
import { htmlMarker, readerState } from '@/utils/reader/state';
import { isGlossaryForms, matcherFor } from '@/utils/glossary';
import type { TermMatch, TermMatcher } from '@/utils/glossary/matcher';
import { countTerms, scanBlocks } from '@/utils/glossary/scan';

const MARKER_ATTR = 'data-bilingual-reader';
/** Characters the probe reads: enough to tell a Chinese page from any other. */
const PROBE_CHARS = 4000;
/** A page with less text than this may still be loading its content (SPA shell, empty body). */
const SHELL_CHARS = 200;
const HAN = /[\u3400-\u9fff]/;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const reader = new Reader(ctx);
    reader.start();
  },
});

interface Timing {
  probeMs: number;
  modelMs: number;
  detectMs: number;
  totalMs: number;
  /** Loading the glossary, building the matcher and scanning the page (wall time, sliced). */
  glossaryMs: number;
}

class Reader {
  private model: PageTextModel | null = null;
  private detection: Detection | null = null;
  private mode: SiteMode = 'auto';
  private status: PageStatus | null = null;
  private timing: Timing = { probeMs: 0, modelMs: 0, detectMs: 0, totalMs: 0, glossaryMs: 0 };
  private matcher: TermMatcher | null = null;
  /** Term matches per block id; present only while the reader is on. */
  private matches: Map<number, TermMatch[]> | null = null;
  private glossaryRun: Promise<void> | null = null;
  private stopped = false;
  private redetectTimer: ReturnType<typeof setTimeout> | null = null;
  private shellWatch: MutationObserver | null = null;

  constructor(private readonly ctx: InstanceType<typeof ContentScriptContext>) {}

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
      if (this.matches && this.matcher) {
        for (const b of change.removed) this.matches.delete(b.id);
        for (const b of change.added) {
          const m = this.matcher.match(b.text);
          if (m.length) this.matches.set(b.id, m);
        }
      }
      this.scheduleRedetect();
    });
    const unwatchModes = siteModesItem.watch(() => void this.refreshMode().then(() => this.publish(true)));
    const unwatchSettings = settingsItem.watch(() => void this.publish(true));
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

  private termCount(): number | null {
    if (!this.matches) return null;
    return countTerms(this.matches.values()).size;
  }

  /** Loads the glossary (once) and scans the page; only ever called when the reader is on. */
  private runGlossary(): Promise<void> {
    this.glossaryRun ??= (async () => {
      const t0 = performance.now();
      const g: unknown = await browser.runtime.sendMessage({ type: 'get-glossary-forms' }).catch(() => null);
      if (!isGlossaryForms(g) || !this.model || this.stopped) {
        this.glossaryRun = null;
        return;
      }
      this.matcher = matcherFor(g);
      this.matches = await scanBlocks(this.model.blocks, this.matcher, { cancelled: () => this.stopped });
      this.timing.glossaryMs = performance.now() - t0;
      this.detect();
      await this.publish(true);
    })();
    return this.glossaryRun;
  }

  private async publish(notify: boolean): Promise<void> {
    const d = this.detection!;
    const settings = await getSettings();
    const state = readerState(this.mode, settings, d);
    const on = state === 'report' || state === 'zh';
    if (on && this.model && !this.glossaryRun) void this.runGlossary();
    if (!on && this.matches) {
      // Turned off: forget what was found; it is scanned again if the reader comes back on.
      this.matches = null;
      this.glossaryRun = null;
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
      timing: this.timing,
    };
    if (notify) await browser.runtime.sendMessage({ type: 'page-status', status: this.status }).catch(() => undefined);
  }

  private stop(): void {
    this.stopped = true;
    this.model?.disconnect();
    this.stopShellWatch();
    if (this.redetectTimer) clearTimeout(this.redetectTimer);
  }

  private onMessage = (raw: unknown): Promise<PageStatus | null> | undefined => {
    const msg = parseMessage(raw);
    if (msg?.type === 'get-status') return Promise.resolve(this.status);
    return undefined;
  };
}
