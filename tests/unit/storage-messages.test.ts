import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS } from '@/utils/core/settings';
import { getSettings, getSiteMode, setSiteMode, settingsItem, siteModesItem } from '@/utils/extension/storage/items';
import { parseMessage, isPageStatus, type PageStatus } from '@/utils/core/messages';
import { readerState, htmlMarker, noSwitchReason, switchOffered } from '@/utils/core/reader/state';
import { otherScript, profileFor } from '@/utils/core/convert/modes';

beforeEach(() => fakeBrowser.reset());

describe('site modes', () => {
  it('defaults to automatic and stores per host', async () => {
    expect(await getSiteMode('www.huzhou.gov.cn')).toBe('auto');
    await setSiteMode('www.huzhou.gov.cn', 'off');
    expect(await getSiteMode('www.huzhou.gov.cn')).toBe('off');
    expect(await getSiteMode('example.com')).toBe('auto');
    await setSiteMode('www.huzhou.gov.cn', 'auto');
    expect(await siteModesItem.getValue()).toEqual({});
  });

  it('ignores values it does not know (hand-edited or from a newer version)', async () => {
    await fakeBrowser.storage.local.set({ siteModes: { 'a.cn': 'sometimes' } });
    expect(await getSiteMode('a.cn')).toBe('auto');
  });

  it('lives under the documented storage key', async () => {
    await setSiteMode('a.cn', 'on');
    expect(await fakeBrowser.storage.local.get('siteModes')).toEqual({ siteModes: { 'a.cn': 'on' } });
  });
});

describe('settings', () => {
  it('fills gaps from defaults', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { autoScope: 'reports', hoverDelayMs: 99999, marking: 'bogus' } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, autoScope: 'reports', hoverDelayMs: 2000 });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, showBadge: false, marking: 'first' });
    expect(await getSettings()).toMatchObject({ showBadge: false, marking: 'first' });
  });
});

const status: PageStatus = {
  host: 'a.cn',
  url: 'https://a.cn/x',
  mode: 'auto',
  state: 'report',
  detection: { isReport: true, isChinese: true, score: 9, reasons: [{ id: 'issuer', points: 3, evidence: '湖州市人民政府' }], script: 'traditional', cjkShare: 0.98 },
  termCount: 12,
  script: 'original',
  hasHan: true,
  timing: { probeMs: 0.1, modelMs: 1, detectMs: 1, totalMs: 2, glossaryMs: 3, markMs: 1, convertLoadMs: 0, convertMs: 0, convertFirstMs: 0, convertBusyMs: 0, convertAheadChars: 0, anchorMs: 0, matcherMs: 0 },
};

