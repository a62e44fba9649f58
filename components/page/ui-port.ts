// The seam between the always-on content script and the page UI bundle injected on demand.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TermUi } from './term-ui';
import type { HighlightColor } from '@/utils/core/annotate/types';
import type { TermView } from '@/utils/core/glossary/view';
import type { PopoverKey, PopoverProps } from './popover-props';

export const UI_GLOBAL = '__bilingualReaderUi';

/** What a popover shows: a glossary entry (view), dictionary entries (dict), or both. */
export interface PopoverContent {
  view: TermView | null;
  related: PopoverProps['related'];
  dict?: PopoverProps['dict'];
  script?: PopoverProps['script'];
}

/** What the page UI tells the content script; it never reaches into the page itself. */
export interface TermUiEvents {
  /** true once copied; false when there was nothing to copy or the clipboard refused (the content script has said so) */
  copy(content: PopoverContent): Promise<boolean>;
  /** a popover key pressed while focus is in the popover */
  popoverKey(key: PopoverKey): void;
  openRelated(id: string): void;
  /** "highlight" in a popover that shows an occurrence on the page; resolves once saved */
  highlightTerm(): Promise<void>;
  /** "look up" on the selection toolbar (offered only when the selection is a term) */
  lookUpSelection(): void;
  closed(): void;
  /** opens the add-term form prefilled with the text (and, for a page's note, its definition as note) */
  addTerm(text: string, note?: string): void;
  highlightSelection(color: HighlightColor, withNote: boolean): void;
  cardSave(id: string, patch: { color?: HighlightColor; note?: string }): void;
  cardDelete(id: string): void;
  cardCopy(id: string): void;
}

export interface ReaderUiModule {
  createTermUi(ctx: ContentScriptContext, write: (fn: () => void) => void, events: TermUiEvents): TermUi;
}

export function loadedUiModule(): ReaderUiModule | null {
  const m = (globalThis as Record<string, unknown>)[UI_GLOBAL] as ReaderUiModule | undefined;
  return m && typeof m.createTermUi === 'function' ? m : null;
}
