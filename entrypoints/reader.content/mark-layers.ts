// Where marks are drawn. With the CSS Custom Highlight API: a Highlight registered under a name
// (styled by highlights.css), no change to the page. Without it (older browsers, or the
// "overlay" setting): our own elements in a shadow-root overlay above the text, positioned from
// the ranges' rectangles, so the page's text nodes are never split or wrapped and conversion and
// restore stay exact.
import { OWN_UI_ATTR } from '@/utils/dom/text/nodes';

export interface MarkLayer {
  add(range: AbstractRange): void;
  delete(range: AbstractRange): void;
  clear(): void;
  readonly size: number;
  /** drop from the page */
  dispose(): void;
}

export type MarkStyle = { kind: 'underline'; color: string } | { kind: 'fill'; color: string };

export function highlightApi(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

// The highlight registry is the page's too: a page that calls CSS.highlights.clear() (or deletes
// or replaces one of our names) would wipe our marks. Our layers are put back within a moment.
const nativeLayers = new Set<NativeLayer>();
let registryWatch: ReturnType<typeof setInterval> | null = null;
const REGISTRY_CHECK_MS = 500;

function watchRegistry(): void {
  if (registryWatch) return;
  registryWatch = setInterval(() => {
    for (const l of nativeLayers) l.register();
    if (!nativeLayers.size && registryWatch) {
      clearInterval(registryWatch);
      registryWatch = null;
    }
  }, REGISTRY_CHECK_MS);
}

class NativeLayer implements MarkLayer {
  private readonly h = new Highlight();
  constructor(private readonly name: string, priority: number) {
    this.h.priority = priority;
    this.register();
    nativeLayers.add(this);
    watchRegistry();
  }
  /** (Re-)registers this layer under its name unless it is there already. */
  register() {
    if (CSS.highlights.get(this.name) !== this.h) CSS.highlights.set(this.name, this.h);
  }
  add(r: AbstractRange) {
    this.h.add(r);
  }
  delete(r: AbstractRange) {
    this.h.delete(r);
  }
  clear() {
    this.h.clear();
  }
  get size() {
    return this.h.size;
  }
  dispose() {
    nativeLayers.delete(this);
    if (CSS.highlights.get(this.name) === this.h) CSS.highlights.delete(this.name);
  }
}

let overlayRoot: { host: HTMLElement; box: HTMLElement; write: (fn: () => void) => void } | null = null;
const overlayLayers = new Set<OverlayLayer>();
let scheduled = 0;

/** One overlay per page; it redraws every layer on resize and when asked. */
function overlay(write: (fn: () => void) => void): HTMLElement {
  if (overlayRoot?.host.isConnected) return overlayRoot.box;
  const host = document.createElement('bilingual-reader-marks');
  host.setAttribute(OWN_UI_ATTR, 'marks');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = ':host{all:initial;position:absolute;top:0;left:0;width:0;height:0;pointer-events:none;z-index:2147483646}div{position:absolute;pointer-events:none}';
  const box = document.createElement('div');
  box.setAttribute('data-testid', 'mark-overlay');
  shadow.append(style, box);
  write(() => document.documentElement.append(host));
  addEventListener('resize', redrawOverlays, { passive: true });
  overlayRoot = { host, box, write };
  return box;
}

/** The last layer is gone: the overlay leaves the page and stops following its size. */
function dropOverlay(): void {
  if (!overlayRoot) return;
  removeEventListener('resize', redrawOverlays);
  const { host, write } = overlayRoot;
  write(() => host.remove());
  overlayRoot = null;
}

export function redrawOverlays(): void {
  if (scheduled) return;
  scheduled = requestAnimationFrame(() => {
    scheduled = 0;
    for (const l of overlayLayers) l.redraw();
  });
}

class OverlayLayer implements MarkLayer {
  private readonly ranges = new Set<AbstractRange>();
  private readonly group: HTMLElement;
  constructor(
    private readonly style: MarkStyle,
    write: (fn: () => void) => void,
    private readonly name: string,
  ) {
    this.group = document.createElement('div');
    this.group.setAttribute('data-layer', name);
    overlay(write).append(this.group);
    overlayLayers.add(this);
  }
  add(r: AbstractRange) {
    this.ranges.add(r);
    redrawOverlays();
  }
  delete(r: AbstractRange) {
    this.ranges.delete(r);
    redrawOverlays();
  }
  clear() {
    this.ranges.clear();
    redrawOverlays();
  }
  get size() {
    return this.ranges.size;
  }
  dispose() {
    overlayLayers.delete(this);
    this.group.remove();
    if (!overlayLayers.size) dropOverlay();
  }
  redraw() {
    const boxes: HTMLElement[] = [];
    for (const r of this.ranges) {
      const live = r instanceof Range ? r : document.createRange();
      if (!(r instanceof Range)) {
        try {
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
        } catch {
          continue;
        }
      }
      for (const rect of live.getClientRects()) {
        if (!rect.width) continue;
        const d = document.createElement('div');
        const top = rect.top + scrollY;
        const left = rect.left + scrollX;
        if (this.style.kind === 'underline')
          d.style.cssText = `left:${left}px;top:${top + rect.height - 2}px;width:${rect.width}px;height:0;border-bottom:1.5px dotted ${this.style.color}`;
        else d.style.cssText = `left:${left}px;top:${top}px;width:${rect.width}px;height:${rect.height}px;background:${this.style.color};mix-blend-mode:multiply`;
        boxes.push(d);
      }
    }
    this.group.replaceChildren(...boxes);
    this.group.setAttribute('data-count', String(this.ranges.size));
  }
}

/** A layer for `name`: native where the API exists and the reader has not asked for the overlay. */
export function markLayer(name: string, style: MarkStyle, opts: { overlay: boolean; priority?: number; write: (fn: () => void) => void }): MarkLayer {
  if (!opts.overlay && highlightApi()) return new NativeLayer(name, opts.priority ?? 0);
  return new OverlayLayer(style, opts.write, name);
}
