// The side panel (entrypoints/sidepanel/App.vue): why a term clicked could not be shown, and that
// message going when the panel follows another tab.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApp, h, ref, type App } from 'vue';
import type { TermRow } from '@/utils/core/glossary/rows';

const state = vi.hoisted(() => ({ tab: 1 as number | null }));
vi.mock('@/composables/usePageStatus', () => ({ targetTabId: async () => state.tab }));
vi.mock('@/composables/usePageTerms', () => ({
  usePageTerms: () => {
    const row: TermRow = { index: 0, id: 'administrative-reconsideration', headword: '行政复议', other: '行政複議', pinyin: 'xíngzhèng fùyì', english: 'administrative reconsideration', category: 'administrative-law', count: 2, lang: 'zh-Hans' } as TermRow;
    const rows = ref([row]);
    return { rows, state: ref('ready'), filter: ref(''), groups: ref([{ category: 'administrative-law', rows: [row], total: 1 }]), load: async () => undefined };
  },
}));
vi.mock('@/utils/extension/messaging', () => ({
  send: async () => [],
  // The tab was closed: nothing answers.
  sendToReport: async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
}));

let app: App | null = null;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((k: string) => k);
  state.tab = 1;
});
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.replaceChildren();
});

describe('side panel', () => {
  it('a term whose page does not answer says so, at the panel\'s foot, until the panel follows another tab', async () => {
    const { default: SidePanel } = await import('@/entrypoints/sidepanel/App.vue');
    const root = document.createElement('div');
    document.body.append(root);
    app = createApp({ render: () => h(SidePanel) });
    app.mount(root);
    const error = () => root.querySelector('[data-testid="terms-reveal-error"]');
    await vi.waitFor(() => expect(root.querySelector('[data-testid="term-item"]')).not.toBeNull());
    (root.querySelector('[data-testid="term-item"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(error()?.textContent).toBe('revealNoAnswer'));
    expect(error()?.getAttribute('role')).toBe('alert');
    expect(root.querySelector('main')?.lastElementChild).toBe(error());
    // The reader goes to another tab: the panel follows it.
    state.tab = 2;
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: 1 });
    await vi.waitFor(() => expect(error()).toBeNull());
  });
});
