// Writing a long page in slices: the page gets a frame between slices, so no frame has too much
// new text to lay out, and a newer conversion can take over between any two blocks. DOM code: it
// waits for the page's frames (yield.ts).
import { frameYielder } from '@/utils/dom/convert/yield';
import { nextSliceChars, SLICE_LIMITS, SLICE_SCRIPT_MS } from '@/utils/core/convert/slice-budget';

export interface SliceOptions {
  sliceMs?: number;
  /** characters per slice: fixed, instead of following what the page's frames cost */
  sliceChars?: number;
  /** resolves with the rendering time of the frame it waited for, if it measured one */
  yieldTo?: () => Promise<number | null | void>;
}

/**
 * Cuts writing into slices by time and characters, yielding to the page between them. The characters
 * per slice follow what the page's frames cost to render (see slice-budget.ts), unless fixed.
 */
export class SliceWriter {
  private t0 = performance.now();
  private chars = 0;
  private running = true;
  private readonly sliceMs: number;
  private sliceChars: number;
  private readonly adaptive: boolean;
  private readonly yieldTo: () => Promise<number | null | void>;

  constructor(
    opts: SliceOptions,
    private readonly current: () => boolean,
    private readonly busy: (ms: number) => void,
  ) {
    this.sliceMs = opts.sliceMs ?? SLICE_SCRIPT_MS;
    this.adaptive = opts.sliceChars === undefined;
    this.sliceChars = opts.sliceChars ?? SLICE_LIMITS.initial;
    this.yieldTo = opts.yieldTo ?? frameYielder();
  }

  /** Frames waited for so far (a slice's writes are drawn in the frame after them). */
  frames = 0;
  private ended = false;
  /** the slice waited (pause() … resume() outside room()) long enough for a frame to come meanwhile */
  private waited = false;
  private pausedAt = 0;

  /** The slice has had its time or its characters: the next write waits for room(). */
  full(): boolean {
    return this.ended || performance.now() - this.t0 > this.sliceMs || this.chars > this.sliceChars;
  }

  /** Ends the slice here: the next write waits for a frame (the first screen is drawn on its own). */
  endSlice(): void {
    this.ended = true;
  }

  /** Before writing a block: yields if the slice is full; false if a newer apply() took over. */
  async room(): Promise<boolean> {
    if (!this.current()) return false;
    if (this.full()) {
      this.pause();
      const renderMs = await this.yieldTo();
      this.frames++;
      if (this.adaptive) this.sliceChars = nextSliceChars(this.sliceChars, this.chars, renderMs ?? null, SLICE_LIMITS, this.waited);
      this.resume();
      this.chars = 0;
      this.ended = false;
      this.waited = false;
    }
    return this.current();
  }

  wrote(chars: number): void {
    this.chars += chars;
  }

  pause(): void {
    if (this.running) {
      this.pausedAt = performance.now();
      this.busy(this.pausedAt - this.t0);
    }
    this.running = false;
  }

  resume(): void {
    if (!this.running) {
      this.t0 = performance.now();
      // A wait of a millisecond or more may hold a frame that draws what the slice wrote so far.
      if (this.chars > 0 && this.t0 - this.pausedAt >= 1) this.waited = true;
    }
    this.running = true;
  }

  end(): void {
    this.pause();
  }
}
