// Shows the page in another script (简体 ⇄ 繁體). The background converts (it holds the
// dictionaries); this sends the blocks, first screen first, and writes back what comes. Switches
// are queued so two never interleave, and a failed one leaves the page and the mode as they were;
// a newer one takes over from one still writing.
import { PageConverter } from '@/utils/dom/convert/apply';
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { otherScript, type RestoreProfile, type ScriptMode } from '@/utils/core/convert/modes';
import { folderFrom } from '@/utils/core/annotate/fold';
import type { ShownScript } from '@/utils/core/glossary/view';
import { backgroundConverter, foldTable, prepareConverter } from '@/utils/extension/convert/client';
import { blocksAhead } from '@/utils/dom/convert/prepared';
import { whenIdle } from '@/utils/dom/convert/yield';
import { SwitchQueue } from '@/utils/core/convert/switch-queue';
import { blocksNearViewport } from './highlights';

const SCRIPT_ATTR = 'data-bilingual-reader-script';
/** Quiet after a scroll before what is then on screen is converted ahead too. */
const AHEAD_AFTER_SCROLL_MS = 1000;
/** Characters converted ahead per idle step, after the first screen. */
const REST_BATCH_CHARS = 64_000;

export interface ConvertTiming {
  /** kept for the status format: converters are built in the background, within convertMs */
  convertLoadMs: number;
  /** from the switch being asked for to the last block written */
  convertMs: number;
  /** from the switch being asked for to the first screen written */
  convertFirstMs: number;
  /** of convertMs, the time spent in our code on the page (the rest: the background, and frames) */
  convertBusyMs: number;
  /** characters converted ahead for the switch key (prepare()), written at once when it is pressed */
  convertAheadChars: number;
}

export class ScriptSwitcher {
  mode: ScriptMode = 'original';
  private converter: PageConverter | null = null;
  private readonly queue = new SwitchQueue(() => this.converter?.interrupt());
  /** the mode of the last switch asked for while it is on its way; null once it is done */
  private asking: ScriptMode | null = null;
  private folding: Promise<(s: string) => string> | null = null;
  private prepared = false;
  private aheadTimer: ReturnType<typeof setTimeout> | null = null;
  /** bumped by each run of convertRestAhead: an older run stops */
  private restAheadRun = 0;

  constructor(
    private readonly model: PageTextModel,
    /** the page's own script as detected */
    private readonly pageScript: () => 'simplified' | 'traditional' | 'unknown',
    /** the mainland restore the text needs (government and legal text, or any other) */
    private readonly profile: () => RestoreProfile,
    /** where the last switch's figures go (the page status) */
    private readonly timing: ConvertTiming,
  ) {}

  /** The script the page shows now, for popovers: Traditional pages get Traditional text. */
  shown(): ShownScript {
    if (this.mode === 'zh-Hans') return 'simplified';
    if (this.mode !== 'original') return 'traditional';
    return this.pageScript() === 'traditional' ? 'traditional' : 'simplified';
  }

  /**
   * Gets the switch key's conversion (to the other script) ready, once per page: the background
   * builds its converter and converts the first screen and what follows (a short page whole), which
   * the page keeps, so that a switch shows the first screen at once. Only for pages in a script we
   * can tell.
   */
  prepare(): void {
    const script = this.pageScript();
    if (this.prepared || this.mode !== 'original' || script === 'unknown') return;
    this.prepared = true;
    void this.convertAhead().then((chars) => {
      // Nothing to convert ahead (or it failed): the converter is still worth building.
      if (!chars) void prepareConverter(otherScript(script), script, this.profile());
      else void this.convertRestAhead();
    });
  }

  /**
   * The rest of a long page converted ahead too, when the page is idle, a batch at a time (up to
   * AHEAD_MAX_CHARS in all), so that a switch only writes: converting while the page lays out the
   * switch's frames made them longer and the switch slower. Stops once a switch starts.
   */
  private async convertRestAhead(): Promise<void> {
    const script = this.pageScript();
    if (script === 'unknown') return;
    const mode = otherScript(script);
    // One run at a time: a newer one (after a restore) starts from the page's start again, and the
    // older one, which may be waiting on the background, stops rather than send blocks twice.
    const run = ++this.restAheadRun;
    for (let next = 0; next < this.model.blocks.length; ) {
      await whenIdle();
      if (run !== this.restAheadRun || this.mode !== 'original' || this.asking !== null) return;
      const done = await this.pageConverter()
        .prepareMore(mode, next, REST_BATCH_CHARS)
        .catch(() => null);
      if (!done || run !== this.restAheadRun) return;
      next = done.next;
      this.timing.convertAheadChars += done.chars;
    }
  }

