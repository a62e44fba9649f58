// The term scanner: turns the reader's pointer, clicks, keys and selections into typed events,
// after Yomitan's TextScanner. It knows where things are on the page (model offsets), not what to
// show for them: lookup sources say what is at a caret, and whoever listens opens popovers.
import type { PageTextModel, TextBlock } from '@/utils/dom/text/model';
import { caretAt } from '@/utils/dom/text/range';
import { stepOccurrence, type Occurrence } from '@/utils/core/glossary/occurrences';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { LookupAny } from '@/utils/core/settings';
import { POPOVER_KEYS, type PopoverKey } from '@/components/page/popover-props';

/** A place in the page text: a block and an offset in it. */
export interface Spot {
  blockId: number;
  start: number;
}

export function sameSpot(a: Spot | null, b: Spot | null): boolean {
  return !!a && !!b && a.blockId === b.blockId && a.start === b.start;
}

/**
 * What a lookup source found at a caret: a span of one block, of one kind (a glossary term, or any
 * dictionary word), and `caret`, the character the reader pointed at (dictionary words start there).
 */
export type LookupHit = Spot & { end: number; caret: number } & ({ kind: 'term'; entry: number } | { kind: 'word' });

export type Trigger = 'hover' | 'click' | 'key';

/** How the caret was reached: a source may answer only to some triggers, or with a modifier held. */
export interface SourceContext {
  trigger: Trigger;
  /** Shift was held */
  modifier: boolean;
}

/** Given the caret (block, offset between characters) and the point, the span to look up, if any. */
export type LookupSource = (block: TextBlock, offset: number, x: number, y: number, how: SourceContext) => LookupHit | null;


export interface ScanEvents {
  /** the reader rested on, clicked or pressed Enter on something a source recognises */
  lookup: { hit: LookupHit; trigger: Trigger; focus: boolean };
  /** the pointer is on our popover or on what it shows: keep it open */
  'pointer-stay': void;
  /** the pointer left every lookup target */
  'pointer-away': void;
  /** a key for the open popover (see PopoverKey) */
  'popover-key': PopoverKey;
  /** a click that is not a lookup (a highlight may be there; an open popover may close) */
  tap: { x: number; y: number };
  /** the keyboard term cursor moved */
  cursor: { occurrence: Occurrence; index: number; total: number };
  /** a selection was made on the page (null: it was cleared) */
  selection: { range: Range; text: string } | null;
  escape: void;
  command: 'highlight-selection' | 'toggle-script';
  /** the page scrolled while no keyboard cursor is in use */
  scroll: void;
}

type Listener<K extends keyof ScanEvents> = (e: ScanEvents[K]) => void;

export interface ScannerHost {
  /** false while the reader is off: nothing is scanned */
  active(): boolean;
  settings(): { hover: boolean; hoverDelayMs: number; click: boolean; lookupAny: LookupAny } | null;
  /** true if the event happened inside our own UI */
  owns(e: Event): boolean;
  /** true if our own UI (popover, card, toolbar) is what shows at this viewport point now */
  ownsPoint(x: number, y: number): boolean;
  /** occurrences the keyboard cursor moves through, in page order */
  occurrences(): Occurrence[];
  /** true while a popover is open that the popover keys act on */
  popoverOpen(): boolean;
}

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const isChord = (e: KeyboardEvent, code: string) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === code;

