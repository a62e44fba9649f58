// What a glossary run needs from the background and from storage: the glossary's forms, the
// reader's own terms and the script the reader chose for this site. A Chinese page asks for all
// three as soon as it is read, so that they travel while its text model is built and detected,
// not after (reader.ts); a page booted by a first script switch asks when the reader turns on.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FormIndex } from '@/utils/core/glossary/form-index';
import type { ScriptMode } from '@/utils/core/convert/modes';
import type { Settings } from '@/utils/core/settings';
import type { UserTerm } from '@/utils/core/user-terms/model';
import { getScriptFor, getSettings, getSiteScript, getUserTerms, userTermsItem } from '@/utils/extension/storage/items';
import { send } from '@/utils/extension/messaging';

export class GlossaryInputs {
  private formsRead: Promise<FormIndex | null> | null = null;
  private termsRead: Promise<UserTerm[]> | null = null;
  private scriptRead: Promise<ScriptMode> | null = null;
  private chose = false;
  /** time filing the forms' lines took */
  indexMs = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    /** the reader's own terms changed (in this tab or another): read again by `userTerms()` */
    private readonly termsChanged: () => void,
    /** the settings as last read, if they were */
    private readonly settings: () => Settings | null,
  ) {}

  /** Starts all three reads. */
  request(): void {
    void this.forms();
    void this.userTerms();
    this.scriptRead ??= this.readScript();
    this.scriptRead.catch(() => undefined);
  }

  /** The glossary's forms, filed by key; null when the background could not load them (asked again next time). */
  forms(): Promise<FormIndex | null> {
    this.formsRead ??= send({ type: 'get-glossary-forms' }).then(
      (p) => {
        const t0 = performance.now();
        const index = FormIndex.from(p);
        this.indexMs = performance.now() - t0;
        if (!index) this.formsRead = null;
        return index;
      },
      () => {
        this.formsRead = null;
        return null;
      },
    );
    return this.formsRead;
  }

  /** The reader's own terms: read once, then watched, and read again when they change. */
  userTerms(): Promise<UserTerm[]> {
    if (!this.termsRead) {
      this.termsRead = getUserTerms();
      const unwatch = userTermsItem.watch(() => {
        this.termsRead = getUserTerms();
        this.termsChanged();
      });
      this.ctx.onInvalidated(unwatch);
    }
    return this.termsRead;
  }

  /** The script to show the page in from the start, as read with the forms; once (later runs read again). */
  takeScript(): Promise<ScriptMode> {
    const read = this.scriptRead ?? this.readScript();
    this.scriptRead = null;
    return read;
  }

  /** The reader chose a script on this page: what was read at the start, or is read later, is stale. */
  chosen(): void {
    this.chose = true;
    this.scriptRead = Promise.resolve('original');
  }

  /**
   * The script the reader chose for this site, alone (no default), for a page the reader is not on;
   * null if they chose none, or have chosen one on this page since.
   */
  siteScript(): Promise<ScriptMode | null> {
    return getSiteScript(location.hostname)
      .catch(() => null)
      .then((mode) => (this.chose ? null : mode));
  }

  private readScript(): Promise<ScriptMode> {
    const s = this.settings();
    return (s ? Promise.resolve(s) : getSettings()).then((settings) => getScriptFor(location.hostname, settings));
  }
}
