import { ref } from 'vue';
import { browser } from 'wxt/browser';
import type { PageStatus } from '@/utils/core/messages';
import { reportFrame, sendToTab } from '@/utils/extension/messaging';

/** The tab the popup acts on: `?tabId=N` (tests, the side panel) or the active tab. */
export async function targetTabId(search = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null) {
    const n = Number(param);
    return Number.isInteger(n) && n >= 0 ? n : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function usePageStatus() {
  const status = ref<PageStatus | null>(null);
  const loading = ref(true);
  const unavailable = ref(false);
  const tabId = ref<number | null>(null);
  const frameId = ref(0);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      tabId.value = await targetTabId();
      if (tabId.value === null) throw new Error('no tab');
      // The content script may still be starting: ask a few times before giving up.
      for (let attempt = 0; attempt < 6; attempt++) {
        // The reader runs in every frame: speak for the one holding the report (an iframe maybe).
        frameId.value = await reportFrame(tabId.value);
        let res = await sendToTab(tabId.value, { type: 'get-status' }, frameId.value).catch(() => null);
        // That frame is gone (its page replaced it): the top frame then.
        if (!res && frameId.value !== 0) res = await sendToTab(tabId.value, { type: 'get-status' }, (frameId.value = 0)).catch(() => null);
        // A frame that only has Han text (not Chinese) is found when the top page reported nothing;
        // a top page with Han text of its own comes first.
        if (res && frameId.value !== 0 && res.state === 'not-chinese') {
          const top = await sendToTab(tabId.value, { type: 'get-status' }, 0).catch(() => null);
          if (top?.hasHan) [res, frameId.value] = [top, 0];
        }
        if (res) {
          status.value = res;
          unavailable.value = false;
          return;
        }
        await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
      }
      unavailable.value = true;
    } catch {
      unavailable.value = true;
    } finally {
      loading.value = false;
    }
  }

  return { status, loading, unavailable, tabId, frameId, load };
}