export class TermScanner {
  private readonly listeners: { [K in keyof ScanEvents]?: Listener<K>[] } = {};
  private readonly sources: LookupSource[] = [];
  private listening = false;
  private pointerFrame = 0;
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  /** what the pointer rests on (its lookup is pending or shown) */
  private hovered: Spot | null = null;
  /** what the open popover shows */
  private shownAt: Spot | null = null;
  /** the keyboard term cursor */
  private cursor: Spot | null = null;
  /** the page scrolled after the last pointer move, before its frame */
  private scrolledSinceMove = false;
  /** where the pointer last was, for Shift pressed while it rests */
  private lastPointer: { x: number; y: number } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly model: PageTextModel,
    private readonly host: ScannerHost,
  ) {}

  on<K extends keyof ScanEvents>(type: K, fn: Listener<K>): void {
    ((this.listeners[type] ??= []) as Listener<K>[]).push(fn);
  }

  private emit<K extends keyof ScanEvents>(type: K, e: ScanEvents[K]): void {
    for (const fn of (this.listeners[type] ?? []) as Listener<K>[]) fn(e);
  }

  /**
   * A hover still waiting for its delay is dropped: the reader clicked or pressed a key for a lookup,
   * or moved into the popover. Left to fire, it would open the word the pointer passed over (the
   * term just clicked, say) over the popover the reader is using, a related term opened in it too.
   */
  private dropPendingHover(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.hoverTimer = null;
    this.hovered = null;
  }

  /** Forgets where the pointer was: its frame not yet read, and its hover still waiting. */
  private letGo(): void {
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.pointerFrame = 0;
    this.dropPendingHover();
  }

  private lookup(hit: LookupHit, trigger: 'click' | 'key', focus: boolean): void {
    this.dropPendingHover();
    this.emit('lookup', { hit, trigger, focus });
  }

  /** Sources are asked in the order added; the first to find something wins. */
  addSource(source: LookupSource): void {
    this.sources.push(source);
  }

  /** Tells the scanner what the popover shows now (null: it closed). */
  shown(spot: Spot | null): void {
    this.shownAt = spot && { blockId: spot.blockId, start: spot.start };
  }

  listen(): void {
    if (this.listening) return;
    this.listening = true;
    const passive = { capture: true, passive: true } as const;
    this.ctx.addEventListener(document, 'pointermove', this.onPointerMove, passive);
    this.ctx.addEventListener(document, 'pointerout', this.onPointerOut, passive);
    this.ctx.addEventListener(document, 'click', this.onClick, { capture: true });
    this.ctx.addEventListener(window, 'keydown', this.onKeyDown, { capture: true });
    this.ctx.addEventListener(window, 'scroll', this.onScroll, passive);
    this.ctx.addEventListener(document, 'mouseup', this.onSelectionEnd, { capture: true });
    this.ctx.addEventListener(document, 'keyup', this.onSelectionEnd, { capture: true });
  }

  stop(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.hoverTimer = null;
    this.pointerFrame = 0;
  }

  /** What the sources find under a viewport point. */
  hitAt(x: number, y: number, how: SourceContext): LookupHit | null {
    const caret = caretAt(x, y, this.model.shadowRootList());
    const pos = caret && this.model.offsetOf(caret.node, caret.offset);
    if (!pos) return null;
    for (const source of this.sources) {
      const hit = source(pos.block, pos.offset, x, y, how);
      if (hit) return hit;
    }
    return null;
  }

  private readonly onPointerMove = (e: PointerEvent): void => {
    // Only the reader's own input counts: a page can dispatch any event it likes (isTrusted is false then).
    if (!e.isTrusted || !this.host.active() || !this.host.settings()?.hover || e.pointerType === 'touch') return;
    // A drag (text being selected, a scrollbar): nothing under it is looked up, and a hover begun
    // before it does not open mid-drag or over the selection where it ends.
    if (e.buttons !== 0) return this.letGo();
    this.lastPointer = { x: e.clientX, y: e.clientY };
    this.rest(e.clientX, e.clientY, e.timeStamp, e.shiftKey, this.host.owns(e));
  };

  /**
   * The pointer left this document (out of the iframe a report is shown in, or out of the window):
   * no pointermove tells this frame, so what it pointed at is let go here.
   */
  private readonly onPointerOut = (e: PointerEvent): void => {
    if (!e.isTrusted || e.relatedTarget !== null || e.pointerType === 'touch' || !this.host.active()) return;
    this.letGo();
    this.emit('pointer-away', undefined);
  };

  /**
   * The pointer rests at a point since `since` (an event's time): the hover delay counts from then,
   * not from the frame in which the caret is read, so the popover opens when the delay says.
   */
  private rest(x: number, y: number, since: number, modifier: boolean, inPopover: boolean): void {
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.scrolledSinceMove = false;
    // Reading the caret forces layout: once a frame is enough, however fast the pointer moves.
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      // In our UI when the pointer moved there, unless a scroll closed it since (in this frame,
      // before this callback): the pointer is then over the page, and no other move may come to say
      // so (Firefox sends none after a scroll). Our UI closing otherwise (a toolbar button chosen)
      // leaves the pointer where the reader put it for our UI, not for a lookup.
      if (inPopover && !(this.scrolledSinceMove && !this.host.ownsPoint(x, y))) {
        if (this.hoverTimer) this.dropPendingHover();
        return this.emit('pointer-stay', undefined);
      }
      const hit = this.hitAt(x, y, { trigger: 'hover', modifier });
      if (sameSpot(hit, this.shownAt)) return this.emit('pointer-stay', undefined);
      if (sameSpot(hit, this.hovered)) return;
      this.hovered = hit && { blockId: hit.blockId, start: hit.start };
      if (this.hoverTimer) clearTimeout(this.hoverTimer);
      this.hoverTimer = null;
      if (!hit) return this.emit('pointer-away', undefined);
      const delay = this.host.settings()?.hoverDelayMs ?? 300;
      this.hoverTimer = setTimeout(
        () => {
          this.hoverTimer = null;
          this.emit('lookup', { hit, trigger: 'hover', focus: false });
        },
        Math.max(0, delay - (performance.now() - since)),
      );
    });
  }

  private readonly onClick = (e: MouseEvent): void => {
    if (!e.isTrusted || !this.host.active() || this.host.owns(e)) return;
    if (!this.host.settings()?.click) return this.emit('tap', { x: e.clientX, y: e.clientY });
    // Links, buttons and a selection in progress keep their own meaning.
    const target = e.target as Element | null;
    if (target?.closest?.(`a[href], button, ${EDITABLE}`)) return;
    if (!document.getSelection()?.isCollapsed) return;
    this.emit('tap', { x: e.clientX, y: e.clientY });
  };

  /** A tap the listener did not claim (no highlight there): look up what is under it. */
  lookUpAt(x: number, y: number): boolean {
    if (!this.host.settings()?.click) return false;
    const hit = this.hitAt(x, y, { trigger: 'click', modifier: false });
    if (hit) this.lookup(hit, 'click', false);
    return !!hit;
  }

  private readonly onScroll = (): void => {
    this.scrolledSinceMove = true;
    if (!this.cursor) this.emit('scroll', undefined);
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    // A page's synthetic Alt+Shift+H or +S must not highlight or switch anything for the reader.
    if (!e.isTrusted || !this.host.active() || this.host.owns(e)) return;
    const t = e.target as HTMLElement | null;
    const editing = !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === 'Escape') return this.emit('escape', undefined);
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
    if (plain && !editing && POPOVER_KEYS[e.code] && this.host.popoverOpen()) {
      e.preventDefault();
      return this.emit('popover-key', POPOVER_KEYS[e.code]!);
    }
    // Shift pressed while the pointer rests: a lookup that waits for the modifier can happen now.
    if (e.key === 'Shift' && !e.repeat && this.lastPointer && this.host.settings()?.lookupAny === 'modifier' && this.host.settings()?.hover) {
      this.hovered = null;
      this.rest(this.lastPointer.x, this.lastPointer.y, performance.now(), true, false);
    }
    if (isChord(e, 'KeyH') && !editing) {
      e.preventDefault();
      return this.emit('command', 'highlight-selection');
    }
    if (editing) return;
    if (isChord(e, 'KeyS')) {
      e.preventDefault();
      return this.emit('command', 'toggle-script');
    }
    if (isChord(e, 'KeyN') || isChord(e, 'KeyP')) {
      e.preventDefault();
      return this.step(e.code === 'KeyN' ? 1 : -1);
    }
    if (e.key === 'Enter' && this.cursor && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const occ = this.host.occurrences().find((o) => sameSpot(o, this.cursor));
      if (occ) {
        e.preventDefault();
        this.lookup({ kind: 'term', ...occ, caret: occ.start }, 'key', true);
      }
    }
  };

  /** Moves the term cursor to the next or previous occurrence. */
  private step(dir: 1 | -1): void {
    const list = this.host.occurrences();
    if (!list.length) return;
    const current = list.findIndex((o) => sameSpot(o, this.cursor));
    const i = stepOccurrence(list.length, current, dir);
    this.moveCursor(list, i);
  }

  /** Moves the cursor to the next occurrence of a glossary entry after it (side panel "show"). */
  revealEntry(entry: number): Occurrence | null {
    const all = this.host.occurrences();
    const current = all.findIndex((o) => sameSpot(o, this.cursor));
    const after = all.slice(current + 1).find((o) => o.entry === entry) ?? all.find((o) => o.entry === entry);
    if (!after) return null;
    this.moveCursor(all, all.indexOf(after));
    return after;
  }

  private moveCursor(list: Occurrence[], i: number): void {
    const occurrence = list[i]!;
    this.cursor = { blockId: occurrence.blockId, start: occurrence.start };
    this.emit('cursor', { occurrence, index: i, total: list.length });
  }

  private readonly onSelectionEnd = (e: Event): void => {
    if (!e.isTrusted || !this.host.active() || this.host.owns(e)) return;
    // The selection is final only after the browser has handled the event.
    setTimeout(() => {
      const sel = document.getSelection();
      const text = sel && !sel.isCollapsed ? sel.toString().trim() : '';
      // Any length: a selection too long to highlight is refused with a message when highlighted, never ignored.
      if (!sel || !text) return this.emit('selection', null);
      const node = sel.anchorNode;
      const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
      if (el?.closest(EDITABLE)) return;
      this.emit('selection', { range: sel.getRangeAt(0).cloneRange(), text });
    }, 0);
  };
}
