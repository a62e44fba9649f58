// Converts the page's script through the page-text model, a block at a time, writing into the same
// text nodes (no new elements), and keeps every original so "Original" restores the page exactly.
// The conversion itself happens elsewhere (the background, in the extension): this module sends the
// blocks' text, first screen first, and writes back what comes back, in slices.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { isInsideSkipped } from '@/utils/dom/text/nodes';
import { guessScript } from '@/utils/core/text/cjk';
import { MAY_CONVERT, type BatchConvert, type ConvertItem } from '@/utils/core/convert/converters';
import { FIRST_BATCH_CHARS, SwitchBatches, type Sent } from '@/utils/dom/convert/batches';
import type { Converting, ScriptMode, SourceScript } from '@/utils/core/convert/modes';
import { SliceWriter, type SliceOptions } from '@/utils/dom/convert/slice-writer';
import { LangScope, tagWhenIdle } from '@/utils/dom/convert/lang-scope';
import { frameYielder } from '@/utils/dom/convert/yield';
import { WrittenNodes } from '@/utils/dom/convert/written-nodes';
import { PageExtras } from '@/utils/dom/convert/page-extras';
import { blocksToPrepare, ConvertedAhead } from '@/utils/dom/convert/prepared';
import { ContestedElements } from '@/utils/dom/convert/contested';

export type { BatchConvert };

export interface ApplyOptions extends SliceOptions {
  /** blocks the reader sees: converted and written first */
  firstBlocks?: ReadonlySet<number>;
  /**
   * lang tags after the text (lang-scope.ts): `firstBlocks` once their new text has been drawn, in
   * the next slice, the others when the page is idle after the switch
   */
  langsLater?: boolean;
  /** resolves when the page is idle (tests) */
  idle?: () => Promise<void>;
}

export class PageConverter {
  mode: ScriptMode = 'original';
  /** originals of the nodes we wrote */
  private readonly written = new WrittenNodes();
  /** attributes and the title */
  private readonly extras: PageExtras;
  private readonly langs: LangScope;
  /** Elements the page keeps rewriting: left alone so we never fight it. */
  private readonly contested = new ContestedElements();
  /** blocks and texts converted ahead of the switch (prepared.ts) */
  private readonly ahead: ConvertedAhead;
  private generation = 0;

  constructor(
    private readonly model: PageTextModel,
    private readonly convert: BatchConvert,
    /** the page's script, for text too short to tell on its own */
    private readonly pageScript: () => SourceScript,
    private readonly doc: Document = document,
  ) {
    this.langs = new LangScope(doc);
    this.extras = new PageExtras(model, doc, (text) => this.sourceScriptOf(text));
    this.ahead = new ConvertedAhead(convert);
  }

  /** When the last switch's blocks had all been tagged with their new lang (performance.now()). */
  langsDoneAt = 0;

  /** Main-thread time the last apply() spent in our code (wall time minus waits). */
  lastBusyMs = 0;
  /** When the last apply() had written the first screen (performance.now()). */
  firstScreenAt = 0;

