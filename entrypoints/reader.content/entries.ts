// Glossary entries for popovers: fetched from the background by index or id, kept for the page's
// life (an entry holds both scripts: views are built in the shown script when shown). The entries of
// the terms on the page are fetched ahead, while the page is idle: a first hover then asks the
// background nothing, which matters most once Chrome has stopped the idle service worker (starting
// it again and reading the glossary's files made a first hover wait about 200 ms).
import { browser } from 'wxt/browser';
import { send } from '@/utils/extension/messaging';
import type { IndexedEntry } from '@/utils/core/glossary';
import { termView, type ShownScript } from '@/utils/core/glossary/view';
import { userTermView } from '@/utils/core/user-terms/view';
import { noteFor, pageNoteView } from '@/utils/core/glossary/page-note-terms';
import type { PopoverContent } from '@/components/page/term-ui';
import type { GlossarySession } from './glossary-session';

/** Entries a get-entries message may ask for (parseMessage refuses more). */
const PER_MESSAGE = 200;
/**
 * Entries of a page fetched ahead, at most: the first 100 distinct terms are the first few screens
 * of a report (a 20 k-character work report names about 480). Whole entries take about 1 KB of the
 * page's heap each: 400 of them, with their related entries whole too, took 0.7 MB.
 */
const PREFETCH = 100;
/** Related entries fetched ahead for them, at most: kept as links (id, headword, English) only. */
const PREFETCH_RELATED = 400;

/** What a popover shows of a related entry: a link with its headword in either script and its English. */
type RelatedLink = Pick<IndexedEntry, 'id' | 's' | 't' | 'en'>;
const linkOf = (e: IndexedEntry): RelatedLink => ({ id: e.id, s: e.s, t: e.t, en: e.en });

export class EntryStore {
  private readonly byIndex = new Map<number, IndexedEntry>();
  private readonly relatedOf = new Map<number, Promise<RelatedLink[]>>();

  private remember(list: IndexedEntry[]): IndexedEntry[] {
    for (const e of list) this.byIndex.set(e.index, e);
    return list;
  }

  private async fetch(query: { indices?: number[]; ids?: string[] }, remember = true): Promise<IndexedEntry[]> {
    const list = await send({ type: 'get-entries', ...query });
    return remember ? this.remember(list) : list;
  }

  /** An entry's related entries, fetched once (a popover opened again asks the background nothing). */
  private related(e: IndexedEntry): Promise<RelatedLink[]> {
    let list = this.relatedOf.get(e.index);
    if (!list) {
      list = this.fetch({ ids: e.rel ?? [] }).then((l) => l.map(linkOf));
      list.catch(() => this.relatedOf.delete(e.index));
      this.relatedOf.set(e.index, list);
    }
    return list.catch(() => []);
  }

  /**
   * Fetches these entries (the first PREFETCH of them) and links to the entries they relate to,
   * ahead of the popovers that will show them.
   */
  async prefetch(indices: readonly number[]): Promise<void> {
    const some = indices.slice(0, PREFETCH);
    await this.fetchAll('indices', some.filter((i) => !this.byIndex.has(i)));
    const wanted = some.map((i) => this.byIndex.get(i)).filter((e): e is IndexedEntry => !!e?.rel?.length && !this.relatedOf.has(e.index));
    const links = new Map([...this.byIndex.values()].map((e) => [e.id, linkOf(e)]));
    const asked = new Set([...new Set(wanted.flatMap((e) => e.rel!))].filter((id) => !links.has(id)).slice(0, PREFETCH_RELATED));
    for (const e of await this.fetchAll('ids', [...asked], false)) links.set(e.id, linkOf(e));
    for (const e of wanted) {
      // Only a list that is whole: every id known, or asked for and not in the glossary.
      if (!e.rel!.every((id) => links.has(id) || asked.has(id))) continue;
      // As the background answers a related query: the glossary's entries among the ids, in their order.
      this.relatedOf.set(e.index, Promise.resolve(e.rel!.flatMap((id) => links.get(id) ?? [])));
    }
  }

  /** In messages of at most PER_MESSAGE (the protocol's limit), one after another. */
  private async fetchAll<K extends 'indices' | 'ids'>(key: K, list: (K extends 'ids' ? string : number)[], remember = true): Promise<IndexedEntry[]> {
    const out: IndexedEntry[] = [];
    for (let k = 0; k < list.length; k += PER_MESSAGE) out.push(...(await this.fetch({ [key]: list.slice(k, k + PER_MESSAGE) }, remember)));
    return out;
  }

  /** The index of the entry with this id (a related term), or null if the glossary has none. */
  async indexOf(id: string): Promise<number | null> {
    const known = [...this.byIndex.values()].find((e) => e.id === id);
    if (known) return known.index;
    const [e] = await this.fetch({ ids: [id] }).catch(() => []);
    return e?.index ?? null;
  }

  /**
   * What the popover shows for an entry (glossary, the reader's own or the page's note), `found` as
   * on the page. Where the page's notes explain a term that has an entry too, the note comes with it.
   */
  async content(session: GlossarySession, index: number, script: ShownScript, found = ''): Promise<PopoverContent> {
    const note = noteFor(session.notes, index);
    if (note && index >= session.notes.base) return { view: pageNoteView(note, found, script), related: [] };
    const c = await this.entryContent(session, index, script, found);
    if (note && c.view) c.view.pageNote = { term: note.term, definition: note.definition };
    return c;
  }

  private async entryContent(session: GlossarySession, index: number, script: ShownScript, found: string): Promise<PopoverContent> {
    const unavailable = () => new Error(browser.i18n.getMessage('popoverLoadError'));
    if (index >= session.glossaryCount) {
      const t = session.userTerms[index - session.glossaryCount];
      if (!t) throw unavailable();
      return { view: userTermView(t, index, found, script), related: [] };
    }
    const e = this.byIndex.get(index) ?? (await this.fetch({ indices: [index] }).catch(() => []))[0];
    if (!e) throw unavailable();
    const related = e.rel?.length ? await this.related(e) : [];
    // Headword and English as termView has them.
    return { view: termView(e, script), related: related.map((r) => ({ id: r.id, headword: script === 'traditional' ? r.t : r.s, english: r.en })) };
  }
}
