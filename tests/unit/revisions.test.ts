import { describe, expect, it } from 'vitest';
import {
  applyDelete,
  applyPut,
  firstForeignSource,
  migrateIndex,
  migratePage,
  planImport,
  pruneTombstones,
  repairIndex,
  summaryOf,
  withPages,
  type PageRecord,
} from '@/utils/core/annotate/revisions';
import { noteOf, type Annotation, type HighlightColor } from '@/utils/core/annotate/types';
import { testAnnotation } from '../support/annotation';
import { importReport } from '@/utils/core/annotate/import-report';
import { bestFrame } from '@/utils/core/reader/frames';
import { BUCKET_ITEMS, bucketOf, bucketsFor, joinPage, readMeta, splitPage } from '@/utils/core/annotate/layout';

const SRC = 'https://a.gov.cn/r';

function make(id: string, over: { note?: string; color?: HighlightColor; rev?: number; source?: string } = {}): Annotation {
  return testAnnotation({ id, ...over, source: over.source ?? SRC });
}

const empty = (): PageRecord => migratePage(null, SRC);
/** A tab's copy of a stored annotation, edited. */
const edit = (a: Annotation, patch: { color?: HighlightColor; note?: string }): Annotation => ({
  ...a,
  color: patch.color ?? a.color,
  body: [{ ...a.body[0]!, value: patch.note ?? noteOf(a) }],
  modified: '2026-02-02T00:00:00.000Z',
});

function put(page: PageRecord, a: Annotation) {
  return applyPut(page, a);
}

describe('edits from two copies converge', () => {
  it('a new highlight starts at revision 1', () => {
    const { page, outcome } = put(empty(), make('x'));
    expect(outcome.status).toBe('created');
    expect(page.items[0]).toMatchObject({ rev: 1, revs: { color: 1, note: 1 } });
  });

  it('recolour in tab B, then a note from tab A holding the old copy: both stand', () => {
    let page = put(empty(), make('x')).page;
    const copyA = page.items[0]!;
    const copyB = page.items[0]!;
    page = put(page, edit(copyB, { color: 'green' })).page;
    expect(page.items[0]).toMatchObject({ color: 'green', rev: 2 });
    // Tab A still shows yellow and sends yellow back with its note.
    const r = put(page, edit(copyA, { note: 'from A' }));
    expect(r.outcome).toMatchObject({ status: 'merged', kept: ['color'] });
    expect(r.page.items[0]).toMatchObject({ color: 'green', rev: 3, revs: { color: 2, note: 3 } });
    expect(noteOf(r.page.items[0]!)).toBe('from A');
  });

  it('two tabs changing the same field: the later one made on the current copy wins; one made on an old copy is refused and told', () => {
    let page = put(empty(), make('x')).page;
    const old = page.items[0]!;
    page = put(page, edit(old, { note: 'B' })).page;
    const r = put(page, edit(old, { note: 'A' }));
    expect(r.outcome).toMatchObject({ status: 'merged', kept: ['note'] });
    expect(noteOf(r.page.items[0]!)).toBe('B');
    // Nothing taken from the old copy: the record is handed back as it was, so nothing is written.
    expect(r.page).toBe(page);
    const fresh = r.page.items[0]!;
    const r2 = put(r.page, edit(fresh, { note: 'A again' }));
    expect(r2.outcome.status).toBe('updated');
    expect(noteOf(r2.page.items[0]!)).toBe('A again');
  });

  it('saving the same values again changes nothing', () => {
    const page = put(empty(), make('x')).page;
    const r = put(page, page.items[0]!);
    expect(r.outcome.status).toBe('unchanged');
    expect(r.page).toBe(page);
  });

  it('a save without a revision (a writer from before revisions) replaces the fields', () => {
    let page = put(empty(), make('x')).page;
    page = put(page, edit(page.items[0]!, { color: 'blue' })).page;
    const r = put(page, make('x', { color: 'pink', note: 'n' }));
    expect(r.outcome.status).toBe('updated');
    expect(r.page.items[0]).toMatchObject({ color: 'pink', rev: 3 });
  });

  it('a revision from the future counts as the current one', () => {
    const page = put(empty(), make('x')).page;
    const r = put(page, { ...edit(page.items[0]!, { color: 'blue' }), rev: 99 });
    expect(r.page.items[0]).toMatchObject({ color: 'blue', rev: 2 });
  });
});

