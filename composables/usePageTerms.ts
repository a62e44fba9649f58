import { computed, ref } from 'vue';
import type { IndexedEntry } from '@/utils/core/glossary';
import { send, sendToReport } from '@/utils/extension/messaging';
import { termView } from '@/utils/core/glossary/view';
import { groupTerms, type TermRow } from '@/utils/core/glossary/rows';
import { noteRows } from '@/utils/core/glossary/page-note-terms';
import { getUserTerms } from '@/utils/extension/storage/items';

/** The glossary terms on a tab's page, with counts, as rows ready to list. */
export function usePageTerms() {
  const rows = ref<TermRow[]>([]);
  const state = ref<'loading' | 'ready' | 'off' | 'error'>('loading');
  const filter = ref('');
  const entries = new Map<number, IndexedEntry>();

  async function load(tabId: number): Promise<void> {
    try {
      const terms = await sendToReport(tabId, { type: 'get-terms' }).catch(() => null);
      if (!terms) {
        rows.value = [];
        state.value = 'off';
        return;
      }
      const missing = terms.counts.map(([i]) => i).filter((i) => i < terms.userBase && !entries.has(i));
      for (let k = 0; k < missing.length; k += 200) {
        for (const e of await send({ type: 'get-entries', indices: missing.slice(k, k + 200) })) entries.set(e.index, e);
      }
      // The page's notes are listed in a group of their own (also those that have an entry of ours).
      const noteBase = terms.notes?.base ?? Infinity;
      const own = terms.counts.some(([i]) => i >= terms.userBase && i < noteBase) ? await getUserTerms() : [];
      const listed = terms.counts.flatMap(([index, count]): TermRow[] => {
        if (index >= noteBase) return [];
        if (index >= terms.userBase) {
          const u = own[index - terms.userBase];
          if (!u) return [];
          const lang = terms.script === 'traditional' ? 'zh-Hant' : 'zh-Hans';
          return [{ index, id: u.id, headword: u.forms[0]!, other: u.forms[1] ?? '', pinyin: u.pinyin, english: u.english, category: 'user', count, lang }];
        }
        const e = entries.get(index);
        if (!e) return [];
        const v = termView(e, terms.script);
        return [{ index, id: e.id, headword: v.headword, other: v.other, pinyin: v.pinyin, english: v.english, category: e.cat, count, lang: v.lang }];
      });
      rows.value = listed.concat(noteRows(terms.notes?.items ?? [], new Map(terms.counts), terms.script));
      state.value = 'ready';
    } catch {
      state.value = 'error';
    }
  }

  const groups = computed(() => groupTerms(rows.value, filter.value));
  return { rows, groups, state, filter, load };
}
