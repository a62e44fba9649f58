// The typed protocol: requests dispatched to handler tables, replies checked before anyone reads
// them; and the shared file helpers (CSV, JSON with a byte-order mark, error messages).
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatch, parseMessage, type MessageHandlers } from '@/utils/core/messages';
import { REPLY_CHECKS } from '@/utils/core/replies';
import { normalizeSettings } from '@/utils/core/settings';
import { BadReply, send } from '@/utils/extension/messaging';
import { csvField, parseCsvRows, toCsvText, unguardField, CsvError } from '@/utils/core/files/csv';
import { parseJsonFile } from '@/utils/core/files/json';
import { errorMessage } from '@/utils/core/errors';

describe('dispatch', () => {
  const handlers: MessageHandlers<string> = {
    'reveal-term': async (msg, ctx) => msg.index === 3 && ctx === 'tab',
    'get-terms': async () => null,
  };
  it('runs the handler of a well-formed message with its context', async () => {
    expect(await dispatch(handlers, { type: 'reveal-term', index: 3 }, 'tab')).toBe(true);
    expect(await dispatch(handlers, { type: 'get-terms' }, 'tab')).toBeNull();
  });
  it('answers nothing to malformed messages and to types it does not handle', () => {
    expect(dispatch(handlers, { type: 'reveal-term', index: -1 }, 'tab')).toBeUndefined();
    expect(dispatch(handlers, { type: 'get-status' }, 'tab')).toBeUndefined();
    expect(dispatch(handlers, 'reveal-term', 'tab')).toBeUndefined();
  });
});

describe('reply checks', () => {
  it('accept the protocol shapes and refuse others', () => {
    expect(REPLY_CHECKS['set-script'](true)).toBe(true);
    expect(REPLY_CHECKS['set-script']({ error: 'no dictionary' })).toBe(true);
    expect(REPLY_CHECKS['set-script']('yes')).toBe(false);
    expect(REPLY_CHECKS['hl-put']({ ok: false, error: 'quota' })).toBe(true);
    expect(REPLY_CHECKS['hl-put']({ ok: false })).toBe(false);
    expect(REPLY_CHECKS['get-terms']({ script: 'simplified', userBase: 545, counts: [[1, 2]] })).toBe(true);
    expect(REPLY_CHECKS['get-terms']({ script: 'simplified', userBase: 545, counts: [[1, '2']] })).toBe(false);
    expect(REPLY_CHECKS['hl-page'](null)).toBe(true);
    expect(REPLY_CHECKS['hl-page']({ source: 'https://a.cn/', items: [{ id: 'x', exact: '法治', note: '', color: 'yellow', placed: 1 }] })).toBe(false);
    expect(REPLY_CHECKS['get-entries']([{ index: 0, id: 'x' }])).toBe(false);
    expect(REPLY_CHECKS['get-entries']([])).toBe(true);
    expect(REPLY_CHECKS.convert({ ok: true, parts: [['規範', '性檔案'], []] })).toBe(true);
    expect(REPLY_CHECKS.convert({ ok: false, error: 'dictionary STPhrases: HTTP 404' })).toBe(true);
    expect(REPLY_CHECKS.convert({ ok: true, parts: [['規範', 3]] })).toBe(false);
    expect(REPLY_CHECKS.convert({ ok: false })).toBe(false);
    expect(REPLY_CHECKS['set-script-invalid']({ error: 'unknown script mode "x"' })).toBe(true);
  });
  it('send() returns a checked reply and refuses a malformed one', async () => {
    fakeBrowser.runtime.onMessage.addListener((msg: unknown) => Promise.resolve((msg as { type: string }).type === 'load-ui' ? true : 'garbage'));
    expect(await send({ type: 'load-ui' })).toBe(true);
    await expect(send({ type: 'hl-all' })).rejects.toBeInstanceOf(BadReply);
    fakeBrowser.reset();
  });
});

describe('looking up any word', () => {
  it('dictionary replies are checked entry by entry', () => {
    const entry = { simplified: '提振', traditional: '提振', pinyin: 'tízhèn', pinyinNumbered: 'ti2 zhen4', definitions: ['to boost', 'to stimulate'], proper: false };
    const reply = { word: '提振', script: 'simplified', entries: [entry], subwords: [], chars: [{ word: '提', entries: [entry] }] };
    expect(REPLY_CHECKS['dict-lookup'](reply)).toBe(true);
    expect(REPLY_CHECKS['dict-lookup']({ ...reply, error: 'index missing' })).toBe(true);
    expect(REPLY_CHECKS['dict-lookup']({ ...reply, entries: [{ ...entry, definitions: 'to boost' }] })).toBe(false);
    expect(REPLY_CHECKS['dict-lookup']({ ...reply, script: 'cantonese' })).toBe(false);
  });
  it('add-term carries the entry\'s pinyin and English when it comes from a dictionary popover', () => {
    expect(parseMessage({ type: 'add-term', text: ' 提振 ', pinyin: 'tízhèn', english: 'to boost' })).toEqual({ type: 'add-term', text: '提振', pinyin: 'tízhèn', english: 'to boost' });
    expect(parseMessage({ type: 'add-term', text: '提振', pinyin: 3 })).toBeNull();
    expect(parseMessage({ type: 'add-term', text: '提振', english: 'x'.repeat(501) })).toBeNull();
  });
  it('the setting defaults to hover and keeps only known values', () => {
    expect(normalizeSettings(null).lookupAny).toBe('hover');
    expect(normalizeSettings({ lookupAny: 'modifier' }).lookupAny).toBe('modifier');
    expect(normalizeSettings({ lookupAny: 'always' as never }).lookupAny).toBe('hover');
  });
});

describe('files', () => {
  it('CSV fields: quoting, and spreadsheet formulas kept as text and read back', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(unguardField("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardField("'plain")).toBe("'plain");
    expect(toCsvText(['a', 'b'], [['1', 'x\ny']])).toBe('a,b\r\n1,"x\ny"\r\n');
    expect(parseCsvRows('\uFEFFa,b\r\n1,2\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(() => parseCsvRows('a\n"open')).toThrow(CsvError);
  });
  it('JSON files: a byte-order mark is allowed; non-JSON is refused in the caller’s words', () => {
    expect(parseJsonFile('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(() => parseJsonFile('{nope')).toThrow(/^This is not a JSON file \(/);
    class Refusal extends Error {}
    expect(() => parseJsonFile('{nope', (m) => new Refusal(m))).toThrow(Refusal);
  });
  it('error messages: the Error’s message, or the thrown value', () => {
    expect(errorMessage(new Error('quota exceeded'))).toBe('quota exceeded');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
