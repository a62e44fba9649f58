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
import { OWN_UI_ATTR } from '@/utils/dom/text/model';
import css from './popover.css?inline';

export interface Anchor {
  getBoundingClientRect(): DOMRect;
  /** element whose scrolling containers moving the anchor are watched */
  contextElement?: Element;
}

export interface PopoverContent {
  view: TermView;
  related: { id: string; headword: string; english: string }[];
}

interface State {
  open: boolean;
  view: TermView | null;
  related: PopoverContent['related'];
  loading: boolean;
  error: string;
  pinned: boolean;
  copied: boolean;
  canHighlight: boolean;
  highlighted: boolean;
  announce: string;
  toolbar: string | null;
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
  readonly state = reactive<State>({ open: false, view: null, related: [], loading: false, error: '', pinned: false, copied: false, canHighlight: false, highlighted: false, announce: '', toolbar: null, card: null, alert: '' });
  onCopy: (view: TermView) => Promise<void> = async () => undefined;
  onRelated: (id: string) => void = () => undefined;
  /** set while the popover shows an occurrence on the page */
  onHighlightTerm: (() => Promise<void>) | null = null;
  /** set when the selection is exactly a glossary term */
  onLookup: (() => void) | null = null;
  onClosed: () => void = () => undefined;
  onAddTerm: (text: string) => void = () => undefined;
  onHighlight: (color: HighlightColor, withNote: boolean) => void = () => undefined;
  onCardSave: (id: string, patch: { color?: HighlightColor; note?: string }) => void = () => undefined;
  onCardDelete: (id: string) => void = () => undefined;
  onCardCopy: (id: string) => void = () => undefined;
  private readonly cardRef = ref<{ focus(): void } | null>(null);
  private stopCardUpdate: (() => void) | null = null;
  private cardReturnFocus: HTMLElement | null = null;
  private stopToolbarUpdate: (() => void) | null = null;

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
                      onHighlight: () => void this.onHighlightTerm?.().then(() => (this.state.highlighted = true)),
                      onClose: () => this.hide(),
                      onTogglePin: () => (this.state.pinned = !this.state.pinned),
                      onCopy: () => this.copy(),
                      onOpenRelated: (id: string) => this.onRelated(id),
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
                      onSave: (patch: { color?: HighlightColor; note?: string }) => this.state.card && this.onCardSave(this.state.card.id, patch),
                      onRemove: () => this.state.card && this.onCardDelete(this.state.card.id),
                      onCopy: () => this.state.card && this.onCardCopy(this.state.card.id),
                      onClose: () => this.hideCard(),
                    })
                  : null,
                this.state.toolbar !== null
                  ? h(SelectionToolbar, {
                      text: this.state.toolbar,
                      canHighlight: true,
                      canLookUp: !!this.onLookup,
                      onLookup: () => {
                        this.hideToolbar();
                        this.onLookup?.();
                      },
                      onHighlight: (c: HighlightColor) => {
                        this.hideToolbar();
                        this.onHighlight(c, false);
                      },
                      onNote: () => {
                        this.hideToolbar();
                        this.onHighlight('yellow', true);
                      },
                      onAddTerm: () => {
                        const text = this.state.toolbar;
                        this.hideToolbar();
                        if (text) this.onAddTerm(text);
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

  /** Opens (or retargets) the popover at `anchor` and fills it from `load`. */
  async show(anchor: Anchor, load: () => Promise<PopoverContent>, opts: { focus?: boolean } = {}): Promise<void> {
    const req = ++this.request;
    await this.ensure();
    if (req !== this.request) return;
    if (opts.focus && !this.state.open) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && !this.host?.contains(active) ? active : null;
    }
    Object.assign(this.state, { open: true, loading: true, error: '', copied: false, highlighted: false, canHighlight: !!this.onHighlightTerm });
    this.anchor = anchor;
    await this.place();
    try {
      const content = await load();
      if (req !== this.request) return;
      Object.assign(this.state, { view: content.view, related: content.related, loading: false });
    } catch (e) {
      if (req !== this.request) return;
      Object.assign(this.state, { view: null, related: [], loading: false, error: e instanceof Error ? e.message : String(e) });
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
    this.onClosed();
  }

  /** A small toolbar above a text selection. */
  async showToolbar(anchor: Anchor, text: string): Promise<void> {
    await this.ensure();
    this.state.toolbar = text;
    await nextTick();
    const el = this.ui?.shadow.querySelector<HTMLElement>('.toolbar');
    if (!el) return;
    this.stopToolbarUpdate?.();
    const f = follow(anchor, el, 'top', 8);
    this.stopToolbarUpdate = f.stop;
    await f.placed;
  }

  hideToolbar(): void {
    this.stopToolbarUpdate?.();
    this.stopToolbarUpdate = null;
    this.state.toolbar = null;
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
    await nextTick();
    const el = this.ui?.shadow.querySelector<HTMLElement>('.card');
    if (!el) return;
    this.stopCardUpdate?.();
    const f = follow(anchor, el, 'bottom-start', 8);
    this.stopCardUpdate = f.stop;
    await f.placed;
    if (focus) this.cardRef.value?.focus();
  }

  updateCard(patch: Partial<NonNullable<State['card']>>): void {
    if (this.state.card) Object.assign(this.state.card, patch);
  }

  hideCard(): void {
    this.stopCardUpdate?.();
    this.stopCardUpdate = null;
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
    await this.onCopy(this.state.view);
    this.state.copied = true;
  }

  remove(): void {
    this.stopAutoUpdate?.();
    this.stopToolbarUpdate?.();
    this.stopCardUpdate?.();
    this.ui?.remove();
  }
}
