import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { allPages, deleteAnnotation, IMPORT_CHUNK, importAnnotations, listPage, putAnnotation } from '@/utils/extension/annotate/store';
import { parseMessage } from '@/utils/core/messages';
import { BUCKET_ITEMS, bucketsFor } from '@/utils/core/annotate/layout';
import { migratePage } from '@/utils/core/annotate/revisions';
import { parseImport, toCsv, toJson, toMarkdown } from '@/utils/core/annotate/export';
import { testAnnotation } from '../support/annotation';
import { isAnnotation, type Annotation } from '@/utils/core/annotate/types';
import { changedSources, onHighlightsChanged } from '@/utils/extension/annotate/changes';

function make(id: string, exact: string, note = '', source = 'https://a.gov.cn/r'): Annotation {
  return testAnnotation({ id, exact, note, source, prefix: '前', suffix: '后', start: 3 });
}

beforeEach(() => fakeBrowser.reset());

describe('highlight storage', () => {
  it('every change to the highlights is seen by the lists that follow the store, and nothing else is', async () => {
    const seen = vi.fn();
    const stop = onHighlightsChanged(seen);
    await fakeBrowser.storage.local.set({ settings: { script: 'zh-TW' }, userTerms: [] });
    await fakeBrowser.storage.sync.set({ 'hl:https://a.gov.cn/r': {} });
    expect(seen).not.toHaveBeenCalled();
    await putAnnotation(make('a', '甲'));
    expect(seen).toHaveBeenCalledTimes(1);
    await putAnnotation(make('a', '甲', 'edited'));
    expect(seen).toHaveBeenCalledTimes(2);
    await deleteAnnotation('https://a.gov.cn/r', 'a');
    expect(seen).toHaveBeenCalledTimes(3);
    stop();
    await putAnnotation(make('b', '乙'));
    expect(seen).toHaveBeenCalledTimes(3);
  });
  it('a change names the pages it touched, by their record or by a bucket alone (a note edited changes only a bucket)', () => {
    expect([...changedSources({ 'hlb:0:https://a.gov.cn/r': {} }, 'local')]).toEqual(['https://a.gov.cn/r']);
    expect([...changedSources({ 'hlb:3:https://b.gov.cn/x?q=1:2': {}, 'hl:https://c.gov.cn/': {}, hlIndex: {}, settings: {} }, 'local')]).toEqual(['https://b.gov.cn/x?q=1:2', 'https://c.gov.cn/']);
    expect(changedSources({ 'hl:https://c.gov.cn/': {} }, 'sync').size).toBe(0);
  });
  it('concurrent writes to one page keep every highlight', async () => {
    await Promise.all([putAnnotation(make('a', '甲')), putAnnotation(make('b', '乙')), putAnnotation(make('c', '丙'))]);
    expect((await listPage('https://a.gov.cn/r')).map((a) => a.id).sort()).toEqual(['a', 'b', 'c']);
    const index = await fakeBrowser.storage.local.get('hlIndex');
    expect((index.hlIndex as { pages: Record<string, { count: number }> }).pages['https://a.gov.cn/r']!.count).toBe(3);
  });
  it('updates by id, deletes, and lists all pages', async () => {
    await putAnnotation(make('a', '甲'));
    await putAnnotation({ ...make('a', '甲'), color: 'blue' });
    await putAnnotation(make('x', '丁', '', 'https://b.gov.cn/'));
    expect((await listPage('https://a.gov.cn/r'))[0]!.color).toBe('blue');
    expect((await allPages()).map((p) => p.source).sort()).toEqual(['https://a.gov.cn/r', 'https://b.gov.cn/']);
    await deleteAnnotation('https://a.gov.cn/r', 'a');
    expect(await listPage('https://a.gov.cn/r')).toEqual([]);
    expect((await allPages()).length).toBe(1);
  });
  it('migrates older shapes; what it cannot read is kept aside, never dropped', async () => {
    const m = migratePage({ annotations: [make('a', '甲'), { junk: true }] }, 's');
    expect(m.items.map((a) => a.id)).toEqual(['a']);
    expect(m.unreadable).toEqual([{ junk: true }]);
    await fakeBrowser.storage.local.set({ 'hl:https://a.gov.cn/r': { v: 1, items: [make('a', '甲'), { from: 'the future' }] } });
    await putAnnotation(make('b', '乙'));
    // The older layout (every highlight in the page record) is rewritten as a record and buckets.
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored['hl:https://a.gov.cn/r']).toMatchObject({ v: 2, count: 2, buckets: 1, unreadable: [{ from: 'the future' }] });
    expect((stored['hlb:0:https://a.gov.cn/r'] as { items: unknown[] }).items).toHaveLength(2);
    expect((await listPage('https://a.gov.cn/r')).map((a) => a.id)).toEqual(['a', 'b']);
    expect(migratePage([make('b', '乙')], 's').items).toHaveLength(1);
    expect(migratePage(null, 's')).toEqual({ v: 2, source: 's', title: '', items: [], deleted: {} });
  });
  it('import merges without duplicates', async () => {
    await putAnnotation(make('a', '甲'));
    expect(await importAnnotations([make('a', '甲'), make('b', '乙')])).toEqual({ ok: true, added: 1, skipped: 1, pages: 1, written: 1 });
    expect(await listPage('https://a.gov.cn/r')).toHaveLength(2);
  });
});

