// The seam between the always-on content script and the page UI bundle injected on demand.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TermUi, TermUiEvents } from './term-ui';

export const UI_GLOBAL = '__bilingualReaderUi';

export interface ReaderUiModule {
  createTermUi(ctx: ContentScriptContext, write: (fn: () => void) => void, events: TermUiEvents): TermUi;
}

export function loadedUiModule(): ReaderUiModule | null {
  const m = (globalThis as Record<string, unknown>)[UI_GLOBAL] as ReaderUiModule | undefined;
  return m && typeof m.createTermUi === 'function' ? m : null;
}
