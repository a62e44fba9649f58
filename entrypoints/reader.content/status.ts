// What the page is and whether the reader is on: the probe, detection, the site's mode and the
// settings, told to the background (badge) and to the popup (get-status).
import type { PageTextModel } from '@/utils/dom/text/model';
import { sampleText, someText } from '@/utils/dom/text/sample';
import { chineseShare, CHINESE_SHARE, detectReport, withDistinctTerms, type Detection } from '@/utils/core/detect/report';
import type { PageStatus, ReaderState } from '@/utils/core/messages';
import type { Settings, SiteMode } from '@/utils/core/settings';
import { htmlMarker, readerState } from '@/utils/core/reader/state';
import type { ScriptMode } from '@/utils/core/convert/modes';
import { getSettings, getSiteMode } from '@/utils/extension/storage/items';
import { send } from '@/utils/extension/messaging';

const MARKER_ATTR = 'data-bilingual-reader';
/** Characters the probe reads: enough to tell a Chinese page from any other. */
const PROBE_CHARS = 4000;
/** A page with less text than this may still be loading its content (SPA shell, empty body). */
const SHELL_CHARS = 200;
const HAN = /[\u3400-\u9fff]/;

export type Timing = PageStatus['timing'];

/**
 * The first few thousand characters decide whether a page is Chinese at all, and whether it has
 * Han text (the script switch is offered on any page that has).
 */
export interface Probe {
  chinese: boolean;
  shell: boolean;
  share: number;
  han: boolean;
}

export function probe(): Probe {
  const sample = sampleText(document, PROBE_CHARS);
  // Most pages have no Han character at all: a native regex scan settles those at once.
  const inSample = HAN.test(sample);
  const share = inSample ? chineseShare(sample) : 0;
  // A page that declares Chinese may hold its Chinese past the probe: one more scan of its text
  // (not of its scripts, whose strings are no text of the page).
  const han = inSample || (/^zh\b/i.test(document.documentElement?.lang ?? '') && someText(document, HAN));
  return { chinese: share >= CHINESE_SHARE, shell: sample.replace(/\s/g, '').length < SHELL_CHARS, share, han };
}

/**
 * An almost empty page may fill in later: calls `ready` with a new probe once it is Chinese, or has
 * Han text and is no longer almost empty, without keeping a model.
 */
export function waitForContent(ready: (p: Probe) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const deadline = Date.now() + 15_000;
  const watch = new MutationObserver(() => {
    if (Date.now() > deadline) return stop();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const p = probe();
      if (p.chinese || (p.han && !p.shell)) {
        stop();
        ready(p);
      } else if (!p.shell) stop();
    }, 300);
  });
  const stop = () => {
    watch.disconnect();
    if (timer) clearTimeout(timer);
  };
  watch.observe(document.documentElement ?? document, { childList: true, subtree: true, characterData: true });
  return stop;
}

export class StatusController {
  detection: Detection;
  mode: SiteMode = 'auto';
  settings: Settings | null = null;
  status: PageStatus | null = null;
  readonly timing: Timing = { probeMs: 0, modelMs: 0, detectMs: 0, totalMs: 0, glossaryMs: 0, markMs: 0, convertLoadMs: 0, convertMs: 0, convertFirstMs: 0, convertBusyMs: 0, convertAheadChars: 0, anchorMs: 0, matcherMs: 0 };

  constructor(
    cjkShare: number,
    /** the page holds Han text: the script switch is offered, whatever the detection says */
    public hasHan: boolean,
  ) {
    this.detection = { isReport: false, isChinese: false, score: 0, reasons: [], script: 'unknown', cjkShare };
  }

  detect(model: PageTextModel, distinctTerms: number | undefined): void {
    this.detection = detectReport({ url: location.href, title: document.title, blocks: model.blocks, distinctTerms });
  }

  /** The last detection with a new count of distinct terms (the text it read is unchanged). */
  updateTermCount(distinctTerms: number | undefined): void {
    this.detection = withDistinctTerms(this.detection, distinctTerms);
  }

  async refreshMode(): Promise<void> {
    this.mode = await getSiteMode(location.hostname);
  }

  /** Reads the settings again and decides the reader's state from them, the mode and detection. */
  async decide(): Promise<ReaderState> {
    this.settings = await getSettings();
    return readerState(this.mode, this.settings, this.detection);
  }

  /** `<html data-bilingual-reader>`: page styles and tests can tell the reader is on. */
  mark(state: ReaderState, write: (fn: () => void) => void): void {
    const html = document.documentElement;
    if (!html) return;
    const marker = htmlMarker(state);
    write(() => (marker ? html.setAttribute(MARKER_ATTR, marker) : html.removeAttribute(MARKER_ATTR)));
  }

  record(state: ReaderState, termCount: number | null, script: ScriptMode): PageStatus {
    const d = this.detection;
    this.status = {
      host: location.hostname,
      url: location.href,
      mode: this.mode,
      state,
      detection: { isReport: d.isReport, isChinese: d.isChinese, score: d.score, reasons: d.reasons, script: d.script, cjkShare: d.cjkShare },
      termCount,
      script,
      hasHan: this.hasHan,
      timing: this.timing,
    };
    return this.status;
  }

  private redetectTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The page changed: it is detected again a second after the changes settle, and `changed` is
   * called only if what the badge and popup show would change.
   */
  redetectSoon(model: PageTextModel, termCount: () => number | null, changed: () => void): void {
    if (this.redetectTimer) return;
    this.redetectTimer = setTimeout(() => {
      this.redetectTimer = null;
      this.detect(model, termCount() ?? undefined);
      if (this.outdated(termCount())) changed();
    }, 1000);
  }

  stop(): void {
    if (this.redetectTimer) clearTimeout(this.redetectTimer);
  }

  /** True if what the badge and popup show would change with this detection and term count. */
  outdated(termCount: number | null): boolean {
    const shown = this.status;
    if (!shown) return true;
    const [was, is] = [shown.detection, this.detection];
    // A page whose Chinese text arrived after it was first read (an app rendering late) turns the
    // reader on: whether it is Chinese decides that as much as whether it is a report.
    return was.isReport !== is.isReport || was.isChinese !== is.isChinese || was.script !== is.script || (shown.termCount !== null && shown.termCount !== termCount);
  }

  notify(): Promise<void> {
    if (!this.status) return Promise.resolve();
    return send({ type: 'page-status', status: this.status }).then(
      () => undefined,
      () => undefined,
    );
  }

  on(): boolean {
    return this.status?.state === 'report' || this.status?.state === 'zh';
  }
}
