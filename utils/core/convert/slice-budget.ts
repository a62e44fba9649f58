// How much new text to write before the page's next frame. The browser lays out what we wrote in
// that frame; what that costs per character varies several-fold (a renderer's first conversion
// shapes and measures thousands of glyphs it has never drawn; later ones find them cached), so the
// budget follows what the last frame cost rather than a fixed figure. Each frame of a long page
// also costs a part that does not depend on what was written (measured on a 600 k-character page,
// the browser alone: about 12 ms), so frames of 16–20 k characters finish that page about as soon
// as frames of 40 k. On a 2-core machine the same slice may render in twice or more the time of
// the one before (a GC step, other work taking the core), so the target leaves room for a frame
// twice as dear as planned, with our own slice of script on top, under 100 ms; the budget shrinks
// at once after a dear frame and grows only half way after a cheap one. Pure.

export interface SliceLimits {
  /** characters for the first slice, before any frame was measured */
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  /** rendering time (style, layout, paint) a frame should stay within, ms */
  readonly targetMs: number;
  /** a slice smaller than this says too little about the cost per character */
  readonly minSample: number;
}

/** Script time a slice may take writing before it yields to the page's frame (SliceWriter), ms. */
export const SLICE_SCRIPT_MS = 14;

export const SLICE_LIMITS: SliceLimits = { initial: 20_000, min: 6_000, max: 150_000, targetMs: 35, minSample: 3_000 };

/**
 * The next slice's characters, from the last slice's: `wrote` characters took `renderMs` to render
 * (null: no frame was measured, as in a hidden page, which lays nothing out until shown). It shrinks
 * to what fits (by half at most) and grows half way to it (by half again at most), so one cheap
 * frame does not make the next one dear. `drawnBefore`: the slice waited on something (the
 * background) between its writes and the frame measured, so frames may have drawn part of it
 * before: the figure may be short, and can only shrink the next slice.
 */
export function nextSliceChars(prev: number, wrote: number, renderMs: number | null, limits: SliceLimits = SLICE_LIMITS, drawnBefore = false): number {
  let next = prev;
  if (renderMs === null) next = drawnBefore ? prev : prev * 2;
  else if (wrote >= limits.minSample) {
    const fit = (limits.targetMs / Math.max(renderMs, 1)) * wrote;
    // Only a slice that used most of its budget, measured whole, says a larger one would fit (a
    // small one may have been rendered already, in a frame while the next batch was on its way,
    // and measure nothing).
    if (fit <= prev) next = Math.max(prev / 2, fit);
    else if (wrote >= prev / 2 && !drawnBefore) next = Math.min(prev * 1.5, (prev + fit) / 2);
  }
  return Math.round(Math.min(limits.max, Math.max(limits.min, next)));
}
