// Any word at the caret, from CC-CEDICT in the background (the dictionary never lives in the page):
// the lookup source for dictionary words, the replies cached per text, and the looked-up range drawn
// while its popover is open.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { liveRange, rangeContains } from '@/utils/dom/text/range';
import { isLookupText, MAX_LOOKUP_TEXT, type DictLookupReply } from '@/utils/core/dict/lookup';
import type { LookupAny } from '@/utils/core/settings';
import { send } from '@/utils/extension/messaging';
import { markLayer, type MarkLayer } from './mark-layers';
import type { LookupHit, SourceContext } from './scanner';

export const LOOKUP_HIGHLIGHT = 'bilingual-reader-lookup';
const CACHE = 500;

/** Length in UTF-16 units of the Han character starting at `at`, or 0 if there is none. */
function hanAt(text: string, at: number): number {
  const cp = text.codePointAt(at);
  if (cp === undefined || (cp >= 0xdc00 && cp <= 0xdfff)) return 0;
  const ch = String.fromCodePoint(cp);
  return isLookupText(ch) ? ch.length : 0;
}

export class WordLookup {
  private readonly replies = new Map<string, Promise<DictLookupReply | null>>();
  private mark: MarkLayer | null = null;

  constructor(
    private readonly model: PageTextModel,
    private readonly opts: { mode: () => LookupAny; overlay: () => boolean },
  ) {}

  /** A lookup source: the Han character under the point, if lookups of any word are on for it. */
  readonly wordAt = (block: TextBlock, offset: number, x: number, y: number, how: SourceContext): LookupHit | null => {
    const mode = this.opts.mode();
    if (mode === 'off' || (mode === 'modifier' && how.trigger === 'hover' && !how.modifier)) return null;
    // The caret falls between characters: the one under the point may be on either side of it.
    const text = block.text;
    for (const at of [offset, offset - 1]) {
      const len = at >= 0 ? hanAt(text, at) : 0;
      const range = len ? liveRange(this.model, block, at, at + len) : null;
      if (range && rangeContains(range, x, y)) return { kind: 'word', blockId: block.id, start: at, end: at + len, caret: at };
    }
    return null;
  };

  /** The next (1) or previous (-1) Han character from `from`, within the block. */
  step(block: TextBlock, from: number, dir: 1 | -1): LookupHit | null {
    const text = block.text;
    for (let at = from; at >= 0 && at < text.length; at += dir) {
      const len = hanAt(text, at);
      if (len) return { kind: 'word', blockId: block.id, start: at, end: at + len, caret: at };
    }
    return null;
  }

  /**
   * The dictionary's reply for the text at a caret; null when no word starts there or the lookup
   * failed (the page is left as it was either way).
   */
  at(block: TextBlock, caret: number): Promise<DictLookupReply | null> {
    const text = block.text.slice(caret, caret + MAX_LOOKUP_TEXT);
    if (!isLookupText(text)) return Promise.resolve(null);
    let reply = this.replies.get(text);
    if (!reply) {
      reply = send({ type: 'dict-lookup', text }).then(
        (r) => (r.error ? Promise.reject(new Error(r.error)) : r.word ? r : null),
      );
      // A failure is not remembered: the next lookup asks again.
      reply.catch(() => this.replies.delete(text));
      this.replies.set(text, reply);
      if (this.replies.size > CACHE) this.replies.delete(this.replies.keys().next().value!);
    }
    return reply.catch(() => null);
  }

  /** Draws the range looked up (null: nothing is looked up any more). */
  show(range: AbstractRange | null): void {
    if (!range && !this.mark) return;
    this.mark ??= markLayer(LOOKUP_HIGHLIGHT, { kind: 'fill', color: 'rgba(56, 189, 248, 0.3)' }, { overlay: this.opts.overlay(), priority: 3, write: (fn) => this.model.write(fn) });
    this.mark.clear();
    if (range) this.mark.add(range);
  }

  dispose(): void {
    this.mark?.dispose();
    this.mark = null;
  }
}
