import { describe, expect, it } from 'vitest';
import { nextSliceChars, SLICE_LIMITS, SLICE_SCRIPT_MS } from '@/utils/core/convert/slice-budget';

const L = { initial: 30_000, min: 6_000, max: 120_000, targetMs: 45, minSample: 3_000 };

describe('nextSliceChars', () => {
  it('shrinks the next slice to what fits the frame time the last one cost', () => {
    // 30 k characters took 90 ms to render: 15 k fit in 45 ms.
    expect(nextSliceChars(30_000, 30_000, 90, L)).toBe(15_000);
    expect(nextSliceChars(30_000, 30_000, 60, L)).toBe(22_500);
  });
  it('grows half way to what would fit, by half again at most: one cheap frame may be luck', () => {
    // 20 k took 30 ms: 30 k would fit; the next slice goes half way there.
    expect(nextSliceChars(20_000, 20_000, 30, L)).toBe(25_000);
    // 20 k took 9 ms: 100 k would fit; the next slice is 30 k.
    expect(nextSliceChars(20_000, 20_000, 9, L)).toBe(30_000);
  });
  it('moves by at most half or half again a frame, within its limits', () => {
    expect(nextSliceChars(30_000, 30_000, 900, L)).toBe(15_000);
    expect(nextSliceChars(30_000, 30_000, 1, L)).toBe(45_000);
    expect(nextSliceChars(8_000, 8_000, 900, L)).toBe(6_000);
    expect(nextSliceChars(100_000, 100_000, 1, L)).toBe(120_000);
  });
  it('grows only after a slice that used most of its budget, shrinks after any', () => {
    // 4 k of a 15 k budget rendered in no time: the frame may have been drawn before; no growth.
    expect(nextSliceChars(15_000, 4_000, 0.4, L)).toBe(15_000);
    expect(nextSliceChars(15_000, 8_000, 0.4, L)).toBe(22_500);
    expect(nextSliceChars(15_000, 4_000, 90, L)).toBe(7_500);
  });
  it('does not grow after a slice that waited between its writes and the frame measured, shrinks after it', () => {
    // Frames while it waited (for the background) may have drawn part of it: the figure is too low.
    expect(nextSliceChars(20_000, 20_000, 9, L, true)).toBe(20_000);
    expect(nextSliceChars(20_000, 20_000, null, L, true)).toBe(20_000);
    expect(nextSliceChars(20_000, 20_000, 90, L, true)).toBe(10_000);
  });
  it('grows when no frame was measured (a hidden page lays nothing out), keeps it on too small a sample', () => {
    expect(nextSliceChars(30_000, 30_000, null, L)).toBe(60_000);
    expect(nextSliceChars(30_000, 500, 80, L)).toBe(30_000);
  });
  it('has limits that keep a frame of layout under 100 ms at the first slice\'s guess', () => {
    expect(SLICE_LIMITS.targetMs).toBeLessThan(100);
    expect(SLICE_LIMITS.min).toBeLessThanOrEqual(SLICE_LIMITS.initial);
    expect(SLICE_LIMITS.initial).toBeLessThanOrEqual(SLICE_LIMITS.max);
  });
  it('aims low enough that a frame twice as dear as planned, with our script on top, stays under 100 ms', () => {
    expect(2 * (SLICE_LIMITS.targetMs + SLICE_SCRIPT_MS)).toBeLessThan(100);
  });
});
