// Elements the page keeps rewriting after we convert them (a framework re-rendering, a script
// guarding its text): after a few conversions in a short time we leave them alone rather than fight
// the page. Kept by element identity; nothing here touches the page.

/** More conversions of one element than this within WINDOW_MS: the page is undoing our work. */
const MAX_REWRITES = 3;
const WINDOW_MS = 5000;

export class ContestedElements {
  private readonly contested = new WeakSet<Element>();
  private readonly conversions = new WeakMap<Element, number[]>();

  /** True if we stopped converting `el`. */
  has(el: Element): boolean {
    return this.contested.has(el);
  }

  /** Counts a conversion of `el`; true when the page is fighting us there. */
  fought(el: Element, now = Date.now()): boolean {
    if (this.contested.has(el)) return true;
    const times = (this.conversions.get(el) ?? []).filter((t) => now - t < WINDOW_MS);
    times.push(now);
    this.conversions.set(el, times);
    if (times.length <= MAX_REWRITES) return false;
    this.contested.add(el);
    return true;
  }
}
