// Where and how the reader offers the script switch: on every page with Han text, whatever the
// detection says, unless the reader turned the site off (switchOffered); Alt+Shift+S where the
// reader itself is off (where it is on, the scanner has the key); the site's mode watched, so a
// change takes effect at once; the script the reader chose for the site shown on pages the reader
// is not on (the glossary run shows it on the others); and a failed switch asked for on the page,
// or one the context menu asked of a page that offers none, said on the page. Extension-API code:
// storage (the site's mode), i18n.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ScriptMode } from '@/utils/core/convert/modes';
import { switchFailure } from '@/utils/core/convert/failure';
import { errorMessage } from '@/utils/core/errors';
import { noSwitchReason, switchOffered } from '@/utils/core/reader/state';
import type { SiteMode } from '@/utils/core/settings';
import { siteModesItem } from '@/utils/extension/storage/items';
import { listenScriptKey } from './script-key';

/** What the offer needs of the reader. */
export interface SwitchHost {
  hasHan(): boolean;
  siteMode(): SiteMode;
  /** the reader is on (glossary, marks): its scanner has the switch key */
  on(): boolean;
  /** the script the reader chose for this site, null if none (or one was chosen on this page since) */
  siteScript(): Promise<ScriptMode | null>;
  /** the mode the switch key goes to */
  toggled(): ScriptMode;
  setScript(mode: ScriptMode, remember: boolean): Promise<void>;
  /** says something went wrong, on the page */
  alert(text: string): void;
  /** the site's mode changed in storage */
  siteModeChanged(): void;
}

export class SwitchOffer {
  private listening = false;
  private watching = false;
  private siteScriptTaken = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly host: SwitchHost,
  ) {}

  offered(): boolean {
    return switchOffered(this.host.hasHan(), this.host.siteMode());
  }

  /** Once the page has Han text: the switch key, and the site's mode watched. */
  listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.watchSiteMode();
    listenScriptKey(this.ctx, () => !this.host.on() && this.offered(), () => void this.host.setScript(this.host.toggled(), true).catch((e: unknown) => this.failed(e)));
  }

  /** "Never on this site" and back, chosen in the popup or the settings, take effect at once. */
  watchSiteMode(): void {
    if (this.watching) return;
    this.watching = true;
    this.ctx.onInvalidated(siteModesItem.watch(() => this.host.siteModeChanged()));
  }

  /**
   * The page's state was decided. A page the reader is not on, where the switch is offered (a
   * bilingual page, a Chinese page off by the automatic scope), is shown once in the script the
   * reader chose on this site; the default script ("Show Chinese pages in") stays with the pages the
   * reader is on, where the glossary run shows it.
   */
  decided(on: boolean): void {
    if (on || this.siteScriptTaken || !this.offered()) return;
    this.siteScriptTaken = true;
    void this.host
      .siteScript()
      .then((mode) => {
        if (mode && mode !== 'original' && !this.host.on() && this.offered()) return this.host.setScript(mode, false);
      })
      .catch(() => undefined);
  }

  /**
   * A script chosen in the context menu reached no frame that could show it: this frame, the one
   * right-clicked, says why (no Han text, or the site turned off). False if it offers the switch.
   */
  unavailable(): boolean {
    const key = noSwitchReason(this.host.hasHan(), this.host.siteMode());
    if (key) this.host.alert(browser.i18n.getMessage(key));
    return key !== null;
  }

  /** A switch the reader asked for on the page (shortcut, context menu) failed: the page says why. */
  failed(e: unknown): void {
    const f = switchFailure(errorMessage(e));
    this.host.alert(browser.i18n.getMessage(f.key, f.subs));
  }
}
