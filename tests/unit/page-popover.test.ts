// PagePopover's related terms: a click on one always answers (its entry, or a message saying it could
// not be loaded), and the dictionary reply of the term it was opened from, if that comes late, does
// not join it. The page UI is a recording fake (the real one is a Vue bundle, tested in the browser).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PageTextModel } from '@/utils/dom/text/model';
import { PagePopover, type PopoverHost } from '@/entrypoints/reader.content/popover';
import type { EntryStore } from '@/entrypoints/reader.content/entries';
import type { GlossarySession } from '@/entrypoints/reader.content/glossary-session';
import type { WordLookup } from '@/entrypoints/reader.content/word-lookup';
import type { LookupHit } from '@/entrypoints/reader.content/scanner';
import { UI_GLOBAL, type PopoverContent } from '@/components/page/ui-port';
import type { DictLookupReply } from '@/utils/core/dict/lookup';

interface Shown {
  content: Promise<PopoverContent>;
}

/** The page UI as far as PagePopover drives it: what it was asked to show, in order. */
function fakeUi() {
  const shown: Shown[] = [];
  const dicts: (DictLookupReply | null)[] = [];
  const ui = {
    isOpen: false,
    state: { pinned: false, view: null as PopoverContent['view'] },
    async show(_anchor: unknown, load: () => Promise<PopoverContent>) {
      ui.isOpen = true;
      const content = load();
      content.catch(() => undefined);
      shown.push({ content });
      ui.state.view = (await content.catch(() => null))?.view ?? null;
    },
    showDict(d: DictLookupReply | null) {
      dicts.push(d);
    },
    announce() {},
    async showToolbar() {},
    copied: 0,
    markCopied() {
      ui.copied++;
    },
    alerts: [] as string[],
    alert(text: string) {
      ui.alerts.push(text);
    },
  };
  return { ui, shown, dicts };
}

const view = (headword: string) => ({ headword }) as unknown as PopoverContent['view'];

function setup(indexOf: (id: string) => Promise<number | null>, lateDict = false, dict: DictLookupReply | null = null) {
  document.documentElement.innerHTML = '<head></head><body><p>行政复议和三统一</p></body>';
  const model = new PageTextModel(document).build();
  const block = model.blocks[0]!;
  const { ui, shown, dicts } = fakeUi();
  (globalThis as Record<string, unknown>)[UI_GLOBAL] = { createTermUi: () => ui };
  let answerDict: (r: DictLookupReply | null) => void = () => undefined;
  const dictReply = lateDict ? new Promise<DictLookupReply | null>((r) => (answerDict = r)) : Promise.resolve(dict);
  const words = { at: () => dictReply, show() {} } as unknown as WordLookup;
  const session = { glossaryCount: 10, userTerms: [], notes: { base: 10 }, exactTerm: (text: string) => (text === '三统一' ? 5 : null) } as unknown as GlossarySession;
  const entries = {
    indexOf,
    content: async (_s: GlossarySession, index: number) => ({ view: view(`entry ${index}`), related: [] }),
  } as unknown as EntryStore;
  const host: PopoverHost = { annotator: () => null, words: () => words, session: () => session, script: () => 'simplified', shown() {} };
  const popover = new PagePopover({} as never, model, entries, host);
  const hit: LookupHit = { kind: 'term', entry: 3, blockId: block.id, start: 0, end: 4, caret: 0 };
  return { popover, hit, shown, dicts, answerDict, ui };
}