  /**
   * Shows the page in `mode` ('original' restores it). Resolves with the blocks whose text changed.
   * Blocks on screen go first. Writing is cut into slices by time and by characters written: new
   * text must be laid out again by the browser, and the page gets a frame between slices, so no
   * single frame has too much to lay out; how much a frame can take is measured as it goes.
   */
  async apply(mode: ScriptMode, opts: ApplyOptions = {}): Promise<TextBlock[]> {
    const gen = ++this.generation;
    const previous = this.mode;
    this.mode = mode;
    this.lastBusyMs = 0;
    const first = opts.firstBlocks;
    const blocks = first ? [...this.model.blocks.filter((b) => first.has(b.id)), ...this.model.blocks.filter((b) => !first.has(b.id))] : [...this.model.blocks];
    const nFirst = first ? blocks.findIndex((b) => !first.has(b.id)) : 0;
    const writer = new SliceWriter(opts, () => gen === this.generation, (ms) => (this.lastBusyMs += ms));
    const changed: TextBlock[] = [];
    // Tags that wait (lang-scope.ts). A block whose tag changes is laid out again in another font:
    // in the frame that draws the first screen's new text, that took 40% of a short page's switch
    // (21 k characters, Firefox, 31 against 20 ms). So the first screen's tags come one frame after
    // its text, the others when the page is idle.
    const deferTags = !!(opts.langsLater && first);
    let firstTags: { els: Element[]; after: number } | null = null;
    this.langsDoneAt = 0;

    if (mode === 'original') {
      for (let i = 0; i < blocks.length; ) {
        if (!(await writer.room())) return changed;
        i = this.writeSlice(writer, blocks.length, i, changed, false, (k) => {
          const s = this.snapshot(blocks[k]!);
          return [s, s.parts];
        });
      }
      this.extras.restore();
      this.model.write(() => this.langs.restoreAll());
      this.forget();
      writer.end();
      return changed;
    }

    // Batches (batches.ts): the first screen alone, then the rest in chunks, one converting while
    // the other is written; blocks converted ahead (prepare()) make batches of their own.
    const batches = new SwitchBatches(blocks, nFirst, (b) => this.snapshot(b), (sent) => this.ahead.take(mode, sent), (sent) => this.request(mode, sent));
    const inFlight = batches.inFlight;
    const firstScreenAlone = nFirst > 0;
    batches.send();
    // After the first screen: with no converter built, the background makes one for the first
    // request it gets from only what that text needs (ConverterCache.forTexts), then the whole.
    const extras = this.extras.toSend();
    const extrasResult = this.ahead.texts(mode, extras.items);
    extrasResult.catch(() => undefined);
    if (inFlight.length === 0) this.firstScreenAt = performance.now();
    // Waiting for the background is not our time.
    writer.pause();
    for (let k = 0; inFlight.length; k++) {
      const { sent, result } = inFlight.shift()!;
      let out: readonly (readonly string[])[];
      try {
        out = await result;
      } catch (e) {
        throw await this.failed(gen, previous, changed, opts, e);
      }
      if (gen !== this.generation) return changed;
      writer.resume();
      // The next batch goes once this one may be written (after the first screen's frame): one
      // converts while the other is written.
      let sentNext = k === 0 && firstScreenAlone;
      for (let i = 0; i < sent.length; ) {
        if (!(await writer.room())) return changed;
        if (firstTags && writer.frames > firstTags.after) {
          const els = firstTags.els;
          firstTags = null;
          this.model.write(() => writer.wrote(this.langs.tagWaiting(els)));
        }
        if (!sentNext) {
          batches.send();
          sentNext = true;
        }
        i = this.writeSlice(writer, sent.length, i, changed, deferTags, (k) => [sent[k]!, out[k]!]);
      }
      if (k === 0) this.firstScreenAt = performance.now();
      // Not drawn before the next frame: its tags go in the slice after it (or, if none follows,
      // with the others when the page is idle, nearest the viewport first).
      if (k === 0 && first && deferTags) firstTags = { els: changed.filter((b) => first.has(b.id)).map((b) => b.element), after: writer.frames };
      if (k === 0 && firstScreenAlone) {
        // A small batch first, so that little is read and sent before the first screen is drawn.
        batches.send(FIRST_BATCH_CHARS);
        // The first screen gets a frame of its own (on a long page, the first frame after a switch
        // costs several times what later ones do), unless the rest of the page was converted ahead
        // and comes with it: a short page is shown whole in one frame.
        if (!inFlight[0]?.ready || !batches.allTaken) writer.endSlice();
      }
      writer.pause();
    }
    let extraOut: string[][];
    try {
      extraOut = await extrasResult;
    } catch (e) {
      throw await this.failed(gen, previous, changed, opts, e);
    }
    if (gen !== this.generation) return changed;
    writer.resume();
    this.extras.write(extras, extraOut);
    writer.end();
    // Written: only the first screen's part of what was converted ahead stays (no copy of the page).
    this.ahead.trim();
    if (deferTags) void this.tagLater(gen, opts);
    else this.langsDoneAt = performance.now();
    return changed;
  }

  /** The blocks whose lang tag waits: tagged when the page is idle, until a newer switch starts. */
  private async tagLater(gen: number, opts: ApplyOptions): Promise<void> {
    const current = () => gen === this.generation;
    const write = (fn: () => void) => this.model.write(fn);
    if (await tagWhenIdle(this.langs, { write, current, idle: opts.idle, frame: opts.yieldTo ?? frameYielder(this.doc) })) this.langsDoneAt = performance.now();
  }

  /** A newer switch is on its way (ScriptSwitcher): apply(), update() and the waiting lang tags stop. */
  interrupt(): void {
    this.generation++;
  }

  /** Converts blocks the page added or changed while a mode is shown. */
  async update(blocks: readonly TextBlock[]): Promise<TextBlock[]> {
    if (this.mode === 'original') {
      for (const b of blocks) this.written.sync(b);
      return [];
    }
    const mode = this.mode;
    const gen = this.generation;
    const sent = blocks.filter((b) => !this.contested.has(b.element)).map((b) => this.snapshot(b));
    const extras = this.extras.toSend();
    const [out, extraOut] = await Promise.all([this.request(mode, sent), this.request(mode, [], extras.items)]);
    if (gen !== this.generation) return [];
    const changed: TextBlock[] = [];
    for (let i = 0; i < sent.length; i++) {
      const s = sent[i]!;
      const needed = s.nodes.some((node, k) => node && node.data !== out[i]![k]);
      if (needed && this.contested.fought(s.block.element)) continue;
      if (this.write(s, out[i]!)) changed.push(s.block);
    }
    this.extras.write(extras, extraOut);
    return changed;
  }

