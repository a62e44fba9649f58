// Converts the page's script through the page-text model, a block at a time, writing into the same
// text nodes (no new elements), and keeps every original so "Original" restores the page exactly.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { OWN_UI_ATTR } from '@/utils/dom/text/model';
import { guessScript } from '@/utils/core/text/cjk';
import type { ConverterCache } from '@/utils/core/convert/converters';
import type { Converting, ScriptMode, SourceScript } from '@/utils/core/convert/modes';

/** Lets the page render a frame, then carries on. */
const nextFrame = () =>
  new Promise<void>((r) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(r, 0));
    else setTimeout(r, 0);
  });

/** Attributes that carry text a reader sees. */
export const TEXT_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;

/**
 * If we have to convert the same element more than this many times within REWRITE_WINDOW_MS, the
 * page is undoing our work (a framework re-rendering, a script guarding its text): we stop
 * converting that element rather than fight it.
 */
const MAX_REWRITES = 3;
const REWRITE_WINDOW_MS = 5000;

interface Written {
  original: string;
  written: string;
}

export class PageConverter {
  mode: ScriptMode = 'original';
  private readonly nodes = new Map<Text, Written>();
  private readonly attrs = new Map<Element, Map<string, Written>>();
  private title: Written | null = null;
  private lang: { original: string | null; written: string } | null = null;
  /** Elements the page keeps rewriting: left alone so we never fight it. */
  private readonly contested = new WeakSet<Element>();
  private readonly conversions = new WeakMap<Element, number[]>();
  private generation = 0;

  constructor(
    private readonly model: PageTextModel,
    private readonly cache: ConverterCache,
    /** the page's script, for text too short to tell on its own */
    private readonly pageScript: () => SourceScript,
    private readonly doc: Document = document,
  ) {}

  /** Main-thread time the last apply() spent in our code (wall time minus the page's turns). */
  lastBusyMs = 0;

  /**
   * Shows the page in `mode` ('original' restores it). Resolves with the blocks whose text changed.
   * Blocks on screen go first. Work is cut into slices by time and by characters written: new text
   * must be laid out again by the browser (about half a millisecond per thousand characters), and
   * the page gets a frame between slices, so no single frame has too much to lay out.
   */
  async apply(mode: ScriptMode, opts: { sliceMs?: number; sliceChars?: number; yieldTo?: () => Promise<void>; firstBlocks?: ReadonlySet<number> } = {}): Promise<TextBlock[]> {
    const gen = ++this.generation;
    this.mode = mode;
    const changed: TextBlock[] = [];
    const sliceMs = opts.sliceMs ?? 8;
    const sliceChars = opts.sliceChars ?? 30_000;
    const yieldTo = opts.yieldTo ?? nextFrame;
    const first = opts.firstBlocks;
    const blocks = first ? [...this.model.blocks.filter((b) => first.has(b.id)), ...this.model.blocks.filter((b) => !first.has(b.id))] : [...this.model.blocks];
    let t0 = performance.now();
    let chars = 0;
    this.lastBusyMs = 0;
    for (const block of blocks) {
      if (gen !== this.generation) return changed;
      if (await this.convertBlock(block)) {
        changed.push(block);
        chars += block.text.length;
      }
      if (performance.now() - t0 > sliceMs || chars > sliceChars) {
        this.lastBusyMs += performance.now() - t0;
        await yieldTo();
        t0 = performance.now();
        chars = 0;
      }
    }
    if (gen !== this.generation) return changed;
    await this.convertAttributes();
    await this.convertTitle();
    this.setLang();
    this.lastBusyMs += performance.now() - t0;
    if (mode === 'original') this.forget();
    return changed;
  }

  /** Loads what converting to `mode` needs, for both source scripts the page may hold. */
  async prepare(mode: Converting): Promise<void> {
    const scripts = new Set<SourceScript>([this.pageScript()]);
    for (const b of this.model.blocks.slice(0, 200)) {
      const g = guessScript(b.text).script;
      if (g !== 'unknown') scripts.add(g);
    }
    await Promise.all([...scripts].map((s) => this.cache.get(mode, s)));
  }

  /** Converts blocks the page added or changed while a mode is shown. */
  async update(blocks: readonly TextBlock[]): Promise<TextBlock[]> {
    if (this.mode === 'original') {
      for (const b of blocks) this.sync(b);
      return [];
    }
    const changed: TextBlock[] = [];
    for (const b of blocks) if (await this.convertBlock(b, true)) changed.push(b);
    await this.convertAttributes();
    await this.convertTitle();
    return changed;
  }

  /** Takes in what the page itself wrote since our last write: that becomes the original. */
  private sync(block: TextBlock): void {
    for (const seg of block.segments) {
      const node = seg.node;
      if (!node) continue;
      const w = this.nodes.get(node);
      if (w && node.data !== w.written) this.nodes.delete(node);
    }
  }

  /** Counts a conversion of an element; true when the page is fighting us there. */
  private fought(el: Element): boolean {
    if (this.contested.has(el)) return true;
    const now = Date.now();
    const times = (this.conversions.get(el) ?? []).filter((t) => now - t < REWRITE_WINDOW_MS);
    times.push(now);
    this.conversions.set(el, times);
    if (times.length > MAX_REWRITES) {
      this.contested.add(el);
      return true;
    }
    return false;
  }

