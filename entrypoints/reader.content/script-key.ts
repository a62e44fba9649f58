// Alt+Shift+S on pages with Han text where the reader itself is off (where it is on, the scanner has
// the key). Only the reader's own key press counts: a page can dispatch a synthetic one.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export function listenScriptKey(ctx: ContentScriptContext, wanted: () => boolean, toggle: () => void): void {
  const onKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted || !(e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyS') || !wanted()) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    toggle();
  };
  document.addEventListener('keydown', onKey, true);
  ctx.onInvalidated(() => document.removeEventListener('keydown', onKey, true));
}
