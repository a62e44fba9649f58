// TermScanner's hover: where the pointer rests is decided in the next frame, from what is true then.
import { describe, expect, it, vi } from 'vitest';
import { TermScanner, type LookupHit, type ScannerHost } from '@/entrypoints/reader.content/scanner';
import { PageTextModel } from '@/utils/dom/text/model';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const HIT: LookupHit = { kind: 'term', entry: 3, blockId: 1, start: 4, end: 7, caret: 5 };

function scanner(uiAtPoint: boolean) {
  const host: ScannerHost = {
    active: () => true,
    settings: () => ({ hover: true, hoverDelayMs: 20, click: false, lookupAny: 'off' }),
    owns: () => false,
    ownsPoint: () => uiAtPoint,
    occurrences: () => [],
    popoverOpen: () => uiAtPoint,
  };
  const s = new TermScanner({} as ContentScriptContext, new PageTextModel(document), host);
  // What the sources find under the point (hit-testing itself needs a laid-out page: e2e tests).
  s.hitAt = () => HIT;
  const events: string[] = [];
  s.on('lookup', (e) => events.push(`lookup ${e.hit.start}`));
  s.on('pointer-stay', () => events.push('stay'));
  s.on('pointer-away', () => events.push('away'));
  /** A pointer move, as onPointerMove passes it on: at (x, y), now, in our popover or not. */
  const move = (inPopover: boolean) => (s as unknown as { rest(x: number, y: number, since: number, modifier: boolean, inPopover: boolean): void }).rest(10, 10, performance.now(), false, inPopover);
  return { s, events, move };
}

describe('TermScanner hover', () => {
  it.each([
    ['still there in the next frame', true],
    ['closed by the next frame for another reason than a scroll (a toolbar button chosen)', false],
  ])('a move over our UI (popover, card, toolbar), %s, keeps what is open and looks nothing up', async (_, uiStillThere) => {
    const { events, move } = scanner(uiStillThere);
    move(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(events).toEqual(['stay']);
  });
  it('a move made over the popover that a scroll closed before the next frame looks up what the pointer is over now', async () => {
    const { s: scan, events, move } = scanner(false);
    move(true);
    // The scroll event comes in the frame, before the frame's callbacks; it closes the popover.
    (scan as unknown as { onScroll(): void }).onScroll();
    await vi.waitFor(() => expect(events).toEqual(['lookup 4']), { timeout: 1000 });
  });
  it('a move over a term opens it after the hover delay', async () => {
    const { events, move } = scanner(false);
    move(false);
    await vi.waitFor(() => expect(events).toEqual(['lookup 4']), { timeout: 1000 });
  });
});
