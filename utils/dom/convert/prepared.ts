// Conversions done ahead, while the page is read: the first screen (the whole page when it is short)
// converted for the switch the reader is most likely to make, so that the switch writes it at once,
// with no round trip to the background. That holds even when the background's worker was stopped
// meanwhile (Chrome stops an idle one after about 30 s): the switch key is heard by the page itself.
// A block's result is used only while the block has the same nodes holding the same text (checked
// by its length and fingerprint: the page holds the text already, a second copy would double what
// this keeps). Nothing here touches the page.
import type { BatchConvert, ConvertItem } from '@/utils/core/convert/converters';
import type { Converting, SourceScript } from '@/utils/core/convert/modes';
import type { TextBlock } from '@/utils/dom/text/model';
import { smallFingerprint } from '@/utils/core/text/fingerprint';

/** Characters converted ahead on a page first: the first screen and what follows it. */
export const PREPARE_CHARS = 32_000;
/**
 * Characters converted ahead at most, the rest of the page after the first screen included (in
 * idle time, a batch at a time): a switch then only writes. Kept while the page is read (two bytes
 * a character); once a switch is done, only the first screen's part stays (trim).
 */
export const AHEAD_MAX_CHARS = 700_000;

/** A block converted ahead: its nodes, its text's length and fingerprint then (not a second copy of it), the result. */
interface Prepared {
  nodes: readonly (Text | null)[];
  length: number;
  hash: number;
  out: readonly string[];
}

const joined = (parts: readonly string[]) => parts.join('\u0001');

export class PreparedConversions {
  private mode: Converting | null = null;
  private readonly blocks = new Map<TextBlock, Prepared>();
  /** texts out of blocks (the title, attributes a reader sees), by script and text */
  private readonly texts = new Map<string, string>();
  private chars = 0;

  /** `maxChars`: what is kept at most; past it, the oldest results are dropped. */
  constructor(private readonly maxChars = AHEAD_MAX_CHARS) {}

  /** Characters that may still be kept. */
  get room(): number {
    return this.maxChars - this.chars;
  }

  /** Drops the results kept last until at most `maxChars` characters are kept (texts stay). */
  trim(maxChars: number): void {
    for (const b of [...this.blocks.keys()].reverse()) {
      if (this.chars <= maxChars) return;
      this.drop(b);
    }
  }

  /** Keeps a block's converted parts for `mode` (results for another mode are dropped). */
  put(mode: Converting, block: TextBlock, nodes: readonly (Text | null)[], parts: readonly string[], out: readonly string[]): void {
    if (mode !== this.mode) this.clear();
    this.mode = mode;
    this.drop(block);
    const size = out.reduce((n, p) => n + p.length, 0);
    for (const [b] of this.blocks) {
      if (this.chars + size <= this.maxChars) break;
      this.drop(b);
    }
    if (size > this.maxChars) return;
    const text = joined(parts);
    this.blocks.set(block, { nodes: [...nodes], length: text.length, hash: smallFingerprint(text), out: [...out] });
    this.chars += size;
  }

  /** Keeps a text's conversion for `mode` (the title, an attribute); texts count toward the cap too. */
  putText(mode: Converting, source: SourceScript, text: string, out: string): void {
    if (mode !== this.mode) this.clear();
    this.mode = mode;
    if (this.chars + text.length > this.maxChars) return;
    const key = `${source}\u0000${text}`;
    if (!this.texts.has(key)) this.chars += text.length;
    this.texts.set(key, out);
  }

  /** A text's conversion for `mode`, if it was kept. */
  takeText(mode: Converting, source: SourceScript, text: string): string | null {
    return mode === this.mode ? (this.texts.get(`${source}\u0000${text}`) ?? null) : null;
  }

  /** True if `block` has a result for `mode` (whether it still fits the block's text or not). */
  has(mode: Converting, block: TextBlock): boolean {
    return this.mode === mode && this.blocks.has(block);
  }

  /** The block's converted parts, if prepared for `mode` from exactly these nodes and this text. */
  take(mode: Converting, block: TextBlock, nodes: readonly (Text | null)[], parts: readonly string[]): readonly string[] | null {
    if (mode !== this.mode) return null;
    const p = this.blocks.get(block);
    if (!p) return null;
    const text = p.nodes.length === nodes.length && p.nodes.every((n, i) => n === nodes[i]) ? joined(parts) : null;
    const same = text !== null && text.length === p.length && smallFingerprint(text) === p.hash;
    if (!same) {
      this.drop(block);
      return null;
    }
    return p.out;
  }

  clear(): void {
    this.blocks.clear();
    this.texts.clear();
    this.chars = 0;
    this.mode = null;
  }

