// The page UI (popover, selection toolbar): Vue and floating-ui, about 100 KB. Injected by the
// background into the content script's world only when the reader is on, so the script that runs
// on every page stays small. It hands its factory over on a global of that isolated world.
import { TermUi } from '@/components/page/term-ui';
import { UI_GLOBAL, type ReaderUiModule } from '@/components/page/ui-port';

export default defineUnlistedScript(() => {
  const mod: ReaderUiModule = { createTermUi: (ctx, write, events) => new TermUi(ctx, write, events) };
  (globalThis as Record<string, unknown>)[UI_GLOBAL] = mod;
});
