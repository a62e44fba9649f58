// The reader's highlights on this page: anchored through the text model, drawn with CSS custom
// highlights (one name per colour), stored by the background. Unplaced ones stay listed as orphans.
import { browser } from 'wxt/browser';
import type { PageTextModel } from '@/utils/dom/text/model';
import { anchor, describe } from '@/utils/core/annotate/anchor';
import { pageText } from '@/utils/dom/annotate/page-text';
import { canonicalUrl } from '@/utils/core/annotate/url';
import { HIGHLIGHT_COLORS, noteOf, QUOTE_MAX, quoteOf, type Annotation, type HighlightColor } from '@/utils/core/annotate/types';
import type { PageHighlight, Reply } from '@/utils/core/messages';
import { errorMessage } from '@/utils/core/errors';
import { BadReply, send } from '@/utils/extension/messaging';
import { changedSources } from '@/utils/extension/annotate/changes';
import { markLayer, redrawOverlays, type MarkLayer } from './mark-layers';

const FILL: Record<HighlightColor, string> = { yellow: 'rgba(253, 224, 71, 0.55)', green: 'rgba(134, 239, 172, 0.6)', blue: 'rgba(147, 197, 253, 0.6)', pink: 'rgba(249, 168, 212, 0.6)' };

const NAME = (c: HighlightColor) => `bilingual-reader-hl-${c}`;

const msg = (key: string, subs?: string[]) => browser.i18n.getMessage(key as 'storageError', subs as [string]);

/** What a store write that did not happen says: why, and that nothing else changed. */
function refusal(e: unknown): Error {
  // No valid answer: the background is gone or was updated (not a storage problem).
  const why = e instanceof BadReply ? msg('highlightNoAnswer') : errorMessage(e);
  return new Error(msg('storageError', [why]));
}

/** A save answered by the store with what it kept from another tab's change. */
export interface Saved {
  annotation: Annotation;
  /** fields another tab changed meanwhile, kept as that tab left them */
  kept: ('color' | 'note')[];
}

export class DeletedElsewhere extends Error {
  constructor() {
    super(msg('highlightDeletedElsewhere'));
  }
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
    // Refused with the reason, never cut: a shortened quote would no longer be what the reader chose.
    if (pos.end - pos.start > QUOTE_MAX) throw new Error(msg('highlightTooLong', [(pos.end - pos.start).toLocaleString(), QUOTE_MAX.toLocaleString()]));
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
    const { annotation: stored } = await this.save(a);
    this.items.push(stored);
    const r = original.toRange(pos.start, pos.end);
    if (r) this.placed.set(stored.id, r);
    this.draw();
    return stored;
  }

  /**
   * Saves the reader's change to a highlight. Sends only what changed, with the revision this
   * page's copy is at, and shows what the store kept (another tab's change to the other field
   * stands). Throws DeletedElsewhere when another tab deleted it meanwhile.
   */
  async update(id: string, patch: { color?: HighlightColor; note?: string }): Promise<Saved | null> {
    const a = this.items.find((x) => x.id === id);
    if (!a) throw new DeletedElsewhere();
    const next: Annotation = {
      ...a,
      color: patch.color ?? a.color,
      body: [{ type: 'TextualBody', value: patch.note ?? noteOf(a), format: 'text/plain', purpose: 'commenting' }],
      modified: new Date().toISOString(),
    };
    const saved = await this.save(next);
    this.items = this.items.map((x) => (x.id === id ? saved.annotation : x));
    this.draw();
    return saved;
  }

  async remove(id: string): Promise<void> {
    const res = await send({ type: 'hl-delete', source: this.source, id }).catch((e: unknown) => Promise.reject(refusal(e)));
    // Deleted here or in another tab, or never stored (a save that failed): gone either way.
    if (!res.ok && res.error !== 'not-found') throw new Error(msg('storageError', [res.error]));
    this.forget(id);
  }

  private forget(id: string): void {
    this.items = this.items.filter((x) => x.id !== id);
    this.placed.delete(id);
    this.draw();
  }

  private async save(a: Annotation): Promise<Saved> {
    const res: Reply<'hl-put'> = await send({ type: 'hl-put', annotation: a }).catch((e: unknown) => Promise.reject(refusal(e)));
    if (res.ok) return { annotation: res.annotation, kept: res.status === 'merged' ? res.kept : [] };
    if (res.error === 'deleted') {
      this.forget(a.id);
      throw new DeletedElsewhere();
    }
    throw new Error(msg('storageError', [res.error]));
  }

  /**
   * Another tab (or the settings page) changed this page's highlights: read them again and place
   * them. Returns the ids that are gone.
   */
  async refresh(): Promise<string[]> {
    const fresh = await send({ type: 'hl-list', source: this.source }).catch(() => null);
    if (!fresh) return [];
    const ids = new Set(fresh.map((a) => a.id));
    const gone = this.items.filter((a) => !ids.has(a.id)).map((a) => a.id);
    const known = new Set(this.items.map((a) => a.id));
    this.items = fresh;
    for (const id of gone) this.placed.delete(id);
    if (fresh.some((a) => !known.has(a.id) || !this.placed.has(a.id))) await this.anchorAll();
    else this.draw();
    return gone;
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
    for (const r of this.placed.values()) if (lostText(r)) return true;
    return false;
  }

  /** Where the highlight is on the page now; null also between the page removing its text and the placing again that follows. */
  range(id: string): Range | null {
    const r = this.placed.get(id);
    return r && !lostText(r) ? r : null;
  }

  list(): PageHighlight[] {
    return this.items.map((a) => ({ id: a.id, exact: quoteOf(a).exact, note: noteOf(a), color: a.color, placed: this.range(a.id) !== null }));
  }

  removeLayers(): void {
    for (const l of this.layers.values()) l.dispose();
    this.layers.clear();
  }

  relayout(): void {
    if (this.overlay) redrawOverlays();
  }
}