describe('messages', () => {
  it('accepts well-formed messages', () => {
    expect(parseMessage({ type: 'get-status' })).toEqual({ type: 'get-status' });
    expect(parseMessage({ type: 'page-status', status })).toEqual({ type: 'page-status', status });
  });

  it('refuses anything else', () => {
    expect(parseMessage(null)).toBeNull();
    expect(parseMessage('get-status')).toBeNull();
    expect(parseMessage({ type: 'eval', code: '1' })).toBeNull();
    expect(parseMessage({ type: 'page-status', status: { ...status, state: 'hacked' } })).toBeNull();
    expect(parseMessage({ type: 'page-status', status: { ...status, termCount: -1 } })).toBeNull();
    expect(isPageStatus({ ...status, detection: { ...status.detection, reasons: [{ id: 'x', points: 1, evidence: '' }] } })).toBe(false);
    expect(isPageStatus({ ...status, mode: 'sometimes' })).toBe(false);
    expect(isPageStatus({ ...status, timing: undefined })).toBe(false);
    expect(isPageStatus({ ...status, hasHan: undefined })).toBe(false);
  });

  it('answers a set-script with an unknown mode with an error instead of dropping it', () => {
    expect(parseMessage({ type: 'set-script', mode: 'zh-Hans' })).toEqual({ type: 'set-script', mode: 'zh-Hans' });
    expect(parseMessage({ type: 'set-script', mode: 'klingon' })).toEqual({ type: 'set-script-invalid', mode: 'klingon' });
  });

  it('keeps a set-script\'s request to tell the reader on the page only when it is exactly true', () => {
    expect(parseMessage({ type: 'set-script', mode: 'zh-TW', tell: true })).toEqual({ type: 'set-script', mode: 'zh-TW', tell: true });
    expect(parseMessage({ type: 'script-unavailable', text: '<b>x</b>' })).toEqual({ type: 'script-unavailable' });
    for (const tell of ['true', 1, {}, false]) expect(parseMessage({ type: 'set-script', mode: 'zh-TW', tell })).toEqual({ type: 'set-script', mode: 'zh-TW' });
  });

  it('takes conversion requests only in a known mode, profile and shape', () => {
    const items = [{ source: 'simplified', parts: ['规范', '性文件'] }];
    expect(parseMessage({ type: 'convert', mode: 'zh-TW', profile: 'government', items })).toEqual({ type: 'convert', mode: 'zh-TW', profile: 'government', items });
    expect(parseMessage({ type: 'convert', mode: 'original', profile: 'government', items })).toBeNull();
    expect(parseMessage({ type: 'convert', mode: 'zh-TW', profile: 'any', items })).toBeNull();
    expect(parseMessage({ type: 'convert', mode: 'zh-TW', profile: 'general', items: [{ source: 'cyrillic', parts: ['a'] }] })).toBeNull();
    expect(parseMessage({ type: 'convert', mode: 'zh-TW', profile: 'general', items: [{ source: 'simplified', parts: [1] }] })).toBeNull();
  });

  it('takes a request to prepare a converter only for a known mode, source and profile', () => {
    const ok = { type: 'prepare-convert', mode: 'zh-Hans', source: 'traditional', profile: 'government' };
    expect(parseMessage(ok)).toEqual(ok);
    for (const bad of [{ ...ok, mode: 'original' }, { ...ok, mode: '__proto__' }, { ...ok, source: 'unknown' }, { ...ok, profile: 'any' }]) expect(parseMessage(bad)).toBeNull();
  });

  it('names the switch target and the restore a page needs', () => {
    expect(otherScript('traditional')).toBe('zh-Hans');
    expect(otherScript('simplified')).toBe('zh-TW');
    expect(otherScript('unknown')).toBe('zh-TW');
    expect(profileFor(true)).toBe('government');
    expect(profileFor(false)).toBe('general');
  });
});

describe('reader state', () => {
  const settings = { ...DEFAULT_SETTINGS, autoScope: 'chinese' as const };
  it('follows the site choice, then detection, then the scope setting', () => {
    expect(readerState('off', settings, { isReport: true, isChinese: true })).toBe('off');
    expect(readerState('auto', settings, { isReport: true, isChinese: true })).toBe('report');
    expect(readerState('auto', settings, { isReport: false, isChinese: true })).toBe('zh');
    expect(readerState('auto', { ...settings, autoScope: 'reports' }, { isReport: false, isChinese: true })).toBe('off');
    expect(readerState('on', { ...settings, autoScope: 'reports' }, { isReport: false, isChinese: true })).toBe('zh');
    expect(readerState('auto', settings, { isReport: false, isChinese: false })).toBe('not-chinese');
    expect(htmlMarker('report')).toBe('report');
    expect(htmlMarker('zh')).toBe('zh');
    expect(htmlMarker('off')).toBeNull();
  });

  it('offers the script switch wherever there is Han text, unless the site is turned off', () => {
    // The automatic scope (reports only) turns the reader off on a Chinese page that is not a report;
    // the switch stays. Only the reader's own "never on this site" takes it away.
    for (const mode of ['auto', 'on'] as const) expect(switchOffered(true, mode)).toBe(true);
    expect(switchOffered(true, 'off')).toBe(false);
    for (const mode of ['auto', 'on', 'off'] as const) expect(switchOffered(false, mode)).toBe(false);
  });

  it('says why the switch is not offered: no Han text first, then the site turned off; nothing where it is', () => {
    for (const mode of ['auto', 'on', 'off'] as const) expect(noSwitchReason(false, mode)).toBe('scriptNoHan');
    expect(noSwitchReason(true, 'off')).toBe('scriptSiteOff');
    for (const mode of ['auto', 'on'] as const) expect(noSwitchReason(true, mode)).toBeNull();
  });
});
