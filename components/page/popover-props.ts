// What the popover shows: TermPopover's props, and the part of the page UI's state that feeds them.
import type { TermView } from '@/utils/core/glossary/view';

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
}
