import { describe, expect, it } from 'vitest';
import { menuAction, menuItems, noFrameSwitched, READER_PAGES, scriptTargets } from '@/utils/core/reader/menus';
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
    expect(menuAction('script:zh-TW', undefined, 7)).toEqual({ kind: 'set-script', tabId: 7, frameId: 0, mode: 'zh-TW' });
    expect(menuAction('script:original', undefined, 7, 12)).toEqual({ kind: 'set-script', tabId: 7, frameId: 12, mode: 'original' });
    expect(menuAction('script:zh-XX', undefined, 7)).toBeNull();
    expect(menuAction('script', undefined, 7)).toBeNull();
    expect(menuAction('script:zh-TW', undefined, undefined)).toBeNull();
  });

  it('asks the top frame, the frame right-clicked and every frame that reported, each once', () => {
    expect(scriptTargets([], 0)).toEqual([0]);
    expect(scriptTargets([], 9)).toEqual([0, 9]);
    expect(scriptTargets([4, 0, 9], 9)).toEqual([0, 4, 9]);
  });
  it('says no frame took the switch only when each said no or could not be reached', () => {
    const yes = { status: 'fulfilled', value: true } as const;
    const no = { status: 'fulfilled', value: false } as const;
    const failed = { status: 'fulfilled', value: { error: 'dictionary x' } } as const;
    const gone = { status: 'rejected', reason: new Error('Could not establish connection') } as const;
    expect(noFrameSwitched([no])).toBe(true);
    expect(noFrameSwitched([no, gone])).toBe(true);
    expect(noFrameSwitched([no, yes])).toBe(false);
    // A frame that took it and failed has said why on the page itself.
    expect(noFrameSwitched([gone, failed])).toBe(false);
  });
});
