// The popover: one shadow-root UI per page, mounted on first use, placed with floating-ui and kept
// inside the viewport. Vue renders; this module owns state, placement and focus.
import { createApp, h, nextTick, reactive, ref, type App } from 'vue';
import { autoUpdate, computePosition, flip, offset, shift, size, type Middleware, type Placement } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import TermPopover from '@/components/TermPopover.vue';
import SelectionToolbar from '@/components/SelectionToolbar.vue';
import HighlightCard from '@/components/HighlightCard.vue';
import type { HighlightColor } from '@/utils/core/annotate/types';
import type { TermView } from '@/utils/core/glossary/view';
import type { PopoverProps } from './popover-props';
import { OWN_UI_ATTR } from '@/utils/dom/text/model';
import { errorMessage } from '@/utils/core/errors';
import css from './popover.css?inline';

export interface Anchor {
  getBoundingClientRect(): DOMRect;
  /** element whose scrolling containers moving the anchor are watched */
  contextElement?: Element;
}

export interface PopoverContent {
  view: TermView;
  related: PopoverProps['related'];
}

/** What the page UI tells the content script; it never reaches into the page itself. */
export interface TermUiEvents {
  copy(view: TermView): Promise<void>;
  openRelated(id: string): void;
  /** "highlight" in a popover that shows an occurrence on the page; resolves once saved */
  highlightTerm(): Promise<void>;
  /** "look up" on the selection toolbar (offered only when the selection is a term) */
  lookUpSelection(): void;
  closed(): void;
  addTerm(text: string): void;
  highlightSelection(color: HighlightColor, withNote: boolean): void;
  cardSave(id: string, patch: { color: HighlightColor; note: string }): void;
  cardDelete(id: string): void;
  cardCopy(id: string): void;
}

interface State extends PopoverProps {
  open: boolean;
  announce: string;
  toolbar: string | null;
  canLookUp: boolean;
  card: { id: string; quote: string; color: HighlightColor; note: string; error: string; saved: boolean } | null;
  alert: string;
}

/**
 * Keeps a floating element of ours next to an anchor while the page scrolls and resizes, inside the
 * viewport. Returns how to stop following, and when the first placement is done.
 */
function follow(anchor: Anchor, el: HTMLElement, placement: Placement, gap: number, extra: Middleware[] = []): { stop: () => void; placed: Promise<void> } {
  const update = () =>
    computePosition(anchor, el, { strategy: 'fixed', placement, middleware: [offset(gap), flip({ padding: 8 }), shift({ padding: 8 }), ...extra] }).then(({ x, y }) => {
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
    });
  const stop = autoUpdate(anchor, el, update, { animationFrame: false });
  return { stop, placed: update() };
}

export class TermUi {
  readonly state = reactive<State>({ open: false, view: null, related: [], loading: false, error: '', pinned: false, copied: false, canHighlight: false, highlighted: false, announce: '', toolbar: null, canLookUp: false, card: null, alert: '' });
  private readonly cardRef = ref<{ focus(): void } | null>(null);
  private cardReturnFocus: HTMLElement | null = null;
  /** how to stop the toolbar and the card following their anchors */
  private readonly following: Partial<Record<'toolbar' | 'card', () => void>> = {};