describe('deletes leave tombstones', () => {
  it('delete in tab A, then a note from tab B holding the old copy: it stays deleted', () => {
    let page = put(empty(), make('x')).page;
    const copyB = page.items[0]!;
    const d = applyDelete(page, 'x', '2026-03-03T00:00:00.000Z');
    expect(d.outcome).toBe('deleted');
    page = d.page;
    expect(page.items).toEqual([]);
    expect(page.deleted).toEqual({ x: '2026-03-03T00:00:00.000Z' });
    const r = put(page, edit(copyB, { note: 'too late' }));
    expect(r.outcome).toEqual({ status: 'deleted' });
    expect(r.page.items).toEqual([]);
  });

  it('deleting twice says so; an id never stored is not found', () => {
    const page = applyDelete(put(empty(), make('x')).page, 'x', 't').page;
    expect(applyDelete(page, 'x', 't').outcome).toBe('already-deleted');
    expect(applyDelete(page, 'y', 't').outcome).toBe('not-found');
    expect(applyDelete(empty(), 'y', 't').outcome).toBe('not-found');
  });

  it('keeps the newest tombstones only', () => {
    const many = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`id${i}`, `2026-01-0${i + 1}`]));
    expect(Object.keys(pruneTombstones(many, 2)).sort()).toEqual(['id3', 'id4']);
    expect(pruneTombstones(many, 5)).toBe(many);
  });
});

describe('record versions', () => {
  it('migrates version 1 records: revisions start at 1, no tombstones', () => {
    const v1 = { v: 1, source: SRC, title: 't', items: [make('a'), { junk: true }] };
    const m = migratePage(v1, SRC);
    expect(m).toMatchObject({ v: 2, title: 't', deleted: {}, unreadable: [{ junk: true }] });
    expect(m.items[0]).toMatchObject({ id: 'a', rev: 1, revs: { color: 1, note: 1 } });
  });

  it('reads tombstones back, "__proto__" as an id included', () => {
    const raw = JSON.parse('{"v":2,"items":[],"deleted":{"__proto__":"t1","a":"t2","bad":5}}');
    const m = migratePage(raw, SRC);
    expect(Object.keys(m.deleted).sort()).toEqual(['__proto__', 'a']);
    expect(applyPut(m, make('__proto__')).outcome.status).toBe('deleted');
  });
});

describe('the index of pages', () => {
  const summary = (source: string, count: number, title = 't') => ({ source, title, count });
  it('is left alone when it agrees with the pages', () => {
    const index = migrateIndex({ v: 1, pages: { [SRC]: { title: 't', count: 2, updated: 'u' } } });
    const r = repairIndex(index, [summary(SRC, 2)], 'now');
    expect(r.changed).toBe(false);
    expect(r.index.pages[SRC]!.updated).toBe('u');
  });

  it('is repaired when it disagrees: missing page added, stale count fixed, empty or vanished pages dropped', () => {
    const index = migrateIndex({ v: 1, pages: { [SRC]: { title: 't', count: 5, updated: 'u' }, 'https://gone/': { title: 'g', count: 1, updated: 'u' }, 'https://empty/': { title: 'e', count: 1, updated: 'u' } } });
    const r = repairIndex(index, [summary(SRC, 2), summary('https://new/', 3, 'n'), summary('https://empty/', 0)], 'now');
    expect(r.changed).toBe(true);
    expect(r.index.pages).toEqual({ [SRC]: { title: 't', count: 2, updated: 'u' }, 'https://new/': { title: 'n', count: 3, updated: 'now' } });
  });

  it('a dropped entry alone is a change', () => {
    const index = migrateIndex({ v: 1, pages: { 'https://gone/': { title: 'g', count: 1, updated: 'u' } } });
    expect(repairIndex(index, [], 'now')).toEqual({ index: { v: 1, pages: {} }, changed: true });
  });

  it('keeps a "__proto__" key as an entry, never as the prototype', () => {
    const page = { ...migratePage(null, '__proto__'), items: [make('a')] };
    const index = withPages({ v: 1, pages: {} }, [summaryOf(page)], 'now');
    expect(Object.keys(index.pages)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(index.pages)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(index)).pages.__proto__.count).toBe(1);
  });

  it('reads a foreign index as empty', () => {
    expect(migrateIndex('junk')).toEqual({ v: 1, pages: {} });
    expect(migrateIndex({ pages: { a: { count: 'x' } } })).toEqual({ v: 1, pages: {} });
  });
});

describe('import planning', () => {
  it('adds new ids per page, skips stored and repeated ones, writes only pages that gain', () => {
    const stored = put(empty(), make('a')).page;
    const plan = planImport(new Map([[SRC, stored]]), [make('a'), make('b'), make('b'), make('c', { source: 'https://b.gov.cn/' })]);
    expect(plan.pages.map((p) => p.source)).toEqual([SRC, 'https://b.gov.cn/']);
    expect(plan.pages[0]!.items.map((x) => x.id)).toEqual(['a', 'b']);
    expect(plan.addedPerPage).toEqual([1, 1]);
    expect({ added: plan.added, skipped: plan.skipped }).toEqual({ added: 2, skipped: 2 });
    expect(planImport(new Map([[SRC, stored]]), [make('a')]).pages).toEqual([]);
  });

  it('restores an id deleted earlier (an import is a deliberate restore)', () => {
    const page = applyDelete(put(empty(), make('a')).page, 'a', 't').page;
    const plan = planImport(new Map([[SRC, page]]), [make('a')]);
    expect(plan.pages[0]!.items.map((x) => x.id)).toEqual(['a']);
    expect(plan.pages[0]!.deleted).toEqual({});
  });

  it('finds the first highlight whose page is not a web page', () => {
    expect(firstForeignSource([make('a')])).toBe(0);
    expect(firstForeignSource([make('a'), make('b', { source: 'javascript:alert(1)' })])).toBe(2);
    expect(firstForeignSource([make('b', { source: '__proto__' })])).toBe(1);
  });
});

