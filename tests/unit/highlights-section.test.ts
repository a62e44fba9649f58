// The popup's and side panel's highlight list (HighlightsSection): what a click on a highlight the
// page cannot show says, when that message goes, and the list following the store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApp, h, nextTick, ref, type App } from 'vue';
import HighlightsSection from '@/components/HighlightsSection.vue';
import type { PageHighlight } from '@/utils/core/messages';

const replies = vi.hoisted(() => ({ reveal: null as boolean | null, pageCalls: 0 }));
vi.mock('@/utils/extension/messaging', () => ({
  send: async () => [],
  sendToReport: async (_tab: number, msg: { type: string }) => {
    if (msg.type === 'hl-page') {
      replies.pageCalls++;
      const items: PageHighlight[] = [{ id: 'a', exact: '行政复议', note: '', color: 'yellow', placed: true }];
      return { items, source: 'https://a.gov.cn/r' };
    }
    if (msg.type === 'hl-reveal') {
      if (replies.reveal === null) throw new Error('Could not establish connection. Receiving end does not exist.');
      return replies.reveal;
    }
    throw new Error(`unexpected ${msg.type}`);
  },
}));

let app: App | null = null;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((k: string) => k);
  replies.reveal = null;
  replies.pageCalls = 0;
});
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.replaceChildren();
});

async function render() {
  const tabId = ref<number | null>(1);
  const root = document.createElement('div');
  document.body.append(root);
  app = createApp({ render: () => h(HighlightsSection, { tabId: tabId.value, canExport: false, version: 0 }) });
  app.mount(root);
  await vi.waitFor(() => expect(root.querySelector('[data-testid="highlight-item"]')).not.toBeNull());
  const error = () => root.querySelector('[data-testid="highlights-reveal-error"]')?.textContent ?? null;
  const click = async () => {
    (root.querySelector('[data-testid="highlight-item"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(error()).not.toBeNull());
  };
  return { root, tabId, error, click };
}

describe('HighlightsSection', () => {
  it('a page that does not answer is said, as an alert; the message goes when the list is another tab\'s', async () => {
    const { root, tabId, error, click } = await render();
    await click();
    expect(error()).toBe('revealNoAnswer');
    expect(root.querySelector('[data-testid="highlights-reveal-error"]')?.getAttribute('role')).toBe('alert');
    tabId.value = 2;
    await nextTick();
    expect(error()).toBeNull();
  });
  it('a highlight the page cannot place now is said, and the list is read again', async () => {
    const { error, click } = await render();
    replies.reveal = false;
    const before = replies.pageCalls;
    await click();
    expect(error()).toBe('highlightsRevealGone');
    await vi.waitFor(() => expect(replies.pageCalls).toBe(before + 1));
  });
  it('a change to the stored highlights reads the list again, once for a burst of writes', async () => {
    await render();
    const before = replies.pageCalls;
    // An import writes in chunks, a few tens of milliseconds apart; other settings are not highlights.
    await fakeBrowser.storage.local.set({ 'hlb:0:https://a.gov.cn/r': { v: 2, items: [] } });
    await new Promise((r) => setTimeout(r, 40));
    await fakeBrowser.storage.local.set({ hlIndex: { v: 1, pages: {} } });
    await new Promise((r) => setTimeout(r, 40));
    await fakeBrowser.storage.local.set({ settings: {} });
    await vi.waitFor(() => expect(replies.pageCalls).toBe(before + 1), { timeout: 1000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(replies.pageCalls).toBe(before + 1);
  });
});
