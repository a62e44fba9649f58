// The reader's highlights on this page: anchored through the text model, drawn with CSS custom
// highlights (one name per colour), stored by the background. Unplaced ones stay listed as orphans.
import { browser } from 'wxt/browser';
import type { PageTextModel } from '@/utils/dom/text/model';
import { anchor, describe } from '@/utils/core/annotate/anchor';
import { pageText } from '@/utils/dom/annotate/page-text';
import { canonicalUrl } from '@/utils/core/annotate/url';
import { HIGHLIGHT_COLORS, noteOf, quoteOf, type Annotation, type HighlightColor } from '@/utils/core/annotate/types';
import type { PageHighlight, StoreResult } from '@/utils/core/messages';
import { errorMessage } from '@/utils/core/errors';
import { send } from '@/utils/extension/messaging';
import { markLayer, redrawOverlays, type MarkLayer } from './mark-layers';

const FILL: Record<HighlightColor, string> = { yellow: 'rgba(253, 224, 71, 0.55)', green: 'rgba(134, 239, 172, 0.6)', blue: 'rgba(147, 197, 253, 0.6)', pink: 'rgba(249, 168, 212, 0.6)' };

const NAME = (c: HighlightColor) => `bilingual-reader-hl-${c}`;

const refused = (e: unknown): StoreResult => ({ ok: false, error: errorMessage(e) });
/** A store write that did not happen is an error the reader is told about. */
function storeWrite(res: StoreResult): void {
  if (!res.ok) throw new Error(browser.i18n.getMessage('storageError', [res.error]));
}

export class Annotator {
  items: Annotation[] = [];
  private readonly placed = new Map<string, Range>();
  private readonly layers = new Map<HighlightColor, MarkLayer>();
  readonly source: string;

  constructor(
    private readonly model: PageTextModel,
    /** folds text to one script (loads a small dictionary the first time) */
    private readonly fold: () => Promise<(s: string) => string>,
    private readonly overlay = false,
  ) {
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href') ?? null;
    this.source = canonicalUrl(location.href, canonical);
  }

  async load(): Promise<void> {
    this.items = await send({ type: 'hl-list', source: this.source }).catch(() => []);
    if (this.items.length) await this.anchorAll();
  }

  /** Places every highlight again (after the page or its script changed). */
  async anchorAll(): Promise<void> {
    if (!this.items.length) {
      this.placed.clear();
      this.draw();
      return;
    }
    const fold = await this.fold();
    const pt = pageText(this.model, fold);
    const placed = new Map<string, Range>();
    const snapshot = [...this.items];
    let t0 = performance.now();
    for (const a of snapshot) {
      const q = quoteOf(a);
      const hit = anchor(pt.text, { ...q, exact: fold(q.exact), prefix: fold(q.prefix), suffix: fold(q.suffix) }, a.target.selector[1]);
      const range = hit && pt.toRange(hit.start, hit.end);
      if (range) placed.set(a.id, range);
      // Hundreds of highlights: give the page its turn now and then.
      if (performance.now() - t0 > 10) {
        await new Promise((r) => setTimeout(r, 0));
        t0 = performance.now();
      }
    }
    // Highlights made while this ran were placed by create(): keep them.
    const before = new Set(snapshot.map((a) => a.id));
    for (const id of [...this.placed.keys()]) if (before.has(id)) this.placed.delete(id);
    for (const [id, r] of placed) if (this.items.some((a) => a.id === id)) this.placed.set(id, r);
    this.draw();
  }

  private draw(): void {
    for (const c of HIGHLIGHT_COLORS) {
      let h = this.layers.get(c);
      if (!h) {
        // Above term marks.
        h = markLayer(NAME(c), { kind: 'fill', color: FILL[c] }, { overlay: this.overlay, priority: 1, write: (fn) => this.model.write(fn) });
        this.layers.set(c, h);
      }
      h.clear();
    }
    for (const a of this.items) {
      const r = this.placed.get(a.id);
      if (r) this.layers.get(a.color)!.add(r);
    }
  }

  /** Highlights a DOM range of the page. Throws with a message the reader can act on. */
  async create(range: Range, color: HighlightColor, note = ''): Promise<Annotation> {
    const fold = await this.fold();
    const folded = pageText(this.model, fold);
    const pos = folded.fromRange(range);
    if (!pos) throw new Error(browser.i18n.getMessage('highlightOutside'));
    const original = pageText(this.model, (s) => s);
    const [quote, position] = describe(original.text, pos.start, pos.end);
    const now = new Date().toISOString();
    const a: Annotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${crypto.randomUUID()}`,
      type: 'Annotation',
      created: now,
      modified: now,
      body: [{ type: 'TextualBody', value: note, format: 'text/plain', purpose: 'commenting' }],
      target: { source: this.source, title: document.title, selector: [quote, position] },
      color,
    };
    await this.save(a);
    this.items.push(a);
    const r = original.toRange(pos.start, pos.end);
    if (r) this.placed.set(a.id, r);
    this.draw();
    return a;
  }

  async update(id: string, patch: { color?: HighlightColor; note?: string }): Promise<Annotation | null> {
    const a = this.items.find((x) => x.id === id);
    if (!a) return null;
    const next: Annotation = {
      ...a,
      color: patch.color ?? a.color,
      body: [{ type: 'TextualBody', value: patch.note ?? noteOf(a), format: 'text/plain', purpose: 'commenting' }],
      modified: new Date().toISOString(),
    };
    await this.save(next);
    this.items = this.items.map((x) => (x.id === id ? next : x));
    this.draw();
    return next;
  }

  async remove(id: string): Promise<void> {
    storeWrite(await send({ type: 'hl-delete', source: this.source, id }).catch(refused));
    this.items = this.items.filter((x) => x.id !== id);
    this.placed.delete(id);
    this.draw();
  }

  private async save(a: Annotation): Promise<void> {
    storeWrite(await send({ type: 'hl-put', annotation: a }).catch(refused));
  }

  /** The highlight drawn under a viewport point. */
  at(x: number, y: number): Annotation | null {
    for (const a of [...this.items].reverse()) {
      const r = this.placed.get(a.id);
      if (!r) continue;
      for (const rect of r.getClientRects()) if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return a;
    }
    return null;
  }

  /**
   * True when placing again could change something: a highlight is not placed (its text may have
   * arrived), or a placed one lost its text (the page replaced the nodes under it).
   */
  stale(): boolean {
    if (this.items.some((a) => !this.placed.has(a.id))) return true;
    for (const r of this.placed.values()) if (r.collapsed || !r.startContainer.isConnected || !r.endContainer.isConnected) return true;
    return false;
  }

  range(id: string): Range | null {
    return this.placed.get(id) ?? null;
  }

  list(): PageHighlight[] {
    return this.items.map((a) => ({ id: a.id, exact: quoteOf(a).exact, note: noteOf(a), color: a.color, placed: this.placed.has(a.id) }));
  }

  removeLayers(): void {
    for (const l of this.layers.values()) l.dispose();
    this.layers.clear();
  }

  relayout(): void {
    if (this.overlay) redrawOverlays();
  }
}