const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;
type Index = { pages: Record<string, { count: number; updated: string }> };

describe('highlight storage: concurrent tabs, tombstones, honest failures', () => {
  it("an edit from a tab holding an old copy keeps the other tab's recolour", async () => {
    await putAnnotation(make('a', '甲'));
    const [copy] = await listPage('https://a.gov.cn/r');
    expect(await putAnnotation({ ...copy!, color: 'green' })).toMatchObject({ ok: true, status: 'updated' });
    const res = await putAnnotation({ ...copy!, body: [{ ...copy!.body[0]!, value: 'note from the old copy' }] });
    expect(res).toMatchObject({ ok: true, status: 'merged', kept: ['color'], annotation: { color: 'green', rev: 3 } });
    const [stored] = await listPage('https://a.gov.cn/r');
    expect(stored).toMatchObject({ color: 'green', body: [{ value: 'note from the old copy' }] });
  });

  it('a deleted highlight cannot be saved back by a tab that still shows it', async () => {
    await putAnnotation(make('a', '甲'));
    const [copy] = await listPage('https://a.gov.cn/r');
    expect(await deleteAnnotation('https://a.gov.cn/r', 'a')).toEqual({ ok: true, status: 'deleted' });
    expect(await putAnnotation({ ...copy!, body: [{ ...copy!.body[0]!, value: 'too late' }] })).toEqual({ ok: false, error: 'deleted' });
    expect(await listPage('https://a.gov.cn/r')).toEqual([]);
    expect(((await local()).hlIndex as Index).pages).toEqual({});
    expect(await deleteAnnotation('https://a.gov.cn/r', 'a')).toEqual({ ok: true, status: 'already-deleted' });
  });

  it('deleting on a page or id never stored is not a success', async () => {
    expect(await deleteAnnotation('https://nowhere.gov.cn/', 'x')).toEqual({ ok: false, error: 'not-found' });
    await putAnnotation(make('a', '甲'));
    expect(await deleteAnnotation('https://a.gov.cn/r', 'zzz')).toEqual({ ok: false, error: 'not-found' });
  });

  it('a save whose storage write fails leaves page and index as they were', async () => {
    await putAnnotation(make('a', '甲'));
    const before = await local();
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(putAnnotation(make('b', '乙'))).rejects.toThrow('QUOTA_BYTES');
    spy.mockRestore();
    expect(await local()).toEqual(before);
  });

  it('refuses a page that is not a web page, for saves and imports, changing nothing', async () => {
    expect(await putAnnotation(make('p', '甲', '', '__proto__'))).toEqual({ ok: false, error: 'not a web page' });
    await putAnnotation(make('a', '甲'));
    const before = await local();
    await expect(importAnnotations([make('b', '乙'), make('j', '丙', '', 'javascript:alert(1)')])).rejects.toThrow(/highlight 2 does not belong to a web page/);
    expect(await local()).toEqual(before);
  });

  it('re-importing what is there writes nothing, not even the index date', async () => {
    await putAnnotation(make('a', '甲'));
    const before = await local();
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await importAnnotations([make('a', '甲')])).toEqual({ ok: true, added: 0, skipped: 1, pages: 0, written: 0 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(await local()).toEqual(before);
  });

  it('an import writes the index once and reports progress per chunk', async () => {
    const items = Array.from({ length: IMPORT_CHUNK * 2 + 10 }, (_, i) => make(`i${i}`, '甲', '', `https://p${i}.gov.cn/`));
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set');
    const steps: number[] = [];
    expect(await importAnnotations(items, (done) => steps.push(done))).toEqual({ ok: true, added: items.length, skipped: 0, pages: items.length, written: items.length });
    const indexWrites = spy.mock.calls.filter(([v]) => 'hlIndex' in (v as object)).length;
    spy.mockRestore();
    expect(indexWrites).toBe(1);
    expect(steps).toEqual([0, IMPORT_CHUNK, IMPORT_CHUNK * 2, items.length]);
    expect(Object.keys(((await local()).hlIndex as Index).pages)).toHaveLength(items.length);
  });

  it('an import whose storage fails midway says exactly which pages were kept, and indexes those', async () => {
    await putAnnotation(make('a', '甲'));
    const items = Array.from({ length: IMPORT_CHUNK + 5 }, (_, i) => make(`i${i}`, '甲', '', `https://p${i}.gov.cn/`));
    const real = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let calls = 0;
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (v) => {
      // The second chunk fails; the index write after it works.
      if (++calls === 2) throw new Error('QUOTA_BYTES quota exceeded');
      return real(v);
    });
    const res = await importAnnotations(items);
    spy.mockRestore();
    expect(res).toEqual({ ok: false, added: IMPORT_CHUNK, skipped: 0, pages: IMPORT_CHUNK + 5, written: IMPORT_CHUNK, error: 'QUOTA_BYTES quota exceeded' });
    const all = await local();
    const pageKeys = Object.keys(all).filter((k) => k.startsWith('hl:'));
    expect(pageKeys).toHaveLength(IMPORT_CHUNK + 1);
    expect(Object.keys((all.hlIndex as Index).pages).sort()).toEqual(pageKeys.map((k) => k.slice(3)).sort());
  });

  it('the index is repaired when the lists are read and it disagrees with the pages', async () => {
    await putAnnotation(make('a', '甲'));
    await putAnnotation(make('b', '乙'));
    // A page the index does not know, and an index entry for a page that is gone.
    await fakeBrowser.storage.local.set({ 'hl:https://lost.gov.cn/': { v: 1, source: 'https://lost.gov.cn/', title: 'L', items: [make('l', '丁', '', 'https://lost.gov.cn/')] } });
    const index = (await local()).hlIndex as Index;
    await fakeBrowser.storage.local.set({ hlIndex: { v: 1, pages: { ...index.pages, 'https://gone.gov.cn/': { title: 'G', count: 4, updated: 'x' } } } });
    expect((await allPages()).map((p) => p.source).sort()).toEqual(['https://a.gov.cn/r', 'https://lost.gov.cn/']);
    const repaired = ((await local()).hlIndex as Index).pages;
    expect(Object.keys(repaired).sort()).toEqual(['https://a.gov.cn/r', 'https://lost.gov.cn/']);
    expect(repaired['https://a.gov.cn/r']).toEqual(index.pages['https://a.gov.cn/r']);
    expect(repaired['https://lost.gov.cn/']!.count).toBe(1);
  });
});