describe('PagePopover: related terms', () => {
  beforeEach(() => {
    vi.useRealTimers();
    // The message's key stands for its text.
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string) => key) as typeof browser.i18n.getMessage);
  });
  afterEach(() => delete (globalThis as Record<string, unknown>)[UI_GLOBAL]);

  it('opens the related entry in the popover', async () => {
    const { popover, hit, shown } = setup(async (id) => (id === 'sttyi' ? 7 : null));
    await popover.open(hit, false);
    popover.openRelated('sttyi');
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    expect((await shown[1]!.content).view).toEqual(view('entry 7'));
  });

  it('says so in the popover when the related entry cannot be had, instead of doing nothing', async () => {
    const { popover, hit, shown } = setup(async () => null);
    await popover.open(hit, false);
    popover.openRelated('gone');
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    await expect(shown[1]!.content).rejects.toThrow('popoverLoadError');
  });

  it('a late dictionary reply for the term it came from does not join the related entry', async () => {
    const { popover, hit, shown, dicts, answerDict } = setup(async () => 7, true);
    // The term's popover opens without the dictionary (it waits 40 ms for it) and takes it when it comes.
    const opened = popover.open(hit, false);
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 60));
    popover.openRelated('sttyi');
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    answerDict({ word: '行政复议', entries: [] } as unknown as DictLookupReply);
    await opened;
    expect(dicts).toEqual([]);
  });

  it('the copy key copies the related entry shown', async () => {
    const { popover, hit, shown } = setup(async () => 7);
    await popover.open(hit, false);
    popover.openRelated('sttyi');
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    await shown[1]!.content;
    const copy = vi.spyOn(popover, 'copy').mockResolvedValue(true);
    popover.popoverKey('copy');
    expect(copy).toHaveBeenCalledWith(expect.objectContaining({ view: view('entry 7') }));
  });

  it('a clipboard that refuses gets a message, and the popover does not say copied', async () => {
    const dict = { word: '行政复议', entries: [{ simplified: '行政复议', traditional: '行政複議', pinyin: 'xíngzhèng fùyì', definitions: ['administrative review'] }] } as unknown as DictLookupReply;
    const { popover, hit, ui } = setup(async () => 7, false, dict);
    await popover.open(hit, false);
    // The copy key copies the word's dictionary entries when no glossary view is shown.
    ui.state.view = null;
    const write = vi.fn().mockRejectedValue(new DOMException('blocked by permissions policy', 'NotAllowedError'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: write }, configurable: true });
    expect(await popover.copy({ view: null, related: [], dict })).toBe(false);
    await vi.waitFor(() => expect(ui.alerts).toEqual(['copyFailed']));
    popover.popoverKey('copy');
    await vi.waitFor(() => expect(ui.alerts).toHaveLength(2));
    expect(ui.copied).toBe(0);
    write.mockResolvedValue(undefined);
    expect(await popover.copy({ view: null, related: [], dict })).toBe(true);
    expect(write).toHaveBeenLastCalledWith('行政复议 行政複議 [xíngzhèng fùyì] administrative review');
    popover.popoverKey('copy');
    await vi.waitFor(() => expect(ui.copied).toBe(1));
  });

  it('add term asks the background for its form, and says so when the background cannot be asked', async () => {
    const { popover, ui } = setup(async () => 7);
    const sent = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(true as never);
    popover.addTerm('开门听建议'.repeat(10), 'a note');
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({ type: 'add-term', text: '开门听建议'.repeat(8), note: 'a note' });
    await new Promise((r) => setTimeout(r, 0));
    expect(ui.alerts).toEqual([]);
    // A content script the extension's update left behind: the message cannot be sent.
    sent.mockRejectedValue(new Error('Extension context invalidated.'));
    popover.addTerm('开门听建议');
    await vi.waitFor(() => expect(ui.alerts).toEqual(['addTermNoAnswer']));
  });

  it('a selected term looked up is shown, and the late dictionary reply of the earlier lookup does not join it', async () => {
    const { popover, hit, shown, dicts, answerDict } = setup(async () => 7, true);
    const opened = popover.open(hit, false);
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 60));
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('p')!);
    await popover.select({ range, text: '三统一' });
    popover.lookUpSelection();
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    expect((await shown[1]!.content).view).toEqual(view('entry 5'));
    answerDict({ word: '行政复议', entries: [] } as unknown as DictLookupReply);
    await opened;
    expect(dicts).toEqual([]);
  });
});
