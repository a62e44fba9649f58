// What the content script answers, one handler per message type (popup, side panel, background).
import { errorMessage } from '@/utils/core/errors';
import type { MessageHandlers, PageHighlight, PageStatus, PageTerms } from '@/utils/core/messages';
import type { ScriptMode } from '@/utils/core/convert/modes';

/** The reader as the outside sees it. */
export interface ReaderFace {
  status(): PageStatus | null;
  /** true while the reader is on (the page's terms, script and highlights are available) */
  on(): boolean;
  pageTerms(): PageTerms | null;
  revealTerm(index: number): Promise<boolean>;
  pageHighlights(): { source: string; items: PageHighlight[] } | null;
  revealHighlight(id: string): Promise<boolean>;
  /** true where the script switch is offered: the page has Han text and the reader is not turned off for the site */
  canSwitch(): boolean;
  /** `tell`: a failure is also shown on the page (no popup asked) */
  setScript(mode: ScriptMode, tell: boolean): Promise<void>;
  /** says on the page why the switch is not offered here; false if it is offered after all */
  sayNoSwitch(): boolean;
}

export function contentHandlers(reader: ReaderFace): MessageHandlers {
  return {
    'get-status': async () => reader.status(),
    'get-terms': async () => (reader.on() ? reader.pageTerms() : null),
    'reveal-term': async (msg) => reader.on() && reader.revealTerm(msg.index),
    'hl-page': async () => reader.pageHighlights(),
    'hl-reveal': (msg) => reader.revealHighlight(msg.id),
    'set-script-invalid': async (msg) => ({ error: `unknown script mode "${msg.mode}"` }),
    'set-script': async (msg) => {
      if (!reader.canSwitch()) return false;
      return reader.setScript(msg.mode, msg.tell === true).then(
        () => true as const,
        (e: unknown) => ({ error: errorMessage(e) }),
      );
    },
    'script-unavailable': async () => reader.sayNoSwitch(),
  };
}