describe('a page with many highlights', () => {
  it('one save writes one bucket, the page record and the index, nothing else', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => make(`m${i}`, '甲'));
    await importAnnotations(many);
    const meta = (await local())['hl:https://a.gov.cn/r'] as { buckets: number; count: number };
    expect(meta).toMatchObject({ count: 2000, buckets: bucketsFor(2000) });
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await putAnnotation(make('one-more', '乙'))).toMatchObject({ ok: true, status: 'created' });
    expect(spy).toHaveBeenCalledTimes(1);
    const written = spy.mock.calls[0]![0] as Record<string, { items?: unknown[] }>;
    const keys = Object.keys(written).sort();
    expect(keys).toHaveLength(3);
    expect(keys.filter((k) => k.startsWith('hlb:'))).toHaveLength(1);
    expect(keys).toContain('hl:https://a.gov.cn/r');
    expect(keys).toContain('hlIndex');
    expect(written[keys.find((k) => k.startsWith('hlb:'))!]!.items!.length).toBeLessThan(2 * BUCKET_ITEMS);
    spy.mockRestore();
    expect(await listPage('https://a.gov.cn/r')).toHaveLength(2001);
    expect(((await local()).hlIndex as Index).pages['https://a.gov.cn/r']!.count).toBe(2001);
  });

  it('outgrowing its buckets doubles them and keeps every highlight', async () => {
    const n = BUCKET_ITEMS + 1;
    for (let i = 0; i < n; i++) await putAnnotation(make(`g${i}`, '甲'));
    const all = await local();
    expect(all['hl:https://a.gov.cn/r']).toMatchObject({ count: n, buckets: 2 });
    const inBuckets = Object.keys(all).filter((k) => k.startsWith('hlb:')).reduce((n, k) => n + (all[k] as { items: unknown[] }).items.length, 0);
    expect(inBuckets).toBe(n);
    expect(new Set((await listPage('https://a.gov.cn/r')).map((a) => a.id)).size).toBe(n);
  });
});

