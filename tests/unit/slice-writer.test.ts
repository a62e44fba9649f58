// SliceWriter: how much it writes per slice follows the frames it measured, but a slice that waited
// (for the background) between its writes and the frame measured cannot say a larger one fits.
import { describe, expect, it } from 'vitest';
import { SliceWriter } from '@/utils/dom/convert/slice-writer';
import { SLICE_LIMITS } from '@/utils/core/convert/slice-budget';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A writer whose frames render in `renderMs`, slices bounded by characters only. */
const writer = (renderMs: number) => new SliceWriter({ sliceMs: 1e9, yieldTo: async () => renderMs }, () => true, () => undefined);

describe('SliceWriter', () => {
  it('writes more in the next slice after a cheap frame, less after a dear one', async () => {
    const start = SLICE_LIMITS.initial;
    const cheap = writer(1);
    cheap.wrote(start + 1);
    expect(cheap.full()).toBe(true);
    await cheap.room();
    cheap.wrote(start + 1);
    expect(cheap.full()).toBe(false);

    const dear = writer(500);
    dear.wrote(start + 1);
    await dear.room();
    dear.wrote(start / 2 + 1);
    expect(dear.full()).toBe(true);
  });

  it('does not write more after a slice that waited between its writes: frames meanwhile drew part of it', async () => {
    const start = SLICE_LIMITS.initial;
    const w = writer(1);
    w.wrote(start / 2);
    // Waiting on the background's next batch: the page renders what was written so far.
    w.pause();
    await sleep(20);
    w.resume();
    w.wrote(start / 2 + 1);
    await w.room();
    w.wrote(start + 1);
    expect(w.full()).toBe(true);
    // The slice after it measured whole again: it may grow.
    await w.room();
    w.wrote(start + 1);
    expect(w.full()).toBe(false);
  });

  it('counts a wait before anything was written as none: the frame measured holds the whole slice', async () => {
    const start = SLICE_LIMITS.initial;
    const w = writer(1);
    w.pause();
    await sleep(20);
    w.resume();
    w.wrote(start + 1);
    await w.room();
    w.wrote(start + 1);
    expect(w.full()).toBe(false);
  });

  it('counts the frames it waited for: only a full slice waits', async () => {
    const w = writer(1);
    w.wrote(10);
    await w.room();
    expect(w.frames).toBe(0);
    w.endSlice();
    await w.room();
    expect(w.frames).toBe(1);
    w.wrote(SLICE_LIMITS.initial + 1);
    await w.room();
    expect(w.frames).toBe(2);
  });
});
