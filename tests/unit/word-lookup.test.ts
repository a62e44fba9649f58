// Any-word lookups from the page: a failed or odd lookup answers null (the page is left alone),
// failures are asked again, answers are kept.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PageTextModel } from '@/utils/dom/text/model';
import { WordLookup } from '@/entrypoints/reader.content/word-lookup';

const entry = { simplified: '提振', traditional: '提振', pinyin: 'tízhèn', pinyinNumbered: 'ti2 zhen4', definitions: ['to boost'], proper: false };

function setup(answer: (text: string) => unknown) {
  document.body.innerHTML = '<p>提振消费 abc</p>';
  const model = new PageTextModel(document).build();
  const asked: string[] = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    const text = (msg as { text: string }).text;
    asked.push(text);
    return Promise.resolve(answer(text));
  });
  return { block: model.blocks[0]!, asked, words: new WordLookup(model, { mode: () => 'hover', overlay: () => true }) };
}

afterEach(() => fakeBrowser.reset());

describe('WordLookup.at', () => {
  it('answers the word at the caret and asks the background once for the same text', async () => {
    const { block, asked, words } = setup(() => ({ word: '提振', script: 'simplified', entries: [entry], subwords: [], chars: [] }));
    expect((await words.at(block, 0))?.word).toBe('提振');
    expect((await words.at(block, 0))?.word).toBe('提振');
    expect(asked).toEqual(['提振消费 abc']);
  });
  it('a failed lookup answers null and is asked again next time; so does a malformed answer', async () => {
    let fail = true;
    const { block, asked, words } = setup(() => (fail ? { word: '', script: 'simplified', entries: [], subwords: [], chars: [], error: 'index missing' } : 'garbage'));
    expect(await words.at(block, 0)).toBeNull();
    fail = false;
    expect(await words.at(block, 0)).toBeNull();
    expect(asked).toHaveLength(2);
  });
  it('text that does not start with a Han character is not sent', async () => {
    const { block, asked, words } = setup(() => null);
    expect(await words.at(block, 5)).toBeNull();
    expect(await words.at(block, 4)).toBeNull();
    expect(asked).toEqual([]);
  });
});
