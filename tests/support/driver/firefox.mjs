// The shared-scenario driver for Firefox: Debian's firefox-esr driven by Puppeteer over WebDriver
// BiDi, the build installed as a temporary add-on. Never downloads a browser.
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DriverPage } from './page.mjs';

export const FIREFOX_EXTENSION_DIR = resolve(new URL('../../../.output/firefox-mv2', import.meta.url).pathname);
export const FIREFOX_HINT = 'Firefox not found. Install it with: sudo apt-get install -y firefox-esr fonts-noto-cjk';
export const GECKO_ID = 'bilingual-reader@bilingual-reader.app';
// Fixed through extensions.webextensions.uuids so that the tests know the moz-extension:// origin.
const EXTENSION_UUID = '0b5e1c4a-6d2f-4e8b-9a37-b11e9a1f2e01';

export function findFirefox() {
  for (const c of [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']) if (c && existsSync(c)) return c;
  return null;
}

async function press(keyboard, combo) {
  const keys = combo.split('+');
  const key = keys.pop();
  for (const m of keys) await keyboard.down(m);
  await keyboard.press(key);
  for (const m of keys.reverse()) await keyboard.up(m);
}

function adapt(p, fixedUrl) {
  return {
    evaluate: (fn, arg) => p.evaluate(fn, arg),
    waitFor: (fn, arg, timeout) => p.waitForFunction(fn, { timeout, polling: 100 }, arg),
    mouse: p.mouse,
    press: (combo) => press(p.keyboard, combo),
    goto: (url) => p.goto(url),
    reload: () => p.reload(),
    // Puppeteer does not follow a tab into the extension's origin (see openExtensionPage).
    url: () => fixedUrl ?? p.url(),
    front: () => p.bringToFront(),
    close: () => p.close(),
    setInputFile: async (selector, path) => {
      const input = await p.$(selector);
      await input.uploadFile(path);
    },
  };
}

/**
 * Debian's Firefox ESR, headless, with the add-on in `dir` (its gecko id `id`) installed as a
 * temporary add-on whose pages are at moz-extension://`uuid`/; no add-on without `dir`.
 */
export async function startFirefox({ dir, id, uuid, prefs = {} } = {}) {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_HINT);
  if (dir && !existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension in ${dir}${dir === FIREFOX_EXTENSION_DIR ? ': run npm run build:firefox first' : ''}`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Firefox 153 lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...(dir ? { 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) } : {}), ...prefs },
  });
  if (!dir) return browser;
  try {
    const installed = await browser.installExtension(resolve(dir));
    if (installed !== id) throw new Error(`installed ${installed} from ${dir}, expected ${id}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return browser;
}

/**
 * Navigates `p` to a page of an add-on and waits for its document: WebDriver navigation into an
 * add-on's origin never reports a load. The document being left is marked first, so that the same
 * URL loaded again is told apart from it.
 */
export async function gotoExtensionPage(p, url, timeout = 20_000) {
  await p.evaluate(() => (window.__leaving = true)).catch(() => undefined);
  p.goto(url, { timeout: 60_000 }).catch(() => undefined);
  const end = Date.now() + timeout;
  for (;;) {
    const ok = await p.evaluate((u) => !window.__leaving && location.href === u && document.readyState === 'complete', url).catch(() => false);
    if (ok) return;
    if (Date.now() > end) throw new Error(`${url} did not load`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefox() {
  const browser = await startFirefox({
    dir: FIREFOX_EXTENSION_DIR,
    id: GECKO_ID,
    uuid: EXTENSION_UUID,
    prefs: { 'intl.locale.requested': 'en-US', 'intl.accept_languages': 'en-US' },
  });
  const focus = { front: null };
  // The first window's blank tab: web pages open next to it, extension pages in a window of their own.
  const [home] = await browser.pages();
  const origin = `moz-extension://${EXTENSION_UUID}`;
  // Extension pages (popup, sidebar page, settings) open one at a time in a window of their own, so
  // that the page they act on stays the visible tab of its window (Firefox throttles hidden tabs);
  // opening a window costs seconds, so there is one, navigated from page to page: a scenario holds
  // one extension page at a time (the previous one is gone when the next opens).
  let extWindow = null;
  let extPage = null;

  async function openExtensionPage(path) {
    const url = `${origin}/${path}`;
    // (The popup may close itself, as it does after opening the sidebar.)
    if (!extWindow || extWindow.isClosed()) extWindow = await browser.newPage({ type: 'window' });
    const p = extWindow;
    await gotoExtensionPage(p, url);
    const raw = adapt(p, url);
    // Closing leaves the window for the next extension page.
    raw.close = async () => undefined;
    extPage = new DriverPage(raw, focus);
    return extPage;
  }

  async function inExtension(fn, arg) {
    // Any extension page has the extension APIs; the popup without ?tabId is a harmless one.
    if (!extPage || extWindow.isClosed()) await openExtensionPage('popup.html');
    return extPage.evaluate(fn, arg);
  }

  const driver = {
    name: 'firefox',
    browser,
    extensionOrigin: origin,
    origin: '',
    async open(path) {
      // A new tab opens in the window last in front: make that the web pages' window.
      await home.bringToFront();
      const p = await browser.newPage();
      await p.goto(/^[a-z]+:/.test(path) ? path : `${this.origin}/${path}`);
      const page = new DriverPage(adapt(p), focus);
      focus.front = page;
      return page;
    },
    openExtensionPage,
    /** Tab URLs are visible to the extension through its host permissions: find the page's by its URL. */
    async tabIdOf(page) {
      const url = await page.evaluate(() => location.href);
      const id = await inExtension(async (u) => {
        const tabs = await browser.tabs.query({});
        const mine = tabs.filter((t) => t.url === u).map((t) => t.id);
        return mine.length ? Math.max(...mine) : null;
      }, url);
      if (id === null) throw new Error(`no tab for ${url}`);
      return id;
    },
    /** Runs `fn(arg)` in an extension page, where `browser` (and `chrome`) is the extension API. */
    inExtension,
    async status(page) {
      const id = await driver.tabIdOf(page);
      return inExtension((t) => browser.tabs.sendMessage(t, { type: 'get-status' }).catch(() => null), id);
    },
    close: () => browser.close(),
  };
  return driver;
}
