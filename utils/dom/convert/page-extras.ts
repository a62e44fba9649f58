// Text that is not in a block: the attributes a reader sees (title, alt, placeholder, aria-label)
// and the document's title. They are converted in the same request as the blocks, and every value
// we write keeps its original, so that "Original" puts it back. DOM code.
import type { PageTextModel } from '@/utils/dom/text/model';
import { OWN_UI_ATTR } from '@/utils/dom/text/nodes';
import { MAY_CONVERT, type ConvertItem } from '@/utils/core/convert/converters';
import type { SourceScript } from '@/utils/core/convert/modes';

/** Attributes that carry text a reader sees. */
export const TEXT_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;

interface Written {
  original: string;
  written: string;
}

/** What was sent: each attribute and the title with their values then, and the items for the request. */
export interface ExtrasSent {
  attrs: { el: Element; name: string; original: string; current: string }[];
  title: { original: string; current: string } | null;
  items: ConvertItem[];
}

export class PageExtras {
  private readonly attrs = new Map<Element, Map<string, Written>>();
  private title: Written | null = null;

  constructor(
    private readonly model: PageTextModel,
    private readonly doc: Document,
    /** the script a text is converted from */
    private readonly sourceScript: (text: string) => SourceScript,
  ) {}

  /** Elements with a text attribute, in the document and the open shadow roots the model reads. */
  private targets(): Element[] {
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

  /** Attributes and the title, as items for the same request as the blocks. */
  toSend(): ExtrasSent {
    // Drop attributes whose element left, or that the page rewrote (its value is the new original).
    for (const [el, map] of this.attrs) {
      if (!el.isConnected) {
        this.attrs.delete(el);
        continue;
      }
      for (const [name, w] of map) if (el.getAttribute(name) !== w.written) map.delete(name);
    }
    const attrs: { el: Element; name: string; original: string; current: string }[] = [];
    for (const el of this.targets()) {
      for (const name of TEXT_ATTRIBUTES) {
        const current = el.getAttribute(name);
        if (current === null) continue;
        const original = this.attrs.get(el)?.get(name)?.original ?? current;
        if (MAY_CONVERT.test(original)) attrs.push({ el, name, original, current });
      }
    }
    const current = this.doc.title;
    if (this.title && current !== this.title.written) this.title = null; // the page changed its title
    const original = this.title?.original ?? current;
    const title = MAY_CONVERT.test(original) ? { original, current } : null;
    const items: ConvertItem[] = attrs.map((a) => ({ source: this.sourceScript(a.original), parts: [a.original] }));
    if (title) items.push({ source: this.sourceScript(title.original), parts: [title.original] });
    return { attrs, title, items };
  }

  /** Writes what came back, unless the page changed an attribute or the title since it was sent. */
  write(extras: ExtrasSent, out: readonly string[][]): void {
    extras.attrs.forEach((a, i) => {
      if (!a.el.isConnected || a.el.getAttribute(a.name) !== a.current) return;
      const next = out[i]![0]!;
      if (next !== a.current) this.model.write(() => a.el.setAttribute(a.name, next));
      let map = this.attrs.get(a.el);
      if (next === a.original) map?.delete(a.name);
      else {
        map ??= new Map();
        map.set(a.name, { original: a.original, written: next });
        this.attrs.set(a.el, map);
      }
    });
    if (extras.title && this.doc.title === extras.title.current) {
      const next = out[extras.attrs.length]![0]!;
      if (next !== extras.title.current) this.model.write(() => (this.doc.title = next));
      this.title = next === extras.title.original ? null : { original: extras.title.original, written: next };
    }
  }

  /** Puts back every attribute and the title we wrote, unless the page changed them since. */
  restore(): void {
    for (const [el, map] of this.attrs) {
      if (!el.isConnected) continue;
      for (const [name, w] of map) if (el.getAttribute(name) === w.written) this.model.write(() => el.setAttribute(name, w.original));
    }
    if (this.title && this.doc.title === this.title.written) {
      const original = this.title.original;
      this.model.write(() => (this.doc.title = original));
    }
  }

  forget(): void {
    this.attrs.clear();
    this.title = null;
  }
}