  /**
   * The reader scrolled: once the page is still, what is on screen then is converted ahead too (the
   * background answers at once if it runs; if it was stopped, this starts it again, once per pause
   * of reading rather than at the switch).
   */
  viewportMoved(): void {
    if (!this.prepared) return;
    if (this.aheadTimer) clearTimeout(this.aheadTimer);
    this.aheadTimer = setTimeout(() => {
      this.aheadTimer = null;
      void this.convertAhead();
    }, AHEAD_AFTER_SCROLL_MS);
  }

  /** Converts ahead, for the switch key, the blocks on screen and after; resolves with the characters sent. */
  private async convertAhead(): Promise<number> {
    const script = this.pageScript();
    if (this.mode !== 'original' || script === 'unknown') return 0;
    const blocks = blocksAhead(this.model.blocks, blocksNearViewport(this.model));
    const chars = await this.pageConverter()
      .prepare(otherScript(script), blocks)
      .catch(() => 0);
    this.timing.convertAheadChars += chars;
    return chars;
  }

  /**
   * The other script than the page's own (Alt+Shift+S toggles between it and the original), from
   * the last switch asked for: a second press while the first is still writing goes back.
   */
  toggled(): ScriptMode {
    if ((this.asking ?? this.mode) !== 'original') return 'original';
    return otherScript(this.pageScript());
  }

  /** Folds text to Simplified, character by character, for anchoring highlights in either script. */
  folder(): Promise<(s: string) => string> {
    this.folding ??= foldTable().then(folderFrom);
    this.folding.catch(() => (this.folding = null));
    return this.folding;
  }

  private pageConverter(): PageConverter {
    // Text too short to tell its own script is read in the page's script as first detected (later
    // detections see the converted page).
    const original = this.pageScript() === 'traditional' ? 'traditional' : 'simplified';
    this.converter ??= new PageConverter(this.model, backgroundConverter(this.profile), () => original);
    return this.converter;
  }

  /**
   * Shows the page in `mode`; `after` runs in the queue with the blocks whose text changed (to
   * match them again) before the next switch starts. `hold` runs when this switch's turn comes; what
   * it returns runs once the switch and `after` are done, or the switch failed.
   */
  switch(mode: ScriptMode, after: (changed: TextBlock[]) => Promise<void>, hold?: () => (() => void) | undefined): Promise<void> {
    const t0 = performance.now();
    this.asking = mode;
    // One taken over stops between two blocks; its `after` still matches what it wrote.
    return this.queue.run(async (superseded) => {
      const release = hold?.();
      try {
        await this.run(mode, t0, after);
      } finally {
        release?.();
        if (!superseded()) this.asking = null;
      }
    });
  }

  private async run(mode: ScriptMode, t0: number, after: (changed: TextBlock[]) => Promise<void>): Promise<void> {
    const conv = mode === 'original' && !this.converter ? null : this.pageConverter();
    let changed: TextBlock[] = [];
    if (conv) {
      try {
        // What the reader is looking at converts first; the other blocks' lang tags follow once the
        // switch is done.
        changed = await conv.apply(mode, { firstBlocks: blocksNearViewport(this.model), langsLater: true });
      } catch (e) {
        // A failed switch left the page as it was, or put it back to its own script.
        this.shows(conv.mode);
        throw e;
      }
      Object.assign(this.timing, { convertLoadMs: 0, convertMs: performance.now() - t0, convertFirstMs: conv.firstScreenAt - t0, convertBusyMs: conv.lastBusyMs });
    }
    this.shows(mode);
    await after(changed);
    // Back to its own script: the next switch gets the rest of the page converted ahead again.
    if (mode === 'original' && this.prepared) void this.convertRestAhead();
  }

  private shows(mode: ScriptMode): void {
    this.mode = mode;
    const html = document.documentElement;
    if (html) this.model.write(() => (mode === 'original' ? html.removeAttribute(SCRIPT_ATTR) : html.setAttribute(SCRIPT_ATTR, mode)));
  }

  /** Page blocks changed: content added while a script is shown is converted as it arrives. */
  async update(removed: readonly TextBlock[], added: readonly TextBlock[]): Promise<void> {
    if (!this.converter) return;
    this.converter.forgetBlocks(removed);
    if (this.converter.mode !== 'original') await this.converter.update(added);
  }
}
