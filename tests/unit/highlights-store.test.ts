import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { allPages, deleteAnnotation, importAnnotations, listPage, migratePage, putAnnotation } from '@/utils/extension/annotate/store';
import { parseImport, toCsv, toJson, toMarkdown } from '@/utils/core/annotate/export';
import { isAnnotation, type Annotation } from '@/utils/core/annotate/types';

function make(id: string, exact: string, note = '', source = 'https://a.gov.cn/r'): Annotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: note, format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: '报告', selector: [{ type: 'TextQuoteSelector', exact, prefix: '前', suffix: '后' }, { type: 'TextPositionSelector', start: 3, end: 3 + exact.length }] },
    color: 'yellow',
    normalizedExact: exact,
  };
}

beforeEach(() => fakeBrowser.reset());

describe('highlight storage', () => {
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
    const stored = (await fakeBrowser.storage.local.get('hl:https://a.gov.cn/r'))['hl:https://a.gov.cn/r'] as { items: unknown[]; unreadable: unknown[] };
    expect(stored.items).toHaveLength(2);
    expect(stored.unreadable).toEqual([{ from: 'the future' }]);
    expect(migratePage([make('b', '乙')], 's').items).toHaveLength(1);
    expect(migratePage(null, 's')).toEqual({ v: 1, source: 's', title: '', items: [] });
  });
  it('import merges without duplicates', async () => {
    await putAnnotation(make('a', '甲'));
    expect(await importAnnotations([make('a', '甲'), make('b', '乙')])).toEqual({ added: 1, skipped: 1 });
    expect(await listPage('https://a.gov.cn/r')).toHaveLength(2);
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
  it('refuses foreign or malformed files', () => {
    expect(() => parseImport('nope')).toThrow(/not a JSON file/);
    expect(() => parseImport('{"items":[]}')).toThrow(/not a Bilingual Reader highlights export/);
    expect(() => parseImport('{"type":"AnnotationCollection","items":[{"id":1}]}')).toThrow(/Highlight 1 is malformed/);
  });
});
