// A script chosen in the context menu: asked of each frame of the tab that may hold Chinese text
// (the reader runs in every frame, and each converts its own); when none could take it, the frame
// right-clicked says why on the page, instead of the click doing nothing. Extension-API code: it
// sends to the tab's frames.
import type { ScriptMode } from '@/utils/core/convert/modes';
import type { MessageOf } from '@/utils/core/messages';
import { noFrameSwitched, scriptTargets } from '@/utils/core/reader/menus';
import { sendToTab } from '@/utils/extension/messaging';

export interface MenuScriptDeps {
  /** the ids of the tab's frames that have reported their status */
  reportedFrames(tabId: number): Promise<number[]>;
  send(tabId: number, msg: MessageOf<'set-script'> | MessageOf<'script-unavailable'>, frameId: number): Promise<unknown>;
}

const defaultSend: MenuScriptDeps['send'] = (tabId, msg, frameId) => sendToTab(tabId, msg, frameId);

/** Resolves true if a frame took the switch, false if the page was told why none could. */
export async function scriptFromMenu(
  action: { tabId: number; frameId: number; mode: ScriptMode },
  deps: Pick<MenuScriptDeps, 'reportedFrames'> & Partial<MenuScriptDeps>,
): Promise<boolean> {
  const send = deps.send ?? defaultSend;
  const reported = await deps.reportedFrames(action.tabId).catch(() => []);
  const frames = scriptTargets(reported, action.frameId);
  // `tell`: a frame that fails says so on the page (there is no popup to say it).
  const answers = await Promise.allSettled(frames.map((f) => send(action.tabId, { type: 'set-script', mode: action.mode, tell: true }, f)));
  if (!noFrameSwitched(answers)) return true;
  await send(action.tabId, { type: 'script-unavailable' }, action.frameId).catch(() => false);
  return false;
}
