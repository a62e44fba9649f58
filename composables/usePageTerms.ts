import { computed, ref } from 'vue';
import type { IndexedEntry } from '@/utils/core/glossary';
import { send, sendToTab } from '@/utils/extension/messaging';
import { termView } from '@/utils/core/glossary/view';
import { groupTerms, type TermRow } from '@/utils/core/glossary/rows';
import { getUserTerms } from '@/utils/extension/storage/items';

/** The glossary terms on a tab's page, with counts, as rows ready to list. */
export function usePageTerms() {
  const rows = ref<TermRow[]>([]);
  const state = ref<'loading' | 'ready' | 'off' | 'error'>('loading');
  const filter = ref('');
  const entries = new Map<number, IndexedEntry>();

  async function load(tabId: number): Promise<void> {
    try {
      const terms = await sendToTab(tabId, { type: 'get-terms' }).catch(() => null);
      if (!terms) {
        rows.value = [];
        state.value = 'off';
        return;
      }
      const missing = terms.counts.map(([i]) => i).filter((i) => i < terms.userBase && !entries.has(i));
      for (let k = 0; k < missing.length; k += 200) {
        for (const e of await send({ type: 'get-entries', indices: missing.slice(k, k + 200) })) entries.set(e.index, e);
      }
      const own = terms.counts.some(([i]) => i >= terms.userBase) ? await getUserTerms() : [];
      rows.value = terms.counts.flatMap(([index, count]): TermRow[] => {
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
      state.value = 'ready';
    } catch {
      state.value = 'error';
    }
  }

  const groups = computed(() => groupTerms(rows.value, filter.value));
  return { rows, groups, state, filter, load };
}
