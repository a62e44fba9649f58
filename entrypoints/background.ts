import { browser, type Browser } from 'wxt/browser';
import { dispatch, type MessageHandlers } from '@/utils/core/messages';
import { errorMessage } from '@/utils/core/errors';
import { send } from '@/utils/extension/messaging';
import { dictService } from '@/utils/extension/dict-service';
import { glossaryService } from '@/utils/extension/glossary-service';
import { menuAction, menuItems } from '@/utils/core/reader/menus';
import { getSettings } from '@/utils/extension/storage/items';
import { allPages, deleteAnnotation, importAnnotations, listPage, putAnnotation } from '@/utils/extension/annotate/store';
import { frameRecord, type FrameRecord } from '@/utils/core/reader/frames';
import { FrameStore } from '@/utils/extension/frame-store';
import { scriptFromMenu } from '@/utils/extension/menu-script';
import { convertForPage, foldTable, prepareConverter } from '@/utils/extension/convert/service';

// A full or failing storage is reported, never swallowed: the page keeps the highlight and says so.
const failed = (e: unknown) => ({ ok: false, error: errorMessage(e) }) as const;

/** Tells the extension's pages (the settings page that asked) how far an import has got. */
function importProgress(done: number, total: number): void {
  void send({ type: 'hl-import-progress', done, total }).catch(() => undefined);
}

/** Runs one of our bundles (the page UI) in the content script's world of one frame. */
async function inject(tabId: number, frameId: number, file: string): Promise<boolean> {
  try {
    const scripting = (browser as unknown as { scripting?: { executeScript(o: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown> } }).scripting;
    if (scripting) await scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
    else await (browser.tabs as unknown as { executeScript(id: number, o: { file: string; frameId: number }): Promise<unknown> }).executeScript(tabId, { file, frameId });
    return true;
  } catch {
    return false;
  }
}

/** Opens the options page at the "add a term" form, pre-filled with the text (and pinyin, English, note). */
async function openAddTerm(text: string, fill: { pinyin?: string; english?: string; note?: string } = {}): Promise<void> {
  const params: Record<string, string> = { add: text };
  for (const [k, v] of Object.entries(fill)) if (v) params[k] = v;
  const url = (browser.runtime.getURL as (path: string) => string)('/options.html') + '#' + new URLSearchParams(params).toString();
  await browser.tabs.create({ url });
}

// Each frame's last status per tab (the reader runs in every frame): the badge, the popup and the
// side panel follow the frame that holds the report, also after the service worker restarts.
const frames = new FrameStore();

type Sender = Browser.runtime.MessageSender;
/** Injects into the sending tab's frame; a sender without a tab (an extension page) gets false. */
const injectFor = (sender: Sender, file: string) => (sender.tab?.id === undefined ? Promise.resolve(false) : inject(sender.tab.id, sender.frameId ?? 0, file));

const handlers: MessageHandlers<Sender> = {
  'page-status': (msg, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return Promise.resolve(false);
    return frames
      .record(tabId, sender.frameId ?? 0, frameRecord(msg.status))
      .then((best) => updateBadge(tabId, best))
      .then(() => true);
  },
  'get-report-frame': (msg) => frames.best(msg.tabId),
  'get-glossary-forms': () => glossaryService.forms(),
  'get-entries': (msg) => glossaryService.entries(msg.indices, msg.ids),
  'load-ui': (_msg, sender) => injectFor(sender, '/reader-ui.js'),
  'convert': (msg) => convertForPage(msg.mode, msg.profile, msg.items),
  'prepare-convert': (msg) => prepareConverter(msg.mode, msg.source, msg.profile),
  'get-fold-table': () => foldTable(),
  'hl-list': (msg) => listPage(msg.source),
  // Writes answer what happened (created, merged with an edit made elsewhere, deleted elsewhere…):
  // the tab shows what is stored, not its own guess.
  'hl-put': (msg) => putAnnotation(msg.annotation).catch(failed),
  'hl-delete': (msg) => deleteAnnotation(msg.source, msg.id).catch(failed),
  'hl-all': () => allPages(),
  'hl-import': (msg) => importAnnotations(msg.annotations, importProgress).catch(failed),
  'add-term': (msg) => openAddTerm(msg.text, { pinyin: msg.pinyin, english: msg.english, note: msg.note }).then(() => true),
  'dict-lookup': (msg) => dictService.lookup(msg.text),
};

export default defineBackground(() => {
  // Context menu: add a selection to the reader's own terms; show the page in another script.
  browser.runtime.onInstalled.addListener(() => {
    for (const { titleKey, ...item } of menuItems())
      browser.contextMenus.create({ ...item, title: browser.i18n.getMessage(titleKey as 'menuScript', ['%s']) });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const action = menuAction(info.menuItemId, info.selectionText, tab?.id, info.frameId);
    if (action?.kind === 'add-term') void openAddTerm(action.text);
    // To the tab's frames, as the page is one to the reader (menu-script.ts).
    else if (action?.kind === 'set-script') void scriptFromMenu(action, { reportedFrames: (tabId) => frames.frameIds(tabId) });
  });

  browser.tabs.onRemoved.addListener((tabId) => void frames.forget(tabId));
  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only our own content scripts and pages talk to us; anything else is dropped.
    if (sender.id !== browser.runtime.id) return undefined;
    return dispatch(handlers, raw, sender);
  });
});

async function updateBadge(tabId: number, status: FrameRecord): Promise<void> {
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
