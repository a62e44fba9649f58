// The context menu's items and what a click on one asks for. Pure: the background creates the items
// and carries out the action (entrypoints/background.ts).
import { isScriptMode, SCRIPT_MODES, scriptLabelKey, type ScriptMode } from '@/utils/core/convert/modes';

/** The pages the content script runs on (entrypoints/reader.content/index.ts): the script items make sense there only. */
export const READER_PAGES = ['http://*/*', 'https://*/*'];
/** What is taken of a selection to add as a term. */
const TERM_MAX = 40;

type MenuContext = 'selection' | 'page' | 'frame';

export interface MenuItem {
  id: string;
  parentId?: string;
  /** an i18n message key; `%s` (the selection) is its substitution */
  titleKey: string;
  contexts: [MenuContext, ...MenuContext[]];
  documentUrlPatterns?: string[];
}

export function menuItems(): MenuItem[] {
  // 'frame' too: a report in an iframe (a viewer page around it) is right-clicked inside the frame.
  const page = { contexts: ['page', 'frame'] as MenuItem['contexts'], documentUrlPatterns: [...READER_PAGES] };
  return [
    { id: 'add-term', titleKey: 'menuAddTerm', contexts: ['selection'] },
    { id: 'script', titleKey: 'menuScript', ...page },
    ...SCRIPT_MODES.map((mode) => ({ id: `script:${mode}`, parentId: 'script', titleKey: scriptLabelKey(mode), ...page })),
  ];
}

/** `frameId`: the frame right-clicked (0, the top frame, when the browser does not say). */
export type MenuAction = { kind: 'add-term'; text: string } | { kind: 'set-script'; tabId: number; frameId: number; mode: ScriptMode } | null;

/** What a click on `menuItemId` asks for; null when there is nothing to do (an empty selection, no tab). */
export function menuAction(menuItemId: string | number, selectionText: string | undefined, tabId: number | undefined, frameId?: number): MenuAction {
  const id = String(menuItemId);
  if (id === 'add-term') {
    const text = (selectionText ?? '').trim().slice(0, TERM_MAX);
    return text ? { kind: 'add-term', text } : null;
  }
  const mode = id.startsWith('script:') ? id.slice('script:'.length) : '';
  return isScriptMode(mode) && tabId !== undefined ? { kind: 'set-script', tabId, frameId: frameId ?? 0, mode } : null;
}

/**
 * The frames a script chosen in the menu is asked of: the top frame, the frame right-clicked, and
 * every frame that has reported its status (a frame with Han text reports it, even in an English
 * page). Each answers for itself: it converts, or says it offers no switch.
 */
export function scriptTargets(reported: readonly number[], clicked: number): number[] {
  return [...new Set([0, clicked, ...reported])].sort((a, b) => a - b);
}

/**
 * True when no frame took the switch: each said it offers none (false) or could not be reached (no
 * reader there, or the frame is gone). A frame that took it and failed has said why itself.
 */
export function noFrameSwitched(answers: readonly PromiseSettledResult<unknown>[]): boolean {
  return answers.every((a) => a.status === 'rejected' || a.value === false);
}
