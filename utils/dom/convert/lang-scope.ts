// The language tag of converted blocks. It follows the shown script on the blocks themselves, where
// the page declares Chinese. Not on <html>: the browser picks the CJK font by `lang`, so changing it
// there lays out the whole page again at once (half a second on a 600 k-character page); on a block
// it costs what laying out the block's new text costs anyway, slice by slice. Every tag we set is
// put back as it was, unless the page set its own since. DOM code.
//
// A switch can also leave the tags of blocks away from the reader for later (defer): a block whose
// tag changes is laid out in another font (Noto Sans CJK SC → TC, say), and in a switch's frames
// that made each character cost about two fifths more to lay out than new text alone. The blocks
// the reader sees are tagged in the slice after the one that wrote their text, so their new text is
// drawn a frame sooner (tagWaiting); the others once the switch is done, nearest the viewport first,
// 8 k characters a frame (tagPending, tagWhenIdle).
import type { ScriptMode } from '@/utils/core/convert/modes';
import { frameYielder, whenIdle } from '@/utils/dom/convert/yield';
import { firstEndingBelow } from '@/utils/dom/text/viewport-order';

/** A block waiting for its tag: what it is to get, and its length (what tagging it costs). */
interface Pending {
  mode: ScriptMode;
  chars: number;
}

export class LangScope {
  private readonly langs = new Map<Element, { original: string | null; written: string }>();
  /** blocks whose tag was left for later, in the order they were written (document order) */
  private readonly pending = new Map<Element, Pending>();
  /**
   * The pending blocks as a list, made when tagging starts and kept across its steps (each step
   * takes its blocks out): a fresh copy of a 20 k-block page's list at every step was 160 kB of
   * garbage a step. Dropped whenever `pending` changes otherwise.
   */
  private order: Element[] | null = null;

  constructor(private readonly doc: Document) {}

  /** Tags a block that now shows `mode` (where the page declares Chinese). */
  scope(el: Element, mode: ScriptMode): void {
    if (this.pending.delete(el)) this.order = null;
    this.tag(el, mode);
  }

  private tag(el: Element, mode: ScriptMode): void {
    if (mode === 'original' || el === this.doc.documentElement || el === this.doc.body) return;
    const mine = this.langs.get(el);
    if (mine && el.getAttribute('lang') !== mine.written) {
      this.langs.delete(el); // the page set its own
      return;
    }
    const original = mine ? mine.original : el.getAttribute('lang');
    const declared = original ?? el.parentElement?.closest('[lang]')?.getAttribute('lang');
    if (!declared || !/^zh\b/i.test(declared)) return;
    if (el.getAttribute('lang') !== mode) el.setAttribute('lang', mode);
    this.langs.set(el, { original, written: mode });
  }

  /** Like scope(), later: the block keeps the tag it has until tagPending() reaches it. */
  defer(el: Element, mode: ScriptMode, chars: number): void {
    // Written again: it moves to where it is now in the order (still document order in a switch).
    this.pending.delete(el);
    this.pending.set(el, { mode, chars });
    this.order = null;
  }

  /** Tags those of `els` still waiting for their tag, now; returns their characters. */
  tagWaiting(els: readonly Element[]): number {
    let chars = 0;
    for (const el of els) {
      if (!this.pending.has(el)) continue;
      this.order = null;
      chars += this.take(el);
    }
    return chars;
  }

  /**
   * Tags a waiting block and takes it off the waiting ones; returns its characters. One the page
   * removed since it was written is dropped, and says nothing of the cost.
   */
  private take(el: Element): number {
    const p = this.pending.get(el);
    this.pending.delete(el);
    if (!p || !el.isConnected) return 0;
    this.tag(el, p.mode);
    return p.chars;
  }

  /** Blocks still waiting for their tag. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Tags waiting blocks, about `maxChars` of text (at least one block): from the first one whose
   * bottom is below `nearTop` (by default, one screen above the viewport) downward, then upward from
   * there. Blocks the page removed meanwhile are dropped. Returns the characters tagged.
   */
  tagPending(maxChars: number, nearTop = -(this.doc.defaultView?.innerHeight ?? 0)): number {
    if (!this.order) {
      for (const el of this.pending.keys()) if (!el.isConnected) this.pending.delete(el);
      this.order = [...this.pending.keys()];
    }
    const els = this.order;
    if (!els.length) return 0;
    // All above nearTop: start from the last one and work upward.
    const lo = Math.min(firstEndingBelow(els.length, (i) => els[i]!, nearTop), els.length - 1);
    let chars = 0;
    let end = lo;
    for (; end < els.length && (chars === 0 || chars < maxChars); end++) chars += this.take(els[end]!);
    let start = lo;
    for (; start > 0 && chars < maxChars; start--) chars += this.take(els[start - 1]!);
    els.splice(start, end - start);
    return chars;
  }

  /** Puts a block's own tag back (it shows its own text again). */
  unscope(el: Element): void {
    if (this.pending.delete(el)) this.order = null;
    const w = this.langs.get(el);
    if (!w) return;
    this.langs.delete(el);
    if (el.getAttribute('lang') !== w.written) return; // the page set its own since
    if (w.original === null) el.removeAttribute('lang');
    else el.setAttribute('lang', w.original);
  }

  /** Puts every tag back (the page shows its own script again). */
  restoreAll(): void {
    this.pending.clear();
    this.order = null;
    for (const el of [...this.langs.keys()]) this.unscope(el);
  }

  forget(): void {
    this.langs.clear();
    this.pending.clear();
    this.order = null;
  }
}

/**
 * Text tagged with its new lang per step after a switch: laid out again in the next frame. On a
 * 600 k page each such frame also lays out and walks the whole page again (25-40 ms). With 16 k
 * characters a step, 9 of 12 switches had a tagging frame over 50 ms, up to 173 ms; with 8 k, about
 * a third had one, at most 83 ms in some 170 (npm run bench:ab, its tagging frames). The tagging is
 * idle work: more, smaller steps cost the reader nothing.
 */
const LANG_CHARS_PER_STEP = 8_000;

/**
 * Tags the blocks whose lang was left for later, nearest the viewport first, a step at a time when
 * the page is idle, each step laid out in a frame before the next. Stops when `current()` says a
 * newer switch took over (it takes the waiting blocks over). Resolves true once all are tagged.
 */
export async function tagWhenIdle(
  langs: LangScope,
  opts: { write: (fn: () => void) => void; current: () => boolean; idle?: () => Promise<void>; frame?: () => Promise<unknown> },
): Promise<boolean> {
  const idle = opts.idle ?? whenIdle;
  const frame = opts.frame ?? frameYielder();
  while (langs.pendingCount) {
    await idle();
    if (!opts.current()) return false;
    opts.write(() => langs.tagPending(LANG_CHARS_PER_STEP));
    await frame();
    if (!opts.current()) return false;
  }
  return true;
}
