import { browser } from 'wxt/browser';

/** UI strings come from _locales, so the browser's language picks English, 简体中文 or 繁體中文. */
export function t(key: string, subs?: string | string[]): string {
  // Message names allow only letters, digits and underscores.
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return browser.i18n.getMessage(name as never, subs as never) || key;
}

/** The lang attribute for our pages, from the UI language the browser picked. */
export function uiLang(): string {
  const l = browser.i18n.getUILanguage?.() ?? 'en';
  if (/^zh[-_](TW|HK|MO|Hant)/i.test(l)) return 'zh-Hant';
  if (/^zh/i.test(l)) return 'zh-Hans';
  return 'en';
}
