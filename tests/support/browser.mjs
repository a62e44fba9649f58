// Starts Debian's Chromium with the built extension loaded. Never downloads a browser.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';

export const EXTENSION_DIR = resolve(new URL('../../.output/chrome-mv3', import.meta.url).pathname);

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const p = execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim();
    if (p) return p;
  } catch {
    /* not on PATH */
  }
  return null;
}

export const CHROMIUM_HINT = 'Chromium not found. Install it with: sudo apt-get install -y chromium fonts-noto-cjk';

/**
 * Launches Chromium with the extension. Returns { context, extensionId, serviceWorker, close }.
 * @param {{headless?: boolean, extensionDir?: string, lang?: string}} opts
 */
export async function launchWithExtension(opts = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'bilingual-reader-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    locale: opts.lang ?? 'en-US',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
    ],
  });
  let [serviceWorker] = context.serviceWorkers();
  if (!serviceWorker) serviceWorker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Id of the tab showing `page`. The extension has no "tabs" permission (it does not need one), so
 * tab URLs are hidden from it: bring the page to the front and ask for the active tab.
 */
export async function tabIdOf(ext, page) {
  await page.bringToFront();
  const sw = ext.context.serviceWorkers()[0] ?? ext.serviceWorker;
  return sw.evaluate(async () => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tabs[0]?.id ?? null;
  });
}

/** Opens the popup as a page acting on `page`'s tab. */
export async function openPopup(ext, page) {
  const tabId = await tabIdOf(ext, page);
  if (tabId === null) throw new Error(`no tab for ${page.url()}`);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}

/** Reads the content script's status for `page` through the extension. */
export async function statusOf(ext, page) {
  const tabId = await tabIdOf(ext, page);
  if (tabId === null) return null;
  const sw = ext.context.serviceWorkers()[0] ?? ext.serviceWorker;
  return sw.evaluate(async (id) => chrome.tabs.sendMessage(id, { type: 'get-status' }).catch(() => null), tabId);
}

/** Waits until the content script has a status for the page (it runs at document_idle). */
export async function waitForStatus(ext, page, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await statusOf(ext, page);
    if (s) return s;
    if (Date.now() > end) throw new Error(`no status from the content script on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Shows `page` in a script through the popup's switch, as a reader would, then brings the page back. */
export async function setScriptFromPopup(ext, page, mode) {
  const popup = await openPopup(ext, page);
  await popup.getByTestId(`script-${mode}`).waitFor();
  await popup.getByTestId(`script-${mode}`).click();
  await popup.waitForFunction((m) => document.querySelector(`[data-testid="script-${m}"]`)?.getAttribute('aria-pressed') === 'true', mode);
  await popup.close();
  await page.bringToFront();
}

/**
 * Stops the extension's service worker through CDP and waits until it is seen stopped (anything
 * the extension is doing may wake it right after a stop: then it is stopped again). True if stopped.
 */
export async function stopServiceWorker(ext, page) {
  const cdp = await ext.context.newCDPSession(page);
  const status = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => versions.forEach((v) => status.set(v.versionId, v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  const stopped = () => status.size > 0 && [...status.values()].every((s) => s === 'stopped');
  for (let attempt = 0; attempt < 3 && !stopped(); attempt++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const end = Date.now() + 5000;
    while (!stopped() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }
  await cdp.detach();
  return stopped();
}

/** The frame of `page` whose address ends with `path`, once it has loaded (10 s at most). */
export async function frameOf(page, path) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().endsWith(path));
    if (frame) {
      await frame.waitForFunction(() => document.readyState === 'complete');
      return frame;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no frame of ${page.url()} loaded ${path}`);
}
