// Placement of our floating UI (popover, toolbar, card) next to what it explains, inside the viewport.
import { autoUpdate, computePosition, flip, offset, shift, size, type Middleware, type Placement } from '@floating-ui/dom';

export interface Anchor {
  getBoundingClientRect(): DOMRect;
  /** element whose scrolling containers moving the anchor are watched */
  contextElement?: Element;
}

/**
 * Keeps a floating element of ours next to an anchor while the page scrolls and resizes, inside the
 * viewport. With `fit`, the element's height is sized to the room on the side chosen: it goes where
 * its whole natural height fits (flipping above the anchor when there is room there and not below),
 * else to the side with the most room, and scrolls inside. Returns how to stop following, and when
 * the first placement is done.
 */
export function follow(anchor: Anchor, el: HTMLElement, placement: Placement, gap: number, fit?: { min: number; max: number }): { stop: () => void; placed: Promise<void> } {
  const middleware: Middleware[] = [offset(gap), flip({ padding: 8, fallbackStrategy: 'bestFit' }), shift({ padding: 8 })];
  if (fit)
    middleware.push(
      size({
        padding: 8,
        apply: ({ availableHeight }) => {
          el.style.maxHeight = `${Math.max(fit.min, Math.min(fit.max, Math.floor(availableHeight)))}px`;
        },
      }),
    );
  const update = () => {
    // Measure the natural height each time: a height clamped to one side would never flip.
    if (fit) el.style.maxHeight = `${fit.max}px`;
    return computePosition(anchor, el, { strategy: 'fixed', placement, middleware }).then(({ x, y }) => {
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
    });
  };
  const stop = autoUpdate(anchor, el, update, { animationFrame: false });
  return { stop, placed: update() };
}
