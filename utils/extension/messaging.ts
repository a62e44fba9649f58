// The one way to ask another context something. The reply is checked against the protocol
// (REPLY_CHECKS) before anyone reads it, so callers get a typed answer or an error, never `unknown`.
import { browser } from 'wxt/browser';
import type { MessageOf, MessageType, Reply } from '@/utils/core/messages';
import { REPLY_CHECKS } from '@/utils/core/replies';

export class BadReply extends Error {
  constructor(type: MessageType) {
    super(`no valid answer to ${type}`);
  }
}

function checked<T extends MessageType>(type: T, res: unknown): Reply<T> {
  if (!REPLY_CHECKS[type](res)) throw new BadReply(type);
  return res as Reply<T>;
}

/** To the background (or the extension's pages). */
export async function send<T extends MessageType>(msg: MessageOf<T>): Promise<Reply<T>> {
  return checked(msg.type as T, await browser.runtime.sendMessage(msg));
}

/** To the content script of a tab. */
export async function sendToTab<T extends MessageType>(tabId: number, msg: MessageOf<T>, frameId?: number): Promise<Reply<T>> {
  return checked(msg.type as T, await (frameId === undefined ? browser.tabs.sendMessage(tabId, msg) : browser.tabs.sendMessage(tabId, msg, { frameId })));
}

/** The frame of a tab that holds its report (the reader runs in every frame), as the background knows it. */
export async function reportFrame(tabId: number): Promise<number> {
  return send({ type: 'get-report-frame', tabId }).catch(() => 0);
}

/**
 * To the frame holding the tab's report, not whichever frame answers first; to the top frame when
 * that frame is gone (its page replaced it).
 */
export async function sendToReport<T extends MessageType>(tabId: number, msg: MessageOf<T>): Promise<Reply<T>> {
  const frameId = await reportFrame(tabId);
  if (frameId === 0) return sendToTab(tabId, msg, 0);
  return sendToTab(tabId, msg, frameId).catch(() => sendToTab(tabId, msg, 0));
}
