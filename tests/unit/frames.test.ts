import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { bestOf, parseFrameTable, withFrame, type FrameRecord } from '@/utils/core/reader/frames';
import { FrameStore } from '@/utils/extension/frame-store';

const rec = (state: FrameRecord['state'], url = 'https://a.cn/viewer', termCount: number | null = null): FrameRecord => ({ url, state, termCount });

describe('withFrame', () => {
  it('adds and replaces one frame, leaving the others', () => {
    let t = withFrame(null, 0, rec('not-chinese'));
    t = withFrame(t, 7, rec('report', 'https://a.cn/doc', 12));
    t = withFrame(t, 7, rec('report', 'https://a.cn/doc', 13));
    expect(t).toEqual({ 0: rec('not-chinese'), 7: rec('report', 'https://a.cn/doc', 13) });
    expect(bestOf(t)).toBe(7);
  });

  it('forgets the subframes when the top frame shows another address', () => {
    const t = withFrame(withFrame(null, 0, rec('not-chinese')), 7, rec('report', 'https://a.cn/doc'));
    expect(withFrame(t, 0, rec('zh', 'https://a.cn/other'))).toEqual({ 0: rec('zh', 'https://a.cn/other') });
    // The same page reporting again (its state changed) keeps them.
    expect(Object.keys(withFrame(t, 0, rec('off')))).toEqual(['0', '7']);
    // An iframe may report before its top frame (each runs at document_idle): it is kept.
    expect(Object.keys(withFrame(withFrame(null, 7, rec('report', 'https://a.cn/doc')), 0, rec('zh')))).toEqual(['0', '7']);
    // A subframe navigating does not touch the others.
    expect(Object.keys(withFrame(t, 7, rec('zh', 'https://a.cn/doc2')))).toEqual(['0', '7']);
  });

  it('does not change the table it was given', () => {
    const t = withFrame(null, 0, rec('zh'));
    withFrame(t, 3, rec('report'));
    expect(t).toEqual({ 0: rec('zh') });
  });
});

describe('bestOf', () => {
  it('prefers a report, then Chinese, and the top frame on ties', () => {
    expect(bestOf({ 0: rec('zh'), 4: rec('report') })).toBe(4);
    expect(bestOf({ 0: rec('report'), 4: rec('report') })).toBe(0);
    expect(bestOf({ 4: rec('off'), 9: rec('zh') })).toBe(9);
    expect(bestOf({})).toBe(0);
  });
});

describe('parseFrameTable', () => {
  it('reads back what was written', () => {
    const t = withFrame(withFrame(null, 0, rec('zh', 'https://a.cn/', 3)), 12, rec('report', 'https://a.cn/d', null));
    expect(parseFrameTable(JSON.parse(JSON.stringify(t)))).toEqual(t);
  });

  it('keeps only well-formed frames, and their known fields', () => {
    const raw = {
      0: { url: 'https://a.cn/', state: 'zh', termCount: 2, extra: 'dropped' },
      1: { url: 'https://a.cn/', state: 'reportish', termCount: 2 },
      2: { url: 5, state: 'zh', termCount: 2 },
      3: { url: 'x', state: 'zh', termCount: -1 },
      4: { url: 'x', state: 'zh', termCount: 1.5 },
      '-1': rec('report'),
      '01': rec('report'),
      abc: rec('report'),
      5: null,
    };
    expect(parseFrameTable(raw)).toEqual({ 0: { url: 'https://a.cn/', state: 'zh', termCount: 2 } });
  });

  it('answers null for anything that is not a table of frames', () => {
    for (const raw of [null, undefined, 'x', 3, [], [rec('zh')], {}, { 0: 'report' }]) expect(parseFrameTable(raw)).toBeNull();
  });
});

describe('FrameStore', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers the top frame for a tab nothing is known of', async () => {
    expect(await new FrameStore().best(5)).toBe(0);
  });

  it('answers the best frame to a new worker (a restart) from session storage', async () => {
    const first = new FrameStore();
    await first.record(5, 0, rec('not-chinese'));
    expect(await first.record(5, 9, rec('report', 'https://a.cn/doc', 40))).toEqual(rec('report', 'https://a.cn/doc', 40));
    expect(await fakeBrowser.storage.session.get('frames:5')).toEqual({ 'frames:5': { 0: rec('not-chinese'), 9: rec('report', 'https://a.cn/doc', 40) } });
    const restarted = new FrameStore();
    expect(await restarted.best(5)).toBe(9);
    // A frame reporting after the restart adds to what was kept, and the badge still shows the report.
    expect(await restarted.record(5, 3, rec('off'))).toEqual(rec('report', 'https://a.cn/doc', 40));
  });

  it('loses no frame when several report at once', async () => {
    const store = new FrameStore();
    await Promise.all([0, 1, 2, 3, 4, 5].map((id) => store.record(8, id, rec(id === 4 ? 'report' : 'zh'))));
    expect(Object.keys((await fakeBrowser.storage.session.get('frames:8'))['frames:8'] as object)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(await new FrameStore().best(8)).toBe(4);
  });

  it('forgets a closed tab, also in storage', async () => {
    const store = new FrameStore();
    await store.record(5, 9, rec('report'));
    await store.forget(5);
    expect(await store.best(5)).toBe(0);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('ignores a stored table that is not one', async () => {
    await fakeBrowser.storage.session.set({ 'frames:5': { 9: { state: 'report' } } });
    expect(await new FrameStore().best(5)).toBe(0);
  });
});
