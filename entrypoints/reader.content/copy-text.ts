// Writing to the clipboard from the page. The browser refuses when the page's Permissions-Policy
// forbids it or the document has lost focus: the reader is told so, rather than shown "Copied".
import { browser } from 'wxt/browser';

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