  /**
   * Writes items `from` on until the slice is full (at least one), under one model.write: the
   * observer goes off and on once a slice, not once a block. Returns the next item's index.
   */
  private writeSlice(writer: SliceWriter, count: number, from: number, changed: TextBlock[], deferTags: boolean, item: (i: number) => [Sent, readonly string[]]): number {
    let i = from;
    this.model.write(() => {
      do {
        const [s, out] = item(i++);
        if (this.write(s, out, deferTags)) {
          changed.push(s.block);
          writer.wrote(s.block.length);
        }
      } while (i < count && !writer.full());
    });
    return i;
  }

  /**
   * A switch failed (the background could not convert): nothing of it stays. If it had written
   * anything, the page goes back to its own script, which needs no conversion; otherwise it stays
   * as it was. Returns the error, to be thrown.
   */
  private async failed(gen: number, previous: ScriptMode, changed: readonly TextBlock[], opts: ApplyOptions, e: unknown): Promise<unknown> {
    if (gen !== this.generation) return e;
    if (changed.length) await this.apply('original', { ...opts, firstBlocks: undefined });
    else this.mode = previous;
    return e;
  }

  /**
   * Converts blocks ahead, while the page shows its own script, for a switch to `mode`, with the
   * page's title and attributes; resolves with the characters converted (0: nothing to convert).
   */
  async prepare(mode: Converting, blocks: readonly TextBlock[]): Promise<number> {
    if (this.mode !== 'original') return 0;
    const sent = blocks.filter((b) => !this.ahead.kept(mode, b)).map((b) => this.snapshot(b)).filter((s) => MAY_CONVERT.test(s.parts.join('')));
    return this.ahead.prepare(mode, sent, this.extras.toSend().items, (texts) => this.request(mode, sent, texts));
  }

  /** Converts ahead about `maxChars` more from block `from` on (blocksToPrepare): where to go on, and the characters. */
  async prepareMore(mode: Converting, from: number, maxChars: number): Promise<{ next: number; chars: number }> {
    if (this.mode !== 'original') return { next: this.model.blocks.length, chars: 0 };
    const { blocks, next } = blocksToPrepare(this.model.blocks, from, maxChars, this.ahead.room, (b) => this.ahead.kept(mode, b));
    return { next, chars: blocks.length ? await this.prepare(mode, blocks) : 0 };
  }

  private request(mode: Converting, sent: readonly Sent[], more: ConvertItem[] = []): Promise<string[][]> {
    const items: ConvertItem[] = sent.map((s) => ({ source: this.sourceScriptOf(s.parts.join('')), parts: s.parts }));
    items.push(...more);
    return items.length ? this.convert(mode, items) : Promise.resolve([]);
  }

  /** The block as sent: its nodes, what they hold now, and their original text (WrittenNodes.read). */
  private snapshot(block: TextBlock): Sent {
    return { block, ...this.written.read(block) };
  }

  /**
   * Writes a block's new text, unless the page or the reader changed it since it was sent, or it
   * became editable: what someone types is never overwritten. Returns true if its text changed.
   */
  private write(s: Sent, out: readonly string[], deferTag = false): boolean {
    if (s.nodes.some((node, i) => node && (!node.isConnected || node.data !== s.seen[i]))) return false;
    if (this.mode !== 'original' && isInsideSkipped(s.block.element)) return false;
    let changed = false;
    this.model.write(() => {
      s.nodes.forEach((node, i) => {
        if (!node) return;
        const next = out[i]!;
        const original = s.parts[i]!;
        if (node.data !== next) {
          node.data = next;
          changed = true;
        }
        this.written.wrote(node, original, next);
      });
      if (!changed) return;
      // The tag says what the block shows: converted text, or its own again.
      if (!s.nodes.some((node) => node && this.written.has(node))) this.langs.unscope(s.block.element);
      else if (deferTag) this.langs.defer(s.block.element, this.mode, s.block.length);
      else this.langs.scope(s.block.element, this.mode);
    });
    if (changed) this.model.refresh([s.block]);
    return changed;
  }

  /** Drops what we kept for blocks the page removed. */
  forgetBlocks(blocks: readonly TextBlock[]): void {
    this.written.forgetRemoved(blocks);
  }

  /** The script a text is converted from: its own, or the page's when it is too short to tell. */
  sourceScriptOf(text: string): SourceScript {
    const g = guessScript(text);
    if (g.script === 'simplified' || g.script === 'traditional') return g.script;
    return this.pageScript();
  }

  private forget(): void {
    this.written.clear();
    this.extras.forget();
    this.langs.forget();
  }
}
