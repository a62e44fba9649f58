import { computed, ref } from 'vue';
import { send, sendToReport } from '@/utils/extension/messaging';
import { noteOf, quoteOf, type HighlightColor } from '@/utils/core/annotate/types';
import type { PageHighlights } from '@/utils/core/annotate/export';
import type { PageHighlight } from '@/utils/core/messages';

export interface ListItem extends PageHighlight {
  source: string;
  title: string;
}

/** Highlights of the tab's page (from its content script) and of all pages (from storage). */
export function useHighlights() {
  const page = ref<PageHighlight[] | null>(null);
  const pageSource = ref('');
  const all = ref<PageHighlights[]>([]);
  const tab = ref<'page' | 'all'>('page');
  const query = ref('');
  const color = ref<HighlightColor | ''>('');

  async function load(tabId: number | null): Promise<void> {
    if (tabId !== null) {
      const res = await sendToReport(tabId, { type: 'hl-page' }).catch(() => null);
      page.value = res?.items ?? null;
      pageSource.value = res?.source ?? '';
    }
    all.value = await send({ type: 'hl-all' }).catch(() => []);
  }

  /**
   * Scrolls the tab's page to a highlight and opens its card. 'gone': the page answered but cannot
   * place it now (deleted there, or its text changed since the list was read); 'no-answer': the
   * tab was closed or reloaded, or its reader is gone.
   */
  async function reveal(tabId: number | null, id: string): Promise<'shown' | 'gone' | 'no-answer'> {
    if (tabId === null) return 'no-answer';
    const shown = await sendToReport(tabId, { type: 'hl-reveal', id }).catch(() => null);
    return shown === true ? 'shown' : shown === false ? 'gone' : 'no-answer';
  }

  const matches = (i: { exact: string; note: string; color: HighlightColor }) => {
    const q = query.value.trim().toLowerCase();
    return (!color.value || i.color === color.value) && (!q || i.exact.toLowerCase().includes(q) || i.note.toLowerCase().includes(q));
  };

  const pageItems = computed(() => (page.value ?? []).filter(matches));
  const allItems = computed<ListItem[]>(() =>
    all.value.flatMap((p) => p.items.map((a) => ({ id: a.id, exact: quoteOf(a).exact, note: noteOf(a), color: a.color, placed: true, source: p.source, title: p.title }))).filter(matches),
  );
  /** What to export: all pages, or this page only on the page tab. */
  const exportable = computed<PageHighlights[]>(() => (tab.value === 'page' ? all.value.filter((p) => p.source === pageSource.value) : all.value));

  return { page, all, tab, query, color, pageItems, allItems, exportable, load, reveal };
}
