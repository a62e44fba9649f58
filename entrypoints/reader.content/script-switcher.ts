// Shows the page in another script (简体 ⇄ 繁體). Converters and their dictionaries load on first
// use: a page never converted loads none. Switches are queued so two never interleave.
import { PageConverter } from '@/utils/dom/convert/apply';
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { ConverterCache } from '@/utils/core/convert/converters';
import { bundleOf, DICTS_GLOBAL, type DictBundle, type DictName, type Dicts, type ScriptMode } from '@/utils/core/convert/modes';
import { folderFrom } from '@/utils/core/annotate/fold';
import type { ShownScript } from '@/utils/core/glossary/view';
import { send } from '@/utils/extension/messaging';
import { blocksNearViewport } from './highlights';

const SCRIPT_ATTR = 'data-bilingual-reader-script';

export interface ConvertTiming {
  /** loading dictionaries and building converters */
  convertLoadMs: number;
  /** converting the page (wall time, sliced) */
  convertMs: number;
  /** of convertMs, the time spent in our code (the rest is the page rendering between slices) */
  convertBusyMs: number;
}

const loadedDicts = (): Dicts => ((globalThis as Record<string, unknown>)[DICTS_GLOBAL] as Dicts | undefined) ?? {};

/** Dictionaries come from bundles the background injects into this world on demand. */
async function loadDicts(names: readonly DictName[]): Promise<Dicts> {
  const missing = new Set<DictBundle>(names.filter((n) => !loadedDicts()[n]).map(bundleOf));
  for (const bundle of missing) {
    const ok = await send({ type: 'load-dicts', bundle }).catch(() => false);
    if (ok !== true) throw new Error(`could not load ${bundle}`);
  }
  return loadedDicts();
}

export class ScriptSwitcher {
  mode: ScriptMode = 'original';
  private converter: PageConverter | null = null;
  private queue: Promise<void> = Promise.resolve();
  private folding: Promise<(s: string) => string> | null = null;

  constructor(
    private readonly model: PageTextModel,
    /** the page's own script as detected */
    private readonly pageScript: () => 'simplified' | 'traditional' | 'unknown',
    /** where the last switch's figures go (the page status) */
    private readonly timing: ConvertTiming,
  ) {}

  /** The script the page shows now, for popovers: Traditional pages get Traditional text. */
  shown(): ShownScript {
    if (this.mode === 'zh-Hans') return 'simplified';
    if (this.mode !== 'original') return 'traditional';
    return this.pageScript() === 'traditional' ? 'traditional' : 'simplified';
  }

  /** The other script than the page's own (Alt+Shift+S toggles between it and the original). */
  toggled(): ScriptMode {
    if (this.mode !== 'original') return 'original';
    return this.pageScript() === 'traditional' ? 'zh-Hans' : 'zh-TW';
  }

  /** Folds text to Simplified, character by character, for anchoring highlights in either script. */
  folder(): Promise<(s: string) => string> {
    this.folding ??= loadDicts(['TSCharacters']).then((d) => folderFrom(d.TSCharacters!));
    this.folding.catch(() => (this.folding = null));
    return this.folding;
  }

  private pageConverter(): PageConverter {
    // Text too short to tell its own script is read in the page's script as first detected (later
    // detections see the converted page).
    const original = this.pageScript() === 'traditional' ? 'traditional' : 'simplified';
    this.converter ??= new PageConverter(this.model, new ConverterCache(loadDicts), () => original);
    return this.converter;
  }

  /**
   * Shows the page in `mode`; `after` runs in the queue with the blocks whose text changed (to
   * match them again) before the next switch starts.
   */
  switch(mode: ScriptMode, after: (changed: TextBlock[]) => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      const conv = mode === 'original' && !this.converter ? null : this.pageConverter();
      this.mode = mode;
      let changed: TextBlock[] = [];
      if (conv) {
        const t0 = performance.now();
        // Build the converters first (dictionaries, tries), so the conversion figure is the work itself.
        if (mode !== 'original') await conv.prepare(mode);
        const t1 = performance.now();
        // What the reader is looking at converts first.
        changed = await conv.apply(mode, { firstBlocks: blocksNearViewport(this.model) });
        Object.assign(this.timing, { convertLoadMs: t1 - t0, convertMs: performance.now() - t1, convertBusyMs: conv.lastBusyMs });
      }
      const html = document.documentElement;
      if (html) this.model.write(() => (mode === 'original' ? html.removeAttribute(SCRIPT_ATTR) : html.setAttribute(SCRIPT_ATTR, mode)));
      await after(changed);
    });
    return this.queue;
  }

  /** Page blocks changed: content added while a script is shown is converted as it arrives. */
  async update(removed: readonly TextBlock[], added: readonly TextBlock[]): Promise<void> {
    if (!this.converter) return;
    this.converter.forgetBlocks(removed);
    if (this.mode !== 'original') await this.converter.update(added);
  }
}