describe('messages refuse inherited names', () => {
  // Dictionaries no longer travel to pages (conversion runs in the background), so the names a page
  // can still send are modes: inherited property names must not pass for one.
  it('convert and set-script take only our modes', () => {
    const items = [{ source: 'simplified', parts: ['汉字'] }];
    expect(parseMessage({ type: 'convert', mode: 'zh-Hant', profile: 'general', items })).toMatchObject({ type: 'convert', mode: 'zh-Hant' });
    for (const mode of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'original']) expect(parseMessage({ type: 'convert', mode, profile: 'general', items })).toBeNull();
    for (const mode of ['__proto__', 'toString', 'constructor']) expect(parseMessage({ type: 'set-script', mode })).toEqual({ type: 'set-script-invalid', mode });
    expect(parseMessage({ type: 'load-dicts', bundle: 'opencc-t2s' })).toBeNull();
  });
});

describe('export formats', () => {
  const pages = [{ source: 'https://a.gov.cn/r', title: '报告', items: [make('a', '加强行政复议', 'line 1\n<b>line 2</b>'), make('b', '=SUM(1)', 'x, "y"')] }];
  it('JSON round trip is lossless', () => {
    const back = parseImport(toJson(pages));
    expect(back).toEqual(pages[0]!.items);
    expect(back.every(isAnnotation)).toBe(true);
  });
  it('Markdown groups by page with notes and links, escaping markup', () => {
    const md = toMarkdown(pages);
    expect(md).toContain('## [报告](https://a.gov.cn/r)');
    expect(md).toContain('> 加强行政复议');
    expect(md).toContain('\\<b\\>line 2\\</b\\>');
  });
  it('CSV quotes fields and neutralises formulas', () => {
    const csv = toCsv(pages);
    expect(csv.split('\r\n')[0]).toBe('page,url,quote,note,color,created');
    expect(csv).toContain(`"'=SUM(1)"`);
    expect(csv).toContain('"x, ""y"""');
  });
  it('CSV guards a note or quote starting with a tab or carriage return too', () => {
    const csv = toCsv([{ source: 'https://a.gov.cn/r', title: 't', items: [make('t', '\t=1+1', '\t=HYPERLINK("x")'), make('r', '\r=1', '@SUM')] }]);
    expect(csv).toContain(`"'\t=1+1"`);
    expect(csv).toContain(`"'\t=HYPERLINK(""x"")"`);
    expect(csv).toContain(`"'\r=1"`);
    expect(csv).toContain(`"'@SUM"`);
  });
  it('Markdown links only web pages', () => {
    const md = toMarkdown([{ source: 'javascript:alert(1)', title: 'x', items: [make('a', '甲')] }]);
    expect(md).toContain('## x');
    expect(md).not.toContain('](javascript:');
  });
  it('refuses foreign or malformed files', () => {
    expect(() => parseImport('nope')).toThrow(/not a JSON file/);
    expect(() => parseImport('{"items":[]}')).toThrow(/not a Bilingual Reader highlights export/);
    expect(() => parseImport('{"type":"AnnotationCollection","items":[{"id":1}]}')).toThrow(/Highlight 1 is malformed/);
    const foreign = (source: string) => JSON.stringify({ type: 'AnnotationCollection', items: [make('a', '甲'), make('b', '乙', '', source)] });
    expect(() => parseImport(foreign('javascript:alert(1)'))).toThrow(/Highlight 2 does not belong to a web page/);
    expect(() => parseImport(foreign('__proto__'))).toThrow(/Highlight 2 does not belong to a web page/);
  });
});
