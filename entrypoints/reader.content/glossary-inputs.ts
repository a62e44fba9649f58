// What a glossary run needs from the background and from storage: the glossary's forms, the
// reader's own terms and the script the reader chose for this site. A Chinese page asks for all
// three as soon as it is read, so that they travel while its text model is built and detected,
// not after (reader.ts); a page booted by a first script switch asks when the reader turns on.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FormIndex } from '@/utils/core/glossary/form-index';
import type { ScriptMode } from '@/utils/core/convert/modes';
import type { Settings } from '@/utils/core/settings';
import type { UserTerm } from '@/utils/core/user-terms/model';
import { getScriptFor, getSettings, getUserTerms, userTermsItem } from '@/utils/extension/storage/items';
import { send } from '@/utils/extension/messaging';

export class GlossaryInputs {
  private formsRead: Promise<FormIndex | null> | null = null;
  private termsRead: Promise<UserTerm[]> | null = null;
  private scriptRead: Promise<ScriptMode> | null = null;
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

  /** The reader chose a script while the page was still being read: the one read at the start is stale. */
  chosen(): void {
    this.scriptRead = Promise.resolve('original');
  }

  private readScript(): Promise<ScriptMode> {
    const s = this.settings();
    return (s ? Promise.resolve(s) : getSettings()).then((settings) => getScriptFor(location.hostname, settings));
  }
}
