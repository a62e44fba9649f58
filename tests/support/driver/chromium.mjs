// The shared-scenario driver for Chromium: Playwright over CDP, the extension loaded unpacked
// (tests/support/browser.mjs), extension APIs reached through its service worker.
import { launchWithExtension, statusOf, tabIdOf } from '../browser.mjs';
import { DriverPage } from './page.mjs';

function adapt(p) {
  return {
    evaluate: (fn, arg) => p.evaluate(fn, arg),
    waitFor: (fn, arg, timeout) => p.waitForFunction(fn, arg, { timeout, polling: 100 }),
    mouse: p.mouse,
    press: (combo) => p.keyboard.press(combo),
    goto: (url) => p.goto(url),
    reload: () => p.reload(),
    url: () => p.url(),
    front: () => p.bringToFront(),
    close: () => p.close(),
    setInputFile: (selector, path) => p.locator(selector).setInputFiles(path),
  };
}

export async function launchChromium() {
  const ext = await launchWithExtension();
  const focus = { front: null };
  const wrap = (p) => Object.assign(new DriverPage(adapt(p), focus), { playwright: p });
  const worker = () => ext.context.serviceWorkers()[0] ?? ext.serviceWorker;
  return {
    name: 'chromium',
    ext,
    origin: '',
    /** A web page in a new tab; `path` is relative to the test server. */
    async open(path) {
      const p = await ext.context.newPage();
      await p.goto(/^[a-z]+:/.test(path) ? path : `${this.origin}/${path}`);
      return wrap(p);
    },
    /** popup.html, sidepanel.html, options.html… of the extension, in a new tab. */
    async openExtensionPage(path) {
      const p = await ext.context.newPage();
      await p.goto(`chrome-extension://${ext.extensionId}/${path}`);
      return wrap(p);
    },
    async tabIdOf(page) {
      focus.front = page;
      return tabIdOf(ext, page.playwright);
    },
    /** Runs `fn(arg)` in the extension's background, where `chrome` is the extension API. */
    inExtension(fn, arg) {
      return worker().evaluate(fn, arg);
    },
    async status(page) {
      focus.front = page;
      return statusOf(ext, page.playwright);
    },
    close: () => ext.close(),
  };
}
