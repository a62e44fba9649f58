import { describe, expect, it } from 'vitest';
import { menuAction, menuItems, READER_PAGES } from '@/utils/core/reader/menus';
import { SCRIPT_MODES } from '@/utils/core/convert/modes';
import en from '../../public/_locales/en/messages.json';

describe('context menu', () => {
  it('offers the script on the pages the reader runs on, in frames too, and every item has its message', () => {
    const items = menuItems();
    const script = items.filter((i) => i.id === 'script' || i.parentId === 'script');
    expect(script.map((i) => i.id)).toEqual(['script', ...SCRIPT_MODES.map((m) => `script:${m}`)]);
    for (const i of script) {
      expect(i.contexts).toEqual(['page', 'frame']);
      expect(i.documentUrlPatterns).toEqual(READER_PAGES);
    }
    expect(items.find((i) => i.id === 'add-term')?.contexts).toEqual(['selection']);
    for (const i of items) expect(en, i.titleKey).toHaveProperty(i.titleKey);
  });
  it('routes a click: a selection to add (trimmed, 40 characters at most), a mode to the tab; nothing for the rest', () => {
    expect(menuAction('add-term', '  行政复议 ', 3)).toEqual({ kind: 'add-term', text: '行政复议' });
    expect(menuAction('add-term', '字'.repeat(60), 3)).toEqual({ kind: 'add-term', text: '字'.repeat(40) });
    expect(menuAction('add-term', '   ', 3)).toBeNull();
    expect(menuAction('script:zh-TW', undefined, 7)).toEqual({ kind: 'set-script', tabId: 7, mode: 'zh-TW' });
    expect(menuAction('script:original', undefined, 7)).toEqual({ kind: 'set-script', tabId: 7, mode: 'original' });
    expect(menuAction('script:zh-XX', undefined, 7)).toBeNull();
    expect(menuAction('script', undefined, 7)).toBeNull();
    expect(menuAction('script:zh-TW', undefined, undefined)).toBeNull();
  });
});