  private drop(block: TextBlock): void {
    const p = this.blocks.get(block);
    if (!p) return;
    this.blocks.delete(block);
    this.chars -= p.out.reduce((n, t) => n + t.length, 0);
  }
}

/** A block as read for converting: its nodes and their (original) text. */
export interface BlockText {
  block: TextBlock;
  nodes: readonly (Text | null)[];
  parts: readonly string[];
}

/**
 * What was converted ahead for a switch, where it still fits the page; the rest is asked for (the
 * page's texts here, blocks by the caller, whose batches are all converted ahead or all to send).
 */
export class ConvertedAhead {
  private readonly store = new PreparedConversions();

  constructor(private readonly convert: BatchConvert) {}

  /** True if the block has a result for `mode`, whether it still fits the block or not. */
  kept(mode: Converting, block: TextBlock): boolean {
    return this.store.has(mode, block);
  }

  /** Characters that may still be converted ahead. */
  get room(): number {
    return this.store.room;
  }

  /** After a switch: only what was converted ahead first (the first screen and what follows) stays. */
  trim(): void {
    this.store.trim(2 * PREPARE_CHARS);
  }

  /** The block's new text, if it was converted ahead for `mode` as it is now. */
  take(mode: Converting, b: BlockText): readonly string[] | null {
    return this.store.take(mode, b.block, b.nodes, b.parts);
  }

  /** Converts blocks and texts (title, attributes) ahead; resolves with their characters. */
  async prepare(mode: Converting, sent: readonly BlockText[], items: readonly ConvertItem[], ask: (texts: ConvertItem[]) => Promise<string[][]>): Promise<number> {
    const texts = items.filter((i) => this.store.takeText(mode, i.source, i.parts[0]!) === null);
    if (!sent.length && !texts.length) return 0;
    const out = await ask(texts);
    sent.forEach((s, i) => this.store.put(mode, s.block, s.nodes, s.parts, out[i]!));
    texts.forEach((t, i) => this.store.putText(mode, t.source, t.parts[0]!, out[sent.length + i]![0]!));
    return [...sent.flatMap((s) => s.parts), ...texts.map((t) => t.parts[0]!)].reduce((n, t) => n + t.length, 0);
  }

  /** Texts out of blocks (one part each): what was converted ahead, and the rest from the background. */
  texts(mode: Converting, items: readonly ConvertItem[]): Promise<string[][]> {
    const outs = items.map((i) => this.store.takeText(mode, i.source, i.parts[0]!));
    const missing = items.filter((_, i) => outs[i] === null);
    if (!missing.length) return Promise.resolve(outs.map((o) => [o!]));
    return this.convert(mode, missing).then((got) => {
      let k = 0;
      return outs.map((o) => (o === null ? got[k++]! : [o]));
    });
  }
}

/**
 * The blocks to convert ahead: those on screen, then the ones after them in page order, up to
 * `maxChars` characters (a short page whole).
 */
export function blocksAhead(blocks: readonly TextBlock[], onScreen: ReadonlySet<number>, maxChars = PREPARE_CHARS): TextBlock[] {
  const out: TextBlock[] = [];
  let chars = 0;
  const take = (b: TextBlock) => {
    out.push(b);
    chars += b.length;
  };
  for (const b of blocks) if (onScreen.has(b.id) && chars < maxChars) take(b);
  const last = blocks.findLastIndex((b) => onScreen.has(b.id));
  for (let i = last + 1; i < blocks.length && chars < maxChars; i++) take(blocks[i]!);
  // A short page, or one scrolled to its end: what comes before the screen too.
  for (let i = 0; i < blocks.length && chars < maxChars; i++) if (i < last && !onScreen.has(blocks[i]!.id)) take(blocks[i]!);
  return out;
}

/**
 * The blocks to convert ahead next, in page order from index `from`: those without a result yet,
 * about `maxChars` characters of them, and none that would not fit in `room` (what may still be
 * kept). `next`: where to go on from; the blocks' count once no more may be kept.
 */
export function blocksToPrepare(blocks: readonly TextBlock[], from: number, maxChars: number, room: number, kept: (b: TextBlock) => boolean): { blocks: TextBlock[]; next: number } {
  const out: TextBlock[] = [];
  let chars = 0;
  let i = from;
  for (; i < blocks.length && chars < maxChars; i++) {
    const b = blocks[i]!;
    if (kept(b)) continue;
    // No more may be kept: the rest is left to the switch.
    if (chars + b.length > room) return { blocks: out, next: blocks.length };
    out.push(b);
    chars += b.length;
  }
  return { blocks: out, next: i };
}
