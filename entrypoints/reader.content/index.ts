import './highlights.css';
import { browser } from 'wxt/browser';
import { guardInstance } from '@/utils/dom/instance-guard';
import { READER_PAGES } from '@/utils/core/reader/menus';
import { Reader } from './reader';

export default defineContentScript({
  matches: [...READER_PAGES],
  // A report shown in an iframe is read there: each frame runs its own reader and text model.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // highlights.css goes into the manifest so it is in place before the page's first layout.
  // The page UI brings its own styles into its shadow root (see reader-ui.ts).
  cssInjectionMode: 'manifest',
  // WXT would also announce each start with window.postMessage, which the page sees (and which
  // tells it our extension id). Its DOM-event announcement stays; guardInstance vets it.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // WXT keeps the context's id private; it is the messageId of our own announcement.
    const ownId = (ctx as unknown as { id?: unknown }).id;
    if (typeof ctx === 'object' && typeof ownId === 'string') {
      const stop = guardInstance({
        eventName: `${browser.runtime.id}:reader:wxt:content-script-started`,
        ownId,
        runtimeAlive: () => browser.runtime?.id != null,
        invalidate: () => ctx.notifyInvalidated(),
      });
      ctx.onInvalidated(stop);
    }
    new Reader(ctx).start();
  },
});
