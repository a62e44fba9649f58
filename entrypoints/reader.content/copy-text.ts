// Copying from the page: the text a popover copies, and writing it to the clipboard. The browser
// refuses the clipboard when the page's Permissions-Policy forbids it or the document has lost
// focus: the reader is told so, rather than shown "Copied".
import { browser } from 'wxt/browser';
import { citation } from '@/utils/core/glossary/view';
import type { DictLookupReply } from '@/utils/core/dict/lookup';
import type { PopoverContent } from '@/components/page/ui-port';

/** A dictionary entry as copied: headword, pinyin, definitions. */
const dictText = (d: DictLookupReply): string => d.entries.map((e) => `${e.simplified}${e.traditional !== e.simplified ? ` ${e.traditional}` : ''} [${e.pinyin}] ${e.definitions.join('; ')}`).join('\n');

/** What a popover's copy puts on the clipboard: the entry as a citation of this page, else the dictionary's entries ('' when neither). */
export function popoverCopyText(c: PopoverContent): string {
  return c.view ? citation(c.view, { title: document.title, url: location.href }) : c.dict ? dictText(c.dict) : '';
}

/** Copies `text`; true once copied, else `say` is given the message for the reader and false returned. */
export async function copyText(text: string, say: (message: string) => void): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    say(browser.i18n.getMessage('copyFailed'));
    return false;
  }
}
