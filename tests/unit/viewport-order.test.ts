import { describe, expect, it } from 'vitest';
import { firstEndingBelow } from '@/utils/dom/text/viewport-order';

/** Elements whose boxes end at these bottoms (viewport coordinates); counts the boxes measured. */
function boxes(bottoms: number[]) {
  let measured = 0;
  const els = bottoms.map((bottom) => ({ getBoundingClientRect: () => (measured++, { bottom }) }) as unknown as Element);
  return { at: (i: number) => els[i]!, measured: () => measured };
}

describe('firstEndingBelow', () => {
  it('finds the first element whose bottom is at or below y', () => {
    const b = boxes([-300, -100, 0, 50, 400, 900]);
    expect(firstEndingBelow(6, b.at, -100)).toBe(1);
    expect(firstEndingBelow(6, b.at, -99)).toBe(2);
    expect(firstEndingBelow(6, b.at, 1000)).toBe(6);
    expect(firstEndingBelow(6, b.at, -1000)).toBe(0);
    expect(firstEndingBelow(0, b.at, 0)).toBe(0);
  });
  it('measures a logarithmic number of boxes, not every one', () => {
    const b = boxes(Array.from({ length: 4096 }, (_, i) => i * 10 - 20_000));
    expect(firstEndingBelow(4096, b.at, 0)).toBe(2000);
    expect(b.measured()).toBeLessThanOrEqual(13);
  });
});
