import { browser } from 'wxt/browser';
import { parseMessage, type PageStatus } from '@/utils/messages';
import { getSettings } from '@/utils/storage/items';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only our own content scripts and pages talk to us; anything else is dropped.
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = parseMessage(raw);
    if (!msg) return undefined;
    if (msg.type === 'page-status' && sender.tab?.id !== undefined) {
      return updateBadge(sender.tab.id, msg.status).then(() => true);
    }
    return undefined;
  });
});

async function updateBadge(tabId: number, status: PageStatus): Promise<void> {
  const settings = await getSettings();
  const show = settings.showBadge && status.state === 'report';
  const text = !show ? '' : status.termCount ? String(Math.min(status.termCount, 999)) : '✓';
  const title = show ? browser.i18n.getMessage('badgeReportTitle') : browser.i18n.getMessage('extName');
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  try {
    await action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
    await action.setBadgeText({ tabId, text });
    await action.setTitle({ tabId, title });
  } catch {
    // The tab closed or navigated away between the message and now: nothing to show.
  }
}
