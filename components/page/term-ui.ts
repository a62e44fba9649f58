// The popover: one shadow-root UI per page, mounted on first use, placed with floating-ui and kept
// inside the viewport. Vue renders; this module owns state, placement and focus.
import { createApp, h, nextTick, reactive, ref, type App } from 'vue';
import type { Placement } from '@floating-ui/dom';
import { follow, type Anchor } from './follow';
import { trustedOnly } from './trusted-only';
import type { PopoverContent, TermUiEvents } from './ui-port';
import { renderDetached } from './render-detached';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import TermPopover from '@/components/TermPopover.vue';
import SelectionToolbar from '@/components/SelectionToolbar.vue';
import HighlightCard from '@/components/HighlightCard.vue';
import type { HighlightColor } from '@/utils/core/annotate/types';
import { POPOVER_KEYS, type PopoverProps } from './popover-props';
import { OWN_UI_ATTR } from '@/utils/dom/text/nodes';
import { errorMessage } from '@/utils/core/errors';
import css from './popover.css?inline';

export type { Anchor } from './follow';
export type { PopoverContent, TermUiEvents } from './ui-port';

/** A lookup slower than this shows the popover in its loading state first. */
const LOADING_AFTER_MS = 60;

interface State extends PopoverProps {
  open: boolean;
  announce: string;
  toolbar: string | null;
  canLookUp: boolean;
  card: { id: string; quote: string; color: HighlightColor; note: string; error: string; saved: boolean } | null;
  alert: string;
}

export class TermUi {
  readonly state = reactive<State>({ open: false, view: null, related: [], loading: false, error: '', pinned: false, copied: false, canHighlight: false, highlighted: false, announce: '', toolbar: null, canLookUp: false, card: null, alert: '', dict: null, script: undefined });
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

  /** True if our UI shows at this viewport point (the document sees a shadow root's content as its host). */
  ownsPoint(x: number, y: number): boolean {
    const host = this.host;
    return !!host && document.elementFromPoint(x, y) === host;
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
          trustedOnly(container.getRootNode());
          const app = createApp({
            render: () =>
              h('div', { class: 'layer', onKeydown: (e: KeyboardEvent) => this.onKey(e) }, [
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
                      dict: this.state.dict,
                      script: this.state.script,
                      onHighlight: () => void this.events.highlightTerm().then(() => (this.state.highlighted = true), () => undefined),
                      onClose: () => this.hide(),
                      onTogglePin: () => (this.state.pinned = !this.state.pinned),
                      onCopy: () => this.copy(),
                      onOpenRelated: (id: string) => this.events.openRelated(id),
                      onAddNote: () => {
                        const n = this.state.view?.pageNote;
                        if (n) this.events.addTerm(n.term, n.definition);
                      },
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
                      onSave: (patch: { color?: HighlightColor; note?: string }) => this.state.card && this.events.cardSave(this.state.card.id, patch),
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
    // Loading starts at once, alongside mounting; the popover appears with its content when that
    // comes within LOADING_AFTER_MS (cached entries: at once), so most lookups draw and place once.
    const content = load().then(
      (c): { c: PopoverContent } => ({ c }),
      (e: unknown) => ({ e }),
    );
    await this.ensure();
    if (req !== this.request) return;
    if (opts.focus && !this.state.open) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && !this.host?.contains(active) ? active : null;
    }
    this.anchor = anchor;
    const reset = { open: true, error: '', copied: false, highlighted: false, canHighlight: !!opts.canHighlight };
    let result = await Promise.race([content, new Promise<null>((r) => setTimeout(() => r(null), LOADING_AFTER_MS))]);
    if (req !== this.request) return;
    if (!result) {
      Object.assign(this.state, reset, { loading: true });
      await this.place();
      result = await content;
      if (req !== this.request) return;
    }
    if ('c' in result) Object.assign(this.state, reset, { view: result.c.view, related: result.c.related, dict: result.c.dict ?? null, script: result.c.script, loading: false });
    else Object.assign(this.state, reset, { view: null, related: [], dict: null, loading: false, error: errorMessage(result.e) });
    await this.place();
    if (opts.focus) this.popoverRef.value?.focus();
  }

  private async place(): Promise<void> {
    await nextTick();
    const floating = this.ui?.shadow.querySelector<HTMLElement>('.popover');
    const anchor = this.anchor;
    if (!floating || !anchor) return;
    this.stopAutoUpdate?.();
    const f = follow(anchor, floating, 'bottom-start', 6, { min: 120, max: 560 });
    this.stopAutoUpdate = f.stop;
    await f.placed;
  }

  /**
   * Renders a popover for `content` once into an element that is never in the page, while the page
   * is idle: the first real popover then runs code the engine has compiled already. A first hover's
   * render took 35–45 ms, 25–35 after this (a later one: 6–8); the rest is the popover's first style
   * and layout, which would need its host in the page before the reader asks for it.
   */
  warmUp(content: PopoverContent): void {
    const props: PopoverProps = { view: content.view, related: content.related, loading: false, error: '', pinned: false, copied: false, canHighlight: true, highlighted: false, dict: content.dict ?? null, script: content.script };
    renderDetached(TermPopover, { ...props });
  }

  /** The dictionary's entries for the open popover, when they came after it opened. */
  showDict(dict: State['dict']): void {
    if (this.state.open) this.state.dict = dict;
  }

  hide(): void {
    if (!this.state.open) return;
    this.request++;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    Object.assign(this.state, { open: false, pinned: false, view: null, related: [], dict: null });
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
    const { view, related, dict, script } = this.state;
    if (!view && !dict) return;
    if (await this.events.copy({ view, related, dict, script })) this.state.copied = true;
  }

  /** Shows that the entry was copied (when copied with the keyboard from the page). */
  markCopied(): void {
    this.state.copied = true;
  }

  private onKey(e: KeyboardEvent): void {
    const key = POPOVER_KEYS[e.code];
    const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName));
    if (!key || !this.state.open || typing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    this.events.popoverKey(key);
  }

  remove(): void {
    this.stopAutoUpdate?.();
    this.unfloat('toolbar');
    this.unfloat('card');
    this.ui?.remove();
  }
}