  /** Drops what we kept for blocks the page removed. */
  forgetBlocks(blocks: readonly TextBlock[]): void {
    for (const b of blocks) for (const seg of b.segments) if (seg.node && !seg.node.isConnected) this.nodes.delete(seg.node);
  }

  /** The script a text is converted from: its own, or the page's when it is too short to tell. */
  sourceScriptOf(text: string): SourceScript {
    return this.sourceScript(text);
  }

  private sourceScript(text: string): SourceScript {
    const g = guessScript(text);
    if (g.script === 'simplified' || g.script === 'traditional') return g.script;
    return this.pageScript();
  }

  /** Returns true if the block's text changed. */
  private async convertBlock(block: TextBlock, live = false): Promise<boolean> {
    this.sync(block);
    if (live && this.mode !== 'original' && this.contested.has(block.element)) return false;
    // The block's original text, part by part ("\n" for a <br>, which has no node).
    const nodes: (Text | null)[] = [];
    const parts: string[] = [];
    for (const seg of block.segments) {
      const node = seg.node;
      nodes.push(node);
      parts.push(node ? (this.nodes.get(node)?.original ?? node.data) : '\n');
    }
    let out: string[];
    if (this.mode === 'original') out = parts;
    else {
      const converter = await this.cache.get(this.mode, this.sourceScript(parts.join('')));
      out = converter.convertParts(parts);
    }
    let changed = false;
    const needed = nodes.some((node, i) => node && node.data !== out[i]);
    if (live && needed && this.mode !== 'original' && this.fought(block.element)) return false;
    this.model.write(() => {
      nodes.forEach((node, i) => {
        if (!node) return;
        const next = out[i]!;
        const original = this.nodes.get(node)?.original ?? node.data;
        if (node.data !== next) {
          node.data = next;
          changed = true;
        }
        if (next === original) this.nodes.delete(node);
        else this.nodes.set(node, { original, written: next });
      });
    });
    if (changed) this.model.refresh([block]);
    return changed;
  }

  private attributeTargets(): Element[] {
    const selector = TEXT_ATTRIBUTES.map((a) => `[${a}]`).join(',');
    const roots: ParentNode[] = [this.doc, ...this.model.shadowRootList()];
    const out: Element[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll(selector)) {
        // Our UI and editors are never touched.
        if (el.closest(`[${OWN_UI_ATTR}], [contenteditable]:not([contenteditable="false"])`)) continue;
        out.push(el);
      }
    }
    return out;
  }

  private async convertAttributes(): Promise<void> {
    // Drop attributes whose element left, or that the page rewrote (its value is the new original).
    for (const [el, map] of this.attrs) {
      if (!el.isConnected) {
        this.attrs.delete(el);
        continue;
      }
      for (const [name, w] of map) if (el.getAttribute(name) !== w.written) map.delete(name);
    }
    const targets = this.mode === 'original' ? [...this.attrs.keys()] : this.attributeTargets();
    for (const el of targets) {
      let map = this.attrs.get(el);
      for (const name of TEXT_ATTRIBUTES) {
        const current = el.getAttribute(name);
        if (current === null) continue;
        const original = map?.get(name)?.original ?? current;
        let next = original;
        if (this.mode !== 'original' && /[\u3400-\u9fff]/.test(original)) next = (await this.cache.get(this.mode, this.sourceScript(original))).convert(original);
        if (next !== current) this.model.write(() => el.setAttribute(name, next));
        if (next === original) map?.delete(name);
        else {
          map ??= new Map();
          map.set(name, { original, written: next });
          this.attrs.set(el, map);
        }
      }
    }
  }

  private async convertTitle(): Promise<void> {
    const current = this.doc.title;
    if (this.title && current !== this.title.written) this.title = null; // the page changed its title
    const original = this.title?.original ?? current;
    let next = original;
    if (this.mode !== 'original' && /[\u3400-\u9fff]/.test(original)) next = (await this.cache.get(this.mode, this.sourceScript(original))).convert(original);
    if (next !== current) this.model.write(() => (this.doc.title = next));
    this.title = next === original ? null : { original, written: next };
  }

  /** <html lang> follows the shown script, on pages that declare Chinese. */
  private setLang(): void {
    const html = this.doc.documentElement;
    if (!html) return;
    const current = html.getAttribute('lang');
    if (this.lang && current !== this.lang.written) this.lang = null; // the page changed it
    const original = this.lang ? this.lang.original : current;
    if (this.mode === 'original' || !original || !/^zh\b/i.test(original)) {
      if (this.lang) this.model.write(() => (original === null ? html.removeAttribute('lang') : html.setAttribute('lang', original)));
      this.lang = null;
      return;
    }
    if (current !== this.mode) this.model.write(() => html.setAttribute('lang', this.mode));
    this.lang = { original, written: this.mode };
  }

  private forget(): void {
    this.nodes.clear();
    this.attrs.clear();
    this.title = null;
    this.lang = null;
  }
}
