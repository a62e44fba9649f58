import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApp, h, nextTick, type App } from 'vue';
import DictEntries from '@/components/DictEntries.vue';
import TermPopover from '@/components/TermPopover.vue';
import { lookup, type DictLookupReply } from '@/utils/core/dict';
import { sampleDict } from './dict-sample';

let app: App | null = null;
// UI strings are not under test: their keys stand in for them.
beforeEach(() => vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((k: string) => k));
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.innerHTML = '';
});

function render(component: unknown, props: Record<string, unknown>): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  app = createApp({ render: () => h(component as never, props) });
  app.mount(root);
  return root;
}

const ids = (root: HTMLElement, id: string) => [...root.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.textContent?.trim());

describe('DictEntries', () => {
  it('renders one dict-entry per entry with headword, other script, pinyin and each definition', () => {
    const root = render(DictEntries, { reply: lookup(sampleDict(), '着力激发') });
    const entries = root.querySelectorAll('[data-testid="dict-entry"]');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.getAttribute('data-word')).toBe('着力');
    expect(ids(root, 'dict-headword')).toEqual(['着力']);
    expect(root.querySelector('.other')?.textContent).toBe('著力');
    expect(ids(root, 'dict-pinyin')).toEqual(['zhuólì']);
    expect(ids(root, 'dict-definition')).toEqual(['to put effort into sth', 'to try really hard']);
    const inside = root.querySelector('[data-testid="dict-subwords"]') as HTMLDetailsElement;
    expect(inside.tagName).toBe('DETAILS');
    expect(inside.open).toBe(false);
    expect([...inside.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['着', '力']);
  });

  it('shows the headword in the page\'s script, data-word in Simplified', () => {
    const root = render(DictEntries, { reply: lookup(sampleDict(), '着力'), script: 'traditional' });
    expect(ids(root, 'dict-headword')).toEqual(['著力']);
    expect(root.querySelector('[data-testid="dict-entry"]')!.getAttribute('data-word')).toBe('着力');
  });

  it('renders markup in definitions as text', () => {
    const reply: DictLookupReply = { word: '提', script: 'simplified', entries: [{ simplified: '提', traditional: '提', pinyin: 'tí', pinyinNumbered: 'ti2', definitions: ['<img src=x onerror=alert(1)>'], proper: false }], subwords: [], chars: [] };
    const root = render(DictEntries, { reply });
    expect(root.querySelector('img')).toBeNull();
    expect(ids(root, 'dict-definition')).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

describe('TermPopover with dictionary entries', () => {
  const base = { view: null, related: [], loading: false, error: '', pinned: false, copied: false, canHighlight: false, highlighted: false };
  it('shows a dictionary-only popover labelled by its headword', async () => {
    const root = render(TermPopover, { ...base, dict: lookup(sampleDict(), '巩固') });
    await nextTick();
    const dialog = root.querySelector('[data-testid="term-popover"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('br-dict-headword');
    expect(root.querySelector('#br-dict-headword')?.textContent).toBe('巩固');
    expect(ids(root, 'dict-definition')).toEqual(['to consolidate; to strengthen', 'firm; solid; stable']);
  });
});