/** The page's one Annotator: made anew for another page or renderer, placed again after changes. */
export class AnnotatorSlot {
  current: Annotator | null = null;
  private reanchorTimer: ReturnType<typeof setTimeout> | null = null;
  private href = location.href;

  constructor(
    private readonly model: PageTextModel,
    private readonly fold: () => Promise<(s: string) => string>,
    private readonly overlay: () => boolean,
  ) {}

  /** Highlights are loaded and drawn anew (first load, another page, another renderer). */
  async replace(): Promise<void> {
    this.current?.removeLayers();
    this.current = new Annotator(this.model, this.fold, this.overlay());
    await this.current.load().catch(() => undefined);
  }

  /** The page's text changed: after an SPA navigation it is another page for the highlights. */
  async pageChanged(): Promise<void> {
    if (this.current && location.href !== this.href) {
      this.href = location.href;
      await this.replace();
    }
    this.scheduleReanchor();
  }

  /**
   * Another tab or the settings page wrote this page's highlights (its record or one of its
   * buckets): read them again, so an edit made here starts from what is stored. Resolves to the ids
   * deleted elsewhere, or null when the change was not this page's.
   */
  async storageChanged(changes: Record<string, unknown>, area: string): Promise<string[] | null> {
    const annotator = this.current;
    if (area !== 'local' || !annotator || !changedSources(changes, area).has(annotator.source)) return null;
    const gone = await annotator.refresh();
    return annotator === this.current ? gone : null;
  }

  /** The page changed: place the highlights again once it settles. */
  scheduleReanchor(): void {
    // Most page changes leave every highlight where it was: then there is nothing to redo.
    if (!this.current?.items.length || this.reanchorTimer || !this.current.stale()) return;
    this.reanchorTimer = setTimeout(() => {
      this.reanchorTimer = null;
      void this.current?.anchorAll();
    }, 300);
  }

  dispose(): void {
    if (this.reanchorTimer) clearTimeout(this.reanchorTimer);
    this.current?.removeLayers();
  }
}

/** A live range whose text the page removed collapses where it was, or is left in detached nodes. */
const lostText = (r: Range): boolean => r.collapsed || !r.startContainer.isConnected || !r.endContainer.isConnected;
