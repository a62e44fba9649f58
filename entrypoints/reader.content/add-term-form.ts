// The reader's own terms are added in the settings page's form, which the background opens,
// prefilled. A content script left behind by an extension update can no longer ask it: the page's
// alert then says so, instead of the click doing nothing.
import { browser } from 'wxt/browser';
import { send } from '@/utils/extension/messaging';

export interface AddTermFill {
  text: string;
  pinyin?: string;
  english?: string;
  note?: string;
}

/** Asks the background to open the add-term form for `fill` (the text cut to a term's 40 characters); `say` gets the message if it cannot. */
export function openAddTermForm(fill: AddTermFill, say: (message: string) => void): void {
  void send({ type: 'add-term', ...fill, text: fill.text.slice(0, 40) }).catch(() => say(browser.i18n.getMessage('addTermNoAnswer')));
}
