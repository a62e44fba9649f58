// What the scanner reports goes to the popover, the viewport's moves to the switcher: the one place
// where input scanning meets what it opens (the scanner itself knows nothing of either, as Yomitan
// keeps its TextScanner apart from its popup). DOM code, no state of its own.
import { browser } from 'wxt/browser';
import type { Annotator } from './annotations';
import type { GlossarySession } from './glossary-session';
import type { PagePopover } from './popover';
import type { TermScanner } from './scanner';
import type { ScriptSwitcher } from './script-switcher';
import type { WordLookup } from './word-lookup';

/** What the wiring asks of the reader as it goes (each may change while the page is read). */
export interface WiringHost {
  session(): GlossarySession | null;
  annotator(): Annotator | null;
  /** the switch key: the page in the other script */
  toggleScript(): void;
}

export function wireScanner(parts: { scanner: TermScanner; popover: PagePopover; switcher: ScriptSwitcher; words: WordLookup }, host: WiringHost): void {
  const { scanner, popover, switcher, words } = parts;
  // Glossary terms first: a term under the caret wins over the dictionary word there.
  scanner.addSource((block, offset, x, y) => host.session()?.termAt(block, offset, x, y) ?? null);
  scanner.addSource(words.wordAt);
  scanner.on('lookup', ({ hit, focus }) => void popover.open(hit, focus));
  scanner.on('popover-key', (key) => popover.popoverKey(key));
  scanner.on('pointer-stay', () => popover.cancelClose());
  scanner.on('pointer-away', () => popover.scheduleClose());
  scanner.on('scroll', () => {
    popover.hideUnpinned();
    switcher.viewportMoved();
  });
  scanner.on('escape', () => popover.dismiss());
  scanner.on('selection', (sel) => void popover.select(sel));
  scanner.on('tap', ({ x, y }) => {
    // A highlight under the click opens its card; otherwise a click may look up a term.
    const h = host.annotator()?.at(x, y);
    if (h && document.getSelection()?.isCollapsed) void popover.openCard(h.id, false);
    else if (!scanner.lookUpAt(x, y)) popover.hideUnpinned();
  });
  scanner.on('cursor', ({ occurrence, index, total }) => {
    const text = host.session()?.showCursor(occurrence);
    if (text !== undefined) popover.announceMove(browser.i18n.getMessage('termCursor', [String(index + 1), String(total), text]));
  });
  scanner.on('command', (c) => {
    if (c === 'highlight-selection') void popover.highlightSelection('yellow', false);
    else host.toggleScript();
  });
}
