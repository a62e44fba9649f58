// What the popover shows (TermPopover's props, fed from the page UI's state) and the keys it
// answers. Types and constants only: the content script imports it without Vue.
import type { TermView } from '@/utils/core/glossary/view';
import type { DictLookupReply } from '@/utils/core/dict/lookup';

export interface PopoverProps {
  view: TermView | null;
  related: { id: string; headword: string; english: string }[];
  loading: boolean;
  error: string;
  pinned: boolean;
  copied: boolean;
  /** the popover was opened on an occurrence in the page, which can be highlighted */
  canHighlight: boolean;
  highlighted: boolean;
  /** Dictionary entries for the word at the caret: under the glossary entry (collapsed), or alone. */
  dict?: DictLookupReply | null;
  /** The page's script, for a dictionary-only popover. */
  script?: 'simplified' | 'traditional';
}

/** Keys for an open popover, from the page or inside it: next / previous word, copy, add to my terms. */
export type PopoverKey = 'next' | 'previous' | 'copy' | 'add';
export const POPOVER_KEYS: Readonly<Record<string, PopoverKey>> = { KeyN: 'next', KeyB: 'previous', KeyC: 'copy', KeyA: 'add' };
