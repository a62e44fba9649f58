// Glossary entries for popovers: fetched from the background by index or id, kept for the page's
// life (cleared when the script changes, since views are built in the shown script).
import { browser } from 'wxt/browser';
import { send } from '@/utils/extension/messaging';
import type { IndexedEntry } from '@/utils/core/glossary';
import { termView, type ShownScript } from '@/utils/core/glossary/view';
import { userTermView } from '@/utils/core/user-terms/view';
import type { PopoverContent } from '@/components/page/term-ui';
import type { GlossarySession } from './glossary-session';

export class EntryStore {
  private readonly byIndex = new Map<number, IndexedEntry>();

  private remember(list: IndexedEntry[]): IndexedEntry[] {
    for (const e of list) this.byIndex.set(e.index, e);
    return list;
  }

  private async fetch(query: { indices?: number[]; ids?: string[] }): Promise<IndexedEntry[]> {
    return this.remember(await send({ type: 'get-entries', ...query }));
  }

  /** The index of the entry with this id (a related term), or null if the glossary has none. */
  async indexOf(id: string): Promise<number | null> {
    const known = [...this.byIndex.values()].find((e) => e.id === id);
    if (known) return known.index;
    const [e] = await this.fetch({ ids: [id] }).catch(() => []);
    return e?.index ?? null;
  }

  /** What the popover shows for an entry (glossary or the reader's own), `found` as on the page. */
  async content(session: GlossarySession, index: number, script: ShownScript, found = ''): Promise<PopoverContent> {
    const unavailable = () => new Error(browser.i18n.getMessage('popoverLoadError'));
    if (index >= session.glossaryCount) {
      const t = session.userTerms[index - session.glossaryCount];
      if (!t) throw unavailable();
      return { view: userTermView(t, index, found, script), related: [] };
    }
    const e = this.byIndex.get(index) ?? (await this.fetch({ indices: [index] }).catch(() => []))[0];
    if (!e) throw unavailable();
    const related = e.rel?.length ? await this.fetch({ ids: e.rel }).catch(() => []) : [];
    return {
      view: termView(e, script),
      related: related.map((r) => {
        const v = termView(r, script);
        return { id: r.id, headword: v.headword, english: v.english };
      }),
    };
  }

  clear(): void {
    this.byIndex.clear();
  }
}