describe('the import report says exactly what was written', () => {
  // A stand-in translator showing the key and its substitutions.
  const t = (key: string, subs: string[]) => `${key}(${subs.join('|')})`;
  it('everything written', () => {
    expect(importReport({ ok: true, added: 7, skipped: 2, pages: 3, written: 3 }, t)).toEqual({ text: 'highlightsImportPages(7|3|2)', isError: false });
    expect(importReport({ ok: true, added: 0, skipped: 4, pages: 0, written: 0 }, t)).toEqual({ text: 'highlightsImported(0|4)', isError: false });
  });
  it('stopped midway: pages written of pages to write, and how many failed', () => {
    expect(importReport({ ok: false, added: 2, skipped: 0, pages: 5, written: 2, error: 'QUOTA' }, t)).toEqual({ text: 'highlightsImportPartial(2|5|2|3|QUOTA)', isError: true });
  });
  it('pages written but not the index', () => {
    expect(importReport({ ok: true, added: 1, skipped: 0, pages: 1, written: 1, indexError: 'QUOTA' }, t)).toEqual({ text: 'highlightsImportPages(1|1|0) highlightsImportIndexFailed(QUOTA)', isError: true });
  });
  it('refused before writing, or no answer', () => {
    expect(importReport({ ok: false, error: 'bad file' }, t)).toEqual({ text: 'userTermsImportRefused(bad file)', isError: true });
    expect(importReport(undefined, t)).toEqual({ text: 'userTermsImportRefused(highlightNoAnswer())', isError: true });
  });
});

describe('page layout in buckets', () => {
  it('buckets double as a page grows; an id always lands in the same bucket', () => {
    const B = BUCKET_ITEMS;
    expect([0, 1, B, B + 1, 2 * B, 2 * B + 1].map(bucketsFor)).toEqual([1, 1, 1, 2, 2, 4]);
    expect(bucketsFor(10_000)).toBe(256);
    expect(bucketOf('urn:uuid:x', 64)).toBe(bucketOf('urn:uuid:x', 64));
    expect(bucketOf('urn:uuid:x', 1)).toBe(0);
    const ids = Array.from({ length: 10_000 }, (_, i) => `urn:uuid:${i}`);
    const counts = new Array(256).fill(0);
    for (const id of ids) counts[bucketOf(id, 256)]++;
    // Spread evenly: about 39 each, none near double.
    expect(Math.max(...counts)).toBeLessThan(2 * B);
    expect(Math.min(...counts)).toBeGreaterThan(10);
  });

  it('split then join gives the page back, in the order highlights were made', () => {
    const items = Array.from({ length: BUCKET_ITEMS * 3 + 5 }, (_, i) => ({ ...make(`id${i}`), created: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`, rev: 1, revs: { color: 1, note: 1 } }));
    const page: PageRecord = { ...empty(), title: 't', items, deleted: { gone: 'x' }, unreadable: [{ odd: 1 }] };
    const { meta, buckets } = splitPage(page);
    expect(meta).toMatchObject({ count: items.length, buckets: 4, deleted: { gone: 'x' }, unreadable: [{ odd: 1 }] });
    const back = joinPage(meta, buckets);
    expect(back.items.map((a) => a.id)).toEqual([...items].sort((a, b) => (a.created < b.created ? -1 : 1)).map((a) => a.id));
    expect(back.deleted).toEqual({ gone: 'x' });
    expect(splitPage(page, 8).meta.buckets).toBe(8);
  });

  it('reads an older record (every highlight in it) as the whole page', () => {
    const r = readMeta({ v: 1, items: [make('a')] }, SRC);
    expect('legacy' in r && r.legacy.items.map((a) => a.id)).toEqual(['a']);
    const m = readMeta({ v: 2, source: SRC, title: 't', count: 3, buckets: 4, deleted: {} }, SRC);
    expect('meta' in m && m.meta).toMatchObject({ count: 3, buckets: 4 });
    expect('legacy' in readMeta({ v: 2, buckets: 3 }, SRC)).toBe(true);
  });
});

describe('the frame the popup speaks for', () => {
  it('a report in an iframe wins over a top frame that is not Chinese; ties go to the top frame', () => {
    expect(bestFrame(new Map([[0, 'not-chinese'], [3, 'report']]))).toBe(3);
    expect(bestFrame(new Map([[0, 'report'], [3, 'report']]))).toBe(0);
    expect(bestFrame(new Map([[0, 'off'], [5, 'zh'], [7, 'not-chinese']]))).toBe(5);
    expect(bestFrame(new Map())).toBe(0);
  });
});