  private ui: ShadowRootContentScriptUi<App> | null = null;
  private mounting: Promise<void> | null = null;
  private readonly popoverRef = ref<{ focus(): void } | null>(null);
  private stopAutoUpdate: (() => void) | null = null;
  private anchor: Anchor | null = null;
  private returnFocus: HTMLElement | null = null;
  private request = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    /** runs the DOM insertion so the text model ignores it */
    private readonly write: (fn: () => void) => void,
    private readonly events: TermUiEvents,
  ) {}

  get host(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  get isOpen(): boolean {
    return this.state.open;
  }

  /** True if the event happened inside our popover. */
  owns(e: Event): boolean {
    const host = this.host;
    return !!host && e.composedPath().includes(host);
  }

  private ensure(): Promise<void> {
    this.mounting ??= (async () => {
      const ui = await createShadowRootUi<App>(this.ctx, {
        name: 'bilingual-reader-popover',
        position: 'inline',
        anchor: 'html',
        append: 'last',
        css,
        isolateEvents: ['keydown', 'keyup', 'keypress'],
        onMount: (container) => {
          const app = createApp({
            render: () =>
              h('div', { class: 'layer' }, [
                this.state.open
                  ? h(TermPopover, {
                      ref: this.popoverRef,
                      view: this.state.view,
                      related: this.state.related,
                      loading: this.state.loading,
                      error: this.state.error,
                      pinned: this.state.pinned,
                      copied: this.state.copied,
                      canHighlight: this.state.canHighlight,
                      highlighted: this.state.highlighted,
                      onHighlight: () => void this.events.highlightTerm().then(() => (this.state.highlighted = true), () => undefined),
                      onClose: () => this.hide(),
                      onTogglePin: () => (this.state.pinned = !this.state.pinned),
                      onCopy: () => this.copy(),
                      onOpenRelated: (id: string) => this.events.openRelated(id),
                    })
                  : null,
                this.state.card
                  ? h(HighlightCard, {
                      ref: this.cardRef,
                      key: this.state.card.id,
                      quote: this.state.card.quote,
                      color: this.state.card.color,
                      note: this.state.card.note,
                      error: this.state.card.error,
                      saved: this.state.card.saved,
                      onSave: (patch: { color: HighlightColor; note: string }) => this.state.card && this.events.cardSave(this.state.card.id, patch),
                      onRemove: () => this.state.card && this.events.cardDelete(this.state.card.id),
                      onCopy: () => this.state.card && this.events.cardCopy(this.state.card.id),
                      onClose: () => this.hideCard(),
                    })
                  : null,
                this.state.toolbar !== null
                  ? h(SelectionToolbar, {
                      text: this.state.toolbar,
                      canHighlight: true,
                      canLookUp: this.state.canLookUp,
                      onLookup: () => {
                        this.hideToolbar();
                        this.events.lookUpSelection();
                      },
                      onHighlight: (c: HighlightColor) => {
                        this.hideToolbar();
                        this.events.highlightSelection(c, false);
                      },
                      onNote: () => {
                        this.hideToolbar();
                        this.events.highlightSelection('yellow', true);
                      },
                      onAddTerm: () => {
                        const text = this.state.toolbar;
                        this.hideToolbar();
                        if (text) this.events.addTerm(text);
                      },
                      onClose: () => this.hideToolbar(),
                    })
                  : null,
                h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'data-testid': 'term-announce' }, this.state.announce),
                this.state.alert ? h('div', { class: 'alert', role: 'alert', 'data-testid': 'reader-alert' }, this.state.alert) : null,
              ]),
          });
          app.mount(container);
          return app;
        },
        onRemove: (app) => app?.unmount(),
      });
      ui.shadowHost.setAttribute(OWN_UI_ATTR, 'popover');
      this.write(() => ui.mount());
      this.ui = ui;
    })();
    return this.mounting;
  }

  /**
   * Opens (or retargets) the popover at `anchor` and fills it from `load`. `canHighlight` when it
   * shows an occurrence on the page (its "highlight" button then raises highlightTerm).
   */
  async show(anchor: Anchor, load: () => Promise<PopoverContent>, opts: { focus?: boolean; canHighlight?: boolean } = {}): Promise<void> {
    const req = ++this.request;
    await this.ensure();
    if (req !== this.request) return;
    if (opts.focus && !this.state.open) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && !this.host?.contains(active) ? active : null;
    }
    Object.assign(this.state, { open: true, loading: true, error: '', copied: false, highlighted: false, canHighlight: !!opts.canHighlight });
    this.anchor = anchor;
    await this.place();
    try {
      const content = await load();
      if (req !== this.request) return;
      Object.assign(this.state, { view: content.view, related: content.related, loading: false });
    } catch (e) {
      if (req !== this.request) return;
      Object.assign(this.state, { view: null, related: [], loading: false, error: errorMessage(e) });
    }
    await this.place();
    if (opts.focus) this.popoverRef.value?.focus();
  }

  private async place(): Promise<void> {
    await nextTick();
    const floating = this.ui?.shadow.querySelector<HTMLElement>('.popover');
    const anchor = this.anchor;
    if (!floating || !anchor) return;
    this.stopAutoUpdate?.();
    const fitHeight = size({
      padding: 8,
      apply: ({ availableHeight }) => {
        floating.style.maxHeight = `${Math.max(160, Math.min(560, availableHeight))}px`;
      },
    });
    const f = follow(anchor, floating, 'bottom-start', 6, [fitHeight]);
    this.stopAutoUpdate = f.stop;
    await f.placed;
  }

  hide(): void {
    if (!this.state.open) return;
    this.request++;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    Object.assign(this.state, { open: false, pinned: false, view: null, related: [] });
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
    this.events.closed();
  }

  /** A small toolbar above a text selection; "look up" is offered when the selection is a term. */
  async showToolbar(anchor: Anchor, text: string, canLookUp: boolean): Promise<void> {
    await this.ensure();
    this.state.toolbar = text;
    this.state.canLookUp = canLookUp;
    await this.floatAt('toolbar', anchor, 'top');
  }

  hideToolbar(): void {
    this.unfloat('toolbar');
    this.state.toolbar = null;
  }

  /** Places the toolbar or the card (once rendered) at its anchor and keeps it there. */
  private async floatAt(which: 'toolbar' | 'card', anchor: Anchor, placement: Placement): Promise<void> {
    await nextTick();
    const el = this.ui?.shadow.querySelector<HTMLElement>(`.${which}`);
    if (!el) return;
    this.following[which]?.();
    const f = follow(anchor, el, placement, 8);
    this.following[which] = f.stop;
    await f.placed;
  }

  private unfloat(which: 'toolbar' | 'card'): void {
    this.following[which]?.();
    delete this.following[which];
  }

  /** The card of one highlight: note, colour, delete, copy. Focus goes to the note when asked. */
  async showCard(anchor: Anchor, card: NonNullable<State['card']>, focus: boolean): Promise<void> {
    await this.ensure();
    if (focus && !this.state.card) {
      const active = document.activeElement;
      this.cardReturnFocus = active instanceof HTMLElement && !this.host?.contains(active) ? active : null;
    }
    this.hide();
    this.state.card = card;
    await this.floatAt('card', anchor, 'bottom-start');
    if (focus) this.cardRef.value?.focus();
  }

  updateCard(patch: Partial<NonNullable<State['card']>>): void {
    if (this.state.card) Object.assign(this.state.card, patch);
  }

  hideCard(): void {
    this.unfloat('card');
    if (!this.state.card) return;
    this.state.card = null;
    const back = this.cardReturnFocus;
    this.cardReturnFocus = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
  }

  get cardOpen(): boolean {
    return !!this.state.card;
  }

  private alertTimer: ReturnType<typeof setTimeout> | null = null;
  /** A visible message that something did not work (storage full, selection outside the text…). */
  alert(text: string): void {
    void this.ensure().then(() => {
      this.state.alert = text;
      if (this.alertTimer) clearTimeout(this.alertTimer);
      this.alertTimer = setTimeout(() => (this.state.alert = ''), 8000);
    });
  }

  announce(text: string): void {
    void this.ensure().then(() => {
      this.state.announce = text;
    });
  }

  private async copy(): Promise<void> {
    if (!this.state.view) return;
    await this.events.copy(this.state.view);
    this.state.copied = true;
  }

  remove(): void {
    this.stopAutoUpdate?.();
    this.unfloat('toolbar');
    this.unfloat('card');
    this.ui?.remove();
  }
}
