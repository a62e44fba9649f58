// Finding where the viewport is among elements in document order, which is top to bottom nearly
// always: a binary search on their boxes instead of measuring every one. DOM code.

/**
 * Index of the first of `count` elements (in document order, `at(i)`) whose bottom is at or below
 * `y` (viewport coordinates); `count` if none is.
 */
export function firstEndingBelow(count: number, at: (i: number) => Element, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid).getBoundingClientRect().bottom < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
