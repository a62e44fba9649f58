// The language tag of converted blocks. It follows the shown script on the blocks themselves, where
// the page declares Chinese. Not on <html>: the browser picks the CJK font by `lang`, so changing it
// there lays out the whole page again at once (half a second on a 600 k-character page); on a block
// it costs what laying out the block's new text costs anyway, slice by slice. Every tag we set is
// put back as it was, unless the page set its own since. DOM code.
import type { ScriptMode } from '@/utils/core/convert/modes';

export class LangScope {
  private readonly langs = new Map<Element, { original: string | null; written: string }>();

  constructor(private readonly doc: Document) {}

  /** Tags a block that now shows `mode` (where the page declares Chinese). */
  scope(el: Element, mode: ScriptMode): void {
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

  /** Puts a block's own tag back (it shows its own text again). */
  unscope(el: Element): void {
    const w = this.langs.get(el);
    if (!w) return;
    this.langs.delete(el);
    if (el.getAttribute('lang') !== w.written) return; // the page set its own since
    if (w.original === null) el.removeAttribute('lang');
    else el.setAttribute('lang', w.original);
  }

  /** Puts every tag back (the page shows its own script again). */
  restoreAll(): void {
    for (const el of [...this.langs.keys()]) this.unscope(el);
  }

  forget(): void {
    this.langs.clear();
  }
}
